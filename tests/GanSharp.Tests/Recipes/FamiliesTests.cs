using GanSharp.Recipes;
using GanSharp.Tests.Training;
using GanSharp.Training;
using TorchSharp.Modules;
using Xunit;

namespace GanSharp.Tests.Recipes;

public sealed class FamiliesTests
{
    [Fact]
    public void Defaults_FollowTheirPapers()
    {
        var wgan = Families.DefaultsOf<GanSharp.Recipes.GanOptions>("wgan");      // Arjovsky et al. 2017, Algorithm 1
        Assert.Equal(("wasserstein", 0.01, 5, "rmsprop", 5e-5, 5e-5), (wgan.Loss, wgan.Clip!.Value, wgan.DSteps, wgan.Optimizer, wgan.LrG, wgan.LrD));
        var gp = Families.DefaultsOf<GanSharp.Recipes.GanOptions>("wgan-gp");     // Gulrajani et al. 2017, Algorithm 1
        Assert.Equal(("wasserstein", "gp", 10.0, 5, 1e-4, 0.0, 0.9, "layer"), (gp.Loss, gp.Penalty, gp.PenaltyWeight, gp.DSteps, gp.LrD, gp.Beta1, gp.Beta2, gp.DNorm));
        Assert.Null(gp.Clip);
        Assert.Equal("least-squares", Families.DefaultsOf<GanSharp.Recipes.GanOptions>("lsgan").Loss);
        Assert.Equal(("mlp", 500), (Families.DefaultsOf<GanSharp.Recipes.GanOptions>("vanilla").Networks, Families.DefaultsOf<GanSharp.Recipes.GanOptions>("vanilla").Width));
        var sn = Families.DefaultsOf<GanSharp.Recipes.GanOptions>("sngan");       // Miyato et al. 2018, Table 1 setting C
        Assert.Equal(("hinge", true, "none", 2e-4, 0.5, 0.999, 1), (sn.Loss, sn.SpectralNorm, sn.DNorm, sn.LrD, sn.Beta1, sn.Beta2, sn.DSteps));
        foreach (var f in Families.All) Assert.Equal(f.Name, f.Defaults.Family);
    }

    private static GanOptions Tiny(string family) =>
        (GanOptions)Families.Named(family).Defaults with { Width = 8, BatchSize = 16, LatentSize = 16 };

    [Theory]
    [InlineData("lsgan")]
    [InlineData("wgan")]
    [InlineData("wgan-gp")]
    [InlineData("sngan")]
    public void Family_TrainsWithoutNaN_AndLogsItsNumbers(string family)
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", Tiny(family), TinyRuns.Trainer(3));
        var log = s.Recipe.Step(s.Data);
        Assert.Null(log.FirstNonFinite());
        Assert.Equal(Tiny(family).DSteps, s.Data.BatchInEpoch);
        Assert.Equal(family == "wgan-gp", log.ContainsKey("penalty"));
        if (family == "wgan-gp") Assert.InRange(log["penalty"], 0.0, 1e6);
    }

    [Fact]
    public void Wgan_KeepsTheCriticClipped_AndUsesRmsProp()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", Tiny("wgan"), TinyRuns.Trainer(2));
        s.Recipe.Step(s.Data);
        Assert.IsType<RMSProp>(s.Recipe.State.OptimizerNamed("discriminator").Optimizer);
        float largest = s.Gan().Discriminator.parameters().Max(p => p.abs().max().item<float>());
        Assert.InRange(largest, 0.0f, 0.01f);
        Assert.InRange(largest, 0.0099f, 0.01f);  // DCGAN init N(0, 0.02) exceeds 0.01, so clipping is active
    }

    [Fact]
    public void Sngan_EveryDiscriminatorLayerIsSpectrallyNormalised_AndThereIsNoBatchNorm()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", Tiny("sngan"), TinyRuns.Trainer(1));
        var d = s.Gan().Discriminator.modules().ToList();
        Assert.Equal(d.OfType<Conv2d>().Count(), d.OfType<GanSharp.Layers.SpectralNorm>().Count());
        Assert.Equal(2, d.OfType<GanSharp.Layers.SpectralNorm>().Count() - 1);   // from_image, down1, to_logit at 28 px
        Assert.DoesNotContain(d, m => m is BatchNorm2d);
        Assert.Equal("hinge", ((GanOptions)s.Config.Options).Loss);
    }

    [Fact]
    public void WganGp_CriticHasLayerNormAndNoBatchNorm()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", Tiny("wgan-gp"), TinyRuns.Trainer(1));
        Assert.Contains(s.Gan().Discriminator.modules(), m => m is GanSharp.Networks.LayerNorm2d);
        Assert.DoesNotContain(s.Gan().Discriminator.modules(), m => m is BatchNorm2d);
    }

    [Theory]
    [InlineData("wgan-gp")]   // the penalty's random stream is restored
    [InlineData("sngan")]     // the power iteration's u and v buffers are restored
    public void Resume_IsBitIdentical(string family)
    {
        using var tmp = TestSetup.Temp();
        float[] straight;
        using (var s = TinyRuns.Start(tmp, "a", Tiny(family), TinyRuns.Trainer(4, checkpointEvery: 2)))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            straight = TinyRuns.Weights(s.Recipe);
        }
        using (var s = TinyRuns.Start(tmp, "b", Tiny(family), TinyRuns.Trainer(2, checkpointEvery: 2)))
            s.Train(Array.Empty<ITrainingCallback>());
        using var resumed = TrainingSession.Resume(tmp.File("b"), _ => { }, totalSteps: 4);
        resumed.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
    }
}

public sealed class DeterminismTests
{
    [Theory]
    [InlineData("batch")]
    [InlineData("instance")]
    [InlineData("layer")]
    [InlineData("none")]
    public void SameSeed_SameWeights_ForEveryDiscriminatorNorm(string norm)
    {
        // libtorch's CPU GroupNorm was not reproducible with 2 threads; this is why LayerNorm2d exists.
        using var tmp = TestSetup.Temp();
        float[] Run(string name)
        {
            var gan = Families.DefaultsOf<GanSharp.Recipes.GanOptions>("wgan-gp") with { Width = 8, BatchSize = 16, LatentSize = 16, DNorm = norm };
            using var s = TinyRuns.Start(tmp, name, gan, TinyRuns.Trainer(2));
            s.Train(Array.Empty<ITrainingCallback>());
            return TinyRuns.Weights(s.Recipe);
        }
        Assert.Equal(Run("x"), Run("y"));
    }
}
