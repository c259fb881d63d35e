using GanSharp.Sweeps;
using Xunit;

namespace GanSharp.Tests.Sweeps;

public sealed class SweepSpecTests
{
    internal static SweepSpec Spec(TempFolder tmp, string json, string file = "spec.json")
    {
        File.WriteAllText(tmp.File(file), json);
        return SweepSpec.Load(tmp.File(file));
    }

    [Fact]
    public void Grid_ExpandsToEveryCombination_FirstOptionSlowest_TimesSeeds()
    {
        using var tmp = TestSetup.Temp();
        var spec = Spec(tmp, """{"family": "toy", "fixed": {"dataset": "toy:ring", "steps": 300}, "grid": {"lr-g": [0.0001, 0.001], "--d-steps": [1, 2, 3]}, "seeds": [0, 7]}""");
        var cells = SweepCells.Expand(spec);
        Assert.Equal(12, cells.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"cell-{i:D3}"), cells.Select(c => c.Id));
        Assert.Equal("lr-g=0.0001 d-steps=1 seed=0", cells[0].Label);
        Assert.Equal("lr-g=0.0001 d-steps=1 seed=7", cells[1].Label);
        Assert.Equal("lr-g=0.0001 d-steps=2 seed=0", cells[2].Label);
        Assert.Equal("lr-g=0.001 d-steps=3 seed=7", cells[11].Label);
        Assert.Equal(new[] { "toy", "--dataset", "toy:ring", "--steps", "300", "--lr-g", "0.001", "--d-steps", "3", "--seed", "7" }, cells[11].TrainArguments);
        Assert.Equal("spec", spec.Name);   // the file's name when the spec gives none
    }

    [Fact]
    public void RandomSearch_DrawsTheSameCellsEveryTime_WithinEachDistribution()
    {
        using var tmp = TestSetup.Temp();
        const string json = """
            {"family": "dcgan", "random": {"count": 40, "seed": 3, "options": {
              "lr-g": {"log-uniform": [1e-5, 1e-3]}, "beta1": {"uniform": [0, 0.9]}, "d-steps": {"int": [1, 3]}, "loss": {"choice": ["non-saturating", "hinge"]}}}}
            """;
        var first = SweepCells.Expand(Spec(tmp, json));
        var again = SweepCells.Expand(Spec(tmp, json));
        Assert.Equal(first.Select(c => c.Label), again.Select(c => c.Label));
        Assert.Equal(40, first.Count);
        double V(SweepCell c, string key) => double.Parse(c.Varied.Single(kv => kv.Key == key).Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(first, c => Assert.InRange(V(c, "lr-g"), 1e-5, 1e-3));
        Assert.All(first, c => Assert.InRange(V(c, "beta1"), 0, 0.9));
        Assert.Equal(new[] { 1.0, 2, 3 }, first.Select(c => V(c, "d-steps")).Distinct().Order());
        Assert.Equal(new[] { "hinge", "non-saturating" }, first.Select(c => c.Varied.Single(kv => kv.Key == "loss").Value).Distinct().Order());
        // Log-uniform: about as many draws in each decade.
        int low = first.Count(c => V(c, "lr-g") < 1e-4);
        Assert.InRange(low, 10, 30);
    }

    [Fact]
    public void Yaml_ReadsAsTheSameSpecAsJson()
    {
        using var tmp = TestSetup.Temp();
        var json = Spec(tmp, """{"name": "s", "family": "toy", "fixed": {"dataset": "toy:ring", "steps": 300}, "grid": {"lr-g": [0.0001, 0.001]},""" +
            """ "random": {"count": 3, "seed": 7, "options": {"d-steps": {"int": [1, 3]}, "beta1": {"choice": [0.0, 0.5]}}}, "seeds": [0, 1], "metric": "modes", "eval": 500}""");
        var yaml = Spec(tmp, "name: s\nfamily: toy\nfixed:\n  dataset: toy:ring\n  steps: 300\ngrid:\n  lr-g: [0.0001, 0.001]\n" +
            "random:\n  count: 3\n  seed: 7\n  options:\n    d-steps: { int: [1, 3] }\n    beta1: { choice: [0.0, 0.5] }\nseeds: [0, 1]\nmetric: modes\neval: 500\n", "spec.yaml");
        var cells = SweepCells.Expand(yaml).Select(c => string.Join(' ', c.TrainArguments)).ToList();
        Assert.Equal(2 * 3 * 2, cells.Count);
        Assert.Equal(SweepCells.Expand(json).Select(c => string.Join(' ', c.TrainArguments)), cells);
        Assert.Equal(json.Metric, yaml.Metric);
        Assert.Equal(500, yaml.Eval);
    }

    [Theory]
    [InlineData("""{"family": "toy", "grids": {}}""", "unknown key 'grids'")]
    [InlineData("""{"grid": {"lr-g": [1]}}""", "'family'")]
    [InlineData("""{"family": "toy", "fixed": {"seed": 3}}""", "'seed' is set by the sweep itself")]
    [InlineData("""{"family": "toy", "fixed": {"runs": "x"}}""", "'runs' is set by the sweep itself")]
    [InlineData("""{"family": "toy", "fixed": {"lr-g": 1}, "grid": {"lr-g": [1, 2]}}""", "'lr-g' is given in more than one")]
    [InlineData("""{"family": "toy", "grid": {"lr-g": []}}""", "grid.lr-g must be a non-empty list")]
    [InlineData("""{"family": "toy", "seeds": [1, 1]}""", "without repeats")]
    [InlineData("""{"family": "toy", "metric": "accuracy"}""", "metric is one of fid, kid, modes, high-quality")]
    [InlineData("""{"family": "toy", "random": {"count": 2, "options": {"lr-g": {"log-uniform": [0, 1]}}}}""", "log-uniform needs low > 0")]
    [InlineData("""{"family": "toy", "random": {"count": 2, "options": {"lr-g": {"normal": [0, 1]}}}}""", "random.options.lr-g is one of")]
    [InlineData("""{"family": "toy", "fixed": {"lr-g": [1]}}""", "fixed.lr-g must be a number, a string or true/false")]
    public void ABadSpec_IsAnErrorNamingTheFileAndTheKey(string json, string message)
    {
        using var tmp = TestSetup.Temp();
        var e = Assert.Throws<GanSharpException>(() => Spec(tmp, json));
        Assert.Contains(tmp.File("spec.json"), e.Message);
        Assert.Contains(message, e.Message);
    }
}
