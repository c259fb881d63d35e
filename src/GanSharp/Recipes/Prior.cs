using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>The noise prior p(z): standard normal or uniform on [−1, 1] (002's p_z).</summary>
public sealed record Prior(string Name, string Description)
{
    public static readonly Prior Normal = new("normal", "z ~ N(0, I)");
    public static readonly Prior Uniform = new("uniform", "z ~ U(−1, 1)^d");
    public static IReadOnlyList<Prior> All { get; } = new[] { Normal, Uniform };

    /// <summary>The names --prior accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    public static Prior Named(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new GanSharpException($"--prior '{name}' is not known; valid values: {string.Join(", ", All.Select(p => p.Name))}");

    /// <summary>n latent vectors (n, size), drawn from the given generator.</summary>
    public Tensor Sample(long n, int size, Generator generator, Device device)
    {
        var z = this == Uniform
            ? rand(new long[] { n, size }, generator: generator).mul_(2).sub_(1)
            : randn(new long[] { n, size }, generator: generator);
        return z.device == device ? z : z.to(device);
    }
}
