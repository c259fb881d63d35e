using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// 3D-GAN's shapes (Wu et al. 2016; the book's chapter 2, seed 004): from 4³ a grid doubles per
/// stage to the resolution (32³: three stages, 64³: four), and the channels halve per stage from
/// width·2^(stages−1) at 4³ (the paper: 512 at 4³ for 64³, width 64).
/// </summary>
public static class Voxel3dShape
{
    public static int Stages(int resolution) => resolution switch
    {
        16 => 2,
        32 => 3,
        64 => 4,
        _ => throw new GanSharpException($"3D-GAN grids are 16³, 32³ or 64³, not {resolution}³"),
    };
}

/// <summary>
/// 3D-GAN's generator: z (N, L) as a 1³ volume, a 4×4×4 transposed convolution to 4³, then
/// strided 3-D transposed convolutions (kernel 4, stride 2) to the resolution; batch norm and ReLU
/// on every hidden layer, a sigmoid at the end: each voxel's occupancy in [0, 1].
/// Checkpoint keys: net.project, net.project_bn, net.up1 …, net.to_volume.
/// </summary>
public sealed class Voxel3dGenerator : Module<Tensor, Tensor>
{
    private readonly Sequential net;

    public Voxel3dGenerator(int latentSize = 200, int resolution = 32, int width = 32) : base(nameof(Voxel3dGenerator))
    {
        int stages = Voxel3dShape.Stages(resolution), c = width << (stages - 1);
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("project", ConvTranspose3d(latentSize, c, 4, stride: 1, padding: 0, bias: false)), ("project_bn", BatchNorm3d(c)), ("project_relu", ReLU()),
        };
        for (int i = 1; i < stages; i++, c /= 2)
        {
            layers.Add(($"up{i}", ConvTranspose3d(c, c / 2, 4, stride: 2, padding: 1, bias: false)));
            layers.Add(($"up{i}_bn", BatchNorm3d(c / 2)));
            layers.Add(($"up{i}_relu", ReLU()));
        }
        layers.Add(("to_volume", ConvTranspose3d(c, 1, 4, stride: 2, padding: 1, bias: false)));
        layers.Add(("sigmoid", Sigmoid()));
        net = Sequential(layers);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>z (N, L) → occupancy grids (N, 1, R, R, R) in [0, 1].</summary>
    public override Tensor forward(Tensor z) => net.forward(z.view(z.shape[0], z.shape[1], 1, 1, 1));
}

/// <summary>
/// 3D-GAN's discriminator, the generator's mirror: strided 3-D convolutions (kernel 4, stride 2)
/// from the resolution down to 4³, batch norm on all but the first, LeakyReLU 0.2, then a 4×4×4
/// convolution to one logit per shape. Checkpoint keys: body.from_volume, body.down1 …, head.score.
/// </summary>
public sealed class Voxel3dDiscriminator : Discriminator
{
    private readonly Sequential body, head;

    /// <param name="inputChannels">1, or 1 + K for a class-conditional D that also reads the one-hot class as K constant volumes</param>
    public Voxel3dDiscriminator(int resolution = 32, int width = 32, int inputChannels = 1) : base(nameof(Voxel3dDiscriminator))
    {
        int stages = Voxel3dShape.Stages(resolution), c = width;
        var layers = new List<(string, Module<Tensor, Tensor>)> { ("from_volume", Conv3d(inputChannels, c, 4, stride: 2, padding: 1, bias: false)), ("from_volume_lrelu", LeakyReLU(0.2)) };
        for (int i = 1; i < stages; i++, c *= 2)
        {
            layers.Add(($"down{i}", Conv3d(c, c * 2, 4, stride: 2, padding: 1, bias: false)));
            layers.Add(($"down{i}_bn", BatchNorm3d(c * 2)));
            layers.Add(($"down{i}_lrelu", LeakyReLU(0.2)));
        }
        body = Sequential(layers);
        head = Sequential(("score", Conv3d(c, 1, 4, stride: 1, padding: 0L, bias: false)));
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>Grids (N, 1, R, R, R) → features (N, width·2^(stages−1), 4, 4, 4).</summary>
    public override Tensor Features(Tensor x) => body.forward(x);

    public override Tensor Logits(Tensor features) => head.forward(features).view(-1);
}
