using System.Text.Json;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Latent;

/// <summary>
/// Age-cGAN's encoder E (seed 004): an image → the z that made it. A DCGAN-style convolutional body
/// (the discriminator's, any resolution) and a linear layer to the size of z. For conditional runs
/// E predicts z only; the class is given separately.
/// </summary>
public sealed class Encoder : nn.Module<Tensor, Tensor>
{
    private readonly DcganDiscriminator body;
    private readonly nn.Module<Tensor, Tensor> toZ;

    public Encoder(int latentSize, int resolution, int channels, int width = 32) : base(nameof(Encoder))
    {
        body = new DcganDiscriminator(resolution, width, channels, new DiscriminatorOptions("batch"));
        toZ = nn.Linear(body.FeatureShape(channels, resolution).Aggregate(1L, (a, b) => a * b), latentSize);
        RegisterComponents();
    }

    /// <summary>images (N, C, R, R) → z (N, latent).</summary>
    public override Tensor forward(Tensor x) => toZ.forward(body.Features(x).flatten(1));
}

/// <summary>Trains, saves and loads a run's encoder (RUN/encoder.bin with RUN/encoder.json beside it).</summary>
public static class EncoderTraining
{
    /// <summary>What training achieved: ‖E(G(z)) − z‖² per dimension on held-out z, before and after.</summary>
    public sealed record Summary(int Steps, int BatchSize, long Seed, double HeldOutMseBefore, double HeldOutMseAfter, long RunStep);

    public static string WeightsPath(string runFolder) => Path.Combine(runFolder, "encoder.bin");
    public static string SummaryPath(string runFolder) => Path.Combine(runFolder, "encoder.json");

    /// <summary>
    /// Trains E with G fixed so that E(G(z, y)) ≈ z (Age-cGAN's encoder step): fresh z (and random
    /// classes) each step, mean squared error, Adam 1e-3. Reports the held-out error on 500 fixed z.
    /// </summary>
    public static (Encoder Encoder, Summary Summary) Train(IRecipe recipe, GanSharp.Recipes.Options.FamilyOptions options, int steps, long seed, long runStep, Action<string>? progress = null, int batchSize = 64)
    {
        if (steps < 1) throw new GanSharpException($"--steps must be positive, got {steps}");
        manual_seed(seed);
        var encoder = new Encoder(options.LatentSize, options.Resolution, options.Channels);
        using var opt = optim.Adam(encoder.parameters(), 1e-3);
        using var g = Seeding.Generator(seed, "encoder");
        using var heldOutRng = Seeding.Generator(seed, "encoder-held-out");
        var heldOut = recipe.Noise(500, heldOutRng).cpu().DetachFromDisposeScope();
        double before = HeldOutError(encoder, recipe, options, heldOut);
        for (int step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            encoder.train();
            var latent = recipe.Noise(batchSize, g).cpu();
            var x = recipe.Sample(latent);
            var loss = nn.functional.mse_loss(encoder.forward(x), latent.narrow(1, 0, options.LatentSize));
            opt.zero_grad();
            loss.backward();
            opt.step();
            if (step % Math.Max(1, steps / 10) == 0) progress?.Invoke($"encoder step {step}/{steps}: mse {loss.item<float>():F4}");
        }
        double after = HeldOutError(encoder, recipe, options, heldOut);
        heldOut.Dispose();
        return (encoder, new Summary(steps, batchSize, seed, before, after, runStep));
    }

    /// <summary>Mean of (E(G(z))_i − z_i)² over the held-out latents, E in eval mode.</summary>
    public static double HeldOutError(Encoder encoder, IRecipe recipe, GanSharp.Recipes.Options.FamilyOptions options, Tensor heldOut)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        encoder.eval();
        var x = recipe.Sample(heldOut);
        return nn.functional.mse_loss(encoder.forward(x), heldOut.narrow(1, 0, options.LatentSize)).item<float>();
    }

    public static void Save(string runFolder, Encoder encoder, Summary summary)
    {
        AtomicFile.Write(WeightsPath(runFolder), s => { using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true); encoder.save(w); });
        AtomicFile.WriteAllText(SummaryPath(runFolder), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>The run's saved encoder, or null when there is none.</summary>
    public static Encoder? Load(string runFolder, GanSharp.Recipes.Options.FamilyOptions options)
    {
        string path = WeightsPath(runFolder);
        if (!File.Exists(path)) return null;
        var encoder = new Encoder(options.LatentSize, options.Resolution, options.Channels);
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            encoder.load(reader);
        }
        catch (Exception e) when (e is not GanSharpException)
        {
            throw new GanSharpException($"{path}: not an encoder of this run ({e.Message}); delete it and run gan latent encoder again", e);
        }
        encoder.eval();
        return encoder;
    }
}
