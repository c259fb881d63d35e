using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Features;

/// <summary>
/// The training loop the metrics' own networks share (feature networks, the voxel classifier, the
/// text matcher): Adam at 1e-3 with cosine decay over the epochs, each epoch one pass over the
/// training set in batches shuffled by the given generator, every batch in its own dispose
/// scope; after each epoch the caller measures and reports.
/// </summary>
internal static class SupervisedEpochs
{
    /// <param name="loss">the loss of one batch (the generator is the shuffle's, for augmentation)</param>
    /// <param name="afterEpoch">(epoch from 1, mean training loss) after each epoch</param>
    public static void Run(nn.Module network, Data.IDataSource train, int batch, int epochs, Generator shuffle,
        Func<Data.Batch, Generator, Tensor> loss, Action<int, double> afterEpoch, Action<long, double>? everyHundred = null)
    {
        long batches = train.Count / batch;
        using var optimizer = optim.Adam(network.parameters(), 1e-3);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            network.train();
            using var order = randperm(train.Count, generator: shuffle);
            double lossSum = 0;
            for (long b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                var value = loss(train.Read(order.narrow(0, b * batch, batch)), shuffle);
                optimizer.zero_grad();
                value.backward();
                optimizer.step();
                lossSum += value.item<float>();
                if ((b + 1) % 100 == 0) everyHundred?.Invoke(b + 1, lossSum / (b + 1));
            }
            schedule.step();
            afterEpoch(epoch + 1, lossSum / batches);
        }
    }
}
