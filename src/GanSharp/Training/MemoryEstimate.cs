using GanSharp.Recipes;
using GanSharp.Recipes.Options;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>
/// How much memory a family's networks need to train, known before anything is allocated: the
/// recipe is built once on libtorch's meta device (shapes without storage), its parameters and
/// buffers counted, and a run that cannot fit in the memory available is refused with the numbers
/// and the options that set them. A lower bound: activations of a batch come on top.
/// </summary>
public static class MemoryEstimate
{
    /// <summary>Per trained parameter: itself, its gradient and Adam's two moments.</summary>
    private const int CopiesPerTrainedParameter = 4;

    public sealed record Estimate(long Bytes, IReadOnlyList<(string Network, long Parameters)> Networks);

    /// <summary>The estimate of <paramref name="options"/>' networks, or null when the recipe cannot be built on the meta device (then the real build says what is wrong).</summary>
    public static Estimate? Of(FamilyOptions options, long seed)
    {
        using var rng = random.get_rng_state();   // building draws nothing on meta, but a run's seeding must not depend on it
        var before = get_default_device();
        IRecipe? recipe = null;
        try
        {
            set_default_device(META);
            recipe = Families.CreateRecipe(options, seed, META);
            long bytes = 0;
            var networks = new List<(string, long)>();
            foreach (var m in recipe.State.Modules)
            {
                var weights = m.Module.parameters().ToList();
                long parameters = weights.Sum(p => p.numel());
                bytes += weights.Sum(p => p.numel() * p.ElementSize) * (m.Trained ? CopiesPerTrainedParameter : 1)
                         + m.Module.buffers().Sum(b => b.numel() * b.ElementSize);
                if (m.Trained) networks.Add((m.Name, parameters));
            }
            return new Estimate(bytes, networks);
        }
        catch (System.Runtime.InteropServices.ExternalException e) when (e.Message.Contains("negative dimension", StringComparison.Ordinal))
        {
            throw new GanSharpException("the options give a layer a negative size, an overflow of a product of sizes: is --width, --latent-size or --max-channels absurdly large?");
        }
        catch (Exception e) when (e is not GanSharpException)
        {
            return null;   // a recipe that reads files or tensor values while it is built: no estimate, the real build decides
        }
        finally
        {
            recipe?.Dispose();
            set_default_device(before);
            random.set_rng_state(rng);
        }
    }

    /// <summary>Refuses options whose networks alone would not fit in the memory available now.</summary>
    public static void Check(FamilyOptions options, long seed)
    {
        if (Of(options, seed) is not { } estimate) return;
        long available = AvailableBytes();
        if (estimate.Bytes <= available) return;
        throw new GanSharpException(
            $"{options.Family} with these options has {string.Join(", ", estimate.Networks.Select(n => $"a {n.Network} of {n.Parameters:N0} parameters"))}: " +
            $"training needs at least {Gb(estimate.Bytes)} (weights, gradients, Adam's moments), and {Gb(available)} is available. " +
            "Lower what sets the networks' size: --width, --max-channels, --latent-size, --resolution, --classes, --minibatch-kernels");
    }

    /// <summary>MemAvailable of /proc/meminfo (what can be used without swapping), else what .NET reports.</summary>
    public static long AvailableBytes()
    {
        if (File.Exists("/proc/meminfo"))
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    private static string Gb(long bytes) => $"{bytes / 1e9:N1} GB";
}
