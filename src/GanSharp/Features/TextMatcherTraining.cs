using System.Text.Json;
using GanSharp.Data;
using GanSharp.Data.Sources;
using GanSharp.Data.Text;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Features;

/// <summary>
/// Trains a <see cref="TextMatcher"/> on an image folder's descriptions (captions.tsv) and keeps it
/// where StackGAN and `gan eval` look: `{data root}/text/` under the folder's name, hash, channels
/// and side (<see cref="FeatureStore.PathFor"/>). Pretrained and frozen rather than trained with
/// the GAN, as StackGAN's text encoder was: the embedding then means the same for stage I and
/// stage II, and the matching score measures samples with a network their generator never fooled.
/// </summary>
public static class TextMatcherTraining
{
    public const string Shelf = "text";

    /// <summary>What produced a stored matcher, saved beside the weights: its vocabulary is the encoder's; the descriptions, one per image, are what text-to-image runs draw from.</summary>
    public sealed record Provenance(string Command, long Seed, int Epochs, string Data, int Channels, int Side, long TrainImages, long TestImages,
        double HeldOutMatchingScore, IReadOnlyList<string> Words, IReadOnlyList<string> Descriptions);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Adam 1e-3 with cosine decay, batches of 64 pairs, on 80% of the images; the other 20% measure it.</summary>
    public static Provenance Train(string folder, ImageFolderOptions options, int epochs, long seed, string command, string output, Action<string> progress)
    {
        var vocabulary = Vocabulary.Of(Captions.For(folder, ImageFolder.ListImages(folder)));
        using var set = ImageFolder.Load(folder, options with { Text = vocabulary });
        progress($"data: {set.Description}; {vocabulary.Words.Count:N0} words");
        var (train, test) = SubsetSource.Split(set, FeatureStore.HeldOut, seed);
        using var _ = train;
        using var __ = test;
        const int batch = 64;
        if (train.Count < batch) throw new GanSharpException($"{folder}: {train.Count} training images; a text matcher needs at least {batch}");
        Seeding.SeedGlobal(seed);
        var matcher = new TextMatcher(vocabulary, options.Channels);
        using var shuffle = Seeding.Generator(seed, "text-matcher");
        double score = double.NaN;
        SupervisedEpochs.Run(matcher, train, batch, epochs, shuffle, (read, _) => TextMatcher.Loss(matcher.forward(read.X, read.Condition!)), (epoch, loss) =>
        {
            score = MatchingScore(matcher, test, seed);
            progress($"epoch {epoch}/{epochs}: training loss {loss:F4}, held-out matching score {score:P1}");
        });
        var info = new Provenance(command, seed, epochs, set.Description, options.Channels, options.Side, train.Count, test.Count, score, vocabulary.Words, set.Descriptions!);
        Save(matcher, info, output);
        matcher.Dispose();
        return info;
    }

    /// <summary>
    /// Share of images whose own description the matcher scores above another image's (a random
    /// other one, drawn with <paramref name="seed"/>); ties count half. Chance is 50%; real pairs
    /// held out of training give the ceiling a generator can reach.
    /// </summary>
    public static double MatchingScore(TextMatcher matcher, IDataSource pairs, long seed)
    {
        using var scope = NewDisposeScope();
        var all = pairs.Read(arange(pairs.Count, dtype: ScalarType.Int64));
        return MatchingScore(matcher, all.X, all.Condition ?? throw new GanSharpException($"{pairs.Description} has no descriptions"), seed);
    }

    /// <summary>The same for images and their own token ids (N, T).</summary>
    public static double MatchingScore(TextMatcher matcher, Tensor images, Tensor ids, long seed)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)seed);
        long n = images.shape[0];
        if (n < 2) throw new GanSharpException("a matching score needs at least 2 images");
        var other = (arange(n, dtype: ScalarType.Int64) + randint(1, n, new[] { n }, generator: g)).remainder(n);   // never the image itself
        matcher.eval();
        using var _ = no_grad();
        var (own, wrong) = (zeros(n), zeros(n));
        for (long start = 0; start < n; start += 500)
        {
            long size = Math.Min(500, n - start);
            var image = matcher.Image.forward(images.narrow(0, start, size));
            own.narrow(0, start, size).copy_((image * matcher.Text.forward(ids.narrow(0, start, size))).sum(1));
            wrong.narrow(0, start, size).copy_((image * matcher.Text.forward(ids.index_select(0, other.narrow(0, start, size)))).sum(1));
        }
        return (own.gt(wrong).to_type(ScalarType.Float64).sum().item<double>() + 0.5 * own.eq(wrong).to_type(ScalarType.Float64).sum().item<double>()) / n;
    }

    public static void Save(TextMatcher matcher, Provenance info, string weightsPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!);
        AtomicFile.Write(weightsPath, s => { using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true); matcher.save(w); });
        AtomicFile.WriteAllText(Path.ChangeExtension(weightsPath, ".json"), JsonSerializer.Serialize(info, Json));
    }

    /// <summary>A stored matcher's provenance (vocabulary, descriptions), without its weights.</summary>
    public static Provenance ReadInfo(string weightsPath)
    {
        string json = Path.ChangeExtension(weightsPath, ".json");
        if (!File.Exists(weightsPath) || !File.Exists(json)) throw new GanSharpException($"{weightsPath}: no text matcher there (it needs its .json beside it)");
        Provenance? info;
        try { info = JsonSerializer.Deserialize<Provenance>(File.ReadAllText(json), Json); }
        catch (JsonException e) { throw new GanSharpException($"{json}: not a text matcher's provenance ({e.Message})"); }
        if (info?.Words is null || info.Descriptions is null)
            throw new GanSharpException($"{json}: lists no {(info?.Words is null ? "vocabulary" : "training descriptions")}; train the matcher again with gan text train");
        return info;
    }

    /// <summary>A stored matcher and its provenance, or an error naming the file.</summary>
    public static (TextMatcher Matcher, Provenance Info) Load(string weightsPath)
    {
        var info = ReadInfo(weightsPath);
        var matcher = new TextMatcher(new Vocabulary(info.Words), info.Channels);
        try { matcher.load(weightsPath); }
        catch (Exception e) when (e is not GanSharpException) { matcher.Dispose(); throw new GanSharpException($"{weightsPath}: not a text matcher of {info.Words.Count} words and {info.Channels} channels ({e.Message})"); }
        matcher.eval();
        return (matcher, info);
    }

    /// <summary>The stored matcher of a folder at these channels and side, or an error with the command that trains it.</summary>
    public static string Find(string folder, string data, int channels, int side) =>
        FeatureStore.PathFor(folder, channels, side, shelf: Shelf) is var path && File.Exists(path) ? path
        : throw new GanSharpException($"no text matcher for {folder} at {(channels == 1 ? "grey" : "RGB")} {side}×{side} yet (looked for {path}); train one first: gan text train --data {data} --resolution {side} --channels {channels}");
}
