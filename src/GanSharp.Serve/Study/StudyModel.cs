namespace GanSharp.Serve.Study;

/// <summary>How a trial asks: one image, real or fake (HYPE∞'s task), or two side by side, which is real.</summary>
public static class StudyModes
{
    public const string Single = "single", Pair = "pair";
    public static readonly IReadOnlyList<string> All = new[] { Single, Pair };

    /// <summary>The answers a trial of <paramref name="mode"/> takes.</summary>
    public static IReadOnlyList<string> Answers(string mode) => mode == Pair ? new[] { "left", "right" } : new[] { "real", "fake" };
}

/// <summary>A study: its runs (folder names in the runs folder), how trials ask, and how long an image stays (0: until answered).</summary>
public sealed record StudyInfo(long Id, string Name, string Mode, double Seconds, DateTimeOffset Created, IReadOnlyList<StudyRun> Runs, int Images);

/// <summary>A run of a study, at the checkpoint step its images came from, with its class names when the data names them.</summary>
public sealed record StudyRun(string Run, long Step, IReadOnlyList<string>? ClassNames);

/// <summary>An image to show: from <see cref="Run"/>, real (its data) or generated, with the class when known, as PNG.</summary>
public sealed record StudyImage(string Run, bool Real, int? Label, byte[] Png);

/// <summary>A trial as the rater's page gets it: the image ids to show (one, or left and right), never which is real.</summary>
public sealed record Trial(long Id, IReadOnlyList<long> Images, string Mode, double Seconds, IReadOnlyList<string> Answers, int Done, int Total);

/// <summary>One answered trial, with its truth: what results and the CSV export are computed from.</summary>
public sealed record Rating(long Trial, string Rater, string Run, long Image, bool ImageIsReal, int? Label, long? Other,
    string Truth, string Answer, int Millis, DateTimeOffset Answered)
{
    public bool Correct => Answer == Truth;

    /// <summary>The generated image fooled the rater: called real (single), or picked as the real one of the pair.</summary>
    public bool Fooled => !Correct && (Other is not null || !ImageIsReal);
}

/// <summary>What became of an answer.</summary>
public enum AnswerOutcome { Recorded, NoSuchTrial, AlreadyAnswered, NotAnAnswer }
