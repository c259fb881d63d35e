using GanSharp.Data.Sets;
using GanSharp.Data.Sources;
using GanSharp.Data.Text;
using GanSharp.Features;
using GanSharp.Layers;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Recipes.Text;
using GanSharp.Tests.Training;
using GanSharp.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

public sealed class StackGanTests
{
    /// <summary>An untrained text matcher of the embedded emoji's descriptions: the GAN needs its encoder and descriptions, not its skill.</summary>
    internal static string Matcher(TempFolder tmp, string name = "matcher.bin")
    {
        string folder = EmbeddedEmoji.Folder();
        var captions = Captions.For(folder, ImageFolder.ListImages(folder));
        var vocabulary = Vocabulary.Of(captions);
        GanSharp.Runtime.Seeding.SeedGlobal(name.Length);
        using var matcher = new TextMatcher(vocabulary, 3);
        TextMatcherTraining.Save(matcher, new TextMatcherTraining.Provenance("test", 0, 0, folder, 3, 16, 0, 0, 0.5, vocabulary.Words, captions), tmp.File(name));
        return tmp.File(name);
    }

    private static StackGanOptions Tiny(string? matcher) => Families.DefaultsOf<StackGanOptions>("stackgan") with
    {
        Resolution = 16, Width = 4, BatchSize = 8, LatentSize = 8, ConditionSize = 6, TextMatcher = matcher,
    };

    [Fact]
    public void Options_AreThePapersAtACpuSize_AndRefuseStagesThatDoNotFit()
    {
        var o = Families.DefaultsOf<StackGanOptions>("stackgan");
        Assert.Equal((1, 128, 2.0, 32, "non-saturating", 2e-4, 0.5), (o.Stage, o.ConditionSize, o.KlWeight, o.Resolution, o.Loss, o.LrG, o.Beta1));
        Assert.Contains("--stage-one RUN", Assert.Throws<GanSharpException>(() => (o with { Stage = 2 }).Validate()).Message);
        Assert.Contains("is for --stage 2", Assert.Throws<GanSharpException>(() => (o with { StageOne = "run" }).Validate()).Message);
        Assert.Contains("--resolution 24 is not 4·2^k", Assert.Throws<GanSharpException>(() => (o with { Resolution = 24 }).Validate()).Message);
        Assert.Contains("--resolution 48: stage I would draw 24×24, which is not 4·2^k", Assert.Throws<GanSharpException>(() => (o with { Stage = 2, StageOne = "run", Resolution = 48 }).Validate()).Message);
        Assert.Contains("--d-steps 1", Assert.Throws<GanSharpException>(() => (o with { DSteps = 2 }).Validate()).Message);
        (o with { Stage = 2, StageOne = "run", Resolution = 64 }).Validate();
    }

    [Fact]
    public void Sampling_ConditionsOnMuPlusSigmaEpsilon_FromTheLatentsParts()
    {
        using var tmp = TestSetup.Temp();
        var o = Tiny(Matcher(tmp)) with { Channels = 3 };
        using var recipe = new StackGan(o, 1, CPU);
        Assert.Equal(8 + 6 + TextMatcher.Size, recipe.LatentLength);
        using var g = new Generator(3);
        var latents = recipe.Noise(4, g);
        latents.narrow(1, 8, 6).zero_();                                       // ε = 0: c = μ(φ)
        var images = recipe.Sample(latents);
        Assert.Equal(new long[] { 4, 3, 16, 16 }, images.shape);
        var modules = recipe.State.Modules.ToDictionary(m => m.Name, m => m.Module);
        using (no_grad())
        {
            var phi = latents.narrow(1, 14, TextMatcher.Size);
            var mu = ((ConditioningAugmentation)modules["augmentation"]).forward(phi).narrow(1, 0, 6);
            var byHand = ((StackGanStageOneGenerator)modules["generator"]).forward(cat(new[] { latents.narrow(1, 0, 8), mu }, 1));
            Assert.True(images.allclose(byHand, atol: 1e-6));
        }
        var otherText = latents.clone();
        otherText.narrow(1, 14, TextMatcher.Size).copy_(recipe.Text.EmbedText("cat face").Phi.expand(4, -1));
        Assert.False(recipe.Sample(otherText).allclose(images, atol: 1e-4));      // the text reaches the image
        var (_, dropped) = recipe.Text.EmbedText("cat face with zzyzx");
        Assert.Equal(new[] { "zzyzx" }, dropped);
        Assert.Contains("none of its words", Assert.Throws<GanSharpException>(() => recipe.Text.EmbedText("zzyzx qqq")).Message);
    }

    [Fact]
    public void StageOne_Trains_AndResumesBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        var o = Tiny(Matcher(tmp));
        using (var s = TinyRuns.Start(tmp, "one", o, TinyRuns.Trainer(3, data: EmbeddedEmoji.Name)))
        {
            var log = s.Recipe.Step(s.Data);
            Assert.Null(log.FirstNonFinite());
            Assert.InRange(log["kl"], 0.0, 100.0);
            Assert.True(log.ContainsKey("loss/d") && log.ContainsKey("loss/g"));
        }
        TinyRuns.AssertResumesBitIdentically(tmp, o, data: EmbeddedEmoji.Name);
    }

    [Fact]
    public void StageTwo_StartsFromAStageOneRunsFrozenGenerator_RefusesOneThatDoesNotFit_AndResumesBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        var one = Tiny(Matcher(tmp)) with { Resolution = 8 };
        float[] stageOneWeights;
        using (var s = TinyRuns.Start(tmp, "one", one, TinyRuns.Trainer(2, data: EmbeddedEmoji.Name)))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            stageOneWeights = TinyRuns.Weights(s.Recipe, "generator");
        }
        var two = Tiny(null) with { Stage = 2, StageOne = tmp.File("one"), Resolution = 16 };
        using (var s = TinyRuns.Start(tmp, "two", two, TinyRuns.Trainer(2, data: EmbeddedEmoji.Name)))
        {
            Assert.Equal(stageOneWeights, TinyRuns.Weights(s.Recipe, "stage1_generator"));          // copied at the start
            s.Train(Array.Empty<ITrainingCallback>());
            Assert.Equal(stageOneWeights, TinyRuns.Weights(s.Recipe, "stage1_generator"));          // and frozen
            var recipe = (StackGan)s.Recipe;
            var z = recipe.Noise(3, new Generator(1));
            var stages = recipe.SampleStages(z);
            Assert.Equal((8L, 16L), (stages[0].shape[2], stages[1].shape[2]));
            // the convolution check sees stage II's G on stage I's images of the latents, and replicas it can rebuild
            var subjects = recipe.ConvolutionSubjects(rand(3, 3, 16, 16) * 2 - 1, z);
            var g = subjects.Single(x => x.Name == "generator");
            Assert.True(g.Input.narrow(1, 0, 3 * 8 * 8).view(3, 3, 8, 8).allclose(stages[0]));
            foreach (var subject in subjects)
            {
                using var replica = subject.Build();
                replica.load_state_dict(subject.Network.state_dict());
                replica.eval();
                subject.Network.eval();
                using var _ = no_grad();
                Assert.True(replica.forward(subject.Input).allclose(subject.Network.forward(subject.Input)), subject.Name);
            }
        }
        var wider = Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "wide", two with { Width = 8 }, TinyRuns.Trainer(2, data: EmbeddedEmoji.Name)));
        Assert.Contains("its width is 4, not --width 8", wider.Message);
        var side = Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "big", two with { Resolution = 32 }, TinyRuns.Trainer(2, data: EmbeddedEmoji.Name)));
        Assert.Contains("it draws 8×8, and --resolution 32 needs 16×16", side.Message);
        var otherText = Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "text", two with { TextMatcher = Matcher(tmp, "other.bin") }, TinyRuns.Trainer(2, data: EmbeddedEmoji.Name)));
        Assert.Contains("its text encoder is", otherText.Message);
        TinyRuns.AssertResumesBitIdentically(tmp, two, "two-resume", EmbeddedEmoji.Name);
    }

    [Fact]
    public void ARun_RefusesATextMatcherChangedSinceItStarted()
    {
        using var tmp = TestSetup.Temp();
        string matcher = Matcher(tmp);
        using (var s = TinyRuns.Start(tmp, "one", Tiny(matcher), TinyRuns.Trainer(1, data: EmbeddedEmoji.Name)))
            s.Train(Array.Empty<ITrainingCallback>());
        Matcher(tmp, "retrained.bin");
        File.Copy(tmp.File("retrained.bin"), matcher, overwrite: true);
        var e = Assert.Throws<GanSharpException>(() => new RunSampler(tmp.File("one")));
        Assert.Contains("has changed since this run started", e.Message);
    }
}
