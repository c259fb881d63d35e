using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Runtime;

/// <summary>
/// libtorch's oneDNN gave wrong float32 convolutions on one machine of this kind (about 30% of
/// random shapes) and none on another, so we check instead of trusting: a network's float32
/// forward and backward on one batch are compared with a float64 replica (float64 does not go
/// through oneDNN). On a mismatch oneDNN is switched off and the check repeated.
/// </summary>
public static class ConvolutionCheck
{
    /// <summary>Relative error above which float32 is taken to be wrong (float32 rounding gives ~1e-6).</summary>
    public const double Tolerance = 1e-3;

    /// <summary>What was checked, the worst relative error seen, and the convolution path in use.</summary>
    public sealed record Result(string Path, double MaxRelativeError, double? ErrorBeforeFallback, string Detail);

    /// <summary>A network to check: a factory that builds the same architecture, the trained instance, and an input batch.</summary>
    public sealed record Subject(string Name, Func<nn.Module<Tensor, Tensor>> Build, nn.Module<Tensor, Tensor> Network, Tensor Input);

    /// <summary>
    /// Checks each subject; if any is wrong, turns oneDNN off and checks again. Throws if the
    /// fallback does not help (the message says how to cap oneDNN's instruction set instead).
    /// </summary>
    public static Result EnsureCorrect(IReadOnlyList<Subject> subjects, Action<string> warn)
    {
        var withConv = subjects.Where(s => HasConvolution(s.Network)).ToList();
        if (withConv.Count == 0) return new Result("no convolutions", 0, null, "the networks have no convolution layers");
        var (error, worst) = Worst(withConv);
        string names = string.Join(", ", withConv.Select(s => s.Name));
        if (error <= Tolerance)
            return new Result(OneDnn.Enabled ? "onednn" : "onednn-off", error, null, $"float32 matches float64 for {names}");

        OneDnn.Enabled = false;
        var (after, worstAfter) = Worst(withConv);
        if (after > Tolerance)
            throw new GanSharpException(
                $"float32 convolutions are wrong on this machine (relative error {error:g3}, worst in {worst}) and still wrong with oneDNN off ({after:g3}, in {worstAfter}). " +
                "Set ONEDNN_MAX_CPU_ISA=AVX2 (or AVX) in the environment before starting gan, or pass --no-conv-check to train anyway.");
        warn($"warning: libtorch's oneDNN computed wrong float32 convolutions here (relative error {error:g3} against float64, worst in {worst}); " +
             $"switched oneDNN off (error now {after:g3}). Training is correct but slower; setting ONEDNN_MAX_CPU_ISA=AVX2 may be faster.");
        return new Result("onednn-off", after, error, $"oneDNN off after a mismatch in {names}");
    }

    private static (double Error, string Where) Worst(IEnumerable<Subject> subjects) =>
        subjects.Select(s => { var (e, where) = Measure(s); return (e, $"{s.Name}'s {where}"); }).MaxBy(x => x.e);

    /// <summary>Whether a network has a convolution of any kind: 1-, 2- or 3-D, plain or transposed (voxel networks have 3-D ones).</summary>
    public static bool HasConvolution(nn.Module network) => network.modules().Any(IsConvolution);

    /// <summary>A TorchSharp convolution module, or a layer of ours that convolves with its own weights (equalised lr, modulated).</summary>
    private static bool IsConvolution(nn.Module m) => m is Conv1d or Conv2d or Conv3d or ConvTranspose1d or ConvTranspose2d or ConvTranspose3d or IConvolutionLayer;

    /// <summary>
    /// Max relative error (‖a − b‖ / ‖b‖) of the output and of the gradients of the input and
    /// of every convolution's parameters, float32 against float64. Replicas are used, so the network itself (and
    /// its batch-norm statistics) is untouched; they run without dropout, in training and if need be eval mode;
    /// the global RNG state is restored afterwards.
    /// </summary>
    public static double MaxRelativeError(Subject s) => Measure(s).Error;

    /// <summary>
    /// The largest relative error and where it is (the output, the input's gradient, or a parameter's),
    /// in whichever of training and eval mode the network's float32 arithmetic is better conditioned.
    /// The convolutions run the same kernels on the same shapes in both modes, so wrong kernels show in
    /// both; what differs is rounding. Training mode's batch norm subtracts batch means in its backward,
    /// leaving deep conditional-BN generators (BigGAN) 10⁻³–10⁻² from float64 with correct convolutions,
    /// oneDNN off included; eval mode's stored statistics of a new network let deep residual bodies
    /// (SRResNet) grow until their gradients are as far off. Dropout is off in both (a fresh mask per replica).
    /// </summary>
    public static (double Error, string Where) Measure(Subject s)
    {
        var training = Measure(s, train: true);
        return training.Error <= Tolerance ? training : new[] { training, Measure(s, train: false) }.MinBy(e => e.Error);
    }

    private static (double Error, string Where) Measure(Subject s, bool train)
    {
        using var rng = torch.get_rng_state();
        using var scope = NewDisposeScope();
        var state = s.Network.state_dict();
        var f32 = Replica(s, state, ScalarType.Float32, train);
        var f64 = Replica(s, state, ScalarType.Float64, train);
        try
        {
            var x32 = s.Input.detach().cpu().to_type(ScalarType.Float32).requires_grad_(true);
            var x64 = s.Input.detach().cpu().to_type(ScalarType.Float64).requires_grad_(true);
            var y32 = f32.forward(x32);
            var y64 = f64.forward(x64);
            using var seed = new Generator(7);
            var weights = torch.randn(y64.shape, dtype: ScalarType.Float64, generator: seed); // a fixed linear functional
            (y32 * weights.to_type(ScalarType.Float32)).sum().backward();
            (y64 * weights).sum().backward();
            var errors = new List<(double, string)> { (Relative(y32, y64), "output"), (Relative(x32.grad!, x64.grad!), "input gradient") };
            // A gradient that is zero in exact arithmetic (the bias of a convolution before an instance norm, which removes
            // per-channel constants) is float32 rounding noise: gradients below 10⁻³ of the largest are measured against
            // 10⁻³ of the largest (a wholly wrong one of that size still counts as an error of 1).
            // Only the convolutions' own parameters: what the check is about. Norm layers' scale and shift gradients are sums
            // that the next norm nearly cancels in deep batch-normed networks (SRResNet), float32 rounding more than signal.
            var convolutionParameters = ConvolutionParameterNames(f32);
            var grads = f32.named_parameters().Zip(f64.parameters()).Where(p => p.First.parameter.grad is not null && p.Second.grad is not null && convolutionParameters.Contains(p.First.name))
                .Select(p => (Name: p.First.name, G32: p.First.parameter.grad!, G64: p.Second.grad!)).ToList();
            double largest = grads.Select(g => g.G64.norm().item<double>()).DefaultIfEmpty(0).Max();
            foreach (var (name, g32, g64) in grads) errors.Add((Relative(g32, g64, floor: 1e-3 * largest), $"{name} gradient"));
            return errors.MaxBy(e => e.Item1);
        }
        finally
        {
            f32.Dispose();
            f64.Dispose();
            torch.set_rng_state(rng);
        }
    }

    private static HashSet<string> ConvolutionParameterNames(nn.Module network) =>
        network.named_modules().Where(m => IsConvolution(m.module))
            .SelectMany(m => m.module.named_parameters(recurse: false)
                .Where(p => m.module is not IConvolutionLayer layer || layer.ConvolutionParameters.Contains(p.name))
                .Select(p => m.name.Length == 0 ? p.name : $"{m.name}.{p.name}")).ToHashSet();

    private static nn.Module<Tensor, Tensor> Replica(Subject s, Dictionary<string, Tensor> state, ScalarType dtype, bool train)
    {
        var m = s.Build();
        m.load_state_dict(state);
        m.to(dtype);
        m.train(train);
        // dropout draws a fresh mask in each replica: the two would differ by the masks, not by the arithmetic
        foreach (var dropout in m.modules().Where(x => x is Dropout or Dropout1d or Dropout2d or Dropout3d)) dropout.eval();
        return m;
    }

    private static double Relative(Tensor a, Tensor b, double floor = 1e-12)
    {
        var diff = (a.to_type(ScalarType.Float64) - b).norm().item<double>();
        var scale = b.norm().item<double>();
        return diff / Math.Max(scale, Math.Max(floor, 1e-12));
    }
}

/// <summary>
/// A layer that convolves through the functional API with parameters of its own (equalised-lr and
/// modulated convolutions): the self-check compares its weight and bias gradients as a Conv2d's.
/// </summary>
public interface IConvolutionLayer
{
    /// <summary>The parameters the convolution computes with; others (a noise strength: a sum over noise, rounding at float32) are left out.</summary>
    IReadOnlyCollection<string> ConvolutionParameters => ["weight", "bias"];
}
