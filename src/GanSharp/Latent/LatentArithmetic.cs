using static TorchSharp.torch;

namespace GanSharp.Latent;

/// <summary>
/// Vector arithmetic in latent space (Radford et al. 2015, DCGAN §6.3; seed 003): a concept is the
/// mean z of samples a classifier confidently calls that class, and "sneaker − sandal + ankle boot"
/// is the sum of those means with their signs. Means over many z, not single vectors, because one
/// z carries much besides its class.
/// </summary>
public static class LatentArithmetic
{
    public sealed record Term(int Sign, int Class);

    /// <summary>"7-5+9" → (+7), (−5), (+9); classes must be in 0..classes−1.</summary>
    public static IReadOnlyList<Term> Parse(string expression, int classes)
    {
        var terms = new List<Term>();
        int sign = 1, i = 0;
        string e = expression.Replace(" ", "");
        if (e.Length == 0) throw new GanSharpException("the expression is empty; write classes joined by + and −, e.g. 7-5+9");
        while (i < e.Length)
        {
            if (e[i] is '+' or '-') { sign = e[i] == '-' ? -1 : 1; i++; }
            int start = i;
            while (i < e.Length && char.IsAsciiDigit(e[i])) i++;
            if (start == i) throw new GanSharpException($"'{expression}': expected a class number at position {start + 1}");
            int c = int.Parse(e[start..i]);
            if (c >= classes) throw new GanSharpException($"'{expression}': class {c} does not exist (0..{classes - 1})");
            terms.Add(new Term(sign, c));
            sign = 1;
            if (i < e.Length && e[i] is not ('+' or '-')) throw new GanSharpException($"'{expression}': expected + or − at position {i + 1}");
        }
        return terms;
    }

    /// <summary>Mean z (d) of the samples whose class probability (N, K) for <paramref name="klass"/> is at least <paramref name="minConfidence"/>.</summary>
    public static (Tensor Mean, long Count) ClassMean(Tensor z, Tensor probabilities, int klass, double minConfidence = 0.9, int minCount = 5)
    {
        var chosen = nonzero(probabilities.select(1, klass) >= minConfidence).view(-1);
        long count = chosen.shape[0];
        if (count < minCount)
            throw new GanSharpException($"only {count} of {z.shape[0]} samples are class {klass} with confidence ≥ {minConfidence:P0}; sample more (--samples) or pick another class");
        return (z.index_select(0, chosen).mean(new long[] { 0 }), count);
    }

    /// <summary>Σ sign · mean of each term.</summary>
    public static Tensor Combine(IReadOnlyList<Term> terms, IReadOnlyDictionary<int, Tensor> means) =>
        terms.Select(t => means[t.Class] * t.Sign).Aggregate((a, b) => a + b);
}
