namespace GanSharp.Training;

/// <summary>The files of one run (layout in DESIGN.md); creating it makes the folders.</summary>
public sealed record RunDirectory(string Root)
{
    public string Config => Path.Combine(Root, "config.json");
    public string Metrics => Path.Combine(Root, "metrics.jsonl");
    public string Samples => Path.Combine(Root, "samples");
    public string LossPlot => Path.Combine(Root, "losses.png");
    /// <summary>The sample pictures of the run as one looping animation (toy runs).</summary>
    public string Animation => Path.Combine(Root, "training.gif");
    public string Checkpoints => Path.Combine(Root, "checkpoints");
    public string LastCheckpoint => Path.Combine(Checkpoints, "last.ckpt");
    public string PreviousCheckpoint => Path.Combine(Checkpoints, "previous.ckpt");
    public string BestCheckpoint => Path.Combine(Checkpoints, "best.ckpt");
    public string Log => Path.Combine(Root, "train.log");
    public string SampleGrid(long step) => Path.Combine(Samples, $"step-{step:D6}.png");

    public RunDirectory Create()
    {
        Directory.CreateDirectory(Samples);
        Directory.CreateDirectory(Checkpoints);
        return this;
    }

    /// <summary>A new folder under <paramref name="parent"/> named family-yyyyMMdd-HHmmss (with a suffix if taken).</summary>
    public static RunDirectory NewUnder(string parent, string family)
    {
        var stem = Path.Combine(parent, $"{family}-{DateTime.Now:yyyyMMdd-HHmmss}");
        var path = stem;
        for (int i = 2; Directory.Exists(path); i++) path = $"{stem}-{i}";
        return new RunDirectory(path).Create();
    }
}
