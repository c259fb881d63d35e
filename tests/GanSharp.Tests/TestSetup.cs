using System.Runtime.CompilerServices;
using GanSharp.Runtime;

namespace GanSharp.Tests;

internal static class TestSetup
{
    /// <summary>Native settings must be in place before the first torch call of any test.</summary>
    [ModuleInitializer]
    internal static void Initialize() => TorchRuntime.Initialize();

    /// <summary>A fresh temporary folder, deleted by the caller's using.</summary>
    public static TempFolder Temp() => new();
}

internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gansharp-test-").FullName;
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
}
