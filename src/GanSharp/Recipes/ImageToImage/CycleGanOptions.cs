using GanSharp.Data;
using GanSharp.Recipes.Options;

namespace GanSharp.Recipes.ImageToImage;

/// <summary>
/// CycleGAN (Zhu et al. 2017; seeds 001, 004): two ResNet generators A → B and B → A, two 70×70
/// PatchGAN discriminators, the least-squares GAN loss, cycle consistency λ = 10, identity 0.5·λ,
/// a pool of 50 earlier fakes per discriminator, Adam 2e-4 β (0.5, 0.999), the initial rate for
/// the first half of the run then linear decay. Scaled for a CPU: 64×64 (the paper: 256), width 32
/// (64), 6 residual blocks (9; the paper's 6 are for 128×128), batches of 4 (1).
/// </summary>
public sealed record CycleGanOptions : PatchTranslationOptions
{
    /// <summary>Instance norm, as CycleGAN (pix2pix keeps the base's batch norm).</summary>
    public CycleGanOptions() => Norm = "instance";

    [NotAFlag]
    public override string Networks { get; init; } = "resnet";

    [Flag("λ: weight of the cycle-consistency losses ‖G_BA(G_AB(a)) − a‖₁ and ‖G_AB(G_BA(b)) − b‖₁ (the paper: 10)")]
    public double CycleWeight { get; init; } = 10;

    [Flag("weight of the identity losses ‖G_AB(b) − b‖₁ and ‖G_BA(a) − a‖₁, as a share of λ (the paper: 0.5; 0 when the domains differ in channels)")]
    public double IdentityWeight { get; init; } = 0.5;

    [Flag("residual blocks of each generator (the paper: 6 at 128×128, 9 at 256)")]
    public int ResidualBlocks { get; init; } = 6;

    [Flag("earlier fakes each discriminator also sees (the paper: 50; 0 = none)")]
    public int PoolSize { get; init; } = 50;

    public override FamilyOptions WithShapes(DataShape input, DataShape target)
    {
        if (!input.Size.SequenceEqual(target.Size))
            throw new GanSharpException($"CycleGAN's two domains must come at one size; A is {input} and B {target}");
        if (input.Channels != target.Channels && IdentityWeight > 0)
            throw new GanSharpException($"the identity loss compares G_AB(b) with b, which needs the domains in the same channels (A {input.Channels}, B {target.Channels}); pass --identity-weight 0");
        return this with { InputChannels = input.Channels, Channels = target.Channels };
    }

    public override void Validate()
    {
        base.Validate();
        if (Resolution % 4 != 0 || Resolution < 16) throw new GanSharpException($"--resolution must be a multiple of 4 of at least 16 for the ResNet generator, got {Resolution}");
        Check.NonNegative(CycleWeight, "--cycle-weight");
        Check.NonNegative(IdentityWeight, "--identity-weight");
        if (ResidualBlocks < 0) throw new GanSharpException($"--residual-blocks must be ≥ 0, got {ResidualBlocks}");
        if (PoolSize < 0) throw new GanSharpException($"--pool-size must be ≥ 0, got {PoolSize}");
    }
}
