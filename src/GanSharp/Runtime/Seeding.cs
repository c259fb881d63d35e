using TorchSharp;

namespace GanSharp.Runtime;

/// <summary>
/// Seeds libtorch's global generator (used by module initialisation and dropout) and returns
/// the seeded generators a run passes explicitly to its samplers (noise, batch order).
/// </summary>
public static class Seeding
{
    /// <summary>Seeds the global generator used by parameter initialisation.</summary>
    public static void SeedGlobal(long seed)
    {
        TorchRuntime.EnsureLoaded();
        torch.manual_seed(seed);
    }

    /// <summary>A CPU generator seeded from the run seed and a purpose, so streams are independent.</summary>
    public static torch.Generator Generator(long seed, string purpose)
    {
        TorchRuntime.EnsureLoaded();
        return new torch.Generator(unchecked((ulong)Mix(seed, purpose)));
    }

    private static long Mix(long seed, string purpose)
    {
        // FNV-1a over the purpose, mixed with the seed: stable across runs and platforms.
        ulong h = 14695981039346656037UL ^ (ulong)seed;
        foreach (char c in purpose) { h ^= c; h *= 1099511628211UL; }
        return (long)(h & 0x7fffffffffffffffUL);
    }
}
