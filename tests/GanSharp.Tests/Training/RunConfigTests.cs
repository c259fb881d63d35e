using GanSharp.Recipes;
using GanSharp.Training;
using Xunit;

namespace GanSharp.Tests.Training;

public sealed class RunConfigTests
{
    private static RunConfig Sample() => new()
    {
        GanSharpVersion = "0.1.0", TorchSharpVersion = "0.107.0", Family = "dcgan", Options = Families.DefaultsOf<GanOptions>("dcgan") with { DSteps = 3 },
        Trainer = new TrainerOptions { Steps = 10, Seed = 4 }, TotalSteps = 10, DataSource = "test",
    };

    [Fact]
    public void SaveLoad_RoundTripsTheOptions()
    {
        using var tmp = TestSetup.Temp();
        Sample().Save(tmp.File("config.json"));
        var back = RunConfig.Load(tmp.File("config.json"));
        Assert.Equal(3, back.Options.DSteps);
        Assert.Equal(4, back.Trainer.Seed);
        Assert.Equal(Sample().Options, back.Options);
    }

    [Fact]
    public void Load_UnknownKey_IsAnErrorNamingTheFile()
    {
        using var tmp = TestSetup.Temp();
        Sample().Save(tmp.File("config.json"));
        File.WriteAllText(tmp.File("config.json"), File.ReadAllText(tmp.File("config.json")).Replace("\"dSteps\"", "\"dStepz\""));
        var e = Assert.Throws<GanSharpException>(() => RunConfig.Load(tmp.File("config.json")));
        Assert.Contains(tmp.File("config.json"), e.Message);
        Assert.Contains("dStepz", e.Message);
    }
}
