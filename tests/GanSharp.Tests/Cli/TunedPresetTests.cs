using System.Text.Json;
using GanSharp.Cli;
using GanSharp.Recipes;
using GanSharp.Sweeps;
using Xunit;

namespace GanSharp.Tests.Cli;

public sealed class TunedPresetTests
{
    /// <summary>The repository's folder, found from the test binary's (the sweep specs live in docs/sweeps).</summary>
    private static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GanSharp.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("GanSharp.slnx not found above the test binary");
    }

    [Fact]
    public void DcganTuned_IsDcganWithTheOptionsOfTheSweepsBestCell()
    {
        var spec = SweepSpec.Load(Path.Combine(Repository(), "docs", "sweeps", "dcgan-3-epochs.yaml"));
        var best = SweepCells.Expand(spec).Single(c => c.Index == 8);
        var dcgan = Families.Named("dcgan");
        var familyFlags = new OptionFlags<GanSharp.Recipes.Options.FamilyOptions>(dcgan.Defaults).All.Select(o => o.Name).ToHashSet();
        var args = best.Varied.Concat(spec.Fixed).Where(kv => familyFlags.Contains("--" + kv.Key)).SelectMany(kv => new[] { "--" + kv.Key, kv.Value }).ToArray();
        var fromCell = TrainCommand.OptionsFrom(dcgan, args);
        var preset = Families.Named("dcgan-tuned").Defaults with { Family = "dcgan" };
        Assert.Equal(JsonSerializer.Serialize(fromCell, fromCell.GetType()), JsonSerializer.Serialize(preset, preset.GetType()));
    }
}
