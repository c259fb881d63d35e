using GanSharp.Data;
using static TorchSharp.torch;

namespace GanSharp.Lab;

/// <summary>
/// Mode coverage of samples from a mixture (Srivastava et al. 2017, VEEGAN; Lin et al. 2018,
/// PacGAN): a sample is high quality when it lies within 3σ of its nearest centre; a mode is
/// captured when it is the nearest centre of at least one high-quality sample; the reverse KL is
/// KL(p̂ ‖ uniform) = Σ p̂ log(K p̂), p̂ the histogram of the high-quality samples over the K modes
/// (0 when they are spread evenly; log K when they all sit in one mode).
/// </summary>
public static class ModeCoverage
{
    public sealed record Result(int ModesCaptured, int Modes, double HighQualityFraction, double ReverseKl, long Samples)
    {
        /// <summary>
        /// Writes the result atomically as the JSON of coverage.json (training's end) and
        /// eval-coverage.json (gan eval, which adds its noise seed); reverseKl is null when no
        /// sample is high quality (it is undefined then).
        /// </summary>
        public void Save(string path, string distribution, long step, long? seed = null)
        {
            var fields = new Dictionary<string, object?> { ["distribution"] = distribution, ["step"] = step };
            if (seed is long s) fields["seed"] = s;
            fields["samples"] = Samples;
            fields["modes"] = Modes;
            fields["modesCaptured"] = ModesCaptured;
            fields["highQuality"] = HighQualityFraction;
            fields["reverseKl"] = double.IsNaN(ReverseKl) ? null : ReverseKl;
            AtomicFile.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(fields, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
    }

    public static Result Measure(Tensor samples, ToyDistribution distribution)
    {
        var centres = distribution.Centres ?? throw new GanSharpException($"{distribution.Name} has no modes to count");
        using var scope = NewDisposeScope();
        var x = samples.to_type(ScalarType.Float64);
        var c = centres.to_type(ScalarType.Float64);
        var (distance, nearest) = cdist(x, c).min(1);                              // (N), (N)
        var highQuality = distance <= 3 * distribution.Sigma;
        long k = c.shape[0];
        var histogram = bincount(nearest.masked_select(highQuality), minlength: k).to_type(ScalarType.Float64);
        int captured = (int)histogram.gt(0).sum().item<long>();
        double hq = highQuality.to_type(ScalarType.Float64).mean().item<double>();
        double kl = double.NaN;
        if (histogram.sum().item<double>() > 0)
        {
            var p = histogram / histogram.sum();
            kl = where(p > 0, p * (p * k).log(), zeros_like(p)).sum().item<double>();
        }
        return new Result(captured, (int)k, hq, kl, x.shape[0]);
    }
}
