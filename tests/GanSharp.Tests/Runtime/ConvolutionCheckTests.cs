using GanSharp.Networks;
using GanSharp.Runtime;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GanSharp.Tests.Runtime;

public sealed class ConvolutionCheckTests(ITestOutputHelper output)
{
    private sealed record Shape(bool Transposed, int Batch, int In, int Out, int Size, int Kernel, int Stride, int Padding);

    /// <summary>Random shapes in the ranges of the issue: channels up to 256, kernel 3–5, stride 1–2, padding 0–2.</summary>
    private static List<Shape> RandomShapes(int count, int seed)
    {
        var rng = new Random(seed);
        int[] channels = { 1, 3, 8, 16, 32, 64, 128, 256 };
        return Enumerable.Range(0, count).Select(i => new Shape(
            i % 2 == 1, rng.Next(1, 5), channels[rng.Next(channels.Length)], channels[rng.Next(channels.Length)],
            rng.Next(7, 17), rng.Next(3, 6), rng.Next(1, 3), rng.Next(0, 3))).ToList();
    }

    /// <summary>Relative error of a float32 convolution (forward and both gradients) against float64.</summary>
    private static double Error(Shape s, int seed)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)seed);
        var x = randn(new long[] { s.Batch, s.In, s.Size, s.Size }, dtype: ScalarType.Float64, generator: g);
        var w = s.Transposed
            ? randn(new long[] { s.In, s.Out, s.Kernel, s.Kernel }, dtype: ScalarType.Float64, generator: g)
            : randn(new long[] { s.Out, s.In, s.Kernel, s.Kernel }, dtype: ScalarType.Float64, generator: g);
        (Tensor y, Tensor gx, Tensor gw) Run(ScalarType t)
        {
            var xt = x.to_type(t).requires_grad_(true);
            var wt = w.to_type(t).requires_grad_(true);
            var y = s.Transposed
                ? nn.functional.conv_transpose2d(xt, wt, strides: new long[] { s.Stride, s.Stride }, padding: new long[] { s.Padding, s.Padding })
                : nn.functional.conv2d(xt, wt, strides: new long[] { s.Stride, s.Stride }, padding: new long[] { s.Padding, s.Padding });
            y.sum().backward();
            return (y, xt.grad!, wt.grad!);
        }
        var a = Run(ScalarType.Float32);
        var b = Run(ScalarType.Float64);
        double Rel(Tensor p, Tensor q) => (p.to_type(ScalarType.Float64) - q).norm().item<double>() / Math.Max(q.norm().item<double>(), 1e-12);
        return new[] { Rel(a.y, b.y), Rel(a.gx, b.gx), Rel(a.gw, b.gw) }.Max();
    }

    [Fact]
    public void Float32Convolutions_MatchFloat64_OnFiftyRandomShapes_AfterTheSelfCheckRemedy()
    {
        var shapes = RandomShapes(56, seed: 2026).Where(s => s.Size + 2 * s.Padding >= s.Kernel).ToList();
        Assert.True(shapes.Count >= 50, $"only {shapes.Count} valid shapes");
        bool before = OneDnn.Enabled;
        try
        {
            var wrong = shapes.Where((s, i) => Error(s, i) > ConvolutionCheck.Tolerance).ToList();
            output.WriteLine($"oneDNN on: {wrong.Count} of {shapes.Count} shapes wrong");
            if (wrong.Count > 0) OneDnn.Enabled = false;   // the remedy the trainer applies
            var stillWrong = shapes.Where((s, i) => Error(s, i) > ConvolutionCheck.Tolerance).ToList();
            Assert.Empty(stillWrong);
        }
        finally { OneDnn.Enabled = before; }
    }

    /// <summary>A layer that is wrong in float32 only, as oneDNN was on one machine.</summary>
    private sealed class WrongInFloat32 : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Conv2d conv = nn.Conv2d(1, 2, 3);
        public WrongInFloat32() : base(nameof(WrongInFloat32)) => RegisterComponents();
        public override Tensor forward(Tensor x)
        {
            var y = conv.forward(x);
            return x.dtype == ScalarType.Float32 ? y * 1.01f : y;
        }
    }

    [Fact]
    public void MaxRelativeError_OfAWrongFloat32Path_IsLarge_AndOfDcganIsTiny()
    {
        var wrong = new WrongInFloat32();
        var error = ConvolutionCheck.MaxRelativeError(new("wrong", () => new WrongInFloat32(), wrong, randn(2, 1, 8, 8)));
        Assert.InRange(error, 0.005, 0.02);
        var g = new DcganGenerator(16, 28, 8);
        var dcgan = ConvolutionCheck.MaxRelativeError(new("g", () => new DcganGenerator(16, 28, 8), g, randn(4, 16)));
        Assert.InRange(dcgan, 0, 1e-4);
    }

    [Fact]
    public void EnsureCorrect_WhenTheFallbackDoesNotHelp_ThrowsWithTheRemedy_AndLeavesTheNetworkUntouched()
    {
        bool before = OneDnn.Enabled;
        try
        {
            var wrong = new WrongInFloat32();
            var weights = wrong.parameters().First().clone();
            var e = Assert.Throws<GanSharpException>(() => ConvolutionCheck.EnsureCorrect(
                new ConvolutionCheck.Subject[] { new("wrong", () => new WrongInFloat32(), wrong, randn(2, 1, 8, 8)) }, _ => { }));
            Assert.Contains("ONEDNN_MAX_CPU_ISA", e.Message);
            Assert.True(wrong.parameters().First().allclose(weights, 0, 0));
        }
        finally { OneDnn.Enabled = before; }
    }

    [Fact]
    public void EnsureCorrect_NetworksWithoutConvolutions_AreSkipped()
    {
        var r = ConvolutionCheck.EnsureCorrect(new ConvolutionCheck.Subject[] { new("mlp", () => new VanillaGenerator(), new VanillaGenerator(), randn(2, 100)) }, _ => { });
        Assert.Equal("no convolutions", r.Path);
    }

    /// <summary>A 3-D generator and critic of the voxel kind: transposed and plain 3-D convolutions.</summary>
    private static nn.Module<Tensor, Tensor> Voxels() => nn.Sequential(
        nn.ConvTranspose3d(4, 3, 4, stride: 2, padding: 1), nn.ReLU(), nn.Conv3d(3, 2, 3, padding: 1), nn.LeakyReLU(0.2), nn.Conv3d(2, 1, 4, stride: 2));

    [Fact]
    public void ThreeDimensionalConvolutions_AreChecked_AndAWrongOneWouldBeFound()
    {
        manual_seed(3);
        var net = Voxels();
        var input = randn(new long[] { 2, 4, 4, 4, 4 });                                           // (N, C, D, H, W)
        Assert.True(ConvolutionCheck.HasConvolution(net));
        var r = ConvolutionCheck.EnsureCorrect(new ConvolutionCheck.Subject[] { new("voxels", Voxels, net, input) }, _ => { });
        Assert.Contains("voxels", r.Detail);
        Assert.InRange(r.MaxRelativeError, 0, 1e-4);
        // The same network with a float32-only error of 1% in its output: the check sees it.
        var wrong = ConvolutionCheck.MaxRelativeError(new("wrong", () => new WrongAfter(Voxels()), new WrongAfter(Voxels()), input));
        Assert.InRange(wrong, 0.005, 0.02);
    }

    /// <summary>An inner network whose float32 output is 1% off (float64 is exact): a stand-in for a broken float32 path.</summary>
    private sealed class WrongAfter : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> inner;
        public WrongAfter(nn.Module<Tensor, Tensor> inner) : base(nameof(WrongAfter)) { this.inner = inner; RegisterComponents(); }
        public override Tensor forward(Tensor x) { var y = inner.forward(x); return y.dtype == ScalarType.Float32 ? y * 1.01f : y; }
    }

    [Fact]
    public void InstanceNormNetworks_WhoseBiasGradientsAreZero_PassTheCheck()
    {
        // The bias of a convolution before an instance norm has a zero gradient in exact arithmetic; float32 gives noise
        // around 1e-14 against float64's 1e-15, which a plain relative error would call a 10⁸-fold mismatch.
        using var d = new GanSharp.Networks.PatchGanDiscriminator(3, 8, 3, "instance");
        var subject = new ConvolutionCheck.Subject("d", () => new GanSharp.Networks.PatchGanDiscriminator(3, 8, 3, "instance"), d, TorchSharp.torch.rand(4, 3, 32, 32) * 2 - 1);
        Assert.InRange(ConvolutionCheck.MaxRelativeError(subject), 0, ConvolutionCheck.Tolerance);
    }

    [Fact]
    public void NetworksWithDropout_AreComparedWithoutIt()
    {
        // pix2pix's U-Net at 64 has a dropout layer: the two replicas would draw different masks and differ by about 1
        using var g = new GanSharp.Networks.UNetGenerator(3, 3, 64, 4, "batch", dropout: true);
        Assert.Contains(g.modules(), m => m is TorchSharp.Modules.Dropout);
        var subject = new ConvolutionCheck.Subject("g", () => new GanSharp.Networks.UNetGenerator(3, 3, 64, 4, "batch", dropout: true), g, TorchSharp.torch.rand(4, 3, 64, 64) * 2 - 1);
        Assert.InRange(ConvolutionCheck.MaxRelativeError(subject), 0, ConvolutionCheck.Tolerance);
    }

    [Fact]
    public void ConditionalBatchNormGenerators_PassTheCheck_ThoughTrainingModeRoundingIsPoor()
    {
        // BigGAN's G at 32×32: in training mode batch norm's backward cancels, and float32 lands about 1e-2 from float64
        // with correct convolutions (oneDNN off as well); the same kernels in eval mode agree to about 1e-5.
        var o = GanSharp.Recipes.Families.DefaultsOf<GanSharp.Recipes.Modern.ResNetGanOptions>("biggan") with { Channels = 3, Classes = 10 };
        TorchSharp.torch.manual_seed(11);
        using var g = GanSharp.Recipes.Modern.ResNetGan.BuildGenerator(o);
        var latent = TorchSharp.torch.cat(new[] { TorchSharp.torch.randn(16, o.LatentSize), TorchSharp.torch.nn.functional.one_hot(TorchSharp.torch.arange(16L) % 10, 10).to_type(TorchSharp.torch.ScalarType.Float32) }, 1);
        var subject = new ConvolutionCheck.Subject("g", () => GanSharp.Recipes.Modern.ResNetGan.BuildGenerator(o), g, latent);
        Assert.InRange(ConvolutionCheck.MaxRelativeError(subject), 0, ConvolutionCheck.Tolerance);
    }
}
