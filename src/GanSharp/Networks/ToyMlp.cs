using GanSharp.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// Generator for low-dimensional toy data (lab): z → hidden ×layers (ReLU or LeakyReLU 0.2,
/// optionally batch norm before it, as in PacGAN's toy G) → a point of the data space, with a linear output (toy data
/// is not confined to [−1, 1]).
/// </summary>
public sealed class ToyGenerator : Module<Tensor, Tensor>
{
    private readonly Sequential net;

    public ToyGenerator(int latentSize = 2, int hidden = 128, int dimension = 2, int layers = 3, bool batchNorm = false, bool leaky = false) : base(nameof(ToyGenerator))
    {
        var list = new List<(string, Module<Tensor, Tensor>)>();
        int inputs = latentSize;
        for (int i = 1; i <= layers; i++, inputs = hidden)
        {
            list.Add(($"fc{i}", Linear(inputs, hidden, hasBias: !batchNorm)));   // batch norm's shift replaces the bias
            if (batchNorm) list.Add(($"bn{i}", BatchNorm1d(hidden)));
            list.Add(leaky ? ($"lrelu{i}", LeakyReLU(0.2)) : ($"relu{i}", ReLU()));
        }
        list.Add(("to_point", Linear(hidden, dimension)));
        net = Sequential(list);
        RegisterComponents();
    }

    /// <summary>z (N, latent) → points (N, dimension).</summary>
    public override Tensor forward(Tensor z) => net.forward(z);
}

/// <summary>Discriminator for toy data: point → hidden ×layers (LeakyReLU 0.2) → one logit.</summary>
public sealed class ToyDiscriminator : Discriminator, IFunctionalDiscriminator
{
    private readonly Sequential body, head;

    public ToyDiscriminator(int dimension = 2, int hidden = 128, int layers = 3, DiscriminatorOptions? options = null) : base(nameof(ToyDiscriminator))
    {
        var o = options ?? new DiscriminatorOptions();
        var list = new List<(string, Module<Tensor, Tensor>)>();
        int inputs = dimension;
        for (int i = 1; i <= layers; i++, inputs = hidden)
        {
            list.Add(($"fc{i}", SpectralNorm.Apply(Linear(inputs, hidden), o.SpectralNorm)));
            list.Add(($"lrelu{i}", LeakyReLU(0.2)));
        }
        body = Sequential(list);
        head = Head(hidden, 0, o, bias: true);
        IsPlain = o is { SpectralNorm: false, MinibatchStdDev: false, MinibatchKernels: 0 };
        RegisterComponents();
    }

    public bool IsPlain { get; }

    public override Tensor Features(Tensor x) => body.forward(x);

    public override Tensor Logits(Tensor features)
    {
        using var logits = head.forward(features);
        return logits.view(-1);
    }

    public Tensor ForwardWith(IReadOnlyList<Tensor> theta, Tensor x) => FunctionalMlp.Forward(this, theta, x);
}
