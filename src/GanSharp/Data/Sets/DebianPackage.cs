namespace GanSharp.Data.Sets;

/// <summary>
/// A data set in a Debian package: installed with apt-get as root; without root, the command to run
/// is the error. The package's folder is the data, or <paramref name="prepare"/> (package folder,
/// data root, say) lays out a folder from it and returns that.
/// </summary>
public sealed class DebianPackage(string package, string installedFolder, Func<string, string, Action<string>, string>? prepare = null) : IDataSetInstaller
{
    public string Source => $"Debian package {package}";

    public string Install(string dataRoot, Action<string> say)
    {
        if (Directory.Exists(installedFolder) && Directory.EnumerateFileSystemEntries(installedFolder).Any())
        {
            say($"{package} is installed");
            return prepare?.Invoke(installedFolder, dataRoot, say) ?? installedFolder;
        }
        if (!Processes.IsRoot())
            throw new GanSharpException($"{package} installs as root: run 'sudo apt-get install -y {package}', then pass --data {installedFolder}");
        say($"apt-get install -y {package}");
        if (Processes.Run("apt-get", new[] { "install", "-y", package }, say) != 0)
        {
            say("apt-get update (the package lists may be stale)");
            Processes.Run("apt-get", new[] { "update" }, say);
            if (Processes.Run("apt-get", new[] { "install", "-y", package }, say) != 0)
                throw new GanSharpException($"apt-get install {package} failed (its output is above)");
        }
        if (!Directory.Exists(installedFolder)) throw new GanSharpException($"{package} installed, but {installedFolder} is not there");
        return prepare?.Invoke(installedFolder, dataRoot, say) ?? installedFolder;
    }
}
