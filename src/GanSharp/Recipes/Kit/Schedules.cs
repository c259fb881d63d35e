namespace GanSharp.Recipes.Kit;

/// <summary>
/// Learning-rate schedules as functions of the step: the factor on an optimiser's step-0 rate
/// (<see cref="RecipeState.ScaleLearningRates"/> applies it).
/// </summary>
public static class Schedules
{
    /// <summary>1 at every step.</summary>
    public static Func<long, double> Constant { get; } = _ => 1;

    /// <summary>1 − t / T: from the initial rate at step 0 to 0 at step <paramref name="totalSteps"/>.</summary>
    public static Func<long, double> LinearToZero(long totalSteps) => ConstantThenLinear(0, totalSteps);

    /// <summary>
    /// Constant for <paramref name="constantSteps"/>, then linear to 0 at <paramref name="totalSteps"/>
    /// (pix2pix and CycleGAN: 100 epochs at the initial rate, then 100 decaying to 0).
    /// </summary>
    public static Func<long, double> ConstantThenLinear(long constantSteps, long totalSteps)
    {
        if (constantSteps < 0 || totalSteps <= constantSteps)
            throw new GanSharpException($"a learning-rate decay needs 0 ≤ constant steps ({constantSteps}) < total steps ({totalSteps})");
        return t => t <= constantSteps ? 1 : Math.Max(0, 1 - (double)(t - constantSteps) / (totalSteps - constantSteps));
    }
}
