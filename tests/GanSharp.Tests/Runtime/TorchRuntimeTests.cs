using GanSharp.Runtime;
using TorchSharp;
using Xunit;

namespace GanSharp.Tests.Runtime;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Initialize_LoadsLibtorchAndComputes()
    {
        TorchRuntime.Initialize();
        using var x = torch.tensor(new float[] { 1, 2, 3 });
        Assert.Equal(14.0, (x * x).sum().item<float>(), 6);
    }

    [Fact]
    public void Initialize_SetsPassiveWaitPolicyInNativeEnvironment()
    {
        TorchRuntime.Initialize();
        Assert.False(string.IsNullOrEmpty(NativeEnvironment.Get("OMP_WAIT_POLICY")));
    }

    [Fact]
    public void ResolveDevice_Cuda_FailsWithClearMessage()
    {
        var e = Assert.Throws<GanSharpException>(() => TorchRuntime.ResolveDevice("cuda"));
        Assert.Contains("TorchSharp-cpu", e.Message);
    }

    [Fact]
    public void ResolveDevice_Unknown_NamesValidValues()
    {
        var e = Assert.Throws<GanSharpException>(() => TorchRuntime.ResolveDevice("tpu"));
        Assert.Contains("cpu, cuda", e.Message);
    }

    [Fact]
    public void OneDnn_CanBeSwitchedOffAndOn()
    {
        TorchRuntime.Initialize();
        bool before = OneDnn.Enabled;
        try
        {
            OneDnn.Enabled = false;
            Assert.False(OneDnn.Enabled);
            OneDnn.Enabled = true;
            Assert.True(OneDnn.Enabled);
        }
        finally { OneDnn.Enabled = before; }
    }
}
