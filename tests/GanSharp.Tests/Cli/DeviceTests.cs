using Xunit;
using static GanSharp.Tests.Cli.GanCliTests;

namespace GanSharp.Tests.Cli;

public sealed class DeviceTests
{
    [Fact]
    public void DeviceCuda_OnTheCpuBuild_SaysHowToBuildForAGpu()
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("train", "dcgan", "--device", "cuda", "--steps", "1", "--runs", tmp.Path, "--name", "gpu");
        Assert.NotEqual(0, code);
        Assert.Contains("--device cuda: no CUDA device is available", err);
        Assert.Contains("-p:TorchBackend=cuda", err);
    }
}
