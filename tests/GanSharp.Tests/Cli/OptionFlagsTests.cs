using System.Globalization;
using GanSharp.Cli;
using GanSharp.Recipes;
using GanSharp.Training;
using Xunit;

namespace GanSharp.Tests.Cli;

/// <summary>Options are data: every property of every family's record has its flag, and both the flag and config.json carry it unchanged.</summary>
public sealed class OptionFlagsTests
{
    /// <summary>Properties the run or the family sets, never a flag: the family's name, what the data's shape decides, networks a family fixes.</summary>
    /// <summary>Set by the registry, the data or the run (a text matcher's hash), or (the last four) hidden by a family without z, k or an EMA of G (pix2pix).</summary>
    private static readonly string[] NotFlags = { "Family", "Channels", "InputChannels", "Factor", "Dimension", "TextMatcherSha256", "Networks", "LatentSize", "Prior", "DSteps", "EmaDecay", "EmaStart", "EmaRampup" };

    /// <summary>A value other than the default, written as on a command line (validity is not the point: it is checked where options enter).</summary>
    private static (object Value, string Text) Other(FlagProperty flag, object? current)
    {
        var type = flag.Property.PropertyType;
        if (flag.Flag.ValidValues is { } valid) { var v = valid.First(x => x != (string?)current); return (v, v); }
        object value = current switch
        {
            int i => i + 3,
            long l => l + 3,
            double d => d + 0.25,
            bool b => !b,
            string s => s + ",other",
            null when type == typeof(double?) => 0.125,
            null when type == typeof(long?) => 7L,
            null when type == typeof(string) => "somewhere",
            _ => throw new InvalidOperationException($"no test value for {flag.Name} of type {type.Name}"),
        };
        return (value, Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant());
    }

    [Fact]
    public void EveryOptionOfEveryFamily_RoundTripsThroughItsFlag_AndConfigJson()
    {
        int checkedProperties = 0;
        foreach (var family in Families.All)
        {
            var flags = FlagProperty.Of(family.OptionsType);
            var unflagged = family.OptionsType.GetProperties().Where(p => p.SetMethod is not null).Select(p => p.Name).Except(flags.Select(f => f.Property.Name));
            Assert.All(unflagged, name => Assert.Contains(name, NotFlags));
            Assert.Equal(flags.Count, flags.Select(f => f.Name).Distinct().Count());
            foreach (var flag in flags)
            {
                var (value, text) = Other(flag, flag.Property.GetValue(family.Defaults));
                var expected = family.Defaults with { };
                flag.Property.SetValue(expected, value);
                Assert.NotEqual(family.Defaults, expected);                                   // the value differs, so the round trip can fail

                var parsed = TrainCommand.OptionsFrom(family, flag.Name, text);
                Assert.Equal(expected, parsed);                                               // the flag sets exactly its property

                var json = RunConfig.OptionsJson(parsed);
                Assert.Equal(expected, RunConfig.OptionsFromJson(family, json));              // config.json carries it back
                checkedProperties++;
            }
        }
        Assert.True(checkedProperties > 200, $"{checkedProperties} properties");
    }

    [Fact]
    public void FamilyHelp_ListsItsOwnOptions_WithItsDefaults()
    {
        var output = new StringWriter();
        GanCli.Run(new[] { "train", "wgan", "--help" }, output, new StringWriter());
        var help = output.ToString();
        Assert.Contains("--clip", help);
        Assert.Contains("(default 0.01)", help);                                             // wgan's clip, not the record's unset
        Assert.Contains("(default rmsprop)", help);
        Assert.DoesNotContain("--began-gamma", help);
        output = new StringWriter();
        GanCli.Run(new[] { "train", "began", "--help" }, output, new StringWriter());
        Assert.Contains("--began-gamma", output.ToString());
        Assert.DoesNotContain("--spectral-norm", output.ToString());                         // BEGAN's autoencoder D has none
    }

    [Fact]
    public void Config_OfAnOlderRun_WithGanOptions_StillLoads()
    {
        using var tmp = TestSetup.Temp();
        // The shape of config.json before families had records of their own: one "gan" object with every option.
        File.WriteAllText(tmp.File("config.json"), """
            {"ganSharpVersion":"0.1.0","torchSharpVersion":"0.107.0",
             "gan":{"family":"wgan","recipe":"gan","networks":"dcgan","latentSize":100,"prior":"normal","resolution":28,"channels":1,"dimension":2,"width":16,
                    "depth":3,"gNorm":"none","gActivation":"relu","dNorm":"batch","spectralNorm":false,"minibatchStdDev":true,"minibatchKernels":0,"minibatchKernelDims":8,
                    "featureMatching":false,"unrolledSteps":0,"conditioning":"none","classes":10,"infoContinuous":2,"infoWeight":1,"pack":1,"dSteps":5,
                    "loss":"wasserstein","realLabel":1,"instanceNoise":0,"instanceNoiseSteps":2000,"historicalAveraging":0,"penalty":"none","penaltyWeight":10,
                    "clip":0.02,"optimizer":"rmsprop","codeSize":64,"beganGamma":0.5,"beganLambdaK":0.001,"ebganMargin":10,"ebganPullAway":0.1,"emaDecay":null,
                    "batchSize":64,"lrG":5e-05,"lrD":5e-05,"lrDecay":"none","beta1":0.5,"beta2":0.999},
             "trainer":{"steps":10,"epochs":null,"seed":3,"threads":0,"device":"cpu","dataset":"fashion-mnist","stackedCount":60000,"data":"embedded",
                        "logEvery":50,"sampleEvery":500,"checkpointEvery":500,"evalEvery":0,"evalSamples":2000,"features":null,"convCheck":true},
             "totalSteps":10,"dataSource":"test","runtime":null,"convolutionCheck":null,"created":"2026-11-30T10:00:00+00:00"}
            """);
        var config = RunConfig.Load(tmp.File("config.json"));
        Assert.Equal("wgan", config.Family);
        var o = Assert.IsType<GanOptions>(config.Options);
        Assert.Equal((16, 0.02, true, 5), (o.Width, o.Clip!.Value, o.MinibatchStdDev, o.DSteps));
        config.Save(tmp.File("again.json"));
        Assert.Equal(config.Options, RunConfig.Load(tmp.File("again.json")).Options);
        Assert.Contains("\"options\"", File.ReadAllText(tmp.File("again.json")));
    }
}
