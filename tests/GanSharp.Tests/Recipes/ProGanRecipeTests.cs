using GanSharp.Recipes;
using GanSharp.Recipes.Modern;
using GanSharp.Tests.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

public sealed class ProGanRecipeTests
{
    /// <summary>8×8 (stages 4 and 8), 12 images per phase at batch 8: steps 0–1 at 4×4, step 2 fades in at α = 4/12, step 3 on is 8×8 alone.</summary>
    private static ProGanOptions Tiny => Families.DefaultsOf<ProGanOptions>("pggan") with { Resolution = 8, Width = 4, MaxChannels = 8, BatchSize = 8, LatentSize = 8, StageImages = 12 };

    [Fact]
    public void Schedule_FadesEachStageInThenTrainsItAlone()
    {
        var s = new GrowthSchedule(LastStage: 2, StageImages: 100, ImagesPerStep: 10);
        Assert.Equal((0, 1.0), s.At(9));       // 4×4 alone for the first 100 images
        Assert.Equal((1, 0.0), s.At(10));      // 8×8 fades in …
        Assert.Equal((1, 0.5), s.At(15));
        Assert.Equal((1, 1.0), s.At(20));      // … then trains alone
        Assert.Equal((2, 0.0), s.At(30));
        Assert.Equal((2, 0.5), s.At(35));
        Assert.Equal((2, 1.0), s.At(45));
        Assert.Equal((2, 1.0), s.At(10_000));  // fully grown for good
        Assert.Equal(50, s.StepsToFullGrowth);
        Assert.Equal(new[] { 4.0, 8.0 }, Enumerable.Range(0, 2).Select(i => (double)(Tiny.Shape.Side(i))));
    }

    [Fact]
    public void RealImages_FadeFromTheirCoarserVersionToThemselves()
    {
        using var recipe = new ProGan(Tiny with { Channels = 1 }, 1, CPU);
        var x = randn(2, 1, 8, 8);
        var coarse = nn.functional.interpolate(nn.functional.avg_pool2d(x, 2), new long[] { 8, 8 }, mode: InterpolationMode.Nearest);
        Assert.True(recipe.AtStage(x, 1, 0).allclose(coarse, atol: 1e-6));
        Assert.True(recipe.AtStage(x, 1, 1).allclose(x));
        Assert.True(recipe.AtStage(x, 1, 0.25).allclose(0.75 * coarse + 0.25 * x, atol: 1e-6));
        Assert.True(recipe.AtStage(x, 0, 1).allclose(nn.functional.avg_pool2d(x, 2)));
    }

    [Fact]
    public void Training_GrowsOnSchedule_AndSamplesAtTheRunsResolution()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "p", Tiny, TinyRuns.Trainer(3));
        var sides = new List<double>();
        var alphas = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var log = s.Recipe.Step(s.Data);
            Assert.Null(log.FirstNonFinite());
            sides.Add(log["growth/side"]);
            alphas.Add(log["growth/alpha"]);
            Assert.InRange(log["penalty"], 0, 1e6);
        }
        Assert.Equal(new[] { 4.0, 4, 8 }, sides);
        Assert.Equal(new[] { 1, 1, 4.0 / 12 }, alphas);
        using var g = new Generator(1);
        Assert.Equal(new long[] { 5, 1, 8, 8 }, s.Recipe.Sample(s.Recipe.Noise(5, g)).shape);
    }

    [Fact]
    public void ALoadedCheckpoint_SamplesAtItsStage_NotAt4x4()
    {
        using var tmp = TestSetup.Temp();
        using var trained = new ProGan(Tiny with { Channels = 1 }, 1, CPU) { StepsDone = 5 };     // past 12 + 12 + 12 images of 8: 8×8 alone
        Assert.Equal((1, 1.0), trained.Growth);
        GanSharp.Training.Checkpoint.Save(tmp.File("p.ckpt"), new(5, 0, 0, 40, 0), trained);
        using var loaded = new ProGan(Tiny with { Channels = 1 }, 1, CPU);
        Assert.Equal(5, GanSharp.Training.Checkpoint.Load(tmp.File("p.ckpt"), loaded).Step);
        Assert.Equal((5L, 1, 1.0), (loaded.StepsDone, loaded.Growth.Stage, loaded.Growth.Alpha));
        using var g = new Generator(1);
        var z = loaded.Noise(3, g);
        Assert.True(loaded.Sample(z).allclose(trained.Sample(z)));
    }

    [Fact]
    public void Resume_IsBitIdentical_InTheMiddleOfAFadeIn()
    {
        using var tmp = TestSetup.Temp();
        TinyRuns.AssertResumesBitIdentically(tmp, Tiny);   // resumed at step 2, which fades 8×8 in at α = 1/3; step 3 is 8×8 alone
    }
}
