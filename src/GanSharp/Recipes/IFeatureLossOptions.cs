namespace GanSharp.Recipes;

/// <summary>
/// Options of a family whose loss reads a feature network (SRGAN's content loss): a new run on an
/// image folder is given the network trained for that folder; config.json keeps its path and the
/// checkpoint its weights, so a resume is exact even when the file is trained again.
/// </summary>
public interface IFeatureLossOptions
{
    /// <summary>Whether these options use a feature network at all.</summary>
    bool NeedsFeatureNetwork { get; }

    /// <summary>The network's file; null: not chosen yet (an IDX run: the embedded Fashion-MNIST network).</summary>
    string? FeatureNetworkPath { get; }

    Options.FamilyOptions WithFeatureNetwork(string path);
}
