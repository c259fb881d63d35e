using GanSharp.Layers;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Recipes.Pyramid;
using GanSharp.Tests.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

public sealed class LapGanTests
{
    /// <summary>16×16 from a 4×4 base: levels at 8 and 16, tiny networks.</summary>
    private static LapGanOptions Tiny => Families.DefaultsOf<LapGanOptions>("lapgan") with
    {
        Resolution = 16, BaseSide = 4, BaseHidden = 16, Width = 4, LevelWidth = 4, BatchSize = 8, LatentSize = 8,
    };

    [Fact]
    public void Options_NameTheLevels_AndRefuseWhatDoesNotGrowByTwo()
    {
        var o = Families.DefaultsOf<LapGanOptions>("lapgan");
        Assert.Equal((8, 2, 16, 32), (o.BaseSide, o.Levels, o.Side(1), o.Side(2)));      // the paper's CIFAR-10 pyramid
        Assert.Equal((1200, "joint"), (o.BaseHidden, o.Training));
        Assert.Contains("--resolution 24 is not 8·2^k", Assert.Throws<GanSharpException>(() => (o with { Resolution = 24 }).Validate()).Message);
        Assert.Contains("--resolution 8 is not 8·2^k with k ≥ 1", Assert.Throws<GanSharpException>(() => (o with { Resolution = 8 }).Validate()).Message);
        Assert.Contains("--training", Assert.Throws<GanSharpException>(() => (o with { Training = "greedy" }).Validate()).Message);
        Assert.Contains("--d-steps 1", Assert.Throws<GanSharpException>(() => (o with { DSteps = 2 }).Validate()).Message);
        (o with { Resolution = 28, BaseSide = 7 }).Validate();                                  // Fashion-MNIST at its own side: 7 → 14 → 28
    }

    [Fact]
    public void Sampling_WalksThePyramid_EachLevelRefiningTheUpsampledOneBelow()
    {
        using var recipe = new LapGan(Tiny, 1, CPU);
        Assert.Equal(8 + 8 * 8 + 16 * 16, recipe.LatentLength);
        using var g = new Generator(2);
        var z = recipe.Noise(3, g);
        var levels = recipe.SampleLevels(z);
        Assert.Equal(new[] { 4L, 8, 16 }, levels.Select(l => l.shape[2]));
        using (no_grad())
        {
            // Level 8 by hand: the upsampled base plus generator_8's residual of it and the first noise plane.
            var g8 = (LapGanLevelGenerator)recipe.State.Modules.Single(m => m.Name == "generator_8").Module;
            var coarse = LaplacianPyramid.Up(levels[0]);
            var plane = z.narrow(1, 8, 64).view(3, 1, 8, 8);
            Assert.True(levels[1].allclose(coarse + g8.forward(LapGanLevelGenerator.Input(coarse, plane)), atol: 1e-6));
        }
        Assert.True(recipe.Sample(z).le(1).all().item<bool>() && recipe.Sample(z).ge(-1).all().item<bool>());
        var grid = recipe.LevelGrid(z);                           // row i: sample i at 4, 8, 16, each shown at 16×16
        Assert.Equal(new long[] { 9, 1, 16, 16 }, grid.shape);
        Assert.True(grid[5].eq(recipe.Sample(z)[1]).all().item<bool>());
        Assert.True(grid[3].allclose(nn.functional.interpolate(levels[0].clamp(-1, 1), new long[] { 16, 16 }, mode: InterpolationMode.Nearest)[1]));
        var finerNoise = z.clone();
        finerNoise.narrow(1, 8 + 64, 256).add_(1);                 // only the 16×16 plane changes: only the finest level does
        var changed = recipe.SampleLevels(finerNoise);
        Assert.True(changed[0].eq(levels[0]).all().item<bool>() && changed[1].eq(levels[1]).all().item<bool>());
        Assert.False(changed[2].allclose(levels[2]));
    }

    [Fact]
    public void Levels_AreMeasuredAtTheResolution_SamplesAndRealImagesThroughTheSameLowPass()
    {
        using var recipe = new LapGan(Tiny, 1, CPU);
        using var g = new Generator(4);
        var z = recipe.Noise(3, g);
        var levels = recipe.SampleLevels(z);
        Assert.True(recipe.SampleLevel(z, 2).eq(recipe.Sample(z)).all().item<bool>());       // the finest level: the finished images
        var base16 = LaplacianPyramid.Up(LaplacianPyramid.Up(levels[0].clamp(-1, 1))).clamp(-1, 1);
        Assert.True(recipe.SampleLevel(z, 0).allclose(base16, atol: 1e-6));
        var real = rand(new long[] { 3, 1, 16, 16 }, generator: g) * 2 - 1;
        Assert.True(recipe.LowPass(real, 2).eq(real).all().item<bool>());
        var expected = LaplacianPyramid.Up(LaplacianPyramid.Down(real));
        Assert.True(recipe.LowPass(real, 1).allclose(expected, atol: 1e-6));
        Assert.Equal((16, 8, 4), (recipe.SideOf(2), recipe.SideOf(1), recipe.SideOf(0)));
    }

    [Fact]
    public void Training_Joint_TrainsEveryLevel_OneByOne_EachInItsTurn()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "joint", Tiny, TinyRuns.Trainer(1)))
        {
            var log = s.Recipe.Step(s.Data);
            Assert.Null(log.FirstNonFinite());
            foreach (var key in new[] { "loss/d", "loss/g", "loss/d@8", "loss/g@8", "loss/d@16", "loss/g@16" }) Assert.True(log.ContainsKey(key), key);
        }
        var byTurn = Tiny with { Training = "one-by-one", LevelSteps = 2 };
        using var recipe = new LapGan(byTurn, 1, CPU);
        Assert.Equal(new[] { 0, 0, 1, 1, 2, 2, 2 }, Enumerable.Range(0, 7).Select(t => recipe.LevelsAt(t).Single()));
        using (var s = TinyRuns.Start(tmp, "turns", byTurn with { LevelSteps = 1 }, TinyRuns.Trainer(2)))
        {
            var first = s.Recipe.Step(s.Data);
            Assert.True(first.ContainsKey("loss/d") && !first.ContainsKey("loss/d@8"));
            var second = s.Recipe.Step(s.Data);
            Assert.True(second.ContainsKey("loss/g@8") && !second.ContainsKey("loss/g") && !second.ContainsKey("loss/g@16"));
        }
    }

    [Fact]
    public void Resume_IsBitIdentical_JointAndAcrossATurn()
    {
        using var tmp = TestSetup.Temp();
        TinyRuns.AssertResumesBitIdentically(tmp, Tiny, "joint");
        TinyRuns.AssertResumesBitIdentically(tmp, Tiny with { Training = "one-by-one", LevelSteps = 1 }, "turns");   // resumed at step 2, the 16×16 level's turn
    }
}
