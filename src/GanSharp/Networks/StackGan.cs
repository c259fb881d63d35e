using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// StackGAN's stage-I generator (Zhang et al. 2017, §3.2; seed 001): [z, c] → a fully connected layer
/// to 4×4 maps, then upsampling blocks (nearest ×2, 3×3 convolution, batch norm, ReLU) to the
/// resolution, and a 3×3 convolution to the image under tanh. Channels halve as the side doubles,
/// from 8·width at 4×4 down to width at the resolution.
/// Checkpoint keys: fc, fc_bn, body (up{k}_conv, up{k}_bn, to_image).
/// </summary>
public sealed class StackGanStageOneGenerator : Module<Tensor, Tensor>
{
    private readonly Linear fc;
    private readonly BatchNorm1d fcBn;
    private readonly Sequential body;
    private readonly long startChannels;

    public StackGanStageOneGenerator(int inputSize, int resolution, int width, int channels) : base(nameof(StackGanStageOneGenerator))
    {
        int ups = StackGanBlocks.Doublings(4, resolution);
        startChannels = (long)width << Math.Min(ups, 3);
        fc = Linear(inputSize, startChannels * 16, hasBias: false);
        fcBn = BatchNorm1d(startChannels * 16);
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        long c = startChannels;
        for (int k = 0; k < ups; k++)
        {
            long next = Math.Max(width, c / 2);
            layers.AddRange(StackGanBlocks.Up($"up{k}", c, next));
            c = next;
        }
        layers.Add(("to_image", Conv2d(c, channels, 3, padding: 1)));
        layers.Add(("tanh", Tanh()));
        body = Sequential(layers);
        register_module("fc", fc);
        register_module("fc_bn", fcBn);
        register_module("body", body);
        DcganInit.Apply(this);
    }

    /// <summary>[z, c] (N, L + C) → images (N, channels, R, R) in [−1, 1].</summary>
    public override Tensor forward(Tensor zc) => body.forward(functional.relu(fcBn.forward(fc.forward(zc))).view(-1, startChannels, 4, 4));
}

/// <summary>
/// StackGAN's stage-II generator (§3.3): the stage-I image is encoded by a 3×3 convolution and two
/// stride-2 convolutions to a quarter of its side, c is replicated over that map and joined to it by
/// a 3×3 convolution, residual blocks follow, then upsampling blocks to twice the input's side.
/// The input is packed as one tensor (<see cref="Input"/>) so the network is an ordinary module.
/// Checkpoint keys: encoder, joint, residual{k}, decoder.
/// </summary>
public sealed class StackGanStageTwoGenerator : Module<Tensor, Tensor>
{
    private readonly Sequential encoder, joint, residuals, decoder;
    private readonly int channels, side, conditionSize;

    public StackGanStageTwoGenerator(int inputSide, int conditionSize, int width, int channels, int residualBlocks) : base(nameof(StackGanStageTwoGenerator))
    {
        if (inputSide % 4 != 0) throw new GanSharpException($"stage II encodes its input to a quarter of its side; {inputSide} is not a multiple of 4");
        (this.channels, side, this.conditionSize) = (channels, inputSide, conditionSize);
        long w = width;
        encoder = Sequential(
            ("conv", Conv2d(channels, w, 3, padding: 1)), ("relu", ReLU()),
            ("down1", Conv2d(w, 2 * w, 4, stride: 2, padding: 1, bias: false)), ("down1_bn", BatchNorm2d(2 * w)), ("down1_relu", ReLU()),
            ("down2", Conv2d(2 * w, 4 * w, 4, stride: 2, padding: 1, bias: false)), ("down2_bn", BatchNorm2d(4 * w)), ("down2_relu", ReLU()));
        joint = Sequential(("conv", Conv2d(4 * w + conditionSize, 4 * w, 3, padding: 1, bias: false)), ("bn", BatchNorm2d(4 * w)), ("relu", ReLU()));
        residuals = Sequential(Enumerable.Range(0, residualBlocks).Select(k => ($"residual{k}", (Module<Tensor, Tensor>)new StackGanResidualBlock(4 * w))).ToArray());
        var up = new List<(string, Module<Tensor, Tensor>)>();
        up.AddRange(StackGanBlocks.Up("up0", 4 * w, 2 * w));
        up.AddRange(StackGanBlocks.Up("up1", 2 * w, w));
        up.AddRange(StackGanBlocks.Up("up2", w, Math.Max(8, w / 2)));
        up.Add(("to_image", Conv2d(Math.Max(8, w / 2), channels, 3, padding: 1)));
        up.Add(("tanh", Tanh()));
        decoder = Sequential(up);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>The stage-I image (N, C, S, S) and c (N, Cc) as one tensor (N, C·S² + Cc).</summary>
    public static Tensor Input(Tensor image, Tensor c) => cat(new[] { image.flatten(1), c }, 1);

    /// <summary>An <see cref="Input"/> → images (N, C, 2S, 2S) in [−1, 1].</summary>
    public override Tensor forward(Tensor input)
    {
        long n = input.shape[0], pixels = (long)channels * side * side;
        var image = input.narrow(1, 0, pixels).view(n, channels, side, side);
        var c = input.narrow(1, pixels, conditionSize);
        var code = encoder.forward(image);                                                      // (N, 4w, S/4, S/4)
        var planes = c.view(n, conditionSize, 1, 1).expand(n, conditionSize, code.shape[2], code.shape[3]);
        return decoder.forward(residuals.forward(joint.forward(cat(new[] { code, planes }, 1))));
    }
}

/// <summary>
/// StackGAN's discriminator for either stage: stride-2 4×4 convolutions (leaky ReLU, batch norm after
/// the first) from the image down to 4×4 maps, then the text: μ of the conditioning augmentation,
/// replicated over the 4×4 map, joined by a 3×3 convolution, and a 4×4 convolution to one logit of
/// whether the image is real and fits the text. Input packed as <see cref="Input"/>.
/// Checkpoint keys: image (<see cref="StackGanImageCode"/>), joint, logit.
/// </summary>
public sealed class StackGanDiscriminator : Module<Tensor, Tensor>
{
    private readonly StackGanImageCode image;
    private readonly Sequential joint;
    private readonly Conv2d logit;
    private readonly int channels, side, conditionSize;

    public StackGanDiscriminator(int resolution, int width, int channels, int conditionSize) : base(nameof(StackGanDiscriminator))
    {
        (this.channels, side, this.conditionSize) = (channels, resolution, conditionSize);
        image = new StackGanImageCode(resolution, width, channels);
        long c = image.OutputChannels;
        joint = Sequential(("conv", Conv2d(c + conditionSize, c, 3, padding: 1, bias: false)), ("bn", BatchNorm2d(c)), ("lrelu", LeakyReLU(0.2)));
        logit = Conv2d(c, 1, 4);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>Images (N, C, R, R) and μ (N, Cc) as one tensor (N, C·R² + Cc).</summary>
    public static Tensor Input(Tensor images, Tensor mu) => cat(new[] { images.flatten(1), mu }, 1);

    /// <summary>An <see cref="Input"/> → logits (N).</summary>
    public override Tensor forward(Tensor input)
    {
        long n = input.shape[0], pixels = (long)channels * side * side;
        var code = image.forward(input.narrow(1, 0, pixels).view(n, channels, side, side));    // (N, c, 4, 4)
        var mu = input.narrow(1, pixels, conditionSize).view(n, conditionSize, 1, 1).expand(n, conditionSize, 4, 4);
        return logit.forward(joint.forward(cat(new[] { code, mu }, 1))).view(n);
    }

    /// <summary>The convolutional part that reads images alone (what the convolution check compares).</summary>
    public StackGanImageCode ImageCode => image;
}

/// <summary>
/// The image half of <see cref="StackGanDiscriminator"/>: 4×4 stride-2 convolutions from the image to
/// 4×4 maps, channels doubling from width up to 8·width. Checkpoint keys: net.
/// </summary>
public sealed class StackGanImageCode : Module<Tensor, Tensor>
{
    private readonly Sequential net;

    public long OutputChannels { get; }

    public StackGanImageCode(int resolution, int width, int channels) : base(nameof(StackGanImageCode))
    {
        int downs = StackGanBlocks.Doublings(4, resolution);
        var layers = new List<(string, Module<Tensor, Tensor>)> { ("down0", Conv2d(channels, width, 4, stride: 2, padding: 1)), ("down0_lrelu", LeakyReLU(0.2)) };
        long c = width;
        for (int k = 1; k < downs; k++)
        {
            long next = Math.Min(8L * width, 2 * c);
            layers.Add(($"down{k}", Conv2d(c, next, 4, stride: 2, padding: 1, bias: false)));
            layers.Add(($"down{k}_bn", BatchNorm2d(next)));
            layers.Add(($"down{k}_lrelu", LeakyReLU(0.2)));
            c = next;
        }
        OutputChannels = c;
        net = Sequential(layers);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    public override Tensor forward(Tensor images) => net.forward(images);
}

/// <summary>A residual block of stage II: x + BN(conv(ReLU(BN(conv(x))))), then ReLU (the reference's ResBlock).</summary>
public sealed class StackGanResidualBlock : Module<Tensor, Tensor>
{
    private readonly Sequential body;

    public StackGanResidualBlock(long channels) : base(nameof(StackGanResidualBlock))
    {
        body = Sequential(
            ("conv1", Conv2d(channels, channels, 3, padding: 1, bias: false)), ("bn1", BatchNorm2d(channels)), ("relu", ReLU()),
            ("conv2", Conv2d(channels, channels, 3, padding: 1, bias: false)), ("bn2", BatchNorm2d(channels)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => functional.relu(x + body.forward(x));
}

/// <summary>The building blocks both StackGAN generators share.</summary>
public static class StackGanBlocks
{
    /// <summary>How often <paramref name="from"/> doubles to reach <paramref name="to"/>; an error unless it does exactly.</summary>
    public static int Doublings(int from, int to)
    {
        int k = 0;
        for (int s = from; s < to; s *= 2) k++;
        return from << k == to && k > 0 ? k : throw new GanSharpException($"stackgan's networks double from {from}×{from}: {to}×{to} is not {from}·2^k with k ≥ 1");
    }

    /// <summary>Whether <paramref name="to"/> is <paramref name="from"/>·2^k with k ≥ 1.</summary>
    public static bool Doubles(int from, int to)
    {
        int s = from;
        while (s < to) s *= 2;
        return s == to && to > from;
    }

    /// <summary>Nearest ×2, 3×3 convolution, batch norm, ReLU: the reference's upBlock.</summary>
    public static (string, Module<Tensor, Tensor>)[] Up(string name, long from, long to) => new (string, Module<Tensor, Tensor>)[]
    {
        ($"{name}_upsample", Upsample(scale_factor: new[] { 2.0, 2.0 }, mode: UpsampleMode.Nearest)),
        ($"{name}_conv", Conv2d(from, to, 3, padding: 1, bias: false)), ($"{name}_bn", BatchNorm2d(to)), ($"{name}_relu", ReLU()),
    };
}
