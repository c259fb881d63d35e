using System.Security.Cryptography;
using GanSharp.Data.Text;
using GanSharp.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes.Text;

/// <summary>
/// What a text-to-image recipe knows of text: a stored text matcher's frozen text encoder and
/// vocabulary, and the embeddings φ of the descriptions it was trained on (one per image), from
/// which samples without a given description draw theirs.
/// </summary>
public sealed class DescriptionTable : IDisposable
{
    private readonly TextMatcher matcher;
    private readonly Tensor embeddings;       // (D, E), on the device

    public Vocabulary Vocabulary => matcher.Vocabulary;
    public IReadOnlyList<string> Descriptions { get; }
    public int EmbeddingSize => TextMatcher.Size;

    /// <param name="sha256">the weights' hash when the run started (null: not checked)</param>
    public DescriptionTable(string matcherPath, string? sha256, Device device)
    {
        if (sha256 is not null && Sha256(matcherPath) != sha256)
            throw new GanSharpException($"{matcherPath} has changed since this run started (its SHA-256 is not {sha256[..12]}…): its text embeddings would mean something else; restore it, or train a new run");
        var (m, info) = TextMatcherTraining.Load(matcherPath);
        matcher = m.to(device);
        foreach (var p in matcher.parameters()) p.requires_grad = false;
        Descriptions = info.Descriptions;
        using var ids = Vocabulary.EncodeAll(Descriptions);
        embeddings = Embed(ids.to(device));
    }

    /// <summary>Token ids (N, T) → φ (N, E), without gradients.</summary>
    public Tensor Embed(Tensor ids)
    {
        using var _ = no_grad();
        return matcher.Text.forward(ids);
    }

    /// <summary>φ of <paramref name="n"/> descriptions drawn uniformly from the table (as images are drawn), and which.</summary>
    public (Tensor Phi, long[] Which) Draw(long n, Generator generator)
    {
        using var which = randint(0, Descriptions.Count, new[] { n }, generator: generator, dtype: ScalarType.Int64);
        return (embeddings.index_select(0, which.to(embeddings.device)), which.data<long>().ToArray());
    }

    /// <summary>A description's φ (1, E) and the words the vocabulary did not know; an error when it knew none.</summary>
    public (Tensor Phi, IReadOnlyList<string> Dropped) EmbedText(string text)
    {
        var (ids, unknown) = Vocabulary.Encode(text);
        if (ids.All(id => id == 0))
            throw new GanSharpException($"--text \"{text}\": none of its words is in the text encoder's vocabulary of {Vocabulary.Words.Count:N0} words (words of the training descriptions, e.g. {string.Join(", ", Vocabulary.Words.Take(5))})");
        using var t = tensor(ids, new long[] { 1, ids.Length }, ScalarType.Int64);
        return (Embed(t.to(embeddings.device)), unknown);
    }

    public static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(file)).ToLowerInvariant();
    }

    public void Dispose()
    {
        matcher.Dispose();
        embeddings.Dispose();
    }
}
