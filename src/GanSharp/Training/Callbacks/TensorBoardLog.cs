using GanSharp.Recipes;
using TorchSharp;
using TorchSharp.Modules;

namespace GanSharp.Training.Callbacks;

/// <summary>A TensorBoard event file (events.out.tfevents.*) in the run folder with every logged number.</summary>
public sealed class TensorBoardLog(string folder) : ITrainingCallback
{
    private SummaryWriter? writer;

    public void OnStart(TrainingState state) => writer = torch.utils.tensorboard.SummaryWriter(folder);

    public void OnStep(TrainingState state, StepLog log)
    {
        int step = (int)Math.Min(state.Step, int.MaxValue);
        foreach (var (key, value) in log) writer!.add_scalar(key, (float)value, step);
        writer!.add_scalar("images_per_s", (float)state.ImagesPerSecond, step);
    }
}
