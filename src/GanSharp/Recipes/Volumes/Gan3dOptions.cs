using GanSharp.Recipes.Options;

namespace GanSharp.Recipes.Volumes;

/// <summary>
/// 3D-GAN's options (Wu et al. 2016; seed 004): z of 200 from a normal prior, 3-D networks from 4³ to
/// the resolution, BCE, Adam G 2.5e-3 β1 0.5, and D updated only while its accuracy on the batch is
/// below 80 %. Sized for a CPU: 32³ and width 32 (256 channels at 4³; the paper's 64³ has 512), batch
/// 32 (the paper's 100). D's rate is 1e-3, not the paper's 1e-5: at 1e-5 D fell behind at once here
/// (σ(D(G(z))) = 1.000 from step 40, every sample the same speckled cube at step 100), while at 1e-3
/// the rule holds D near 80 % and tori, tables and cylinders appear by step 400 (docs/gan3d.md).
/// </summary>
public sealed record Gan3dOptions : FamilyOptions
{
    public static Gan3dOptions Defaults { get; } = new()
    {
        Family = "gan3d", LatentSize = 200, Resolution = 32, Width = 32, BatchSize = 32, LrG = 2.5e-3, LrD = 1e-3, Beta1 = 0.5,
    };

    [NotAFlag]
    public override string Networks { get; init; } = "voxel3d";

    [Flag("D is updated only while its accuracy on the step's real and generated shapes is below this (3D-GAN: 0.8); 1 = always")]
    public double DAccuracy { get; init; } = 0.8;

    [Flag("shape classes G and D are conditioned on (the data's: 7 for shapes, 6 for furniture): G reads [z, one-hot class], D the one-hot class as extra volumes; 0 = unconditional")]
    public int Classes { get; init; }

    public override void Validate()
    {
        if (DSteps != 1) throw new GanSharpException($"gan3d takes one D step per G step, skipped by --d-accuracy; --d-steps {DSteps} is not supported");
        if (Classes is < 0 or 1) throw new GanSharpException($"--classes must be 0 (unconditional) or at least 2, got {Classes}");
        if (Networks != "voxel3d") throw new GanSharpException($"{Family} has its own 3-D networks; its networks must be voxel3d, not {Networks}");
        base.Validate();
        GanSharp.Networks.Voxel3dShape.Stages(Resolution);
        if (!(DAccuracy > 0 && DAccuracy <= 1)) throw new GanSharpException($"--d-accuracy must be in (0, 1], got {DAccuracy}");
    }
}
