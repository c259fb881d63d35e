using System.Text.Json;
using GanSharp.Data;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Features;

/// <summary>Trains the feature network on the training split and measures it on the test split.</summary>
public static class FeatureNetworkTraining
{
    /// <summary>What produced a stored network: saved beside the weights as JSON.</summary>
    public sealed record Provenance(string Command, long Seed, int Epochs, double TestAccuracy, long TrainImages, long TestImages, string Data);

    public static (FeatureNetwork Network, Provenance Info) Train(ImageDataset train, ImageDataset test, int epochs, long seed, string command, Action<string> progress)
    {
        Seeding.SeedGlobal(seed);
        var net = new FeatureNetwork();
        using var optimizer = optim.Adam(net.parameters(), 1e-3);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs);
        using var shuffle = Seeding.Generator(seed, "feature-network");
        const int batch = 128;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            net.train();
            using var order = randperm(train.Count, generator: shuffle);
            double lossSum = 0;
            long batches = train.Count / batch;
            for (long b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                var idx = order.narrow(0, b * batch, batch);
                var x = train.Images.index_select(0, idx);
                var flip = rand(new long[] { batch }, generator: shuffle) < 0.5;              // clothes are near-symmetric: random horizontal flips
                x = where(flip.view(-1, 1, 1, 1), x.flip(3), x);
                var loss = nn.functional.cross_entropy(net.forward(x), train.Labels.index_select(0, idx));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>();
            }
            schedule.step();
            progress($"epoch {epoch + 1}/{epochs}: training loss {lossSum / batches:F4}, test accuracy {Accuracy(net, test):P2}");
        }
        double accuracy = Accuracy(net, test);
        return (net, new Provenance(command, seed, epochs, accuracy, train.Count, test.Count, train.Source));
    }

    /// <summary>Share of test images whose most probable class is their label.</summary>
    public static double Accuracy(FeatureNetwork net, ImageDataset data)
    {
        var (_, p) = net.Extract(data.Images);
        using var predicted = p.argmax(1);
        return predicted.eq(data.Labels).to_type(ScalarType.Float64).mean().item<double>();
    }

    public static void Save(FeatureNetwork net, Provenance info, string weightsPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!);
        AtomicFile.Write(weightsPath, s => { using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true); net.save(w); });
        AtomicFile.WriteAllText(Path.ChangeExtension(weightsPath, ".json"), JsonSerializer.Serialize(info, new JsonSerializerOptions { WriteIndented = true }));
    }
}
