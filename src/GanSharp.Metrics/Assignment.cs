namespace GanSharp.Metrics;

/// <summary>
/// The one-to-one matching of rows to columns with the largest total weight, exactly, by dynamic
/// programming over subsets of columns (O(n² 2ⁿ): instant for InfoGAN's 10 categories × 10 classes).
/// Used to score how well an unsupervised code lines up with the classes.
/// </summary>
public static class Assignment
{
    /// <summary>For an n×n weight matrix: the column of each row, and the total weight.</summary>
    public static (int[] ColumnOfRow, double Total) Maximise(double[,] weight)
    {
        int n = weight.GetLength(0);
        if (n != weight.GetLength(1)) throw new GanSharpException($"an assignment needs a square matrix, got {n}×{weight.GetLength(1)}");
        if (n > 16) throw new GanSharpException($"exact assignment of {n} rows is too large for the subset method (at most 16)");
        int full = 1 << n;
        // best[mask]: the best total for rows 0..popcount(mask)−1 assigned to the columns in mask.
        var best = new double[full];
        var choice = new int[full];
        Array.Fill(best, double.NegativeInfinity);
        best[0] = 0;
        for (int mask = 0; mask < full; mask++)
        {
            if (double.IsNegativeInfinity(best[mask])) continue;
            int row = System.Numerics.BitOperations.PopCount((uint)mask);
            if (row == n) continue;
            for (int col = 0; col < n; col++)
            {
                if ((mask & (1 << col)) != 0) continue;
                int next = mask | (1 << col);
                double value = best[mask] + weight[row, col];
                if (value > best[next]) { best[next] = value; choice[next] = col; }
            }
        }
        var columnOfRow = new int[n];
        for (int mask = full - 1, row = n - 1; row >= 0; row--)
        {
            columnOfRow[row] = choice[mask];
            mask &= ~(1 << choice[mask]);
        }
        return (columnOfRow, best[full - 1]);
    }
}
