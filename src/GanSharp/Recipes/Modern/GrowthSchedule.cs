namespace GanSharp.Recipes.Modern;

/// <summary>
/// When progressive growing is at which stage (Karras et al. 2018, section 3): 4×4 alone for one
/// phase, then for each further stage a fade-in phase (α rising linearly from 0 to 1) and a stable
/// phase; after the last stage, stable for good. Each stage has its own real images per phase and its
/// own batch (the paper shrinks the batch as the side grows). A step belongs to the phase whose span of
/// real images holds the images shown before it, and α is the share of the fade-in's images shown:
/// a pure function of the step, so a run resumed in the middle of a fade-in continues at the same α.
/// </summary>
public sealed class GrowthSchedule
{
    /// <summary>The growth of one step: its stage, α, and the batch of real images each D step of it sees.</summary>
    public readonly record struct Growth(int Stage, double Alpha, int BatchSize);

    private readonly int lastStage;
    private readonly Func<int, long> stageImages;
    private readonly Func<int, int> stageBatch;
    private readonly int dSteps;

    /// <param name="stageImages">real images of each phase of a stage (by stage index)</param>
    /// <param name="stageBatch">batch of a stage; a step shows <paramref name="dSteps"/> such batches</param>
    public GrowthSchedule(int lastStage, Func<int, long> stageImages, Func<int, int> stageBatch, int dSteps = 1)
    {
        (this.lastStage, this.stageImages, this.stageBatch, this.dSteps) = (lastStage, stageImages, stageBatch, dSteps);
        StepsToFullGrowth = Walk(long.MaxValue, out _);
    }

    /// <summary>One schedule for every stage: <paramref name="stageImages"/> images per phase, <paramref name="imagesPerStep"/> images per step.</summary>
    public GrowthSchedule(int lastStage, long stageImages, long imagesPerStep) : this(lastStage, _ => stageImages, _ => checked((int)imagesPerStep)) { }

    /// <summary>The growth at a step (0-based: the step about to be taken).</summary>
    public Growth At(long step)
    {
        Walk(step, out var growth);
        return growth;
    }

    /// <summary>Steps until the last stage is faded in and trained alone for one phase.</summary>
    public long StepsToFullGrowth { get; }

    /// <summary>
    /// Walks the phases (4×4 stable; then per stage fade-in, stable) up to <paramref name="step"/>, counting
    /// real images with each phase's batch; returns the steps the phases took when the step lies beyond them.
    /// </summary>
    private long Walk(long step, out Growth growth)
    {
        long firstStep = 0, shown = 0, start = 0;       // the phase's first step, images shown before it, and where its span starts
        for (int phase = 0; phase <= 2 * lastStage; phase++)
        {
            int stage = (phase + 1) / 2;
            bool fading = phase % 2 == 1;
            long images = stageImages(stage), end = start + images, perStep = (long)dSteps * stageBatch(stage);
            long steps = shown >= end ? 0 : (end - shown + perStep - 1) / perStep;
            if (step < firstStep + steps)
            {
                long before = shown + (step - firstStep) * perStep;
                growth = new(stage, fading ? (double)(before - start) / images : 1, stageBatch(stage));
                return step;
            }
            (firstStep, shown, start) = (firstStep + steps, shown + steps * perStep, end);
        }
        growth = new(lastStage, 1, stageBatch(lastStage));
        return firstStep;
    }
}
