using static TorchSharp.torch;

namespace GanSharp.Features;

/// <summary>
/// A network that turns images into feature vectors: what metrics compare (FID, KID,
/// precision/recall, nearest neighbours) and what recipes put in their losses (a content loss in
/// feature space, latent inversion). There are no pretrained networks here: GanSharp trains its own.
/// </summary>
public interface IFeatureExtractor
{
    /// <summary>Length of a feature vector.</summary>
    int FeatureSize { get; }

    /// <summary>Classes its probabilities range over.</summary>
    int Classes { get; }

    /// <summary>images (N, C, H, W) in [−1, 1] → features (N, F), differentiable (for losses).</summary>
    Tensor Features(Tensor images);

    /// <summary>images → (float64 features (N, F), class probabilities (N, K)), in eval mode without gradients, in batches.</summary>
    (Tensor Features, Tensor Probabilities) Extract(Tensor images, int batchSize = 500);
}
