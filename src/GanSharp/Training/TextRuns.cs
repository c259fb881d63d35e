using GanSharp.Data.Text;
using GanSharp.Features;
using GanSharp.Recipes.Options;
using GanSharp.Recipes.Text;

namespace GanSharp.Training;

/// <summary>
/// What a text-to-image run needs before its data and networks: the text matcher (found for the
/// folder, or stage I's for stage II, with its hash), the vocabulary its folder is read in, and for
/// stage II the frozen stage-I generator copied from a finished stage-I run.
/// </summary>
internal static class TextRuns
{
    /// <summary>A new run's options with the text matcher chosen and hashed; a stage-I run that does not fit stage II is refused.</summary>
    public static StackGanOptions Resolve(StackGanOptions o, TrainerOptions trainer)
    {
        if (!trainer.IsImageFolder) throw new GanSharpException($"{o.Family} trains on an image folder with descriptions (captions.tsv), not --data {trainer.Data ?? "(unset)"}");
        if (o.Stage == 2) return FromStageOne(o, trainer);
        if (o.TextMatcher is string given && !File.Exists(given)) throw new GanSharpException($"--text-matcher {given}: no such file (gan text train writes one)");
        string matcher = o.TextMatcher ?? TextMatcherTraining.Find(trainer.ImageFolderPath(), trainer.Data!, trainer.FolderOptions(o.Resolution).Channels, o.Resolution);
        return o with { TextMatcher = Path.GetFullPath(matcher), TextMatcherSha256 = DescriptionTable.Sha256(matcher) };
    }

    private static StackGanOptions FromStageOne(StackGanOptions o, TrainerOptions trainer)
    {
        string folder = o.StageOne!;
        string configPath = new RunDirectory(folder).Config;
        if (!File.Exists(configPath)) throw new GanSharpException($"--stage-one {folder}: no run folder there (no config.json)");
        var config = RunConfig.Load(configPath);
        if (config.Options is not StackGanOptions one || one.Stage != 1)
            throw new GanSharpException($"--stage-one {folder} is a {config.Family} run{(config.Options is StackGanOptions s ? $" of stage {s.Stage}" : "")}; stage II trains from a stackgan stage-I run");
        var mismatches = new List<string>();
        if (one.Resolution != o.StageOneSide) mismatches.Add($"it draws {one.Resolution}×{one.Resolution}, and --resolution {o.Resolution} needs {o.StageOneSide}×{o.StageOneSide} from stage I");
        if (o.TextMatcher is string given && Path.GetFullPath(given) != one.TextMatcher) mismatches.Add($"its text encoder is {one.TextMatcher}, not --text-matcher {given}");
        if (one.LatentSize != o.LatentSize) mismatches.Add($"its z has {one.LatentSize} dimensions, not --latent-size {o.LatentSize}");
        if (one.ConditionSize != o.ConditionSize) mismatches.Add($"its c has {one.ConditionSize} dimensions, not --condition-size {o.ConditionSize}");
        if (one.Width != o.Width) mismatches.Add($"its width is {one.Width}, not --width {o.Width} (stage II builds its frozen copy with its own width)");
        if (config.Trainer.Data != trainer.Data) mismatches.Add($"it trained on --data {config.Trainer.Data}, not {trainer.Data}");
        if (mismatches.Count > 0) throw new GanSharpException($"--stage-one {folder} does not fit this stage II: {string.Join("; ", mismatches)}");
        return o with { StageOne = Path.GetFullPath(folder), TextMatcher = one.TextMatcher, TextMatcherSha256 = one.TextMatcherSha256 };
    }

    /// <summary>The vocabulary the run's folder is read in: its text matcher's.</summary>
    public static Vocabulary VocabularyOf(StackGanOptions o) =>
        new(TextMatcherTraining.ReadInfo(o.TextMatcher ?? throw new GanSharpException($"{o.Family}: no text matcher chosen")).Words);

    /// <summary>Stage II at its start: the stage-I run's generator and augmentation (its last good checkpoint) into the frozen copies.</summary>
    public static void CopyStageOne(StackGan recipe, RunLog log)
    {
        var frozen = recipe.FrozenStageOne ?? throw new InvalidOperationException("stage I has no frozen stage");
        using var sampler = new RunSampler(recipe.Options.StageOne!);
        var one = sampler.Recipe.State.Modules.ToDictionary(m => m.Name, m => m.Module);
        Copy(one["generator"], frozen.Generator);
        Copy(one["augmentation"], frozen.Augmentation);
        log.Info($"stage I: the generator of {recipe.Options.StageOne} at step {sampler.Step:N0}, frozen");
    }

    private static void Copy(TorchSharp.torch.nn.Module from, TorchSharp.torch.nn.Module to)
    {
        using var _ = TorchSharp.torch.no_grad();
        var target = to.state_dict();
        foreach (var (name, value) in from.state_dict()) target[name].copy_(value);
    }
}
