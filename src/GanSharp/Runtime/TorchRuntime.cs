using TorchSharp;

namespace GanSharp.Runtime;

/// <summary>
/// Process-wide native setup, in the order libtorch needs it: environment first (read once, when
/// libtorch loads), then threads. Call <see cref="Initialize"/> before the first torch call.
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static bool loaded;

    /// <summary>Settings in force after <see cref="Initialize"/>, recorded in config.json.</summary>
    public static RuntimeInfo? Current { get; private set; }

    /// <summary>
    /// Sets the native environment (OMP_WAIT_POLICY=PASSIVE unless the user set it: with two
    /// threads on a busy 2-core machine a step was measured 6× slower with spinning OpenMP
    /// workers), loads libtorch, sets the intra-op thread count (0 = libtorch's default).
    /// </summary>
    public static RuntimeInfo Initialize(int threads = 0)
    {
        lock (Gate)
        {
            if (threads < 0) throw new GanSharpException($"--threads must be 0 (default) or positive, got {threads}");
            EnsureLoaded();
            if (threads > 0) torch.set_num_threads(threads);
            Current = new RuntimeInfo(torch.get_num_threads(), NativeEnvironment.Get("OMP_WAIT_POLICY") ?? "",
                NativeEnvironment.Get("ONEDNN_MAX_CPU_ISA"));
            return Current;
        }
    }

    /// <summary>
    /// Loads libtorch once, after setting the native environment it reads only at load time.
    /// The one place that decides that environment, whichever entry point touches torch first.
    /// </summary>
    internal static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (loaded) return;
            NativeEnvironment.SetDefault("OMP_WAIT_POLICY", "PASSIVE");
            torch.InitializeDeviceType(DeviceType.CPU);
            loaded = true;
        }
    }

    /// <summary>
    /// Resolves a --device value. Every tensor and module of a run goes through the device this
    /// returns, so a GPU user only swaps the TorchSharp package for its CUDA build.
    /// </summary>
    public static torch.Device ResolveDevice(string device)
    {
        EnsureLoaded();
        switch (device.Trim().ToLowerInvariant())
        {
            case "cpu":
                return torch.CPU;
            case "cuda":
                if (torch.cuda.is_available()) return torch.CUDA;
                throw new GanSharpException(
                    "--device cuda: no CUDA device is available. A default build uses TorchSharp-cpu; to train on a GPU, build with " +
                    "-p:TorchBackend=cuda (TorchSharp-cuda-linux of the same version) and run on a machine with an NVIDIA GPU and its driver.");
            default:
                throw new GanSharpException($"--device '{device}' is not known; valid values: cpu, cuda");
        }
    }
}

/// <summary>Native settings in force for a run.</summary>
public sealed record RuntimeInfo(int Threads, string OmpWaitPolicy, string? OneDnnMaxCpuIsa);
