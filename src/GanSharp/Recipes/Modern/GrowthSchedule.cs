namespace GanSharp.Recipes.Modern;

/// <summary>
/// When progressive growing is at which stage (Karras et al. 2018, section 3): 4×4 alone for one
/// phase, then for each further stage a fade-in phase (α rising linearly from 0 to 1) and a stable
/// phase, each of <c>stageImages</c> real images; after the last stage, stable for good. A pure
/// function of the step, so a run resumed in the middle of a fade-in continues at the same α.
/// </summary>
public sealed record GrowthSchedule(int LastStage, long StageImages, long ImagesPerStep)
{
    /// <summary>The stage and α at a step (0-based: the step about to be taken).</summary>
    public (int Stage, double Alpha) At(long step)
    {
        long images = step * ImagesPerStep;
        if (images < StageImages || LastStage == 0) return (0, 1);
        long rest = images - StageImages;
        long phase = rest / StageImages;
        int stage = (int)Math.Min(1 + phase / 2, LastStage + 1);
        if (stage > LastStage) return (LastStage, 1);
        return phase % 2 == 0 ? (stage, (double)(rest % StageImages) / StageImages) : (stage, 1);
    }

    /// <summary>Steps until the last stage is faded in and trained alone for one phase.</summary>
    public long StepsToFullGrowth => (StageImages * (2 * LastStage + 1) + ImagesPerStep - 1) / ImagesPerStep;
}
