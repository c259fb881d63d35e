using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GanSharp.Recipes;
using TorchSharp;

namespace GanSharp.Training;

/// <summary>
/// A checkpoint file: magic "GANSHARP", format version, payload length, SHA-256 of the payload,
/// payload. The payload holds the position (step, data streams), every module of the recipe's
/// state, then every optimiser, its random streams and libtorch's global RNG state. Written atomically; a
/// truncated or altered file is detected by length and checksum, never half-loaded.
/// </summary>
public static class Checkpoint
{
    public const int FormatVersion = 3;   // 2: parts may have no optimiser (EMA); 3: modules and optimisers saved apart (an optimiser may span modules), named data streams
    private static readonly byte[] Magic = "GANSHARP"u8.ToArray();
    /// <summary>Magic, version, payload length, SHA-256.</summary>
    private const int HeaderBytes = 8 + 4 + 8 + 32;

    /// <summary>
    /// Where the run stands; saved as JSON at the start of the payload. Epoch and BatchInEpoch are
    /// the first data stream's; <paramref name="Streams"/> has every stream (null in checkpoints
    /// written before streams had names, which had one).
    /// </summary>
    public sealed record Position(long Step, long Epoch, long BatchInEpoch, long ImagesSeen, double TrainSeconds, IReadOnlyList<Data.StreamPosition>? Streams = null)
    {
        /// <summary>The saved positions of the data's streams; an old single-stream position is given the stream's name.</summary>
        public IReadOnlyList<Data.StreamPosition> StreamsFor(Data.IBatches data) =>
            Streams ?? new[] { new Data.StreamPosition(data.Positions.Single().Name, Epoch, BatchInEpoch) };
    }

    /// <summary>
    /// Writes the checkpoint atomically. With <paramref name="keepPrevious"/> (last.ckpt) an
    /// existing file at the path is kept as previous.ckpt; without (best.ckpt) it is replaced.
    /// </summary>
    public static void Save(string path, Position position, IRecipe recipe, bool keepPrevious = true)
    {
        var state = recipe.State;
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(JsonSerializer.Serialize(position));
            w.Write(state.Modules.Count);
            foreach (var m in state.Modules)
            {
                w.Write(m.Name);
                m.Module.save(w);
            }
            w.Write(state.Optimizers.Count);
            foreach (var o in state.Optimizers)
            {
                w.Write(o.Name);
                o.Optimizer.save_state_dict(w);
            }
            WriteStreams(w, state);
        }
        byte[] body = payload.ToArray();
        byte[] hash = SHA256.HashData(body);
        var previous = Path.Combine(Path.GetDirectoryName(path)!, "previous.ckpt");
        foreach (var p in new[] { path, path + ".new", previous })
            if (Directory.Exists(p)) throw new CheckpointException(p, "is a folder where a checkpoint file belongs; move it away and run again");
        DiskSpace.Require(Path.GetDirectoryName(Path.GetFullPath(path))!, body.Length + HeaderBytes,
            $"the checkpoint of step {position.Step} (the last one written is intact)");
        AtomicFile.Write(path + ".new", s =>
        {
            using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write((long)body.Length);
            w.Write(hash);
            w.Write(body);
        });
        // Both renames are atomic: at every moment a complete last.ckpt or previous.ckpt exists. A
        // last.ckpt that is not intact (resume fell back past it) must not replace a good previous.ckpt.
        if (keepPrevious && File.Exists(path))
        {
            if (ProblemOf(path) is null) File.Move(path, previous, overwrite: true);
            else File.Move(path, path + ".corrupt", overwrite: true);
        }
        File.Move(path + ".new", path, overwrite: true);
    }

    /// <summary>What is wrong with the file (header, length, checksum), or null when it is intact.</summary>
    public static string? ProblemOf(string path)
    {
        try
        {
            ReadVerified(path);
            return null;
        }
        catch (CheckpointException e)
        {
            return e.Message;
        }
    }

    /// <summary>Reads and verifies a checkpoint (this format or version 2), restores the recipe's state and step, returns the position.</summary>
    public static Position Load(string path, IRecipe recipe)
    {
        var (version, body) = ReadVerifiedWithVersion(path);
        var state = recipe.State;
        using var r = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
        try
        {
            var position = JsonSerializer.Deserialize<Position>(r.ReadString())
                ?? throw new GanSharpException($"{path}: missing position");
            if (position.Step < 0 || position.Epoch < 0 || position.BatchInEpoch < 0 || position.ImagesSeen < 0 || !(position.TrainSeconds >= 0) || double.IsInfinity(position.TrainSeconds))
                throw new GanSharpException($"{path}: impossible position (step {position.Step}, epoch {position.Epoch}, batch {position.BatchInEpoch}, {position.ImagesSeen} images, {position.TrainSeconds} s)");
            if (version == 2) ReadPartsV2(r, path, state);
            else
            {
                ReadNamed(r, path, "networks", state.Modules.Select(m => m.Name).ToList(), name => state.Modules.First(m => m.Name == name).Module.load(r));
                ReadNamed(r, path, "optimisers", state.Optimizers.Select(o => o.Name).ToList(), name => state.OptimizerNamed(name).Optimizer.load_state_dict(r));
            }
            foreach (var o in state.Optimizers) RebaseLearningRate(o);
            ReadStreams(r, path, state);
            recipe.StepsDone = position.Step;     // what depends on the step (PGGAN's growth, lr schedules) is where it was, for sampling too
            return position;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidOperationException or JsonException
                                     or System.Runtime.InteropServices.ExternalException or OverflowException or OutOfMemoryException)
        {
            // a valid checksum over a crafted or foreign payload: a tensor of another shape, or one declaring an absurd size
            throw new GanSharpException($"{path}: does not match this run's networks ({e.Message.Split('\n')[0]})", e);
        }
    }

    /// <summary>
    /// A loaded optimiser has the saved run's learning rates. The run's options decide the base rate
    /// (a resume may lower it); the saved state keeps where a schedule stood and any per-group
    /// multiplier: every group is scaled by new base / saved base, a no-op when the options are unchanged.
    /// </summary>
    private static void RebaseLearningRate(GanSharp.Recipes.Kit.NamedOptimizer o)
    {
        var groups = o.Optimizer.ParamGroups.ToList();
        double saved = groups[0].InitialLearningRate;
        if (!(saved > 0) || saved == o.BaseLearningRate) return;
        double scale = o.BaseLearningRate / saved;
        foreach (var g in groups)
        {
            g.LearningRate *= scale;
            g.InitialLearningRate *= scale;
        }
    }

    /// <summary>A count, then that many names each followed by its data, which must be exactly the expected names in order.</summary>
    private static void ReadNamed(BinaryReader r, string path, string what, IReadOnlyList<string> expected, Action<string> load)
    {
        int count = r.ReadInt32();
        if (count != expected.Count)
            throw new GanSharpException($"{path}: holds {count} {what}, the run's recipe has {expected.Count} ({string.Join(", ", expected)})");
        foreach (var name in expected)
        {
            string found = r.ReadString();
            if (found != name) throw new GanSharpException($"{path}: expected {what[..^1]} '{name}', found '{found}'");
            load(name);
        }
    }

    /// <summary>Version 2 stored each module followed by its optimiser's state; optimisers then had their module's name.</summary>
    private static void ReadPartsV2(BinaryReader r, string path, GanSharp.Recipes.Kit.RecipeState state)
    {
        ReadNamed(r, path, "networks", state.Modules.Select(m => m.Name).ToList(), name =>
        {
            var module = state.Modules.First(m => m.Name == name);
            module.Module.load(r);
            bool hasOptimizer = r.ReadBoolean();
            var optimizer = state.Optimizers.FirstOrDefault(o => o.Name == name);
            if (hasOptimizer != optimizer is not null)
                throw new GanSharpException($"{path}: part '{name}' {(hasOptimizer ? "has" : "lacks")} an optimiser state, the run's recipe {(hasOptimizer ? "does not" : "does")}");
            optimizer?.Optimizer.load_state_dict(r);
        });
    }

    private static void WriteStreams(BinaryWriter w, GanSharp.Recipes.Kit.RecipeState state)
    {
        w.Write(state.Streams.Count);
        foreach (var s in state.Streams)
        {
            w.Write(s.Name);
            using var rng = s.Generator.get_state();
            rng.Save(w);
        }
        using var global = torch.random.get_rng_state();
        global.Save(w);
    }

    /// <summary>The recipe's streams in order; a checkpoint may hold fewer (streams added to a recipe later start fresh).</summary>
    private static void ReadStreams(BinaryReader r, string path, GanSharp.Recipes.Kit.RecipeState state)
    {
        int streams = r.ReadInt32();
        foreach (var s in state.Streams.Take(streams))
        {
            if (r.ReadString() != s.Name) throw new GanSharpException($"{path}: random stream '{s.Name}' missing");
            using var rng = TensorExtensionMethods.Load(r);
            s.Generator.set_state(rng);
        }
        using var global = TensorExtensionMethods.Load(r);
        torch.random.set_rng_state(global);
    }

    /// <summary>The payload, after checking magic, version, length and checksum.</summary>
    public static byte[] ReadVerified(string path) => ReadVerifiedWithVersion(path).Body;

    private static (int Version, byte[] Body) ReadVerifiedWithVersion(string path)
    {
        if (Directory.Exists(path)) throw new CheckpointException(path, "is a folder, not a checkpoint file");
        if (!File.Exists(path)) throw new CheckpointException(path, "file not found");
        byte[] file = File.ReadAllBytes(path);
        const int header = HeaderBytes;
        if (file.Length < header) throw new CheckpointException(path, $"truncated: {file.Length} bytes, shorter than the {header}-byte header");
        if (!file.AsSpan(0, Magic.Length).SequenceEqual(Magic)) throw new CheckpointException(path, "not a GanSharp checkpoint (bad magic bytes)");
        int version = BitConverter.ToInt32(file, Magic.Length);
        if (version != FormatVersion && version != 2)
            throw new CheckpointException(path, $"format version {version}; this GanSharp reads versions 2 and {FormatVersion}" +
                (version > FormatVersion ? " (the file is from a newer GanSharp: update it)" : ""));
        long length = BitConverter.ToInt64(file, Magic.Length + 4);
        if (file.Length - header != length)
            throw new CheckpointException(path, $"truncated or padded: header announces {length:N0} payload bytes, file holds {file.Length - header:N0}");
        byte[] body = file[header..];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(file.AsSpan(Magic.Length + 12, 32)))
            throw new CheckpointException(path, "checksum mismatch: the file is corrupt");
        return (version, body);
    }
}

/// <summary>A checkpoint that cannot be used; the message names the file and the problem.</summary>
public sealed class CheckpointException(string file, string problem) : GanSharpException($"{file}: {problem}")
{
    public string File { get; } = file;
}
