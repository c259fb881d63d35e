using GanSharp.Training;
using Xunit;

namespace GanSharp.Tests.Training;

/// <summary>Nothing good is lost: rotation keeps the good checkpoint, a checkpoint between write and rename is found, leftovers go, one session per run.</summary>
public sealed class CheckpointSafetyTests
{
    private static void TrainFresh(TempFolder tmp, string name, long steps) =>
        TinyRuns.Start(tmp, name, TinyRuns.Dcgan(), TinyRuns.Trainer(steps, checkpointEvery: 2)).Using(s => s.Train(Array.Empty<ITrainingCallback>()));

    [Fact]
    public void AfterFallingBackPastACorruptLast_TheNextSaveKeepsTheGoodPrevious()
    {
        using var tmp = TestSetup.Temp();
        TrainFresh(tmp, "run", 4);                                        // last = step 4, previous = step 2
        var dir = new RunDirectory(tmp.File("run"));
        File.WriteAllBytes(dir.LastCheckpoint, File.ReadAllBytes(dir.LastCheckpoint)[..^10]);
        using (var resumed = TrainingSession.Resume(dir.Root, _ => { }, totalSteps: 3))
        {
            Assert.Equal(2, resumed.State.Step);
            resumed.Train(Array.Empty<ITrainingCallback>());              // saves step 3
        }
        Assert.Null(Checkpoint.ProblemOf(dir.PreviousCheckpoint));        // the good step-2 file, not the corrupt one
        using var reader = new BinaryReader(new MemoryStream(Checkpoint.ReadVerified(dir.PreviousCheckpoint)));
        Assert.Contains("\"Step\":2,", reader.ReadString());
        Assert.NotNull(Checkpoint.ProblemOf(dir.LastCheckpoint + ".corrupt"));   // kept aside for a look, not deleted
    }

    [Fact]
    public void AKillBetweenTheFirstWriteAndItsRename_ResumesFromTheNewFile()
    {
        using var tmp = TestSetup.Temp();
        TrainFresh(tmp, "run", 2);
        var dir = new RunDirectory(tmp.File("run"));
        File.Move(dir.LastCheckpoint, dir.LastCheckpoint + ".new");       // as left by a kill after AtomicFile's write
        var messages = new List<string>();
        using var resumed = TrainingSession.Resume(dir.Root, messages.Add, totalSteps: 3);
        Assert.Equal(2, resumed.State.Step);
        Assert.Contains(messages, m => m.Contains("last.ckpt.new, the newest checkpoint"));
    }

    [Fact]
    public void PartialFilesOfKilledWrites_AreRemovedOnResume()
    {
        using var tmp = TestSetup.Temp();
        TrainFresh(tmp, "run", 2);
        var dir = new RunDirectory(tmp.File("run"));
        string partial = Path.Combine(dir.Checkpoints, ".last.ckpt.new.99999.tmp"), kept = Path.Combine(dir.Checkpoints, "step-000002.ckpt.partial");
        File.WriteAllBytes(partial, new byte[1_000_000]);
        File.WriteAllBytes(kept, new byte[500_000]);
        var messages = new List<string>();
        using (TrainingSession.Resume(dir.Root, messages.Add, totalSteps: 3)) { }
        Assert.False(File.Exists(partial));
        Assert.False(File.Exists(kept));
        Assert.Contains(messages, m => m.Contains("removed 2 partial file(s) of 1.5 MB"));
    }

    [Fact]
    public void ALastCheckpointReplacedByAFolder_IsNamed()
    {
        using var tmp = TestSetup.Temp();
        TrainFresh(tmp, "run", 2);
        var dir = new RunDirectory(tmp.File("run"));
        File.Delete(dir.LastCheckpoint);
        Directory.CreateDirectory(dir.LastCheckpoint);
        var e = Assert.Throws<GanSharpException>(() => TrainingSession.Resume(dir.Root, _ => { }, totalSteps: 3));
        Assert.Contains($"{dir.LastCheckpoint}: is a folder, not a checkpoint file", e.Message);
    }

    [Theory]
    [InlineData("{\"Step\":2,\"Epoch\":0,\"BatchInEpoch\":999999999,\"ImagesSeen\":32,\"TrainSeconds\":1}", "lies outside the data's 625 batches per epoch")]
    [InlineData("{\"Step\":-5,\"Epoch\":0,\"BatchInEpoch\":2,\"ImagesSeen\":32,\"TrainSeconds\":1}", "impossible position (step -5")]
    public void ACraftedPositionWithAValidChecksum_IsRefusedWithAMessage(string position, string expected)
    {
        using var tmp = TestSetup.Temp();
        TrainFresh(tmp, "run", 2);
        var dir = new RunDirectory(tmp.File("run"));
        RewritePosition(dir.LastCheckpoint, position);
        var e = Assert.Throws<GanSharpException>(() => TrainingSession.Resume(dir.Root, _ => { }, totalSteps: 3));
        Assert.Contains(expected, e.Message);
    }

    /// <summary>Replaces a checkpoint's position JSON and writes a header with the right length and SHA-256, as a crafted file would.</summary>
    private static void RewritePosition(string path, string json)
    {
        var body = Checkpoint.ReadVerified(path);
        using var reader = new BinaryReader(new MemoryStream(body));
        reader.ReadString();
        var rest = reader.ReadBytes(body.Length);
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true)) { w.Write(json); w.Write(rest); }
        CheckpointTests.WithHeader(path, Checkpoint.FormatVersion, payload.ToArray());
    }

    [Fact]
    public void ASecondSessionOnARun_IsRefusedNamingTheFirst_AndWelcomeOnceItEnds()
    {
        using var tmp = TestSetup.Temp();
        TrainFresh(tmp, "run", 2);
        using (var first = TrainingSession.Resume(tmp.File("run"), _ => { }, totalSteps: 4))
        {
            var e = Assert.Throws<GanSharpException>(() => TrainingSession.Resume(tmp.File("run"), _ => { }, totalSteps: 4));
            Assert.Contains($"is in use by gan (process {Environment.ProcessId}, since", e.Message);
        }
        using var second = TrainingSession.Resume(tmp.File("run"), _ => { }, totalSteps: 4);
        Assert.Equal(2, second.State.Step);
    }
}

internal static class SessionExtensions
{
    /// <summary>Runs <paramref name="use"/> on the session and disposes it.</summary>
    public static void Using(this TrainingSession session, Action<TrainingSession> use)
    {
        using (session) use(session);
    }
}

/// <summary>A full disk: a message before the write when the free space is known to be short, the last good checkpoint intact when a write fails anyway.</summary>
public sealed class FullDiskTests
{
    [Fact]
    public void FreeBytes_IsWhatDfReports_AndRequireRefusesMoreThanThat()
    {
        using var tmp = TestSetup.Temp();
        var df = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("df", $"-B1 --output=avail {tmp.Path}") { RedirectStandardOutput = true })!;
        long reported = long.Parse(df.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim());
        df.WaitForExit();
        long free = DiskSpace.FreeBytes(tmp.Path);
        Assert.InRange(free, reported - (64L << 20), reported + (64L << 20));   // other writers may move it a little between the two reads
        var e = Assert.Throws<GanSharpException>(() => DiskSpace.Require(tmp.Path, free + (1L << 30), "the checkpoint of step 7"));
        Assert.Contains($"{tmp.Path}: ", e.Message);
        Assert.Contains("MB free, but the checkpoint of step 7 needs", e.Message);
        DiskSpace.Require(tmp.Path, 1000, "a small file");
    }

    [Fact]
    public void AWriteThatHitsAFullDisk_LeavesTheLastGoodCheckpoint_AndSaysSo()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(), TinyRuns.Trainer(2, checkpointEvery: 2)))
            s.Train(Array.Empty<ITrainingCallback>());
        var dir = new RunDirectory(tmp.File("run"));
        byte[] good = File.ReadAllBytes(dir.LastCheckpoint);
        using var resumed = TrainingSession.Resume(dir.Root, _ => { }, totalSteps: 4);
        // the temporary file the next checkpoint goes to, pointed at /dev/full: every write to it fails with ENOSPC
        File.CreateSymbolicLink(Path.Combine(dir.Checkpoints, $".last.ckpt.new.{Environment.ProcessId}.tmp"), "/dev/full");
        var e = Assert.Throws<IOException>(() => resumed.Train(Array.Empty<ITrainingCallback>()));
        Assert.Contains("the disk is full; free space and run the command again", GanSharp.Cli.ErrorMessages.Describe(e));
        Assert.Equal(good, File.ReadAllBytes(dir.LastCheckpoint));
        Assert.False(File.Exists(dir.LastCheckpoint + ".new"));
    }
}
