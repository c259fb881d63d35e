using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Networks;

/// <summary>
/// CycleGAN's history of generated images (Shrivastava et al. 2017; Zhu et al. 2017, a pool of 50):
/// D is shown a mix of the newest fakes and older ones, so G cannot win by chasing D's latest
/// weakness. Until the pool is full each image goes in and comes out as it is; then with
/// probability ½ an image takes the place of a random stored one, which comes out instead, else it
/// passes through. The stored images and their count are buffers, so checkpoints keep them; the
/// random draws come from a generator the recipe checkpoints too.
/// </summary>
public sealed class ImagePool : nn.Module
{
    private readonly Tensor images, stored;

    public ImagePool(int size, long channels, long height, long width) : base(nameof(ImagePool))
    {
        if (size < 0) throw new GanSharpException($"--pool-size must be ≥ 0, got {size}");
        Size = size;
        images = zeros(size, channels, height, width);
        stored = zeros(1, dtype: ScalarType.Int64);
        register_buffer("images", images);
        register_buffer("stored", stored);
    }

    /// <summary>Capacity; 0 passes every image through.</summary>
    public int Size { get; }

    /// <summary>Images held so far (at most <see cref="Size"/>).</summary>
    public long Count => stored.item<long>();

    /// <summary>fakes (N, C, H, W), detached → as many images for D, each the fake itself or one it replaced in the pool.</summary>
    public Tensor Query(Tensor fakes, Generator generator)
    {
        if (Size == 0) return fakes;
        using var _ = no_grad();
        var outputs = new Tensor[fakes.shape[0]];
        for (long i = 0; i < fakes.shape[0]; i++)
        {
            var image = fakes[i];
            long count = Count;
            if (count < Size)
            {
                images[count].copy_(image);
                stored.fill_(count + 1);
                outputs[i] = image.unsqueeze(0);
            }
            else if (rand(1, generator: generator).item<float>() > 0.5f)
            {
                long slot = randint(Size, new long[] { 1 }, generator: generator).item<long>();
                outputs[i] = images[slot].clone().to(fakes.device).unsqueeze(0);
                images[slot].copy_(image);
            }
            else outputs[i] = image.unsqueeze(0);
        }
        return cat(outputs, 0);
    }
}
