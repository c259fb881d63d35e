using static TorchSharp.torch;

namespace GanSharp.Latent;

/// <summary>A binary attribute of an image: "the classifier's probability of any of these classes is above ½".</summary>
public sealed record ImageAttribute(string Name, int[] Classes)
{
    /// <summary>"NAME=c1,c2,…" from the command line.</summary>
    public static ImageAttribute Parse(string text, int classCount)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new GanSharpException($"--attribute '{text}' must look like NAME=CLASSES, e.g. footwear=5,7,9");
        int[] classes;
        try { classes = text[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).Distinct().ToArray(); }
        catch (FormatException) { throw new GanSharpException($"--attribute '{text}': the classes must be numbers separated by commas"); }
        if (classes.Length == 0 || classes.Any(c => c < 0 || c >= classCount))
            throw new GanSharpException($"--attribute '{text}': classes must be in 0..{classCount - 1}");
        return new ImageAttribute(text[..eq].Trim(), classes);
    }

    /// <summary>P(attribute) = Σ of the class probabilities (N, K) over the attribute's classes → (N).</summary>
    public Tensor Probability(Tensor probabilities) => probabilities.index_select(1, tensor(Classes.Select(c => (long)c).ToArray(), device: probabilities.device)).sum(1);
}

/// <summary>A hyperplane normal in latent space that separates an attribute (InterFaceGAN; seed 003).</summary>
public sealed record AttributeDirection(string Name, float[] Normal, double Lambda, double HeldOutAccuracy, double PositiveFraction);

/// <summary>
/// Seed 003's latent-space hyperplanes: label many G(z) with a classifier, fit a linear classifier
/// (logistic regression) z → attribute, and take its unit normal n as the attribute's direction;
/// walking z + α n changes the attribute. With scores s = f_S(G(z)) ≈ Λ Nᵀ z for z ~ N(0, I),
/// Σ_s = Λ NᵀN Λ, and the attributes are disentangled when Σ_s is diagonal (orthogonal normals).
/// The classifier is injected (images → class probabilities), so this code knows no network.
/// </summary>
public static class AttributeDirections
{
    /// <summary>
    /// Fits one direction per attribute from latents z (N, d) and the class probabilities of G(z)
    /// (N, K): the first 80% train the logistic regression, the rest measure its accuracy. λ is the
    /// least-squares slope of the attribute's logit on the signed distance nᵀz.
    /// </summary>
    public static IReadOnlyList<AttributeDirection> Fit(Tensor z, Tensor probabilities, IReadOnlyList<ImageAttribute> attributes, int steps = 300)
    {
        long n = z.shape[0], train = (long)(n * 0.8);
        if (n < 50) throw new GanSharpException($"fitting directions needs at least 50 samples, got {n}");
        var result = new List<AttributeDirection>();
        foreach (var attribute in attributes)
        {
            using var scope = NewDisposeScope();
            var p = attribute.Probability(probabilities).to_type(ScalarType.Float32).clamp(1e-4, 1 - 1e-4);
            var label = (p > 0.5).to_type(ScalarType.Float32);
            double positive = label.mean().item<float>();
            if (positive is < 0.01 or > 0.99)
                throw new GanSharpException($"attribute {attribute.Name}: {positive:P1} of the samples have it; a direction needs both sides (pick other classes or more samples)");
            var (w, b) = LogisticRegression(z.narrow(0, 0, train), label.narrow(0, 0, train), steps);
            var normal = w / w.norm();
            var predicted = (z.narrow(0, train, n - train).mv(w) + b > 0).to_type(ScalarType.Float32);
            var heldOut = (predicted == label.narrow(0, train, n - train)).to_type(ScalarType.Float32).mean().item<float>();
            var distance = z.mv(normal);
            var logit = (p / (1 - p)).log();
            double lambda = ((distance - distance.mean()) * (logit - logit.mean())).sum().item<float>() / (distance - distance.mean()).square().sum().item<float>();
            result.Add(new AttributeDirection(attribute.Name, normal.data<float>().ToArray(), lambda, heldOut, positive));
        }
        return result;
    }

    /// <summary>Weights w (d) and bias b of P(y = 1 | z) = σ(wᵀz + b), by full-batch Adam on the logistic loss.</summary>
    public static (Tensor W, double B) LogisticRegression(Tensor z, Tensor y, int steps)
    {
        var w = new TorchSharp.Modules.Parameter(zeros(z.shape[1], device: z.device));
        var b = new TorchSharp.Modules.Parameter(zeros(1, device: z.device));
        using var opt = optim.Adam(new[] { w, b }, 0.05);
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var loss = nn.functional.binary_cross_entropy_with_logits(z.mv(w) + b, y);
            opt.zero_grad();
            loss.backward();
            opt.step();
        }
        return (w.detach(), b.item<float>());
    }

    /// <summary>Σ_s = Λ NᵀN Λ (m × m) for the directions' unit normals and slopes λ.</summary>
    public static double[,] ScoreCovariance(IReadOnlyList<AttributeDirection> directions)
    {
        int m = directions.Count;
        var sigma = new double[m, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                sigma[i, j] = directions[i].Lambda * directions[j].Lambda * Cosine(directions[i], directions[j]);
        return sigma;
    }

    /// <summary>
    /// How far Σ_s is from diagonal: the largest |correlation| Σ_ij / √(Σ_ii Σ_jj) over i ≠ j, which
    /// is |cos(n_i, n_j)| (0: disentangled, orthogonal normals; 1: the same direction).
    /// </summary>
    public static double OffDiagonal(double[,] sigma)
    {
        int m = sigma.GetLength(0);
        double worst = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                if (i != j) worst = Math.Max(worst, Math.Abs(sigma[i, j]) / Math.Sqrt(sigma[i, i] * sigma[j, j]));
        return worst;
    }

    /// <summary>Rows: the latents z (R, d); columns: z + α n for α evenly from −range to +range; row-major (R · columns, d).</summary>
    public static Tensor Walk(Tensor z, AttributeDirection direction, int columns, double range = 3)
    {
        var normal = tensor(direction.Normal, device: z.device);
        var alphas = linspace(-range, range, columns, device: z.device);
        return (z.unsqueeze(1) + alphas.view(1, -1, 1) * normal.view(1, 1, -1)).reshape(-1, z.shape[1]);
    }

    /// <summary>cos(n_a, n_b) of two directions: the dot product of their unit normals (in double).</summary>
    public static double Cosine(AttributeDirection a, AttributeDirection b) => Dot(a.Normal, b.Normal);

    private static double Dot(float[] a, float[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (double)a[i] * b[i];
        return s;
    }
}
