using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanSharp.Features;

/// <summary>
/// Loads a feature network: a weights file with its provenance JSON beside it (what it reads, how
/// it was trained), or by default the Fashion-MNIST one trained by GanSharp and embedded in this assembly.
/// </summary>
public static class FeatureNetworks
{
    private const string Resource = "feature-network/fashion-mnist-cnn.bin";

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>The network and a sentence that names it in every report.</summary>
    public static (FeatureNetwork Network, string Description) Load(string? path = null)
    {
        if (path is not null)
        {
            var (net, description, _) = LoadFile(path);
            return (net, description);
        }
        var asm = typeof(FeatureNetworks).Assembly;
        using var stream = asm.GetManifestResourceStream(Resource)
            ?? throw new GanSharpException("no feature network is embedded in this build; train one with 'gan features train' and pass it with --features");
        var embedded = new FeatureNetwork();
        LoadInto(embedded, stream, "embedded feature network");
        using var metaStream = asm.GetManifestResourceStream("feature-network/fashion-mnist-cnn.json");
        var embeddedInfo = metaStream is null ? null : JsonSerializer.Deserialize<FeatureNetworkTraining.Provenance>(metaStream, Json);
        return (embedded, embeddedInfo is null ? "GanSharp's Fashion-MNIST CNN" : Describe("GanSharp's Fashion-MNIST CNN", embeddedInfo));
    }

    /// <summary>A weights file, what it reads (from the provenance beside it; Fashion-MNIST without one), and that provenance.</summary>
    public static (FeatureNetwork Network, string Description, FeatureNetworkTraining.Provenance? Info) LoadFile(string path)
    {
        if (!File.Exists(path)) throw new GanSharpException($"{path}: feature-network weights not found");
        string meta = Path.ChangeExtension(path, ".json");
        var info = File.Exists(meta) ? ReadProvenance(File.ReadAllText(meta), meta) : null;
        var net = new FeatureNetwork(info?.Input ?? FeatureInput.FashionMnist);
        using var file = File.OpenRead(path);
        LoadInto(net, file, path);
        return (net, info is null ? $"feature network {Path.GetFileName(path)}" : Describe($"feature network {path}", info), info);
    }

    /// <summary>"NAME (128-d features of grey 28×28, 10 classes, 93.9% test accuracy, trained by '…', seed 0)".</summary>
    public static string Describe(string name, FeatureNetworkTraining.Provenance info) =>
        $"{name} ({FeatureNetwork.Size}-d features of {info.Input}{(info.Task == FeatureTask.Rotation ? " (rotations: self-supervised)" : "")}, " +
        $"{info.TestAccuracy:P1} test accuracy, trained by '{info.Command}', seed {info.Seed})";

    private static FeatureNetworkTraining.Provenance ReadProvenance(string json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<FeatureNetworkTraining.Provenance>(json, Json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new GanSharpException($"{path}: not the provenance of a feature network ({e.Message})", e);
        }
    }

    private static void LoadInto(FeatureNetwork net, Stream stream, string name)
    {
        try
        {
            using var reader = new BinaryReader(stream);
            net.load(reader);
        }
        catch (Exception e) when (e is not GanSharpException)
        {
            throw new GanSharpException($"{name}: not a GanSharp feature network for {net.Input} ({e.Message})", e);
        }
    }
}
