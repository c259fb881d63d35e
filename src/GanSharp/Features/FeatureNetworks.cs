using System.Text.Json;

namespace GanSharp.Features;

/// <summary>
/// Loads the feature network: a user-given weights file, or by default the one trained by GanSharp
/// and embedded in this assembly (its provenance — command, seed, test accuracy — travels with it).
/// </summary>
public static class FeatureNetworks
{
    private const string Resource = "feature-network/fashion-mnist-cnn.bin";

    /// <summary>The network and a sentence that names it in every report.</summary>
    public static (FeatureNetwork Network, string Description) Load(string? path = null)
    {
        var net = new FeatureNetwork();
        if (path is not null)
        {
            if (!File.Exists(path)) throw new GanSharpException($"{path}: feature-network weights not found");
            using var file = File.OpenRead(path);
            LoadInto(net, file, path);
            return (net, $"feature network {Path.GetFileName(path)}");
        }
        var asm = typeof(FeatureNetworks).Assembly;
        using var stream = asm.GetManifestResourceStream(Resource)
            ?? throw new GanSharpException("no feature network is embedded in this build; train one with 'gan features train' and pass it with --features");
        LoadInto(net, stream, "embedded feature network");
        using var meta = asm.GetManifestResourceStream("feature-network/fashion-mnist-cnn.json");
        var info = meta is null ? null : JsonSerializer.Deserialize<FeatureNetworkTraining.Provenance>(meta);
        string description = info is null ? "GanSharp's Fashion-MNIST CNN" :
            $"GanSharp's Fashion-MNIST CNN (128-d features, {info.TestAccuracy:P1} test accuracy, trained by '{info.Command}', seed {info.Seed})";
        return (net, description);
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
            throw new GanSharpException($"{name}: not a GanSharp feature network ({e.Message})", e);
        }
    }
}
