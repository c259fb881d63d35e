using System.Runtime.InteropServices;

namespace GanSharp.Runtime;

/// <summary>
/// Switches libtorch's oneDNN (MKLDNN) convolutions on or off at run time. TorchSharp has no such
/// switch, so we call libtorch's own C++ context, at::globalContext().setUserEnabledMkldnn(bool).
/// Measured here (TORCHSHARP.md): oneDNN off makes a DCGAN step 1.6–2.6× slower, but correct on
/// the machines where oneDNN's float32 convolutions were wrong.
/// </summary>
public static class OneDnn
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr GlobalContextFn();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void SetEnabledFn(IntPtr ctx, [MarshalAs(UnmanagedType.U1)] bool enabled);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] [return: MarshalAs(UnmanagedType.U1)] private delegate bool GetEnabledFn(IntPtr ctx);

    private const string GlobalContext = "_ZN2at13globalContextEv";
    private const string SetUserEnabled = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private const string UserEnabled = "_ZNK2at7Context17userEnabledMkldnnEv";

    /// <summary>Whether libtorch will use oneDNN for convolutions.</summary>
    public static bool Enabled
    {
        get { var (lib, ctx) = Context(); return Export<GetEnabledFn>(lib, UserEnabled)(ctx); }
        set { var (lib, ctx) = Context(); Export<SetEnabledFn>(lib, SetUserEnabled)(ctx, value); }
    }

    private static (IntPtr lib, IntPtr ctx) Context()
    {
        TorchRuntime.EnsureLoaded();
        // libtorch_cpu is already loaded by TorchSharp; dlopen by soname returns that same copy.
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", out var lib) && !TryLoadBesideTorchSharp(out lib))
            throw new GanSharpException("cannot find libtorch_cpu to switch oneDNN off; set ONEDNN_MAX_CPU_ISA=AVX2 instead");
        return (lib, Export<GlobalContextFn>(lib, GlobalContext)());
    }

    private static bool TryLoadBesideTorchSharp(out IntPtr lib)
    {
        var dir = AppContext.BaseDirectory;
        foreach (var candidate in new[] { Path.Combine(dir, "libtorch_cpu.so"), Path.Combine(dir, "runtimes", "linux-x64", "native", "libtorch_cpu.so") })
            if (NativeLibrary.TryLoad(candidate, out lib)) return true;
        lib = IntPtr.Zero;
        return false;
    }

    private static T Export<T>(IntPtr lib, string symbol) where T : Delegate =>
        NativeLibrary.TryGetExport(lib, symbol, out var fn)
            ? Marshal.GetDelegateForFunctionPointer<T>(fn)
            : throw new GanSharpException($"libtorch_cpu has no symbol {symbol}; this libtorch version cannot switch oneDNN at run time");
}
