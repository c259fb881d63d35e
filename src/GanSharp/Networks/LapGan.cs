using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// A LAPGAN level's generator (Denton et al. 2015, section 3.2; seed 001): from the upsampled coarser
/// image l and a plane of noise beside it, three 3×3 convolutions (batch norm and ReLU between) draw
/// the residual h̃ = G(z, l) that the coarser image lacks; the level's image is l + h̃. The output is
/// linear: a residual of images in [−1, 1] lies in [−2, 2] and is mostly near 0.
/// Checkpoint keys: net.
/// </summary>
public sealed class LapGanLevelGenerator : Module<Tensor, Tensor>
{
    private readonly Sequential net;

    public LapGanLevelGenerator(int channels, int width) : base(nameof(LapGanLevelGenerator))
    {
        net = Sequential(
            ("conv1", Conv2d(channels + 1, width, 3, padding: 1, bias: false)), ("bn1", BatchNorm2d(width)), ("relu1", ReLU()),
            ("conv2", Conv2d(width, width, 3, padding: 1, bias: false)), ("bn2", BatchNorm2d(width)), ("relu2", ReLU()),
            ("to_residual", Conv2d(width, channels, 3, padding: 1)));
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>The input of the level: the upsampled coarser image (N, C, S, S) and a noise plane (N, 1, S, S) as (N, C + 1, S, S).</summary>
    public static Tensor Input(Tensor coarse, Tensor noise) => cat(new[] { coarse, noise }, 1);

    /// <summary>An <see cref="Input"/> → the residual (N, C, S, S).</summary>
    public override Tensor forward(Tensor input) => net.forward(input);
}

/// <summary>
/// A LAPGAN level's discriminator: a DCGAN discriminator at the level's side that sees the image
/// (coarse + residual, real or generated) beside the upsampled coarser image it was built on, so it
/// judges the residual as a completion of that coarse image (Denton et al. 2015: D_k(h, l)).
/// </summary>
public sealed class LapGanLevelDiscriminator : Discriminator
{
    private readonly DcganDiscriminator inner;

    public LapGanLevelDiscriminator(int side, int width, int channels, DiscriminatorOptions options) : base(nameof(LapGanLevelDiscriminator))
    {
        inner = new DcganDiscriminator(side, width, 2 * channels, options);
        RegisterComponents();
    }

    /// <summary>The pair (image, coarse) as one input of 2C channels.</summary>
    public static Tensor Pair(Tensor image, Tensor coarse) => cat(new[] { image, coarse }, 1);

    /// <summary>x: a <see cref="Pair"/> (N, 2C, S, S).</summary>
    public override Tensor Features(Tensor x) => inner.Features(x);

    public override Tensor Logits(Tensor features) => inner.Logits(features);
}
