using System.Text.Json;
using GanSharp.Data;
using GanSharp.Data.Sources;
using GanSharp.Features;
using GanSharp.Recipes.Text;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// The image–text matching score of a text-to-image run: how often its text matcher scores a
/// generated image's own description above another one (ties half; chance 50%), beside the same
/// score of real images with their descriptions, the ceiling a generator can reach. Written to
/// RUN/text-matching.json.
/// </summary>
public static class TextMatching
{
    public sealed record Report(string Run, long Step, int Count, double Generated, double Real, string Matcher);

    public static Report Measure(RunSampler sampler, string runFolder, int count, long seed)
    {
        var recipe = (ITextConditional)sampler.Recipe;
        var options = (StackGanOptions)sampler.Config.Options;
        var (matcher, info) = TextMatcherTraining.Load(options.TextMatcher!);
        using var _ = matcher;
        if (info.Channels != options.Channels)
            throw new GanSharpException($"{options.TextMatcher} reads {info.Channels}-channel images and {runFolder} draws {options.Channels}-channel ones: no matching score (train a matcher with gan text train --channels {options.Channels})");
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)seed);
        var (phi, which) = recipe.Text.Draw(count, g);
        var generated = Evaluation.InBatches(count, (start, size) =>
        {
            using var latents = recipe.LatentsFor(phi.narrow(0, start, size), size, g);
            return recipe.Sample(latents);
        }, info.Side);
        var ids = recipe.Text.Vocabulary.EncodeAll(which.Select(i => recipe.Text.Descriptions[(int)i]).ToArray());
        double fake = TextMatcherTraining.MatchingScore(matcher, generated, ids, seed);   // generated at the matcher's side

        var trainer = sampler.Config.Trainer;
        using var folder = ImageFolder.Load(trainer.ImageFolderPath(), trainer.FolderOptions(info.Side) with { Text = matcher.Vocabulary });
        using var pick = randperm(folder.Count, generator: g).narrow(0, 0, Math.Min(count, folder.Count));
        var real = folder.Read(pick);
        double ceiling = TextMatcherTraining.MatchingScore(matcher, real.X, real.Condition!, seed);
        var report = new Report(runFolder, sampler.Step, count, fake, ceiling, options.TextMatcher!);
        GanSharp.AtomicFile.WriteAllText(Path.Combine(runFolder, "text-matching.json"), JsonSerializer.Serialize(report, EvaluationReport.Json));
        return report;
    }
}
