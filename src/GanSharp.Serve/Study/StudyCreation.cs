using GanSharp.Imaging;
using GanSharp.Recipes;
using GanSharp.Runtime;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Serve.Study;

/// <summary>
/// `gan study create`: for each run, <c>images</c> samples of its last checkpoint (of random classes
/// for a class-conditional run, so results come per class) and as many real images of its own data
/// as its networks saw them, each stored as a PNG at the run's resolution.
/// </summary>
public static class StudyCreation
{
    public static StudyInfo Create(RunsFolder runs, IReadOnlyList<string> runFolders, string name, string mode, double seconds, int images, long seed, Action<string> progress)
    {
        if (runFolders.Count == 0) throw new GanSharpException("name one or more run folders to study");
        if (images is < 1 or > 10_000) throw new GanSharpException($"--images must be between 1 and 10,000 per run, got {images}");
        StudyStore.CheckOptions(name, mode, seconds);
        var named = runFolders.Distinct().Select(folder => (Folder: folder, Name: RunNameIn(runs, folder))).ToList();   // every run checked before the studies file is touched
        var store = StudyStore.In(runs.Root);
        if (store.Find(name) is not null) throw new GanSharpException($"{store.Path} already has a study named {name}: pick another --name");
        var studyRuns = new List<StudyRun>();
        var all = new List<StudyImage>();
        foreach (var (folder, runName) in named)
        {
            using var sampler = new RunSampler(folder);
            var (generated, labels) = Generate(sampler, images, seed);
            var (real, classNames) = RunRealImages.Draw(sampler.Config, images, seed);
            all.AddRange(Pngs(runName, generated, labels, real: false));
            all.AddRange(Pngs(runName, real.X, real.Labels, real: true));
            studyRuns.Add(new StudyRun(runName, sampler.Step, classNames));
            progress($"{runName}: {generated.shape[0]:N0} samples at step {sampler.Step:N0} and {real.X.shape[0]:N0} real images of {sampler.Config.DataSource}");
            generated.Dispose();
            real.X.Dispose();
        }
        return store.Create(name, mode, seconds, studyRuns, all, new Random(unchecked((int)seed)));
    }

    /// <summary>The run's folder name, when it lies directly in the runs folder the server shows (else an error saying so).</summary>
    private static string RunNameIn(RunsFolder runs, string folder)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var name = Path.GetFileName(full);
        if (runs.Run(name) is not { } run || Path.GetFullPath(run.Root) != full && new DirectoryInfo(full).ResolveLinkTarget(true)?.FullName != run.Root)
            throw new GanSharpException($"{folder} is not a run folder directly in --runs {runs.Root}: a study shows runs of the folder gan serve serves");
        return name;
    }

    /// <summary>n samples, with the classes drawn for them when the run is conditioned on its data's classes.</summary>
    private static (Tensor Images, Tensor? Labels) Generate(RunSampler sampler, int n, long seed)
    {
        using var scope = NewDisposeScope();
        if (RecipeCapabilities.Conditional(sampler.Recipe) is { NeedsLabels: true, Code.Categories: > 0 } conditional)
        {
            using var g = Seeding.Generator(seed, "study");
            var labels = randint(conditional.Code.Categories, new long[] { n }, generator: g, dtype: ScalarType.Int64);
            var z = conditional.Noise(n, g).narrow(1, 0, conditional.LatentSize);
            var images = sampler.SampleLatents(conditional.Latent(z, labels));
            return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
        }
        return (sampler.Sample(n, seed).MoveToOuterDisposeScope(), null);
    }

    private static IEnumerable<StudyImage> Pngs(string run, Tensor images, Tensor? labels, bool real)
    {
        var classes = labels?.to_type(ScalarType.Int64).data<long>().ToArray();
        for (long i = 0; i < images.shape[0]; i++)
            yield return new StudyImage(run, real, classes is null ? null : (int)classes[i], ImageGrid.EncodePng(images.narrow(0, i, 1), columns: 1, padding: 0));
    }
}
