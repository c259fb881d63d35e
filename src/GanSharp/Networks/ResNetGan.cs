using GanSharp.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// SAGAN's and BigGAN's generator (Zhang et al. 2019; Brock et al. 2019; seed 002): z → linear →
/// base×base, one <see cref="GeneratorBlock"/> per doubling, optional <see cref="SelfAttention"/> at
/// one side, then BN → ReLU → 3×3 conv → tanh. Its input is [z, one-hot class] (the class part is
/// empty for unconditional runs), so class grids and latent walks treat it as any conditional G.
/// The block's batch norms are conditioned on the class (SAGAN: each layer its own map of the
/// one-hot; BigGAN: a shared embedding), and with hierarchical z z is cut into one chunk for the
/// linear layer and one per block, each joined to the class embedding of that block (BigGAN, 3.1).
/// Module fields are checkpoint keys: project, shared, blocks, attention, output_bn, to_image.
/// </summary>
public sealed class ResNetGanGenerator : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> project;
    private readonly Module<Tensor, Tensor>? shared;
    private readonly ModuleList<GeneratorBlock> blocks;
    private readonly SelfAttention? attention;
    private readonly BatchNorm2d output_bn;
    private readonly Module<Tensor, Tensor> to_image;
    private readonly ResNetGanShape shape;
    private readonly int latentSize, classes, attentionLevel;
    private readonly int[] chunks;

    public ResNetGanGenerator(ResNetGanShape shape, int latentSize, int classes, int channels, int sharedEmbedding, bool hierarchical, bool spectralNorm)
        : base(nameof(ResNetGanGenerator))
    {
        this.shape = shape;
        this.latentSize = latentSize;
        this.classes = classes;
        chunks = Chunks(latentSize, hierarchical ? shape.Stages + 1 : 1);
        int classPart = classes == 0 ? 0 : sharedEmbedding > 0 ? sharedEmbedding : classes;
        int condition = (hierarchical ? chunks[1] : 0) + classPart;
        int c0 = shape.ChannelsAt(0), side = shape.Base;
        project = SpectralNorm.Apply(Linear(chunks[0], c0 * side * side), spectralNorm);
        if (classes > 0 && sharedEmbedding > 0) shared = Linear(classes, sharedEmbedding, hasBias: false);
        blocks = new ModuleList<GeneratorBlock>(Enumerable.Range(0, shape.Stages)
            .Select(i => new GeneratorBlock(shape.ChannelsAt(i), shape.ChannelsAt(i + 1), condition, spectralNorm)).ToArray());
        attentionLevel = shape.Attention == 0 ? -1 : shape.Sides.ToList().IndexOf(shape.Attention);
        if (attentionLevel >= 0) attention = new SelfAttention(shape.ChannelsAt(attentionLevel), spectralNorm);
        output_bn = BatchNorm2d(shape.ChannelsAt(shape.Stages));
        to_image = SpectralNorm.Apply(Conv2d(shape.ChannelsAt(shape.Stages), channels, 3, padding: 1), spectralNorm);
        RegisterComponents();
        OrthogonalInit.Apply(this);
    }

    /// <summary>
    /// Sizes of z's chunks: equal, the first taking what does not divide (BigGAN's 120 = 6 × 20 at 128×128).
    /// </summary>
    public static int[] Chunks(int latentSize, int count)
    {
        if (latentSize < count) throw new GanSharpException($"--latent-size {latentSize} cannot be cut into {count} chunks of hierarchical z (one per block and one for the first layer)");
        int each = latentSize / count;
        return Enumerable.Range(0, count).Select(i => i == 0 ? latentSize - each * (count - 1) : each).ToArray();
    }

    /// <summary>The weights orthogonal regularisation acts on: all but the shared embedding (as BigGAN's code).</summary>
    public IEnumerable<Tensor> RegularisedWeights =>
        named_parameters().Where(p => !p.name.StartsWith("shared.")).Select(p => (Tensor)p.parameter);

    /// <summary>[z, one-hot] (N, L + K) → images (N, C, R, R) in [−1, 1].</summary>
    public override Tensor forward(Tensor latent)
    {
        long n = latent.shape[0];
        var z = latent.narrow(1, 0, latentSize);
        var parts = z.split(chunks.Select(c => (long)c).ToArray(), 1);
        Tensor? classPart = classes == 0 ? null : latent.narrow(1, latentSize, classes);
        if (classPart is not null && shared is not null) classPart = shared.forward(classPart);
        int side = shape.Base;
        var h = project.forward(parts[0]).view(n, shape.ChannelsAt(0), side, side);
        if (attentionLevel == 0) h = attention!.forward(h);
        for (int i = 0; i < blocks.Count; i++)
        {
            var condition = Condition(parts.Length > 1 ? parts[i + 1] : null, classPart, n, latent);
            h = blocks[i].forward(h, condition);
            if (attentionLevel == i + 1) h = attention!.forward(h);
        }
        return functional.tanh(to_image.forward(functional.relu(output_bn.forward(h))));
    }

    private static Tensor Condition(Tensor? chunk, Tensor? classPart, long n, Tensor like) => (chunk, classPart) switch
    {
        (null, null) => zeros(n, 0, dtype: like.dtype, device: like.device),
        (Tensor c, null) => c,
        (null, Tensor y) => y,
        (Tensor c, Tensor y) => cat(new[] { c, y }, 1),
    };
}

/// <summary>
/// SAGAN's and BigGAN's discriminator: one <see cref="DiscriminatorBlock"/> per halving from the
/// image down to the base side, a last block that keeps the side, optional self-attention, then ReLU
/// and a sum over space (the features φ(x)); the head is a linear map to one logit (with the
/// existing minibatch layers when asked). A projection for classes wraps it
/// (<see cref="ProjectionDiscriminator"/>). Checkpoint keys: blocks, attention, head.
/// </summary>
public sealed class ResNetGanDiscriminator : Discriminator
{
    private readonly ModuleList<DiscriminatorBlock> blocks;
    private readonly SelfAttention? attention;
    private readonly Sequential head;
    private readonly int attentionAfter;

    /// <param name="shape">the shape; attention at the image side moves to half of it (D's first feature map)</param>
    public ResNetGanDiscriminator(ResNetGanShape shape, int channels, DiscriminatorOptions o) : base(nameof(ResNetGanDiscriminator))
    {
        int k = shape.Stages;
        var list = new List<DiscriminatorBlock>();
        for (int i = 0; i < k; i++)   // level k − i → k − i − 1
            list.Add(new DiscriminatorBlock(i == 0 ? channels : shape.ChannelsAt(k - i), shape.ChannelsAt(k - i - 1), downsample: true, first: i == 0, o.SpectralNorm, o.Norm));
        list.Add(new DiscriminatorBlock(shape.ChannelsAt(0), shape.ChannelsAt(0), downsample: false, first: false, o.SpectralNorm, o.Norm));
        blocks = new ModuleList<DiscriminatorBlock>(list.ToArray());
        attentionAfter = -1;
        if (shape.Attention != 0)
        {
            int side = Math.Min(shape.Attention, shape.Resolution / 2);
            attentionAfter = Enumerable.Range(0, k).First(i => shape.Side(k - i - 1) == side);
            attention = new SelfAttention(shape.ChannelsAt(k - attentionAfter - 1), o.SpectralNorm);
        }
        head = Head(shape.ChannelsAt(0), 0, o, bias: true);
        RegisterComponents();
        OrthogonalInit.Apply(this);
    }

    /// <summary>images (N, C, R, R) → φ(x) (N, c), ReLU then summed over space.</summary>
    public override Tensor Features(Tensor x)
    {
        var h = x;
        for (int i = 0; i < blocks.Count; i++)
        {
            h = blocks[i].forward(h);
            if (i == attentionAfter) h = attention!.forward(h);
        }
        return functional.relu(h).sum(new long[] { 2, 3 });
    }

    public override Tensor Logits(Tensor features) => head.forward(features).view(-1);
}

/// <summary>BigGAN's initialisation (G_init and D_init 'ortho'): orthogonal weights for every conv and linear layer, conditional batch norm's maps included.</summary>
internal static class OrthogonalInit
{
    public static void Apply(Module module)
    {
        using var _ = no_grad();
        foreach (var m in module.modules())
        {
            switch (m)
            {
                case Conv2d conv: init.orthogonal_(conv.weight); break;
                case Linear linear: init.orthogonal_(linear.weight!); break;
            }
        }
    }
}
