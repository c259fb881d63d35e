using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// BEGAN (Berthelot et al. 2017; 002): D is an autoencoder, L(v) = E|v − D(v)| its L1
/// reconstruction error. D minimises L(x) − k_t L(G(z)), G minimises L(G(z)); the proportional
/// control k_{t+1} = clip(k_t + λ_k (γ L(x) − L(G(z))), 0, 1) keeps E L(G(z)) = γ E L(x), γ the
/// diversity ratio. M_global = L(x) + |γ L(x) − L(G(z))| measures convergence and is logged.
/// </summary>
public sealed class Began : AutoencoderGan<BeganOptions>
{
    /// <summary>k_t, a buffer so checkpoints carry it.</summary>
    private sealed class Control : nn.Module
    {
        public readonly Tensor K = zeros(1, dtype: ScalarType.Float64);
        public Control() : base("BeganState") => register_buffer("k", K);
    }

    private readonly Control control;
    private double lastRealError, lastFakeError;

    public Began(BeganOptions options, long seed, Device device) : base(options, seed, device) => control = state.State("began_state", new Control());

    /// <summary>The current k_t.</summary>
    public double K => control.K.item<double>();

    /// <summary>L(v): mean absolute reconstruction error of a batch.</summary>
    private Tensor Error(Tensor v) => (v - d.forward(v)).abs().mean();

    protected override Tensor DiscriminatorLoss(Tensor real, Tensor fake, StepLog log)
    {
        var lossReal = Error(real);
        var lossFake = Error(fake);
        lastRealError = lossReal.item<float>();
        lastFakeError = lossFake.item<float>();
        log["d/real"] = lastRealError;
        log["d/fake"] = lastFakeError;
        return lossReal - K * lossFake;
    }

    protected override Tensor GeneratorLoss(Tensor fake, StepLog log) => Error(fake);

    protected override void AfterStep(StepLog log)
    {
        double gamma = Options.BeganGamma;
        double balance = gamma * lastRealError - lastFakeError;
        double k = Math.Clamp(K + Options.BeganLambdaK * balance, 0, 1);
        control.K.fill_(k);
        log["began/k"] = k;
        log["began/m_global"] = lastRealError + Math.Abs(balance);
    }
}
