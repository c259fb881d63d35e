using GanSharp.Metrics;
using Xunit;

namespace GanSharp.Tests.Metrics;

public sealed class AssignmentTests
{
    [Fact]
    public void Maximise_AgreesWithTryingEveryPermutation()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = 1 + trial % 6;
            var w = new double[n, n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) w[i, j] = random.Next(0, 100);
            var (columns, total) = Assignment.Maximise(w);
            Assert.Equal(Enumerable.Range(0, n), columns.Order());                    // a permutation
            Assert.Equal(total, Enumerable.Range(0, n).Sum(i => w[i, columns[i]]), 9);
            Assert.Equal(BruteForce(w), total, 9);
        }
    }

    [Fact]
    public void Maximise_FindsAShuffledDiagonal()
    {
        var w = new double[3, 3] { { 0, 0, 9 }, { 8, 0, 0 }, { 0, 7, 1 } };
        Assert.Equal(new[] { 2, 0, 1 }, Assignment.Maximise(w).ColumnOfRow);
    }

    private static double BruteForce(double[,] w)
    {
        int n = w.GetLength(0);
        double best = double.NegativeInfinity;
        void Go(int row, bool[] used, double sum)
        {
            if (row == n) { best = Math.Max(best, sum); return; }
            for (int c = 0; c < n; c++)
                if (!used[c]) { used[c] = true; Go(row + 1, used, sum + w[row, c]); used[c] = false; }
        }
        Go(0, new bool[n], 0);
        return best;
    }
}
