using GanSharp.Data;
using GanSharp.Recipes;
using GanSharp.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Training;

public sealed class TrainerTests
{
    /// <summary>A recipe whose loss becomes NaN at a chosen step; it trains one real parameter.</summary>
    private sealed class NanAt : IRecipe
    {
        private readonly long nanStep;
        private readonly nn.Module<Tensor, Tensor> net;
        private readonly TorchSharp.Modules.OptimizerHelper opt;
        private long step;

        public NanAt(long nanStep)
        {
            this.nanStep = nanStep;
            net = State.Network("net", nn.Linear(1, 1));
            opt = State.Optimizer("net", p => optim.SGD(p, 0.1), net).Optimizer;
        }

        public StepLog Step(IBatches data, bool detailed)
        {
            step++;
            var loss = net.forward(ones(1, 1)).sum();
            opt.zero_grad();
            loss.backward();
            opt.step();
            return new StepLog { ["loss/d"] = step == nanStep ? double.NaN : loss.item<float>() };
        }

        public Tensor Sample(Tensor z) => z;
        public IReadOnlyList<GanSharp.Runtime.ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => Array.Empty<GanSharp.Runtime.ConvolutionCheck.Subject>();
        public Tensor Noise(long n, Generator generator) => zeros(n, 1);
        public long ImagesPerStep => 1;
        public long StepsDone { get; set; }
        public GanSharp.Recipes.Kit.RecipeState State { get; } = new(0, CPU);
        public void Dispose() => State.Dispose();
    }

    [Fact]
    public void NanLoss_StopsTheRun_KeepsTheLastGoodCheckpoint_AndSaysSo()
    {
        using var tmp = TestSetup.Temp();
        var dir = new RunDirectory(tmp.File("run")).Create();
        var messages = new List<string>();
        using var log = new RunLog(null, messages.Add);
        using var recipe = new NanAt(nanStep: 5);
        using var ds = new ImageDataset(zeros(4, 1, 1, 1), zeros(4, dtype: ScalarType.Int64), "zeros");
        using var data = new BatchSampler(ds, 1, 0, CPU);
        var state = new TrainingState { Directory = dir, Recipe = recipe, Log = log, TotalSteps = 10 };

        var outcome = new Trainer(checkpointEvery: 2, Array.Empty<ITrainingCallback>()).Run(state, data);

        Assert.Equal(TrainingOutcome.Diverged, outcome);
        Assert.Equal(5, state.Step);
        Assert.Equal(4, Checkpoint.Load(dir.LastCheckpoint, recipe).Step);
        var message = Assert.Single(messages);
        Assert.Contains("loss/d is NaN", message);
        Assert.Contains("step 4", message);
    }

    [Fact]
    public void Cancellation_SavesACheckpointAtTheCurrentStep()
    {
        using var tmp = TestSetup.Temp();
        var dir = new RunDirectory(tmp.File("run")).Create();
        using var log = new RunLog(null, _ => { });
        using var recipe = new NanAt(nanStep: -1);
        using var ds = new ImageDataset(zeros(4, 1, 1, 1), zeros(4, dtype: ScalarType.Int64), "zeros");
        using var data = new BatchSampler(ds, 1, 0, CPU);
        using var cancel = new CancellationTokenSource();
        var state = new TrainingState { Directory = dir, Recipe = recipe, Log = log, TotalSteps = 100 };
        var stopper = new CancelAt(3, cancel);

        var outcome = new Trainer(checkpointEvery: 50, new[] { stopper }).Run(state, data, cancel.Token);

        Assert.Equal(TrainingOutcome.Cancelled, outcome);
        Assert.Equal(3, Checkpoint.Load(dir.LastCheckpoint, recipe).Step);
    }

    private sealed class CancelAt(long step, CancellationTokenSource source) : ITrainingCallback
    {
        public void OnStep(TrainingState state, StepLog log)
        {
            if (state.Step == step) source.Cancel();
        }
    }
}
