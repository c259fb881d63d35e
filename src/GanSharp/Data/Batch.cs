using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// What one draw from the data gives: images or points <see cref="X"/>; a second tensor
/// <see cref="Y"/> for paired sets (the target of pix2pix, the high-resolution image of SRGAN) or
/// the other domain of unpaired sets (CycleGAN); class <see cref="Labels"/> (N) when the data has
/// them; a <see cref="Condition"/> (text embeddings, …). Labels never travel by a side channel.
/// </summary>
public sealed record Batch(Tensor X, Tensor? Y = null, Tensor? Labels = null, Tensor? Condition = null)
{
    /// <summary>The labels, or an error saying who needs them.</summary>
    public Tensor RequireLabels(string who) =>
        Labels ?? throw new GanSharpException($"{who} needs labelled data; this data set has no class labels");

    /// <summary>The second tensor (paired target or second domain), or an error saying who needs it.</summary>
    public Tensor RequireY(string who) =>
        Y ?? throw new GanSharpException($"{who} needs paired or two-domain data; this data set has one image per sample");

    /// <summary>The same batch on a device (the same tensors when they are there already).</summary>
    public Batch To(Device device) => X.device == device && (Y is null || Y.device == device) && (Labels is null || Labels.device == device)
        ? this
        : new Batch(X.to(device), Y?.to(device), Labels?.to(device), Condition?.to(device));
}
