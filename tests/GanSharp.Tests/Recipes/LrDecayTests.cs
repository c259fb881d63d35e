using GanSharp.Recipes;
using GanSharp.Tests.Training;
using GanSharp.Training;
using Xunit;

namespace GanSharp.Tests.Recipes;

public sealed class LrDecayTests
{
    private static readonly GanOptions Toy = Families.DefaultsOf<GanSharp.Recipes.ToyOptions>("toy") with { Width = 8, BatchSize = 16, LrG = 1e-3, LrD = 2e-3, LrDecay = "linear" };
    private static TrainerOptions Trainer(long steps) => new() { Steps = steps, Dataset = "toy:ring", Seed = 5, LogEvery = 1, SampleEvery = 1000, CheckpointEvery = 2 };

    [Fact]
    public void LinearDecay_SetsBothRatesTo_1MinusTOverT()
    {
        using var tmp = TestSetup.Temp();
        using var s = TrainingSession.Create(Toy, Trainer(8), new RunDirectory(tmp.File("a")), _ => { });
        s.Train(Array.Empty<ITrainingCallback>(), cancel: default);
        // The last step (t = 7 of T = 8) ran with factor 1 − 7/8.
        double Lr(int part) => s.Recipe.State.Optimizers[part].Optimizer.ParamGroups.First().LearningRate;
        Assert.Equal(1e-3 / 8, Lr(0), 12);
        Assert.Equal(2e-3 / 8, Lr(1), 12);
        Assert.Contains("\"lr/factor\":0.125", File.ReadAllText(tmp.File("a/metrics.jsonl")));
    }

    [Fact]
    public void LinearDecay_AppliesToConditionalRecipesToo()
    {
        using var tmp = TestSetup.Temp();
        var cgan = Families.DefaultsOf<GanSharp.Recipes.ConditionalOptions>("cgan-mlp") with { Width = 16, BatchSize = 16, LrG = 4e-4, LrDecay = "linear" };
        using var s = TinyRuns.Start(tmp, "c", cgan, TinyRuns.Trainer(4));
        s.Train(Array.Empty<ITrainingCallback>());
        Assert.IsType<ConditionalGan>(s.Recipe);
        Assert.Equal(4e-4 / 4, s.Recipe.State.Optimizers[0].Optimizer.ParamGroups.First().LearningRate, 12);   // t = 3 of T = 4
    }

    [Fact]
    public void DecayingRun_ResumesBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        float[] straight;
        using (var s = TrainingSession.Create(Toy, Trainer(6), new RunDirectory(tmp.File("a")), _ => { }))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            straight = TinyRuns.Weights(s.Recipe);
        }
        using (var s = TrainingSession.Create(Toy, Trainer(6), new RunDirectory(tmp.File("b")), _ => { }))
            TinyRuns.TrainAndStopAt(s, 4);
        using var resumed = TrainingSession.Resume(tmp.File("b"), _ => { });
        resumed.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
    }

    [Fact]
    public void Decay_IsNoFlagOfTheAutoencoderFamilies_WhoseControlAssumesAFixedRate()
    {
        foreach (var family in new[] { "began", "ebgan" })
            Assert.DoesNotContain("--lr-decay", FlagProperty.Of(Families.Named(family).OptionsType).Select(f => f.Name));
        Assert.Equal(GanSharp.Cli.ExitCode.UsageError, GanSharp.Cli.GanCli.Run(new[] { "train", "began", "--lr-decay", "linear" }, new StringWriter(), new StringWriter()));
    }
}
