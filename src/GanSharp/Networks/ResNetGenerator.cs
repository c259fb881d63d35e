using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// CycleGAN's generator (Zhu et al. 2017, after Johnson et al. 2016; junyanz's ResnetGenerator):
/// c7s1-ngf, two stride-2 3×3 downsamplings (d2ngf, d4ngf), <c>blocks</c> residual blocks of two
/// 3×3 convolutions with reflection padding at 4·ngf, two stride-2 transposed upsamplings, c7s1 to
/// the output channels and tanh. The paper uses 6 blocks at 128×128 and 9 at 256; the side must be
/// a multiple of 4. Instance norm by default.
/// </summary>
public sealed class ResNetGenerator : Module<Tensor, Tensor>
{
    private readonly Sequential head, body, tail;

    public ResNetGenerator(int inputChannels, int outputChannels, int width = 64, int blocks = 9, string norm = "instance") : base(nameof(ResNetGenerator))
    {
        if (blocks < 0) throw new GanSharpException($"--residual-blocks must be ≥ 0, got {blocks}");
        bool bias = TranslationNorm.ConvBias(norm);
        head = Sequential(
            ("pad", ReflectionPad2d(3)), ("conv", Conv2d(inputChannels, width, 7, bias: bias)), ("norm", TranslationNorm.Create(norm, width)), ("relu", ReLU()),
            ("down1", Conv2d(width, 2 * width, 3, stride: 2, padding: 1, bias: bias)), ("down1_norm", TranslationNorm.Create(norm, 2 * width)), ("down1_relu", ReLU()),
            ("down2", Conv2d(2 * width, 4 * width, 3, stride: 2, padding: 1, bias: bias)), ("down2_norm", TranslationNorm.Create(norm, 4 * width)), ("down2_relu", ReLU()));
        body = Sequential(Enumerable.Range(0, blocks).Select(i => ($"block{i}", (Module<Tensor, Tensor>)new ResidualBlock(4 * width, norm, bias))));
        tail = Sequential(
            ("up1", ConvTranspose2d(4 * width, 2 * width, 3, stride: 2, padding: 1, output_padding: 1, bias: bias)), ("up1_norm", TranslationNorm.Create(norm, 2 * width)), ("up1_relu", ReLU()),
            ("up2", ConvTranspose2d(2 * width, width, 3, stride: 2, padding: 1, output_padding: 1, bias: bias)), ("up2_norm", TranslationNorm.Create(norm, width)), ("up2_relu", ReLU()),
            ("pad", ReflectionPad2d(3)), ("conv", Conv2d(width, outputChannels, 7)), ("tanh", Tanh()));
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>x (N, C_in, S, S) with S a multiple of 4 → (N, C_out, S, S) in [−1, 1].</summary>
    public override Tensor forward(Tensor x)
    {
        if (x.shape[^1] % 4 != 0 || x.shape[^2] % 4 != 0)
            throw new GanSharpException($"the ResNet generator halves the image twice: its sides must be multiples of 4, got {x.shape[^2]}×{x.shape[^1]}");
        return tail.forward(body.forward(head.forward(x)));
    }

    /// <summary>x + F(x), F = reflect-pad, 3×3 conv, norm, ReLU, reflect-pad, 3×3 conv, norm.</summary>
    private sealed class ResidualBlock : Module<Tensor, Tensor>
    {
        private readonly Sequential f;

        public ResidualBlock(int channels, string norm, bool bias) : base(nameof(ResidualBlock))
        {
            f = Sequential(
                ("pad1", ReflectionPad2d(1)), ("conv1", Conv2d(channels, channels, 3, bias: bias)), ("norm1", TranslationNorm.Create(norm, channels)), ("relu", ReLU()),
                ("pad2", ReflectionPad2d(1)), ("conv2", Conv2d(channels, channels, 3, bias: bias)), ("norm2", TranslationNorm.Create(norm, channels)));
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => x + f.forward(x);
    }
}
