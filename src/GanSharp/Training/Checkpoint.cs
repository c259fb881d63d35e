using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GanSharp.Recipes;
using TorchSharp;

namespace GanSharp.Training;

/// <summary>
/// A checkpoint file: magic "GANSHARP", format version, payload length, SHA-256 of the payload,
/// payload. The payload holds the position (step, epoch, batch), every module and optimiser of
/// the recipe, its random streams and libtorch's global RNG state. Written atomically; a
/// truncated or altered file is detected by length and checksum, never half-loaded.
/// </summary>
public static class Checkpoint
{
    public const int FormatVersion = 2;   // 2: parts may have no optimiser (EMA)
    private static readonly byte[] Magic = "GANSHARP"u8.ToArray();

    /// <summary>Where the run stands; saved as JSON at the start of the payload.</summary>
    public sealed record Position(long Step, long Epoch, long BatchInEpoch, long ImagesSeen, double TrainSeconds);

    /// <summary>
    /// Writes the checkpoint atomically. With <paramref name="keepPrevious"/> (last.ckpt) an
    /// existing file at the path is kept as previous.ckpt; without (best.ckpt) it is replaced.
    /// </summary>
    public static void Save(string path, Position position, IRecipe recipe, bool keepPrevious = true)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(JsonSerializer.Serialize(position));
            w.Write(recipe.Parts.Count);
            foreach (var part in recipe.Parts)
            {
                w.Write(part.Name);
                part.Module.save(w);
                w.Write(part.Optimizer is not null);
                part.Optimizer?.save_state_dict(w);
            }
            w.Write(recipe.RandomStreams.Count);
            foreach (var (name, generator) in recipe.RandomStreams)
            {
                w.Write(name);
                using var state = generator.get_state();
                state.Save(w);
            }
            using var global = torch.random.get_rng_state();
            global.Save(w);
        }
        byte[] body = payload.ToArray();
        byte[] hash = SHA256.HashData(body);
        var previous = Path.Combine(Path.GetDirectoryName(path)!, "previous.ckpt");
        AtomicFile.Write(path + ".new", s =>
        {
            using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write((long)body.Length);
            w.Write(hash);
            w.Write(body);
        });
        // Both renames are atomic: at every moment a complete last.ckpt or previous.ckpt exists.
        if (keepPrevious && File.Exists(path)) File.Move(path, previous, overwrite: true);
        File.Move(path + ".new", path, overwrite: true);
    }

    /// <summary>Reads and verifies a checkpoint, restores the recipe's state, returns the position.</summary>
    public static Position Load(string path, IRecipe recipe)
    {
        byte[] body = ReadVerified(path);
        using var r = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
        try
        {
            var position = JsonSerializer.Deserialize<Position>(r.ReadString())
                ?? throw new GanSharpException($"{path}: missing position");
            int parts = r.ReadInt32();
            if (parts != recipe.Parts.Count)
                throw new GanSharpException($"{path}: holds {parts} networks, the run's recipe has {recipe.Parts.Count}");
            foreach (var part in recipe.Parts)
            {
                string name = r.ReadString();
                if (name != part.Name) throw new GanSharpException($"{path}: expected part '{part.Name}', found '{name}'");
                part.Module.load(r);
                bool hasOptimizer = r.ReadBoolean();
                if (hasOptimizer != part.Optimizer is not null)
                    throw new GanSharpException($"{path}: part '{part.Name}' {(hasOptimizer ? "has" : "lacks")} an optimiser state, the run's recipe {(hasOptimizer ? "does not" : "does")}");
                part.Optimizer?.load_state_dict(r);
            }
            int streams = r.ReadInt32();
            foreach (var (name, generator) in recipe.RandomStreams.Take(streams))
            {
                if (r.ReadString() != name) throw new GanSharpException($"{path}: random stream '{name}' missing");
                using var state = TensorExtensionMethods.Load(r);
                generator.set_state(state);
            }
            using var global = TensorExtensionMethods.Load(r);
            torch.random.set_rng_state(global);
            return position;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidOperationException or JsonException)
        {
            throw new GanSharpException($"{path}: does not match this run's networks ({e.Message})", e);
        }
    }

    /// <summary>The payload, after checking magic, version, length and checksum.</summary>
    public static byte[] ReadVerified(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException(path, "file not found");
        byte[] file = File.ReadAllBytes(path);
        int header = Magic.Length + 4 + 8 + 32;
        if (file.Length < header) throw new CheckpointException(path, $"truncated: {file.Length} bytes, shorter than the {header}-byte header");
        if (!file.AsSpan(0, Magic.Length).SequenceEqual(Magic)) throw new CheckpointException(path, "not a GanSharp checkpoint (bad magic bytes)");
        int version = BitConverter.ToInt32(file, Magic.Length);
        if (version != FormatVersion)
            throw new CheckpointException(path, $"format version {version}; this GanSharp reads version {FormatVersion}");
        long length = BitConverter.ToInt64(file, Magic.Length + 4);
        if (file.Length - header != length)
            throw new CheckpointException(path, $"truncated or padded: header announces {length:N0} payload bytes, file holds {file.Length - header:N0}");
        byte[] body = file[header..];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(file.AsSpan(Magic.Length + 12, 32)))
            throw new CheckpointException(path, "checksum mismatch: the file is corrupt");
        return body;
    }
}

/// <summary>A checkpoint that cannot be used; the message names the file and the problem.</summary>
public sealed class CheckpointException(string file, string problem) : GanSharpException($"{file}: {problem}")
{
    public string File { get; } = file;
}
