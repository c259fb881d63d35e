using GanSharp.Latent;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Tests.Training;
using GanSharp.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

public sealed class ConditionalGanTests
{
    private static ConditionalOptions Tiny(string family) => Families.DefaultsOf<ConditionalOptions>(family) with { Width = 8, BatchSize = 16, LatentSize = 16 };

    [Fact]
    public void Concat_GivesDTenLabelChannels_AndTheLabelChangesItsVerdict()
    {
        manual_seed(1);
        var d = ConditionalGan.BuildDiscriminator(Tiny("cgan"));
        Assert.Equal(11, d.Inner.parameters().First().shape[1]);              // 1 image channel + 10 label maps
        var x = randn(4, 1, 28, 28);
        var (a, _) = d.Judge(x, tensor(new long[] { 0, 1, 2, 3 }));
        var (b, _) = d.Judge(x, tensor(new long[] { 9, 8, 7, 6 }));
        Assert.Equal(new long[] { 4 }, a.shape);
        Assert.False(a.allclose(b));
    }

    [Fact]
    public void Projection_LogitDifference_IsTheInnerProductWithTheEmbeddingDifference()
    {
        manual_seed(2);
        var d = ConditionalGan.BuildDiscriminator(Tiny("projection") with { SpectralNorm = false });
        d.eval();
        var x = randn(3, 1, 28, 28);
        var (l1, _) = d.Judge(x, tensor(new long[] { 1, 1, 1 }));
        var (l4, _) = d.Judge(x, tensor(new long[] { 4, 4, 4 }));
        var phi = d.Inner.Features(x).sum(new long[] { 2, 3 });                 // summed over space: (3, channels)
        var e = d.named_parameters().Single(p => p.name == "embed.weight").parameter;   // (channels, classes)
        var expected = (phi * (e.select(1, 1) - e.select(1, 4))).sum(1);
        Assert.True((l1 - l4).allclose(expected, rtol: 1e-4, atol: 1e-5));
        // With spectral norm (the paper's setting) the embedding is normalised too (Miyato & Koyama 2018).
        Assert.Contains(ConditionalGan.BuildDiscriminator(Tiny("projection") with { SpectralNorm = true }).named_parameters(), p => p.name == "embed.inner.weight");
    }

    [Fact]
    public void AcganAndInfogan_HaveTheirHeads()
    {
        var (_, cls) = ConditionalGan.BuildDiscriminator(Tiny("acgan")).Judge(randn(5, 1, 28, 28), null);
        Assert.Equal(new long[] { 5, 10 }, cls!.shape);
        var (_, q) = ConditionalGan.BuildDiscriminator(Tiny("infogan")).Judge(randn(5, 1, 28, 28), null);
        Assert.Equal(new long[] { 5, 12 }, q!.shape);                           // 10 category logits + 2 means
    }

    [Fact]
    public void Generator_OutputDependsOnTheClass()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "c", Tiny("cgan"), TinyRuns.Trainer(1));
        var recipe = (ConditionalGan)s.Recipe;
        var z = randn(2, 16);
        var a = recipe.Sample(recipe.Latent(z, tensor(new long[] { 0, 0 })));
        var b = recipe.Sample(recipe.Latent(z, tensor(new long[] { 5, 5 })));
        Assert.Equal(new long[] { 2, 1, 28, 28 }, a.shape);
        Assert.False(a.allclose(b));
    }

    [Theory]
    [InlineData("acgan", "loss/class_d")]
    [InlineData("infogan", "loss/info")]
    [InlineData("projection", "loss/d")]
    [InlineData("cgan-mlp", "loss/d")]
    public void Family_Trains_AndLogsItsTerms(string family, string key)
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "r", Tiny(family), TinyRuns.Trainer(2));
        s.Train(Array.Empty<ITrainingCallback>());
        Assert.Contains($"\"{key}\"", File.ReadAllText(tmp.File("r/metrics.jsonl")));
    }

    [Fact]
    public void InfoganRun_ResumesBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        float[] straight;
        using (var s = TinyRuns.Start(tmp, "a", Tiny("infogan"), TinyRuns.Trainer(4)))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            straight = TinyRuns.Weights(s.Recipe);
        }
        using (var s = TinyRuns.Start(tmp, "b", Tiny("infogan"), TinyRuns.Trainer(2, checkpointEvery: 2)))
            s.Train(Array.Empty<ITrainingCallback>());
        using var resumed = TrainingSession.Resume(tmp.File("b"), _ => { }, totalSteps: 4);
        resumed.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
    }

    [Fact]
    public void SampleGrid_OfAConditionalRun_HasOneRowPerClass()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "g", Tiny("acgan"), TinyRuns.Trainer(1)))
            s.Train(Array.Empty<ITrainingCallback>());
        using var png = SkiaSharp.SKBitmap.Decode(tmp.File("g/samples/step-000001.png"));
        Assert.Equal((8 * 30 + 2, 10 * 30 + 2), (png.Width, png.Height));     // 28-px cells, 2-px padding
    }

    [Fact]
    public void ClassByNoise_RowsAreClasses_ColumnsShareZ()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "c", Tiny("cgan"), TinyRuns.Trainer(1));
        var recipe = (ConditionalGan)s.Recipe;
        using var g = new TorchSharp.torch.Generator(4);
        var latents = recipe.ClassByNoise(3, g);                              // (10 × 3, 16 + 10)
        Assert.Equal(new long[] { 30, 26 }, latents.shape);
        Assert.Equal(new long[] { 0, 0, 0, 1, 1, 1 }, recipe.Code.CategoryOf(latents).narrow(0, 0, 6).data<long>().ToArray());
        Assert.True(latents[4].narrow(0, 0, 16).allclose(latents[28].narrow(0, 0, 16), 0, 0));   // column 1 in rows 1 and 9
    }

    [Fact]
    public void ConditionalFamilies_HaveNoFlagsOfAnUnconditionalD_AndRefuseMixingPenalties()
    {
        var flags = FlagProperty.Of(typeof(ConditionalOptions)).Select(f => f.Name).ToList();
        Assert.Contains("--classes", flags);
        foreach (var absent in new[] { "--pack", "--unrolled-steps", "--feature-matching", "--historical-averaging", "--instance-noise", "--clip" })
            Assert.DoesNotContain(absent, flags);
        var error = new StringWriter();
        Assert.Equal(GanSharp.Cli.ExitCode.UsageError, GanSharp.Cli.GanCli.Run(new[] { "train", "cgan", "--pack", "2" }, new StringWriter(), error));
        Assert.Contains("--pack", error.ToString());
        var e = Assert.Throws<GanSharpException>(() => (Tiny("cgan") with { Penalty = "gp" }).Validated());
        Assert.Contains("does not combine with --penalty gp", e.Message);
    }

    [Fact]
    public void GanSample_ByClass_AndTraversal_FromARunFolder()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "i", Tiny("infogan"), TinyRuns.Trainer(1)))
            s.Train(Array.Empty<ITrainingCallback>());
        var err = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "sample", tmp.File("i"), "--class", "3", "--count", "16", "--out", tmp.File("c3.png") }, new StringWriter(), err), err.ToString());
        using (var png = SkiaSharp.SKBitmap.Decode(tmp.File("c3.png"))) Assert.Equal((242, 62), (png.Width, png.Height));   // 16 images in 8 columns
        Assert.Equal(0, GanSharp.Cli.GanCli.Run(new[] { "sample", tmp.File("i"), "--traverse", "1", "--columns", "5", "--out", tmp.File("t.png") }, new StringWriter(), err));
        using (var png = SkiaSharp.SKBitmap.Decode(tmp.File("t.png"))) Assert.Equal((5 * 30 + 2, 10 * 30 + 2), (png.Width, png.Height));
        var bad = new StringWriter();
        Assert.Equal(2, GanSharp.Cli.GanCli.Run(new[] { "sample", tmp.File("i"), "--class", "12" }, new StringWriter(), bad));
        Assert.Contains("classes 0..9", bad.ToString());
    }

    [Fact]
    public void LabelConditioning_OnStackedData_IsRefused()
    {
        using var tmp = TestSetup.Temp();
        var e = Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "s", Tiny("acgan"), TinyRuns.Trainer(1) with { Dataset = "stacked-fashion-mnist" }));
        Assert.Contains("go up to 999, but --classes is 10", e.Message);
    }

    [Fact]
    public void GanClasses_CountsEverySample_AndAccuracyIsTheConfusionDiagonal()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "a", Tiny("acgan"), TinyRuns.Trainer(1)))
            s.Train(Array.Empty<ITrainingCallback>());
        var err = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "classes", tmp.File("a"), "--per-class", "20", "--data", "embedded" }, new StringWriter(), err), err.ToString());
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(tmp.File("a/classes.json")));
        var confusion = doc.RootElement.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        Assert.All(confusion, row => Assert.Equal(20, row.Sum()));
        double diagonal = Enumerable.Range(0, 10).Sum(c => confusion[c][c]) / 200.0;
        Assert.Equal(diagonal, doc.RootElement.GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal(10, doc.RootElement.GetProperty("classes").GetArrayLength());
    }

    private sealed class FixedBatches(Tensor images, Tensor labels) : GanSharp.Data.IBatches
    {
        public int BatchSize => (int)images.shape[0];
        public GanSharp.Data.DataShape Shape => GanSharp.Data.DataShape.Image(1, 28, 28, 10);
        public long Epoch => 0;
        public long BatchInEpoch => 0;
        public GanSharp.Data.Batch Next() => new(images, Labels: labels);
        public IReadOnlyList<GanSharp.Data.StreamPosition> Positions => Array.Empty<GanSharp.Data.StreamPosition>();
        public void Seek(IReadOnlyList<GanSharp.Data.StreamPosition> positions) { }
        public void Dispose() { }
    }

    [Fact]
    public void R1_OfAConcatCgan_IsHalfGammaTimesTheSquaredImageGradientAtTheRealLabels()
    {
        manual_seed(4);
        var o = Tiny("cgan-mlp") with { BatchSize = 4, Penalty = "r1", PenaltyWeight = 6 };
        using var recipe = new ConditionalGan(o, seed: 1, CPU);
        var x = rand(4, 1, 28, 28) * 2 - 1;
        var y = tensor(new long[] { 3, 1, 4, 1 });

        // Independent truth: central differences of each sample's logit, pixel by pixel (the MLP
        // judges samples independently, so one pixel of all four moves at once).
        double Expected(Tensor labels)
        {
            using var _ = no_grad();
            var flat = x.reshape(4, 784);
            var squares = new double[4];
            const float h = 1e-2f;
            for (int p = 0; p < 784; p++)
            {
                var step = zeros(4, 784);
                step[TensorIndex.Colon, p] = h;
                var up = recipe.Discriminator.Judge((flat + step).reshape(4, 1, 28, 28), labels).Logits.to_type(ScalarType.Float64);
                var down = recipe.Discriminator.Judge((flat - step).reshape(4, 1, 28, 28), labels).Logits.to_type(ScalarType.Float64);
                var grad = ((up - down) / (2 * h)).data<double>().ToArray();
                for (int i = 0; i < 4; i++) squares[i] += grad[i] * grad[i];
            }
            return 6.0 / 2 * squares.Average();
        }
        recipe.Discriminator.train();
        double atRealLabels = Expected(y), atOtherLabels = Expected(tensor(new long[] { 0, 9, 8, 7 }));
        var log = recipe.Step(new FixedBatches(x, y));
        Assert.Equal(atRealLabels, log["penalty"], atRealLabels * 2e-3);
        Assert.True(Math.Abs(atOtherLabels - atRealLabels) > 0.05 * atRealLabels);      // the labels matter, so the check can tell
        Assert.Contains("--penalty gp", Assert.Throws<GanSharpException>(() => (o with { Penalty = "gp" }).Validated()).Message);
    }
}
