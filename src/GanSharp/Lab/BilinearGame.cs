namespace GanSharp.Lab;

/// <summary>
/// The x·y game of the lectures (000): min over x, max over y of f(x, y) = x·y. Its only
/// equilibrium is (0, 0), yet gradient methods circle it: simultaneous gradient steps spiral
/// outwards (the radius grows by √(1 + η²) per step, exactly), alternating steps stay on a bounded
/// orbit, and extragradient (a look-ahead step, a relative of unrolling) converges.
/// </summary>
public static class BilinearGame
{
    public enum Method { Simultaneous, Alternating, SimultaneousAdam, Extragradient }

    /// <summary>The points (x, y) after 0, 1, …, <paramref name="steps"/> steps.</summary>
    public static (double X, double Y)[] Trajectory(Method method, double x, double y, double lr, int steps)
    {
        var points = new (double, double)[steps + 1];
        points[0] = (x, y);
        var adam = new (double M, double V)[2];
        for (int t = 1; t <= steps; t++)
        {
            // ∂f/∂x = y (x descends), ∂f/∂y = x (y ascends).
            switch (method)
            {
                case Method.Simultaneous:
                    (x, y) = (x - lr * y, y + lr * x);
                    break;
                case Method.Alternating:
                    x -= lr * y;
                    y += lr * x;                                     // y sees the new x
                    break;
                case Method.Extragradient:
                    double xLook = x - lr * y, yLook = y + lr * x;    // look ahead, then step with the look-ahead gradients
                    (x, y) = (x - lr * yLook, y + lr * xLook);
                    break;
                case Method.SimultaneousAdam:
                    double gx = y, gy = -x;                           // both minimise: x on f, y on −f
                    x -= lr * AdamDirection(ref adam[0], gx, t);
                    y -= lr * AdamDirection(ref adam[1], gy, t);
                    break;
            }
            points[t] = (x, y);
        }
        return points;
    }

    /// <summary>Adam's m̂ / (√v̂ + ε) with β = (0.9, 0.999).</summary>
    private static double AdamDirection(ref (double M, double V) s, double g, int t)
    {
        s.M = 0.9 * s.M + 0.1 * g;
        s.V = 0.999 * s.V + 0.001 * g * g;
        return s.M / (1 - Math.Pow(0.9, t)) / (Math.Sqrt(s.V / (1 - Math.Pow(0.999, t))) + 1e-8);
    }

    /// <summary>Distance to the equilibrium (0, 0) at each step.</summary>
    public static double[] DistanceToEquilibrium((double X, double Y)[] trajectory) =>
        trajectory.Select(p => Math.Sqrt(p.X * p.X + p.Y * p.Y)).ToArray();
}
