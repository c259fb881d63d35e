using System.Text.Json;
using GanSharp.Data;
using GanSharp.Data.Voxels;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Features;

/// <summary>
/// Trains the voxel classifier of shape metrics and keeps it where `gan eval` of voxel runs looks:
/// {data root}/features/voxels-{data}-{side}.bin with its provenance beside it as JSON.
/// </summary>
public static class VoxelClassifierTraining
{
    public sealed record Provenance(string Command, long Seed, int Epochs, double TestAccuracy, long TrainShapes, long TestShapes, string Data, int Side, IReadOnlyList<string> ClassNames);

    public static string PathFor(string data, int side, string? dataRoot = null) =>
        Path.Combine(dataRoot ?? Data.Sets.DataSetCatalogue.DefaultRoot(), "features", $"voxels-{data}-{side}.bin");

    /// <summary>The stored classifier for this data and side, or an error with the command that trains it.</summary>
    public static string Find(string data, int side)
    {
        string path = PathFor(data, side);
        return File.Exists(path) ? path
            : throw new GanSharpException($"no voxel classifier for --data {data} at {side}³ yet (looked for {path}); train one first: gan features train --data {data} --resolution {side}");
    }

    /// <summary>The classifier a voxel run on <paramref name="data"/> at <paramref name="side"/>³ is measured in: <paramref name="features"/> when given, else the stored one.</summary>
    public static (VoxelClassifier Network, Provenance Info, string Description) LoadFor(string data, int side, string? features) =>
        Load(features ?? Find(data, side));

    /// <summary>Adam 1e-3 with cosine decay, batches of 32 turned by <see cref="QuarterTurns"/> (the classes do not depend on the turn).</summary>
    public static (VoxelClassifier Network, Provenance Info) Train(IDataSource train, IDataSource test, IReadOnlyList<string> classNames, int epochs, long seed, string command, Action<string> progress)
    {
        if (train.Shape.Modality != Modality.Voxels) throw new GanSharpException($"{train.Description}: a voxel classifier trains on voxel grids");
        Seeding.SeedGlobal(seed);
        var net = new VoxelClassifier(train.Shape.Size[0], classNames.Count);
        using var shuffle = Seeding.Generator(seed, "voxel-classifier");
        const int batch = 32;
        if (train.Count < batch) throw new GanSharpException($"{train.Description}: {train.Count} shapes; a voxel classifier needs at least {batch}");
        var turns = new QuarterTurns();
        SupervisedEpochs.Run(net, train, batch, epochs, shuffle,
            (read, g) => { var turned = turns.Apply(read, g); return nn.functional.cross_entropy(net.forward(turned.X), turned.RequireLabels("a voxel classifier")); },
            (epoch, loss) => progress($"epoch {epoch}/{epochs}: training loss {loss:F4}, test accuracy {Accuracy(net, test):P2}"),
            (b, loss) => progress($"batch {b}/{train.Count / batch}: training loss {loss:F4}"));
        var info = new Provenance(command, seed, epochs, Accuracy(net, test), train.Count, test.Count, train.Description, net.Side, classNames);
        return (net, info);
    }

    /// <summary>Share of shapes whose most probable class is their own.</summary>
    public static double Accuracy(VoxelClassifier net, IDataSource data)
    {
        long right = 0;
        for (long start = 0; start < data.Count; start += 250)
        {
            using var scope = NewDisposeScope();
            var read = data.Read(arange(start, Math.Min(start + 250, data.Count), dtype: ScalarType.Int64));
            var (_, p) = net.Extract(read.X);
            right += p.argmax(1).eq(read.RequireLabels("a voxel classifier")).sum().item<long>();
        }
        return data.Count == 0 ? double.NaN : (double)right / data.Count;
    }

    public static void Save(VoxelClassifier net, Provenance info, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Write(path, s => { using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true); net.save(w); });
        AtomicFile.WriteAllText(Path.ChangeExtension(path, ".json"), JsonSerializer.Serialize(info, FeatureNetworks.Json));
    }

    /// <summary>A stored classifier and the sentence that names it in reports.</summary>
    public static (VoxelClassifier Network, Provenance Info, string Description) Load(string path)
    {
        if (!File.Exists(path)) throw new GanSharpException($"{path}: voxel-classifier weights not found");
        string meta = Path.ChangeExtension(path, ".json");
        Provenance info;
        try
        {
            info = JsonSerializer.Deserialize<Provenance>(File.ReadAllText(meta), FeatureNetworks.Json) ?? throw new JsonException("null");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new GanSharpException($"{meta}: not the provenance of a voxel classifier ({e.Message})", e);
        }
        var net = new VoxelClassifier(info.Side, info.ClassNames.Count);
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            net.load(reader);
        }
        catch (Exception e) when (e is not GanSharpException)
        {
            throw new GanSharpException($"{path}: not a voxel classifier of {info.Side}³ and {info.ClassNames.Count} classes ({e.Message})", e);
        }
        string description = $"voxel classifier {path} ({VoxelClassifier.Size}-d features of {info.Side}³ grids, {info.ClassNames.Count} classes, " +
                             $"{info.TestAccuracy:P1} test accuracy on {info.TestShapes:N0} held-out shapes, trained by '{info.Command}', seed {info.Seed})";
        return (net, info, description);
    }
}
