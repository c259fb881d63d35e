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

    private static (int, double) At(GrowthSchedule s, long step) => (s.At(step).Stage, s.At(step).Alpha);

    [Fact]
    public void Schedule_FadesEachStageInThenTrainsItAlone()
    {
        var s = new GrowthSchedule(lastStage: 2, stageImages: 100, imagesPerStep: 10);
        Assert.Equal((0, 1.0), At(s, 9));       // 4×4 alone for the first 100 images
        Assert.Equal((1, 0.0), At(s, 10));      // 8×8 fades in …
        Assert.Equal((1, 0.5), At(s, 15));
        Assert.Equal((1, 1.0), At(s, 20));      // … then trains alone
        Assert.Equal((2, 0.0), At(s, 30));
        Assert.Equal((2, 0.5), At(s, 35));
        Assert.Equal((2, 1.0), At(s, 45));
        Assert.Equal((2, 1.0), At(s, 10_000));  // fully grown for good
        Assert.Equal(50, s.StepsToFullGrowth);
        Assert.Equal(new[] { 4.0, 8.0 }, Enumerable.Range(0, 2).Select(i => (double)(Tiny.Shape.Side(i))));
    }

    [Fact]
    public void Schedule_GivesEachStageItsOwnImagesAndBatch()
    {
        // 4×4: 50 images at batch 20 (3 steps, 10 past its span); 8×8: 60 at batch 10; 16×16: 200 at batch 40.
        long[] images = { 50, 60, 200 };
        int[] batches = { 20, 10, 40 };
        var s = new GrowthSchedule(2, i => images[i], i => batches[i]);
        Assert.Equal(new GrowthSchedule.Growth(0, 1, 20), s.At(2));
        Assert.Equal(new GrowthSchedule.Growth(1, 10.0 / 60, 10), s.At(3));    // 60 shown, the fade-in's span began at 50
        Assert.Equal(new GrowthSchedule.Growth(1, 50.0 / 60, 10), s.At(7));
        Assert.Equal(new GrowthSchedule.Growth(1, 1, 10), s.At(8));            // 110 shown: stable 8×8, [110, 170)
        Assert.Equal(new GrowthSchedule.Growth(1, 1, 10), s.At(13));
        Assert.Equal(new GrowthSchedule.Growth(2, 0, 40), s.At(14));           // 170 shown: 16×16 fades in over [170, 370)
        Assert.Equal(new GrowthSchedule.Growth(2, 0.2, 40), s.At(15));
        Assert.Equal(new GrowthSchedule.Growth(2, 1, 40), s.At(19));           // 370 shown: stable, 5 steps
        Assert.Equal(24, s.StepsToFullGrowth);
        Assert.Equal(new GrowthSchedule.Growth(2, 1, 40), s.At(1_000));
        var twoSteps = new GrowthSchedule(2, i => images[i], i => batches[i], dSteps: 2);   // a step shows two batches
        Assert.Equal(new GrowthSchedule.Growth(1, 30.0 / 60, 10), twoSteps.At(2));   // 80 shown after two steps of 40
    }

    [Fact]
    public void SideOptions_NameTheirFlagAndWhatIsWrong()
    {
        var o = Families.DefaultsOf<ProGanOptions>("pggan") with { SideBatch = "4:128, 8:64", SideImages = "32:40000" };
        o.Validate();
        Assert.Equal((128, 64, 32, 32), (o.BatchAt(0), o.BatchAt(1), o.BatchAt(2), o.BatchAt(3)));
        Assert.Equal((20_000L, 40_000L), (o.ImagesAt(0), o.ImagesAt(3)));
        string Refused(ProGanOptions bad) => Assert.Throws<GanSharpException>(bad.Validate).Message;
        Assert.Contains("--side-batch 8:48 must be a multiple of --batch-size 32", Refused(o with { SideBatch = "8:48" }));
        Assert.Contains("--side-images: 12 is not a side this run grows through (4, 8, 16, 32)", Refused(o with { SideImages = "12:100" }));
        Assert.Contains("'8=64' is not one", Refused(o with { SideBatch = "8=64" }));
        Assert.Contains("names side 8 twice", Refused(o with { SideImages = "8:1,8:2" }));
        Assert.Contains("at least 1", Refused(o with { SideImages = "8:0" }));
    }

    [Fact]
    public void Training_DrawsEachStagesBatch_AndResumesBitIdenticallyWhereItChanges()
    {
        var o = Tiny with { SideImages = "4:16,8:40", SideBatch = "8:16" };    // 4×4: steps 0–1 at batch 8; 8×8 fades in from step 2 at batch 16
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "b", o, TinyRuns.Trainer(3)))
        {
            var seen = new List<(double Batch, long BatchInEpoch, long Images)>();
            for (int i = 0; i < 3; i++)
            {
                var log = s.Recipe.Step(s.Data);
                seen.Add((log["growth/batch"], s.Data.BatchInEpoch, s.Recipe.ImagesPerStep));
            }
            Assert.Equal(new[] { 8.0, 8, 16 }, seen.Select(x => x.Batch));
            Assert.Equal(new[] { 8L, 8, 16 }, seen.Select(x => x.Images));
            Assert.Equal(new[] { 1L, 2, 4 }, seen.Select(x => x.BatchInEpoch));      // the 16 of step 2 are two of the data's batches of 8
        }
        TinyRuns.AssertResumesBitIdentically(tmp, o, "side");
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
        Assert.Equal(new GrowthSchedule.Growth(1, 1, 8), trained.Growth);
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
