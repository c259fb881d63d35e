using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// An autoencoder discriminator (BEGAN, Berthelot et al. 2017; EBGAN, Zhao et al. 2017): a
/// strided-convolution encoder to a code of <c>codeSize</c> numbers and a transposed-convolution
/// decoder back to the image, on the DCGAN grid (base × 2^k). Its "output" is the reconstruction;
/// the recipes turn reconstruction errors into energies.
/// </summary>
public sealed class Autoencoder : Module<Tensor, Tensor>
{
    private readonly Sequential encoder, decoder;
    private readonly long[] codeShape;

    public Autoencoder(int resolution = 28, int width = 64, int codeSize = 64, int channels = 1) : base(nameof(Autoencoder))
    {
        var (baseSize, stages) = DcganShape.Of(resolution);
        var down = new List<(string, Module<Tensor, Tensor>)>();
        int c = channels;
        for (int i = 0; i < stages; i++)
        {
            int next = width << i;
            down.Add(($"down{i}", Conv2d(c, next, 4, stride: 2, padding: 1)));
            down.Add(($"down{i}_elu", ELU()));
            c = next;
        }
        down.Add(("flatten", Flatten()));
        down.Add(("to_code", Linear(c * baseSize * baseSize, codeSize)));
        encoder = Sequential(down);
        codeShape = new long[] { c, baseSize, baseSize };

        var up = new List<(string, Module<Tensor, Tensor>)> { ("from_code", Linear(codeSize, c * baseSize * baseSize)) };
        up.Add(("unflatten", Unflatten(1, codeShape)));
        for (int i = stages - 1; i >= 0; i--)
        {
            int next = i == 0 ? channels : width << (i - 1);
            up.Add(($"up{i}_elu", ELU()));
            up.Add(($"up{i}", ConvTranspose2d(c, next, 4, stride: 2, padding: 1)));
            c = next;
        }
        up.Add(("tanh", Tanh()));
        decoder = Sequential(up);
        RegisterComponents();
    }

    /// <summary>images (N, C, R, R) → codes (N, codeSize).</summary>
    public Tensor Encode(Tensor x) => encoder.forward(x);

    /// <summary>images → reconstructions, same shape, in [-1, 1].</summary>
    public override Tensor forward(Tensor x) => decoder.forward(encoder.forward(x));

    /// <summary>images → (codes, reconstructions), for recipes that need both (EBGAN's pulling-away term).</summary>
    public (Tensor Code, Tensor Reconstruction) EncodeDecode(Tensor x)
    {
        var code = encoder.forward(x);
        return (code, decoder.forward(code));
    }
}
