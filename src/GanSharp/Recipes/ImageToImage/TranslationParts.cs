using GanSharp.Recipes.Kit;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes.ImageToImage;

/// <summary>What the translation recipes (pix2pix, CycleGAN) share: frozen discriminators during G's update, and their learning-rate schedule.</summary>
internal static class TranslationParts
{
    /// <summary>Turns gradients of a module's parameters off (during G's update: D's gradients are not needed) or back on.</summary>
    public static void RequiresGrad(bool on, params nn.Module[] modules)
    {
        foreach (var m in modules)
            foreach (var p in m.parameters()) p.requires_grad = on;
    }

    /// <summary>The rate factor at a step: 1 for the first <paramref name="decayFrom"/> of <paramref name="horizon"/> steps, then linear to 0 (1 when the horizon is unknown).</summary>
    public static double LrFactor(double decayFrom, long horizon, long step) =>
        horizon > 1 ? Schedules.ConstantThenLinear((long)(decayFrom * horizon), horizon)(step) : 1;

    /// <summary>n random images in [−1, 1] of a shape: what a translator reads, for the convolution check (there is no noise prior).</summary>
    public static Tensor RandomImages(long n, int channels, int side, Generator generator, Device device) =>
        (rand(new long[] { n, channels, side, side }, generator: generator) * 2 - 1).to(device);
}
