using System.Text.Json;
using GanSharp.Data;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Features;

/// <summary>What a feature network learns to predict: the data's labels, or for unlabelled data the rotation of each image.</summary>
public enum FeatureTask
{
    /// <summary>The set's own classes (Fashion-MNIST's, or the subfolders of an image folder).</summary>
    Labels,

    /// <summary>
    /// Which of 0°, 90°, 180°, 270° an image was turned by (Gidaris et al. 2018, "Unsupervised
    /// representation learning by predicting image rotations"): a network must see what objects
    /// look like to tell, so its features serve FID on sets without labels.
    /// </summary>
    Rotation,
}

/// <summary>Trains a feature network on one split and measures it on another.</summary>
public static class FeatureNetworkTraining
{
    /// <summary>What produced a stored network, saved beside the weights as JSON (files without the input fields are Fashion-MNIST networks).</summary>
    public sealed record Provenance(string Command, long Seed, int Epochs, double TestAccuracy, long TrainImages, long TestImages, string Data)
    {
        public int Channels { get; init; } = FeatureInput.FashionMnist.Channels;
        public int Side { get; init; } = FeatureInput.FashionMnist.Side;
        public int Classes { get; init; } = FeatureInput.FashionMnist.Classes;
        public FeatureTask Task { get; init; } = FeatureTask.Labels;
        public IReadOnlyList<string>? ClassNames { get; init; }

        public FeatureInput Input => new(Channels, Side, Classes);
    }

    /// <summary>
    /// Adam 1e-3 with cosine decay, random horizontal flips; batches of 128 (32 for sets under 5,000
    /// images, so an epoch still has dozens of steps). Rotation: each batch is shown at all four turns.
    /// </summary>
    public static (FeatureNetwork Network, Provenance Info) Train(IDataSource train, IDataSource test, FeatureTask task, int epochs, long seed, string command, Action<string> progress)
    {
        var input = InputOf(train.Shape, task);
        Seeding.SeedGlobal(seed);
        var net = new FeatureNetwork(input);
        using var shuffle = Seeding.Generator(seed, "feature-network");
        int batch = train.Count >= 5_000 ? 128 : 32;
        if (train.Count < batch) throw new GanSharpException($"{train.Description}: {train.Count} training images; a feature network needs at least {batch}");
        SupervisedEpochs.Run(net, train, batch, epochs, shuffle, (read, g) =>
            {
                var flip = rand(new long[] { batch }, generator: g) < 0.5;              // objects are near-symmetric left to right
                var x = where(flip.view(-1, 1, 1, 1), read.X.flip(3), read.X);
                var (inputs, targets) = task == FeatureTask.Labels ? (x, read.RequireLabels("a labels feature network")) : Rotated(x);
                return nn.functional.cross_entropy(net.forward(inputs), targets);
            },
            (epoch, loss) => progress($"epoch {epoch}/{epochs}: training loss {loss:F4}, test accuracy {Accuracy(net, test, task):P2}"));
        double accuracy = Accuracy(net, test, task);
        return (net, new Provenance(command, seed, epochs, accuracy, train.Count, test.Count, train.Description)
        {
            Channels = input.Channels, Side = input.Side, Classes = input.Classes, Task = task,
        });
    }

    /// <summary>The network's input for this data: its channels and side, its classes or the four rotations.</summary>
    public static FeatureInput InputOf(DataShape shape, FeatureTask task)
    {
        if (shape.Modality != Modality.Images || shape.Size[0] != shape.Size[1]) throw new GanSharpException($"feature networks read square images, not {shape}");
        int classes = task == FeatureTask.Rotation ? 4 : shape.Classes;
        if (task == FeatureTask.Labels && classes < 2)
            throw new GanSharpException("the data has no class labels (an image folder needs --labels folders and at least two subfolders); leave --labels out to train on rotations");
        return new FeatureInput(shape.Channels, shape.Size[0], classes);
    }

    /// <summary>x (N, C, S, S) → (all four turns (4N, C, S, S), their quarter turns 0..3 (4N)).</summary>
    public static (Tensor Images, Tensor Turns) Rotated(Tensor x)
    {
        long n = x.shape[0];
        var images = cat(Enumerable.Range(0, 4).Select(k => x.rot90(k, (2, 3))).ToArray(), 0);
        var turns = arange(4, dtype: ScalarType.Int64).repeat_interleave(n);
        return (images, turns);
    }

    /// <summary>Share of test images whose most probable class (or turn) is the right one.</summary>
    public static double Accuracy(FeatureNetwork net, IDataSource data, FeatureTask task)
    {
        long right = 0, all = 0;
        for (long start = 0; start < data.Count; start += 500)
        {
            using var scope = NewDisposeScope();
            var read = data.Read(arange(start, Math.Min(start + 500, data.Count), dtype: ScalarType.Int64));
            var (x, y) = task == FeatureTask.Labels ? (read.X, read.RequireLabels("a labels feature network")) : Rotated(read.X);
            var (_, p) = net.Extract(x);
            right += p.argmax(1).eq(y).sum().item<long>();
            all += y.shape[0];
        }
        return all == 0 ? double.NaN : (double)right / all;
    }

    public static void Save(FeatureNetwork net, Provenance info, string weightsPath)
    {
        if (info.Input != net.Input) throw new ArgumentException($"the provenance says {info.Input}, the network reads {net.Input}");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!);
        AtomicFile.Write(weightsPath, s => { using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true); net.save(w); });
        AtomicFile.WriteAllText(Path.ChangeExtension(weightsPath, ".json"), JsonSerializer.Serialize(info, FeatureNetworks.Json));
    }
}
