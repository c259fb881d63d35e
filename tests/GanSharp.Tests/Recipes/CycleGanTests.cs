using GanSharp.Recipes;
using GanSharp.Recipes.ImageToImage;
using GanSharp.Tests.Data;
using GanSharp.Tests.Training;
using GanSharp.Training;
using Xunit;

namespace GanSharp.Tests.Recipes;

/// <summary>CycleGAN on two drawn folders: exact resume with its pools and streams, what it saves, what it refuses.</summary>
public sealed class CycleGanTests
{
    private static CycleGanOptions Tiny => Families.DefaultsOf<CycleGanOptions>("cyclegan") with { Resolution = 32, Width = 4, ResidualBlocks = 1, BatchSize = 2, PoolSize = 3 };

    private static TrainerOptions Unpaired(TempFolder tmp, long steps, int checkpointEvery = 1000) =>
        TinyRuns.Trainer(steps, checkpointEvery) with { Data = tmp.File("a"), DataB = tmp.File("b"), Pairs = "unpaired" };

    private static void Domains(TempFolder tmp)
    {
        DrawnFolders.Draw(tmp.File("a"), 10, classes: false);   // bars
        DrawnFolders.Draw(tmp.File("b"), 14, classes: true);    // discs and squares
    }

    [Fact]
    public void Resume_IsBitIdentical_WithItsImagePoolsAndTheirStreams()
    {
        // pools of 3 and batches of 2: the pools fill in step 2 and swap at random from then on, so both must be restored
        using var tmp = TestSetup.Temp();
        Domains(tmp);
        float[] straight;
        using (var s = TinyRuns.Start(tmp, "s", Tiny, Unpaired(tmp, 4, checkpointEvery: 2)))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            straight = TinyRuns.Weights(s.Recipe);
            Assert.Equal(new[] { "generator_ab", "generator_ba", "discriminator_a", "discriminator_b", "pool_a", "pool_b" }, s.Recipe.State.Modules.Select(m => m.Name));
            Assert.Equal(new[] { "pool-a", "pool-b" }, s.Recipe.State.Streams.Select(m => m.Name));
        }
        using (var s = TinyRuns.Start(tmp, "k", Tiny, Unpaired(tmp, 2, checkpointEvery: 2)))
            s.Train(Array.Empty<ITrainingCallback>());
        using var resumed = TrainingSession.Resume(tmp.File("k"), _ => { }, totalSteps: 4);
        resumed.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
    }

    [Fact]
    public void GanTrain_LogsBothCycles_AndDrawsBothRoundTrips()
    {
        using var tmp = TestSetup.Temp();
        Domains(tmp);
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "cyclegan", "--data", tmp.File("a"), "--data-b", tmp.File("b"), "--pairs", "unpaired",
            "--resolution", "32", "--width", "4", "--residual-blocks", "1", "--batch-size", "2", "--steps", "2", "--log-every", "1", "--runs", tmp.Path, "--name", "c" },
            new StringWriter(), error), error.ToString());
        var last = GanSharp.Training.Callbacks.MetricsLog.ReadAll(tmp.File("c/metrics.jsonl")).Last();
        foreach (var key in new[] { "cycle/a", "cycle/b", "loss/identity", "loss/g", "loss/d" }) Assert.NotNull(last[key]);
        var (_, w, h) = GanSharp.Imaging.ImageGrid.ReadPng(tmp.File("c/samples/step-000002.png"));
        Assert.Equal((2 + 6 * 34, 2 + 4 * 34), (w, h));                         // 4 rows of a, G_AB(a), G_BA(G_AB(a)), b, G_BA(b), G_AB(G_BA(b))

        // gan eval: no pair-by-pair distances between unpaired domains; the round trip, and FID against B beside the untranslated A's
        var input = new GanSharp.Features.FeatureInput(3, 32, 4);                  // an untrained network of the right shape: the plumbing is under test
        GanSharp.Features.FeatureNetworkTraining.Save(new GanSharp.Features.FeatureNetwork(input),
            new GanSharp.Features.FeatureNetworkTraining.Provenance("test", 0, 0, 0.25, 0, 0, "none") { Channels = 3, Side = 32, Classes = 4, Task = GanSharp.Features.FeatureTask.Rotation },
            tmp.File("net.bin"));
        var output = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "eval", tmp.File("c"), "--count", "10", "--features", tmp.File("net.bin") }, output, error), error.ToString());
        Assert.DoesNotContain("PSNR", output.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(tmp.File("c/eval.json")));
        var r = json.RootElement;
        Assert.False(r.GetProperty("paired").GetBoolean());
        Assert.Equal("NaN", r.GetProperty("psnr").GetString());
        Assert.InRange(r.GetProperty("cycleL1").GetDouble(), 0, 1);
        Assert.InRange(r.GetProperty("fidOfInputs").GetDouble(), 0, 1e6);
    }

    [Fact]
    public void TheFeatureNetworkOfAnUnpairedRun_IsTheTargetDomains()
    {
        // FID compares G_AB(a) with domain B: the network must be B's, and the command to train it must name B
        using var tmp = TestSetup.Temp();
        Domains(tmp);
        var e = Assert.Throws<GanSharpException>(() => GanSharp.Features.FeatureStore.FindFor(Unpaired(tmp, 1), 3, 32));
        Assert.Contains($"gan features train --data {tmp.File("b")} --resolution 32", e.Message);
    }

    [Fact]
    public void IdentityLoss_BetweenDomainsOfOtherChannels_IsRefused()
    {
        // edges (1 channel) → colour pictures (3): G_AB(b) cannot be compared with b
        using var tmp = TestSetup.Temp();
        Domains(tmp);
        var edges = TinyRuns.Trainer(1) with { Data = tmp.File("b"), Pairs = "edges" };
        var e = Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "x", Tiny, edges));
        Assert.Contains("--identity-weight 0", e.Message);
        using var s = TinyRuns.Start(tmp, "y", Tiny with { IdentityWeight = 0 }, edges);
        var o = (CycleGanOptions)s.Config.Options;
        Assert.Equal((1, 3), (o.InputChannels, o.Channels));
    }
}
