using System.Security.Cryptography;
using System.Text;
using GanSharp.Data;
using GanSharp.Data.Sets;
using GanSharp.Data.Sources;

namespace GanSharp.Features;

/// <summary>
/// Feature networks of image folders: `gan features train --data FOLDER` keeps each one in the data
/// folder's `features/` under a name made of the image folder's path, channels and side, and
/// `gan eval` of a run on that folder finds it there. A folder may live on a read-only disk (the
/// Debian data sets do), so nothing is written into it.
/// </summary>
public static class FeatureStore
{
    /// <summary>Images of a folder set aside to measure the network; the rest train it.</summary>
    public const double HeldOut = 0.2;

    /// <summary>{root}/{shelf}/{folder name}-{hash of its full path}-{channels}x{side}.bin (shelves: features, text matchers).</summary>
    public static string PathFor(string imageFolder, int channels, int side, string? dataRoot = null, string shelf = "features")
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(imageFolder));
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..10].ToLowerInvariant();
        return Path.Combine(dataRoot ?? DataSetCatalogue.DefaultRoot(), shelf, $"{Path.GetFileName(full)}-{hash}-{channels}x{side}.bin");
    }

    /// <summary>
    /// Trains a network on the folder's labels (<see cref="FeatureTask.Labels"/>, with
    /// <see cref="ImageFolderOptions.Labels"/>) or on rotations, on 80% of the images, measured on the
    /// other 20% (split by <paramref name="seed"/>), and saves it to <paramref name="output"/>.
    /// </summary>
    public static FeatureNetworkTraining.Provenance TrainForFolder(string imageFolder, ImageFolderOptions options, int epochs, long seed, string command, string output, Action<string> progress)
    {
        using var folder = ImageFolder.Load(imageFolder, options);
        var task = options.Labels ? FeatureTask.Labels : FeatureTask.Rotation;
        progress($"data: {folder.Description}; task: {(task == FeatureTask.Labels ? $"its {folder.ClassNames!.Count} classes" : "which of four rotations each image has (no labels)")}");
        var (train, test) = SubsetSource.Split(folder, HeldOut, seed);
        using (train)
        using (test)
        {
            var (net, info) = FeatureNetworkTraining.Train(train, test, task, epochs, seed, command, progress);
            info = info with { Data = folder.Description, ClassNames = folder.ClassNames };
            FeatureNetworkTraining.Save(net, info, output);
            net.Dispose();
            return info;
        }
    }

    /// <summary>The stored network for a folder at this channels and side, or an error that says how to train it.</summary>
    public static string Find(string imageFolder, int channels, int side, string trainCommand, string? dataRoot = null)
    {
        string path = PathFor(imageFolder, channels, side, dataRoot);
        return File.Exists(path) ? path
            : throw new GanSharpException($"no feature network for {imageFolder} at {(channels == 1 ? "grey" : "RGB")} {side}×{side} yet (looked for {path}); train one first: {trainCommand}");
    }

    /// <summary>
    /// The stored network for the images a run makes — the folder of its targets (--data-b of
    /// by-name pairs and unpaired domains), else its --data folder — at this channels and side, or an
    /// error with the command that trains it.
    /// </summary>
    public static string FindFor(Training.TrainerOptions trainer, int channels, int side)
    {
        var (folder, data) = trainer.Pairs is "by-name" or "unpaired" && trainer.DataB is string b ? (b, b) : (trainer.ImageFolderPath(), trainer.Data!);
        return Find(folder, channels, side,
            $"gan features train --data {data} --resolution {side} --channels {channels}{(trainer.Labels == "folders" ? " --labels folders" : "")}");
    }
}
