using GanSharp.Recipes;
using GanSharp.Recipes.ImageToImage;
using GanSharp.Tests.Training;
using GanSharp.Training;
using Xunit;

namespace GanSharp.Tests.Recipes;

/// <summary>SRGAN on ×4 pairs of the embedded Fashion-MNIST (7 → 28, content in the embedded feature network): phases, schedule, resume, refusals, pictures.</summary>
public sealed class SrganTests
{
    private static SrganOptions Tiny => Families.DefaultsOf<SrganOptions>("srgan") with { Resolution = 28, Width = 4, ResidualBlocks = 1, BatchSize = 2 };

    private static TrainerOptions LowRes(long steps, int checkpointEvery = 1000) => TinyRuns.Trainer(steps, checkpointEvery) with { Pairs = "low-res-4" };

    [Fact]
    public void Resume_IsBitIdentical_AcrossTheSwitchFromSrResNetToGanPhase()
    {
        // 4 steps, half pre-training: the kill after step 2 falls on the phase switch, so the resumed run starts D's training
        using var tmp = TestSetup.Temp();
        float[] straight;
        using (var s = TinyRuns.Start(tmp, "s", Tiny, LowRes(4, checkpointEvery: 2)))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            straight = TinyRuns.Weights(s.Recipe);
            Assert.Equal(new[] { "generator", "discriminator", "content_features" }, s.Recipe.State.Modules.Select(m => m.Name));
            var o = (SrganOptions)s.Config.Options;
            Assert.Equal((4, 1, 1), (o.Factor, o.InputChannels, o.Channels));
        }
        using (var s = TinyRuns.Start(tmp, "k", Tiny, LowRes(4)))
            TinyRuns.TrainAndStopAt(s, 2);                                   // the schedule's horizon is the run's 4 steps
        using var resumed = TrainingSession.Resume(tmp.File("k"), _ => { });
        resumed.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
    }

    [Fact]
    public void Phases_AndRates_FollowTheSchedule_AndPixelContentIsTheMse()
    {
        // 8 steps, pretrain 0.5: steps 0–3 MSE only (no D), 4–7 with D; the rate a tenth for steps 6–7 (the second half of the GAN phase)
        using var tmp = TestSetup.Temp();
        var logs = new List<StepLog>();
        using var s = TinyRuns.Start(tmp, "p", Tiny with { Content = "pixel" }, LowRes(8));
        s.Train(new ITrainingCallback[] { new Record(logs) });
        Assert.Equal(new double[] { 0, 0, 0, 0, 1, 1, 1, 1 }, logs.Select(l => l["phase/adversarial"]));
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1, 0.1, 0.1 }, logs.Select(l => l["lr/factor"]));
        Assert.All(logs.Take(4), l => Assert.False(l.ContainsKey("loss/d")));
        Assert.All(logs.Skip(4), l => Assert.Equal(l["loss/mse"], l["loss/content"]));
        Assert.Equal(1e-5, s.Recipe.State.OptimizerNamed("discriminator").Optimizer.ParamGroups.First().LearningRate, 12);
        Assert.Equal(new[] { "generator", "discriminator" }, s.Recipe.State.Modules.Select(m => m.Name));   // pixel content: no feature network to carry
    }

    [Fact]
    public void PairsOfOneSize_AFeatureNetworkOfAnotherSide_AndAFolderWithoutOne_AreRefusedInWords()
    {
        using var tmp = TestSetup.Temp();
        Assert.Contains("low-res-4", Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "x", Tiny, LowRes(1) with { Pairs = "grey" })).Message);
        Assert.Contains("--content pixel", Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "y", Tiny with { Resolution = 32 }, LowRes(1))).Message);
        GanSharp.Tests.Data.DrawnFolders.Draw(tmp.File("pictures"), 4, classes: false);
        var e = Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "z", Tiny with { Resolution = 32 }, LowRes(1) with { Data = tmp.File("pictures") }));
        Assert.Contains("gan features train --data", e.Message);
    }

    [Fact]
    public void SampleGrids_ShowInputBicubicOutputTarget_TwoQuadruplesARow()
    {
        using var tmp = TestSetup.Temp();
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "srgan", "--data", "embedded", "--pairs", "low-res-4", "--resolution", "28", "--width", "4",
            "--residual-blocks", "1", "--batch-size", "2", "--steps", "1", "--runs", tmp.Path, "--name", "p" }, new StringWriter(), error), error.ToString());
        var (rgb, w, h) = GanSharp.Imaging.ImageGrid.ReadPng(tmp.File("p/samples/step-000001.png"));
        Assert.Equal((2 + 8 * 30, 2 + 4 * 30), (w, h));                         // 8 examples × (input, bicubic, output, target) in 8 columns
        // the input column is the 7×7 input shown in 4×4 blocks: every block is one grey level
        int Pixel(int x, int y) => rgb[3 * ((2 + y) * w + 2 + x)];
        for (int by = 0; by < 7; by++)
            for (int bx = 0; bx < 7; bx++)
                for (int i = 0; i < 16; i++)
                    Assert.Equal(Pixel(4 * bx, 4 * by), Pixel(4 * bx + i % 4, 4 * by + i / 4));
    }

    [Fact]
    public void GanEval_MeasuresHeldOutUpscalings_AgainstBicubic()
    {
        using var tmp = TestSetup.Temp();
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "srgan", "--data", "embedded", "--pairs", "low-res-4", "--resolution", "28", "--width", "4",
            "--residual-blocks", "1", "--batch-size", "2", "--steps", "2", "--hold-out", "0.01", "--runs", tmp.Path, "--name", "p" }, new StringWriter(), error), error.ToString());
        var output = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "eval", tmp.File("p"), "--count", "500" }, output, error), error.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(tmp.File("p/eval.json")));
        var r = json.RootElement;
        Assert.True(r.GetProperty("heldOut").GetBoolean());
        Assert.Equal(100, r.GetProperty("pairs").GetInt32());                         // 1% of the 10,000 embedded images, fewer than asked
        Assert.Equal("bicubic ×4", r.GetProperty("baseline").GetString());
        // bicubic from 7×7 keeps a garment's outline: far better than 5 dB, short of identity
        Assert.InRange(r.GetProperty("psnrOfInputs").GetDouble(), 12, 40);
        Assert.InRange(r.GetProperty("perceptualOfInputs").GetDouble(), 1e-3, 4);
        Assert.Contains("bicubic ×4", output.ToString());
    }

    [Fact]
    public void Upscale_MakesEachImageFourTimesLarger_AndTranslateSendsSrganRunsThere()
    {
        using var tmp = TestSetup.Temp();
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "srgan", "--data", "embedded", "--pairs", "low-res-4", "--resolution", "28", "--width", "4",
            "--residual-blocks", "1", "--batch-size", "2", "--steps", "1", "--runs", tmp.Path, "--name", "p" }, new StringWriter(), error), error.ToString());
        GanSharp.Tests.Data.DrawnFolders.Draw(tmp.File("in"), 2, classes: false);    // 16×16, read grey as the run's data
        var said = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "upscale", tmp.File("p"), tmp.File("in"), "--out", tmp.File("out") }, said, error), error.ToString());
        Assert.Contains("upscaled 2 images ×4", said.ToString());
        var (_, w, h) = GanSharp.Imaging.ImageGrid.ReadPng(tmp.File("out/001.png"));
        Assert.Equal((64, 64), (w, h));
        var refused = new StringWriter();
        Assert.Equal(GanSharp.Cli.ExitCode.Error, GanSharp.Cli.GanCli.Run(new[] { "translate", tmp.File("p"), tmp.File("in") }, new StringWriter(), refused));
        Assert.Contains("gan upscale", refused.ToString());
    }

    private sealed class Record(List<StepLog> logs) : ITrainingCallback
    {
        public void OnStep(TrainingState state, StepLog log) => logs.Add(log);
    }
}
