namespace GanSharp.Networks;

/// <summary>
/// The shape of SAGAN's and BigGAN's ResNet networks at a resolution base·2^k (base 4 or 7, as
/// <see cref="DcganShape"/>): level j has side base·2^j and channels width·2^(k−1−j), at least
/// width and at most <see cref="MaxChannels"/>. G walks the levels up, D down. The papers' 128×128
/// networks have ch = 96 and multipliers 16…1; ours are sized for a CPU (the docs say how).
/// </summary>
public sealed record ResNetGanShape(int Resolution, int Width, int MaxChannels, int Attention)
{
    public int Base => DcganShape.Of(Resolution).Base;
    public int Stages => DcganShape.Of(Resolution).Stages;

    /// <summary>Side of level j (0 = the base, <see cref="Stages"/> = the image).</summary>
    public int Side(int level) => Base << level;

    /// <summary>Channels of level j.</summary>
    public int ChannelsAt(int level) => Math.Min(MaxChannels, Width << Math.Max(Stages - 1 - level, 0));

    /// <summary>The feature-map sides self-attention may sit at.</summary>
    public IEnumerable<int> Sides => Enumerable.Range(0, Stages + 1).Select(Side);

    /// <summary>Throws naming --attention when it is neither 0 nor the side of a level.</summary>
    public void Check()
    {
        if (Attention != 0 && !Sides.Contains(Attention))
            throw new GanSharpException($"--attention {Attention} is not the side of a feature map at resolution {Resolution}; valid values: 0 (none), {string.Join(", ", Sides)}");
    }
}
