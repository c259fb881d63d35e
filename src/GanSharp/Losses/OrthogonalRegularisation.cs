using static TorchSharp.torch;

namespace GanSharp.Losses;

/// <summary>
/// BigGAN's orthogonal regularisation (Brock et al. 2019, section 3.1): β ‖W Wᵀ ⊙ (1 − I)‖²_F for
/// every weight W reshaped to (out, in·k·k). Only the off-diagonal terms count, so filters are pushed
/// to be orthogonal to each other without constraining their norms; this keeps G amenable to the
/// truncation trick. Vectors (biases, gains, γ) are skipped.
/// </summary>
public static class OrthogonalRegularisation
{
    /// <summary>The penalty of one weight tensor with at least two dimensions.</summary>
    public static Tensor Of(Tensor weight, double beta)
    {
        var w = weight.reshape(weight.shape[0], -1);                      // (out, in·k·k)
        var gram = w.mm(w.t());                                          // (out, out)
        var offDiagonal = gram * (1 - eye(gram.shape[0], dtype: gram.dtype, device: gram.device));
        return beta * offDiagonal.square().sum();
    }

    /// <summary>The sum over the tensors with at least two dimensions (a network chooses which: BigGAN leaves out its shared class embedding).</summary>
    public static Tensor Of(IEnumerable<Tensor> parameters, double beta)
    {
        var terms = parameters.Where(p => p.dim() >= 2).Select(p => Of(p, beta)).ToList();
        if (terms.Count == 0) throw new GanSharpException("orthogonal regularisation found no weight matrices");
        return stack(terms).sum();
    }
}
