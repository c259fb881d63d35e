using System.Globalization;
using System.Text;

namespace GanSharp.Serve.Study;

/// <summary>A proportion k / n with its Wilson 95 % interval; the rate and interval are null for n = 0.</summary>
public sealed record Proportion(long Count, long Trials, double? Rate, double? Low, double? High)
{
    public static Proportion Of(long k, long n)
    {
        if (n == 0) return new Proportion(0, 0, null, null, null);
        var (low, high) = StudyStatistics.Wilson(k, n);
        return new Proportion(k, n, (double)k / n, low, high);
    }
}

/// <summary>
/// A run's results. Single mode (HYPE∞, Zhou et al. 2019): the fooling rate is the share of its
/// generated images called real, <see cref="RealCalledReal"/> the share of real ones, and
/// <see cref="Error"/> HYPE∞'s score, the error over both (50 % is indistinguishable from real).
/// Pair mode: the fooling rate is the share of pairs where the generated image was picked as the
/// real one (chance: 50 %). Per class where the generated images have one.
/// </summary>
public sealed record RunResults(string Run, Proportion Fooling, Proportion? RealCalledReal, Proportion Error,
    IReadOnlyList<ClassResults> Classes, double? MedianMillis);

public sealed record ClassResults(int Label, string? Name, Proportion Fooling);

/// <summary>The study's results: per run, per rater, and how far the raters agree (Fleiss' κ over images two or more raters saw).</summary>
public sealed record StudyResults(string Study, string Mode, int Ratings, IReadOnlyList<RunResults> Runs,
    IReadOnlyDictionary<string, int> RatingsPerRater, double? Agreement, int ItemsInAgreement)
{
    public static StudyResults Of(StudyInfo study, IReadOnlyList<Rating> ratings)
    {
        var runs = study.Runs.Select(run =>
        {
            var of = ratings.Where(r => r.Run == run.Run).ToList();
            var fakes = of.Where(r => !r.ImageIsReal).ToList();
            var reals = of.Where(r => r.ImageIsReal).ToList();
            var classes = fakes.Where(r => r.Label is not null).GroupBy(r => r.Label!.Value).OrderBy(g => g.Key)
                .Select(g => new ClassResults(g.Key, run.ClassNames is { } names && g.Key < names.Count ? names[g.Key] : null, Proportion.Of(g.Count(r => r.Fooled), g.Count())))
                .ToList();
            return new RunResults(run.Run, Proportion.Of(fakes.Count(r => r.Fooled), fakes.Count),
                study.Mode == StudyModes.Single ? Proportion.Of(reals.Count(r => r.Answer == "real"), reals.Count) : null,
                Proportion.Of(of.Count(r => !r.Correct), of.Count), classes, Median(of.Select(r => (double)r.Millis)));
        }).ToList();
        // Items: images (single) or generated images of pairs, each rater's answer as right or wrong.
        var items = ratings.GroupBy(r => r.Image).Select(g => (IReadOnlyList<int>)new[] { g.Count(r => r.Correct), g.Count(r => !r.Correct) }).ToList();
        return new StudyResults(study.Name, study.Mode, ratings.Count, runs,
            ratings.GroupBy(r => r.Rater).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            StudyStatistics.FleissKappa(items), items.Count(i => i.Sum() >= 2));
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Every rating as a CSV line (RFC 4180 quoting), with a header.</summary>
    public static string Csv(StudyInfo study, IReadOnlyList<Rating> ratings)
    {
        var csv = new StringBuilder("study,trial,rater,run,image,image_is_real,label,other_image,truth,answer,correct,fooled,millis,answered\n");
        foreach (var r in ratings)
            csv.AppendJoin(',', new[]
            {
                Quote(study.Name), r.Trial.ToString(CultureInfo.InvariantCulture), Quote(r.Rater), Quote(r.Run), r.Image.ToString(CultureInfo.InvariantCulture),
                r.ImageIsReal ? "1" : "0", r.Label?.ToString(CultureInfo.InvariantCulture) ?? "", r.Other?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.Truth, r.Answer, r.Correct ? "1" : "0", r.Fooled ? "1" : "0", r.Millis.ToString(CultureInfo.InvariantCulture), r.Answered.ToString("O"),
            }).Append('\n');
        return csv.ToString();
    }

    private static string Quote(string text) => text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
}
