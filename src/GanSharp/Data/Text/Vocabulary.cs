using System.Globalization;
using System.Text;

namespace GanSharp.Data.Text;

/// <summary>
/// The words a text encoder knows, by index: 0 is padding, then the words of the captions it was
/// built from in ordinal order. A description becomes token ids by <see cref="Tokenise"/>
/// (lower case, split at every character that is not a letter or digit); unknown words are dropped
/// and reported, so `gan sample --text` can say which it ignored.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>Tokens a description is cut or padded to: the longest emoji description has 15 words.</summary>
    public const int MaxTokens = 24;

    private readonly Dictionary<string, int> index;

    public IReadOnlyList<string> Words { get; }

    /// <summary>Words plus the padding index.</summary>
    public int Size => Words.Count + 1;

    public Vocabulary(IEnumerable<string> words)
    {
        Words = words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        index = Words.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i + 1, StringComparer.Ordinal);
    }

    /// <summary>Every word of these descriptions.</summary>
    public static Vocabulary Of(IEnumerable<string> descriptions) => new(descriptions.SelectMany(Tokenise));

    /// <summary>"Smiling face, with SUNGLASSES!" → smiling, face, with, sunglasses.</summary>
    public static IReadOnlyList<string> Tokenise(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(ch)) word.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
            else Flush();
        }
        Flush();
        return words;

        void Flush()
        {
            if (word.Length > 0) words.Add(word.ToString());
            word.Clear();
        }
    }

    /// <summary>A description's token ids, padded with 0 to <see cref="MaxTokens"/> (known words only, the first MaxTokens), and the words it did not know.</summary>
    public (long[] Ids, IReadOnlyList<string> Unknown) Encode(string text)
    {
        var ids = new long[MaxTokens];
        var unknown = new List<string>();
        int n = 0;
        foreach (var word in Tokenise(text))
        {
            if (!index.TryGetValue(word, out int id)) unknown.Add(word);
            else if (n < MaxTokens) ids[n++] = id;
        }
        return (ids, unknown);
    }

    /// <summary>Token ids of many descriptions as one (N, MaxTokens) int64 tensor.</summary>
    public TorchSharp.torch.Tensor EncodeAll(IReadOnlyList<string> texts)
    {
        var all = new long[texts.Count * MaxTokens];
        for (int i = 0; i < texts.Count; i++) Encode(texts[i]).Ids.CopyTo(all, i * MaxTokens);
        return TorchSharp.torch.tensor(all, new long[] { texts.Count, MaxTokens }, TorchSharp.torch.ScalarType.Int64);
    }
}
