using static TorchSharp.torch;

namespace GanSharp.Data.Voxels;

/// <summary>
/// A solid given by its inside test at points (x, y, z), y pointing up, in the cube [−1, 1]³ a voxel
/// grid spans. Tensors of coordinates in, a boolean tensor of the same shape out.
/// </summary>
public abstract record Solid
{
    public abstract Tensor Inside(Tensor x, Tensor y, Tensor z);
}

/// <summary>The box |x − cx| ≤ a, |y − cy| ≤ b, |z − cz| ≤ c.</summary>
public sealed record Box(double A, double B, double C, double Cx = 0, double Cy = 0, double Cz = 0) : Solid
{
    public override Tensor Inside(Tensor x, Tensor y, Tensor z) => (x - Cx).abs() <= A & (y - Cy).abs() <= B & (z - Cz).abs() <= C;
}

/// <summary>The ball of radius r about the origin.</summary>
public sealed record Sphere(double R) : Solid
{
    public override Tensor Inside(Tensor x, Tensor y, Tensor z) => x * x + y * y + z * z <= R * R;
}

/// <summary>The upright cylinder x² + z² ≤ r², |y| ≤ h.</summary>
public sealed record Cylinder(double R, double H) : Solid
{
    public override Tensor Inside(Tensor x, Tensor y, Tensor z) => x * x + z * z <= R * R & y.abs() <= H;
}

/// <summary>The upright cone with its base of radius r at y = −h and its apex at y = h.</summary>
public sealed record Cone(double R, double H) : Solid
{
    public override Tensor Inside(Tensor x, Tensor y, Tensor z)
    {
        var radius = (H - y) / (2 * H) * R;   // r at the base, 0 at the apex
        return y.abs() <= H & x * x + z * z <= radius * radius;
    }
}

/// <summary>The torus about the y axis: (√(x² + z²) − R)² + y² ≤ r².</summary>
public sealed record Torus(double MajorRadius, double MinorRadius) : Solid
{
    public override Tensor Inside(Tensor x, Tensor y, Tensor z)
    {
        var ring = (x * x + z * z).sqrt() - MajorRadius;
        return ring * ring + y * y <= MinorRadius * MinorRadius;
    }
}

/// <summary>The union of parts (a table's top and legs).</summary>
public sealed record Union(IReadOnlyList<Solid> Parts) : Solid
{
    public override Tensor Inside(Tensor x, Tensor y, Tensor z) =>
        Parts.Skip(1).Aggregate(Parts[0].Inside(x, y, z), (inside, part) => inside | part.Inside(x, y, z));
}

/// <summary>A solid turned by <paramref name="Angle"/> radians about the y axis and moved by (tx, ty, tz): its inside test at the points moved back.</summary>
public sealed record Posed(Solid Shape, double Angle, double Tx = 0, double Ty = 0, double Tz = 0) : Solid
{
    public override Tensor Inside(Tensor x, Tensor y, Tensor z)
    {
        double c = Math.Cos(Angle), s = Math.Sin(Angle);
        Tensor px = x - Tx, py = y - Ty, pz = z - Tz;
        return Shape.Inside(c * px - s * pz, py, s * px + c * pz);   // the inverse rotation
    }
}
