// MSBuild inline task (compiled by RoslynCodeTaskFactory, see Directory.Build.targets).
// Marks one symbol-version requirement of an ELF64 little-endian shared library as weak, so the
// dynamic loader accepts a libstdc++ that lacks that version. Parses the ELF section headers and
// the Verneed/Vernaux chains of .gnu.version_r (SHT_GNU_verneed) properly; never guesses offsets.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class MarkGlibcxxRequirementWeak : Task
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlagWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                var bytes = File.ReadAllBytes(path);
                int changed = MarkWeak(bytes, VersionName, out int found);
                if (found == 0)
                    Log.LogMessage(MessageImportance.Low, $"{path}: no requirement on {VersionName}, left as is.");
                else if (changed == 0)
                    Log.LogMessage(MessageImportance.Low, $"{path}: {VersionName} already weak.");
                else
                {
                    ReplaceKeepingTimestamp(path, bytes);
                    Log.LogMessage(MessageImportance.High, $"GanSharp: marked {VersionName} weak in {path}");
                }
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogError($"GanSharp: cannot patch {path}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// Writes a sibling temporary file and renames it over the original: the original may be a
    /// hard link into the NuGet cache, which must stay untouched.
    static void ReplaceKeepingTimestamp(string path, byte[] bytes)
    {
        var mtime = File.GetLastWriteTimeUtc(path);
        var tmp = path + ".gansharp-tmp";
        File.WriteAllBytes(tmp, bytes);
        File.SetLastWriteTimeUtc(tmp, mtime);
        File.Replace(tmp, path, null); // rename(2) on Unix: breaks a hard link instead of writing through it
    }

    /// Returns how many Vernaux entries were changed; found = how many name the version.
    static int MarkWeak(byte[] elf, string versionName, out int found)
    {
        found = 0;
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");

        ulong shoff = U64(elf, 0x28);
        int shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
        if (shentsize < 64 || shoff + (ulong)(shentsize * shnum) > (ulong)elf.Length)
            throw new InvalidDataException("section header table out of bounds");

        int changed = 0;
        for (int s = 0; s < shnum; s++)
        {
            int sh = checked((int)shoff + s * shentsize);
            if (U32(elf, sh + 4) != ShtGnuVerneed) continue;
            int secOffset = checked((int)U64(elf, sh + 24));
            uint strIndex = U32(elf, sh + 40);   // sh_link: the string table of the names
            uint verneedCount = U32(elf, sh + 44); // sh_info: number of Verneed entries
            int strSh = checked((int)shoff + (int)strIndex * shentsize);
            int strOffset = checked((int)U64(elf, strSh + 24));

            int vn = secOffset;
            for (uint i = 0; i < verneedCount; i++)
            {
                int auxCount = U16(elf, vn + 2);
                int vna = vn + (int)U32(elf, vn + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    string name = CString(elf, strOffset + (int)U32(elf, vna + 8));
                    if (name == versionName)
                    {
                        found++;
                        ushort flags = U16(elf, vna + 4);
                        if ((flags & VerFlagWeak) == 0)
                        {
                            flags |= VerFlagWeak;
                            elf[vna + 4] = (byte)(flags & 0xff);
                            elf[vna + 5] = (byte)(flags >> 8);
                            changed++;
                        }
                    }
                    uint next = U32(elf, vna + 12);
                    if (next == 0) break;
                    vna += (int)next;
                }
                uint vnNext = U32(elf, vn + 12);
                if (vnNext == 0) break;
                vn += (int)vnNext;
            }
        }
        return changed;
    }

    static ushort U16(byte[] b, int o) => Check(b, o, 2) ? BitConverter.ToUInt16(b, o) : (ushort)0;
    static uint U32(byte[] b, int o) => Check(b, o, 4) ? BitConverter.ToUInt32(b, o) : 0u;
    static ulong U64(byte[] b, int o) => Check(b, o, 8) ? BitConverter.ToUInt64(b, o) : 0ul;

    static bool Check(byte[] b, int o, int n)
    {
        if (o < 0 || o + n > b.Length) throw new InvalidDataException($"offset {o} out of bounds");
        return true;
    }

    static string CString(byte[] b, int o)
    {
        Check(b, o, 1);
        int end = Array.IndexOf(b, (byte)0, o);
        if (end < 0) throw new InvalidDataException("unterminated string");
        return Encoding.ASCII.GetString(b, o, end - o);
    }
}
