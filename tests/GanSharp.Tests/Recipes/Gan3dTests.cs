using GanSharp.Recipes;
using GanSharp.Recipes.Volumes;
using GanSharp.Tests.Training;
using GanSharp.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

public sealed class Gan3dTests
{
    private static Gan3dOptions Tiny(double dAccuracy = 0.8) => Families.DefaultsOf<Gan3dOptions>("gan3d") with
    {
        Resolution = 16, Width = 4, LatentSize = 8, BatchSize = 4, DAccuracy = dAccuracy,
    };

    [Fact]
    public void Accuracy_CountsRealAboveZeroAndGeneratedBelow()
    {
        using var real = tensor(new[] { 1f, 2f, -1f });
        using var fake = tensor(new[] { -1f, -2f, 3f });
        Assert.Equal(4.0 / 6, Gan3d.Accuracy(real, fake), 12);
    }

    [Theory]
    [InlineData(0.01, false)]   // any accuracy of a fresh D is ≥ 1 %: D's update is skipped, G's is not
    [InlineData(1.0, true)]     // below 100 %: D is updated
    public void DsUpdate_IsSkipped_WhenItsAccuracyReachesTheThreshold(double threshold, bool dChanges)
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", Tiny(threshold), TinyRuns.Trainer(1, data: "shapes"));
        var recipe = (Gan3d)s.Recipe;
        float[] Parameters(TorchSharp.torch.nn.Module m) => m.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();   // weights, not batch norm's running statistics
        var d0 = Parameters(recipe.Discriminator);
        var g0 = Parameters(recipe.Generator);
        var log = recipe.Step(s.Data);
        Assert.InRange(log["d/accuracy"], 0.01, 1.0 - 1e-9);
        Assert.Equal(dChanges ? 0 : 1, log["d/skipped"]);
        Assert.Equal(!dChanges, d0.SequenceEqual(Parameters(recipe.Discriminator)));
        Assert.False(g0.SequenceEqual(Parameters(recipe.Generator)));
    }

    [Fact]
    public void Conditional_GReadsZAndTheClass_DTheClassAsVolumes_AndResumesBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        var options = Tiny() with { Classes = 7 };
        TinyRuns.AssertResumesBitIdentically(tmp, options, data: "shapes");
        using var recipe = new Gan3d(options, 0, TorchSharp.torch.CPU);
        using var g = new Generator(1);
        using var grid = recipe.ClassByNoise(3, g);
        Assert.Equal(new long[] { 21, 8 + 7 }, grid.shape);
        Assert.Equal(new long[] { 0, 0, 0, 1, 1, 1, 2 }, recipe.Code.CategoryOf(grid).data<long>().Take(7).ToArray());   // rows are classes
        using var latent = recipe.Noise(5, g);
        Assert.Equal(1f, latent.narrow(1, 8, 7).sum(1).data<float>().Distinct().Single());              // one-hot after z
        Assert.Equal(1 + 7, recipe.Discriminator.parameters().First().shape[1]);                          // the grid and 7 class volumes
        var e = Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "few", Tiny() with { Classes = 3 }, TinyRuns.Trainer(1, data: "shapes")));
        Assert.Contains("go up to 6, but --classes is 3", e.Message);
        Assert.Contains("--d-steps 2 is not supported", Assert.Throws<GanSharpException>(() => (Tiny() with { DSteps = 2 }).Validate()).Message);
    }

    [Fact]
    public void AugmentTurn_TurnsTheTrainingBatches_AndImageOptionsAreRefused()
    {
        using var tmp = TestSetup.Temp();
        using var plain = TinyRuns.Start(tmp, "plain", Tiny(), TinyRuns.Trainer(1, data: "shapes"));
        using var turned = TinyRuns.Start(tmp, "turned", Tiny(), TinyRuns.Trainer(1, data: "shapes") with { Augment = "turn" });
        var a = plain.Data.Next().X;
        var b = turned.Data.Next().X;
        Assert.Equal(a.sum(new long[] { 1, 2, 4 }).data<float>().ToArray(), b.sum(new long[] { 1, 2, 4 }).data<float>().ToArray());   // the same shapes, each at the same heights
        Assert.False(a.eq(b).all().item<bool>());
        var e = Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "grey", Tiny(), TinyRuns.Trainer(1, data: "shapes") with { Channels = 1 }));
        Assert.Contains("--channels apply to image folders", e.Message);
    }

    [Fact]
    public void Resume_IsBitIdentical() => TinyRuns.AssertResumesBitIdentically(TestSetup.Temp(), Tiny(), data: "shapes");

    [Fact]
    public void Training_WritesRenderedSampleGrids()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "run", Tiny(), TinyRuns.Trainer(2, data: "shapes") with { SampleEvery = 2 }))
            s.Train(Array.Empty<ITrainingCallback>());
        var png = new RunDirectory(tmp.File("run")).SampleGrid(2);
        using var picture = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal(8 * (GanSharp.Imaging.VoxelRender.TileSide(16, 3) + 4) + 4, picture.Width);   // 32 renders, 8 a row
        Assert.Equal(4 * (GanSharp.Imaging.VoxelRender.TileSide(16, 3) + 4) + 4, picture.Height);
    }

    [Fact]
    public void SampleFiles_NpyHoldsThePanelsGrids_ObjClosedMeshes_AndTurntablesAndWalksAreRenders()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "run", Tiny(), TinyRuns.Trainer(2, data: "shapes")))
            s.Train(Array.Empty<ITrainingCallback>());
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "sample", tmp.File("run"), "--count", "3", "--seed", "5", "--format", "npy", "--out", tmp.File("s.npy") }, new StringWriter(), error), error.ToString());
        var bytes = File.ReadAllBytes(tmp.File("s.npy"));
        int headerLength = bytes[8] | bytes[9] << 8;
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 16, 16, 16), }", System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength));
        var values = new float[3 * 16 * 16 * 16];
        Assert.Equal(10 + headerLength + values.Length * 4, bytes.Length);
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * 4);
        using (var sampler = new RunSampler(tmp.File("run"), "last"))
        using (var grids = sampler.Sample(3, 5))
            Assert.Equal(grids.data<float>().ToArray(), values);                 // the shapes of the render panel of seed 5
        Assert.All(values, v => Assert.InRange(v, 0f, 1f));

        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "sample", tmp.File("run"), "--count", "3", "--seed", "5", "--format", "obj", "--out", tmp.File("meshes") }, new StringWriter(), error), error.ToString());
        Assert.Equal(new[] { "000000.obj", "000001.obj", "000002.obj" }, Directory.GetFiles(tmp.File("meshes")).Select(Path.GetFileName).Order());
        for (int i = 0; i < 3; i++)
        {
            var mesh = GanSharp.Data.Voxels.TriangleMesh.ReadObj(tmp.File($"meshes/00000{i}.obj"));
            var edges = mesh.Triangles.SelectMany(t => new[] { (t.A, t.B), (t.B, t.C), (t.C, t.A) }).ToHashSet();
            Assert.All(edges, e => Assert.Contains((e.Item2, e.Item1), edges));   // closed: every edge also runs the other way
            Assert.True(mesh.Volume() >= 0);
        }

        // A turntable of shape 1 and a walk between two shapes: renders, as GIF frames and a strip.
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "sample", tmp.File("run"), "--count", "3", "--turntable", "1", "--frames", "5", "--out", tmp.File("turn.gif") }, new StringWriter(), error), error.ToString());
        using (var gif = SixLabors.ImageSharp.Image.Load(tmp.File("turn.gif"))) Assert.Equal(5, gif.Frames.Count);
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "latent", "interpolate", tmp.File("run"), "--steps", "4", "--out", tmp.File("walk.png"), "--gif", tmp.File("walk.gif") }, new StringWriter(), error), error.ToString());
        int tile = GanSharp.Imaging.VoxelRender.TileSide(16, 3);
        using (var strip = SkiaSharp.SKBitmap.Decode(tmp.File("walk.png"))) Assert.Equal((4 * (tile + 4) + 4, tile + 8), (strip.Width, strip.Height));
        using (var walk = SixLabors.ImageSharp.Image.Load(tmp.File("walk.gif"))) Assert.Equal(4 + 2, walk.Frames.Count);   // there and back
        Assert.True(GanSharp.Cli.ExitCode.Error == GanSharp.Cli.GanCli.Run(new[] { "sample", tmp.File("run"), "--turntable", "0", "--out", tmp.File("turn.png") }, new StringWriter(), error));
        Assert.Contains("a turntable is an animated GIF", error.ToString());
    }

    [Fact]
    public void Eval_MeasuresShapesInTheVoxelClassifiersFeatures_WithNearestIouAndClasses()
    {
        using var tmp = TestSetup.Temp();
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "features", "train", "--data", "shapes", "--resolution", "16", "--count", "140", "--epochs", "2", "--out", tmp.File("vc.bin") }, output, error), error.ToString());
        Assert.Contains("training on 112, 28 held out", output.ToString());
        using (var s = TinyRuns.Start(tmp, "run", Tiny(), TinyRuns.Trainer(2, data: "shapes")))
            s.Train(Array.Empty<ITrainingCallback>());
        output.GetStringBuilder().Clear();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "eval", tmp.File("run"), "--count", "40", "--features", tmp.File("vc.bin") }, output, error), error.ToString());
        Assert.Contains("voxel classifier", output.ToString());
        var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(tmp.File("run/eval.json"))).RootElement;
        Assert.True(report.GetProperty("fid").GetDouble() > 0);
        Assert.Equal(40, report.GetProperty("generatedCount").GetInt64());
        var shapes = System.Text.Json.JsonDocument.Parse(File.ReadAllText(tmp.File("run/eval-shapes.json"))).RootElement;
        var classes = shapes.GetProperty("classes").EnumerateArray().ToList();
        Assert.Equal(GanSharp.Data.Voxels.ProceduralShapes.ClassNames, classes.Select(c => c.GetProperty("class").GetString()));
        Assert.Equal(40, classes.Sum(c => c.GetProperty("samples").GetInt64()));
        Assert.All(classes, c => Assert.Equal(1.0 / 7, c.GetProperty("dataShare").GetDouble(), 2));   // shape i is of class i mod 7
        Assert.Equal(40, shapes.GetProperty("iouShapes").GetInt64());
        Assert.InRange(shapes.GetProperty("sampleIouMean").GetDouble(), 0, 1);
        // Real shapes against the rest of the set: procedural shapes of one class look alike, so their nearest neighbours overlap well.
        Assert.InRange(shapes.GetProperty("realIouMean").GetDouble(), 0.3, 1);
        Assert.True(File.Exists(tmp.File("run/nearest-neighbours.png")));

        // Shape arithmetic (Wu et al. 2016, figure 7) classifies samples with the same voxel classifier; two steps of training draw no confident table yet.
        Assert.True(GanSharp.Cli.ExitCode.Error == GanSharp.Cli.GanCli.Run(new[] { "latent", "arithmetic", tmp.File("run"), "5-0+1", "--samples", "60", "--features", tmp.File("vc.bin"), "--out", tmp.File("arithmetic.png") }, new StringWriter(), error));
        Assert.Contains("of 60 samples are class 5 with confidence", error.ToString());

        // FID over training, in the same classifier's features.
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "gan3d", "--data", "shapes", "--resolution", "16", "--width", "4", "--latent-size", "8", "--batch-size", "4",
            "--steps", "4", "--log-every", "2", "--eval-every", "2", "--eval-samples", "10", "--features", tmp.File("vc.bin"), "--runs", tmp.Path, "--name", "evaluated", "--no-conv-check" }, new StringWriter(), error), error.ToString());
        var fids = File.ReadAllLines(tmp.File("evaluated/metrics.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(r => r.TryGetProperty("fid", out _)).Select(r => r.GetProperty("step").GetInt64()).ToList();
        Assert.Equal(new long[] { 2, 4 }, fids);
    }

    [Fact]
    public void Shapes_OnlyWithGan3d_AndGan3dOnlyWithShapes()
    {
        using var tmp = TestSetup.Temp();
        var e = Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "a", TinyRuns.Dcgan(), TinyRuns.Trainer(1, data: "shapes")));
        Assert.Contains("--data shapes holds voxel grids, which gan3d trains on", e.Message);
        e = Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "b", Tiny(), TinyRuns.Trainer(1)));
        Assert.Contains("gan3d trains on voxel grids: --data shapes", e.Message);
    }
}
