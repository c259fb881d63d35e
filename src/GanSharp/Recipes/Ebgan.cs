using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Recipes;

/// <summary>
/// EBGAN (Zhao et al. 2017; 002): D is an autoencoder whose energy is the reconstruction error
/// D(v) = ‖Dec(Enc(v)) − v‖ per image. D minimises D(x) + [m − D(G(z))]⁺ (a margin m),
/// G minimises D(G(z)) + λ_PT · PT, the pulling-away term on the encoder's codes S of the fakes:
/// PT = 1/(N(N−1)) Σ_{i≠j} (S_iᵀS_j / ‖S_i‖‖S_j‖)², which pushes generated samples apart.
/// </summary>
public sealed class Ebgan : AutoencoderGan<EbganOptions>
{
    public Ebgan(EbganOptions options, long seed, Device device) : base(options, seed, device) { }

    /// <summary>Per-image energies ‖Dec(Enc(v)) − v‖₂, (N).</summary>
    private Tensor Energy(Tensor v) => (d.forward(v) - v).flatten(1).norm(1);

    protected override Tensor DiscriminatorLoss(Tensor real, Tensor fake, StepLog log)
    {
        var eReal = Energy(real);
        var eFake = Energy(fake);
        log["d/real"] = eReal.mean().item<float>();
        log["d/fake"] = eFake.mean().item<float>();
        return eReal.mean() + relu(Options.EbganMargin - eFake).mean();
    }

    protected override Tensor GeneratorLoss(Tensor fake, StepLog log)
    {
        var (code, reconstruction) = d.EncodeDecode(fake);
        var energy = (reconstruction - fake).flatten(1).norm(1).mean();
        if (Options.EbganPullAway == 0) return energy;
        var pt = PullingAway(code);
        log["ebgan/pt"] = pt.item<float>();
        return energy + Options.EbganPullAway * pt;
    }

    /// <summary>PT(S) = 1/(N(N−1)) Σ_{i≠j} cos²(S_i, S_j) for codes S (N, h).</summary>
    public static Tensor PullingAway(Tensor codes)
    {
        long n = codes.shape[0];
        var unit = normalize(codes, p: 2, dim: 1);
        var cos2 = unit.matmul(unit.t()).square();                 // (N, N), ones on the diagonal
        return (cos2.sum() - cos2.diagonal().sum()) / (n * (n - 1));
    }
}
