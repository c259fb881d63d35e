using System.CommandLine;
using GanSharp.Data;
using GanSharp.Losses;
using GanSharp.Recipes;

namespace GanSharp.Cli;

/// <summary>
/// The `gan train` flags of <see cref="GanOptions"/>, kebab-case twins of its properties. Each is
/// null unless given, so the family's defaults stand.
/// </summary>
internal sealed class GanFlags
{
    private readonly Option<string?> networks;
    private readonly Option<int?> latent;
    private readonly Option<string?> prior;
    private readonly Option<int?> resolution;
    private readonly Option<int?> width;
    private readonly Option<int?> depth;
    private readonly Option<string?> gNorm;
    private readonly Option<string?> gActivation;
    private readonly Option<string?> dNorm;
    private readonly Option<bool?> spectralNorm;
    private readonly Option<bool?> minibatchStdDev;
    private readonly Option<int?> minibatchKernels;
    private readonly Option<int?> minibatchKernelDims;
    private readonly Option<bool?> featureMatching;
    private readonly Option<double?> realLabel;
    private readonly Option<double?> instanceNoise;
    private readonly Option<long?> instanceNoiseSteps;
    private readonly Option<double?> historicalAveraging;
    private readonly Option<int?> codeSize;
    private readonly Option<double?> beganGamma;
    private readonly Option<double?> beganLambdaK;
    private readonly Option<double?> ebganMargin;
    private readonly Option<double?> ebganPullAway;
    private readonly Option<int?> unrolledSteps;
    private readonly Option<int?> dSteps;
    private readonly Option<int?> pack;
    private readonly Option<string?> conditioning;
    private readonly Option<int?> classes;
    private readonly Option<int?> infoContinuous;
    private readonly Option<double?> infoWeight;
    private readonly Option<string?> loss;
    private readonly Option<string?> penalty;
    private readonly Option<double?> penaltyWeight;
    private readonly Option<double?> clip;
    private readonly Option<string?> optimizer;
    private readonly Option<double?> emaDecay;
    private readonly Option<int?> batch;
    private readonly Option<double?> lrG;
    private readonly Option<double?> lrD;
    private readonly Option<string?> lrDecay;
    private readonly Option<double?> beta1;
    private readonly Option<double?> beta2;

    public GanFlags()
    {
        networks = Choice("--networks", "network shapes", GanOptions.NetworkKinds);
        latent = new Option<int?>("--latent-size") { Description = "size of z (default 100)" };
        prior = Choice("--prior", "noise prior", Prior.All.Select(p => p.Name).ToArray());
        resolution = new Option<int?>("--resolution") { Description = "image size: 28, or 64 for dcgan networks (data upsampled; default 28)" };
        width = new Option<int?>("--width") { Description = "dcgan base channels (default 64) or mlp hidden units (default 500)" };
        depth = new Option<int?>("--depth") { Description = "hidden layers of G and of D (toy-mlp networks; default 3)" };
        gNorm = Choice("--g-norm", "normalisation in G's hidden layers (toy-mlp networks; default none)", GanOptions.GNorms);
        gActivation = Choice("--g-activation", "G's hidden activation (toy-mlp networks; default relu)", GanOptions.GActivations);
        dNorm = Choice("--d-norm", "normalisation in D's hidden layers (dcgan networks)", GanOptions.Norms);
        spectralNorm = new Option<bool?>("--spectral-norm") { Description = "spectral normalisation of every D layer: true or false (default: the family's)" };
        minibatchStdDev = new Option<bool?>("--minibatch-stddev") { Description = "append the minibatch standard deviation before D's last layer (ProGAN)" };
        minibatchKernels = new Option<int?>("--minibatch-kernels") { Description = "minibatch discrimination with B kernels before D's last layer (Salimans et al. 2016); 0 = off" };
        minibatchKernelDims = new Option<int?>("--minibatch-kernel-dims") { Description = "C, dimension of each minibatch-discrimination kernel (default 8)" };
        featureMatching = new Option<bool?>("--feature-matching") { Description = "G matches the mean of D's features on real data instead of fooling D (Salimans et al. 2016)" };
        realLabel = new Option<double?>("--real-label") { Description = "one-sided label smoothing: D's target for real images, e.g. 0.9 (BCE losses; default 1)" };
        instanceNoise = new Option<double?>("--instance-noise") { Description = "σ of Gaussian noise added to D's inputs, annealed to 0 (default 0 = off)" };
        instanceNoiseSteps = new Option<long?>("--instance-noise-steps") { Description = "steps over which the instance noise anneals to 0 (default 2000)" };
        historicalAveraging = new Option<double?>("--historical-averaging") { Description = "λ of ‖θ − mean of past θ‖² for G and D (default 0 = off)" };
        codeSize = new Option<int?>("--code-size") { Description = "code size of the autoencoder D (began, ebgan; default 64)" };
        beganGamma = new Option<double?>("--began-gamma") { Description = "BEGAN diversity ratio γ (default 0.5)" };
        beganLambdaK = new Option<double?>("--began-lambda-k") { Description = "BEGAN learning rate of k_t (default 0.001)" };
        ebganMargin = new Option<double?>("--ebgan-margin") { Description = "EBGAN margin m (default 10)" };
        ebganPullAway = new Option<double?>("--ebgan-pull-away") { Description = "EBGAN weight of the pulling-away term (default 0.1; 0 = off)" };
        unrolledSteps = new Option<int?>("--unrolled-steps") { Description = "unrolled GAN: G's loss against D advanced k Adam steps, differentiated through (mlp networks; default 0 = off)" };
        conditioning = Choice("--conditioning", "class or code conditioning (concat = cGAN)", GanOptions.Conditionings);
        classes = new Option<int?>("--classes") { Description = "classes of the labels, or values of InfoGAN's categorical code (default 10)" };
        infoContinuous = new Option<int?>("--info-continuous") { Description = "InfoGAN: continuous codes ~ U(−1, 1) (default 2)" };
        infoWeight = new Option<double?>("--info-weight") { Description = "InfoGAN: weight λ of the mutual-information term (default 1)" };
        pack = new Option<int?>("--pack") { Description = "PacGAN: D judges packs of m samples, all real or all fake (default 1 = off; PacGAN2/4 use 2/4)" };
        dSteps = new Option<int?>("--d-steps") { Description = "k: discriminator steps per generator step (n_critic)" };
        loss = Choice("--loss", "adversarial loss", Objective.All.Select(o => o.Name).ToArray());
        loss.Aliases.Add("--g-loss");
        penalty = Choice("--penalty", "penalty on D", GanOptions.PenaltyKinds);
        penaltyWeight = new Option<double?>("--penalty-weight") { Description = "λ of gp/dragan, γ of r1/r2 (default 10)" };
        clip = new Option<double?>("--clip") { Description = "WGAN weight clipping: clamp D's parameters to [−c, c]" };
        optimizer = Choice("--optimizer", "optimiser", GanOptions.Optimizers);
        emaDecay = new Option<double?>("--ema-decay") { Description = "sample from a moving average of G's weights with this decay (e.g. 0.999); default off" };
        batch = new Option<int?>("--batch-size") { Description = "images per batch (default 64)" };
        lrG = new Option<double?>("--lr-g") { Description = "generator learning rate" };
        lrD = new Option<double?>("--lr-d") { Description = "discriminator learning rate" };
        lrDecay = Choice("--lr-decay", "learning-rate schedule of both networks (linear: to 0 at the last step)", GanOptions.LrDecays);
        beta1 = new Option<double?>("--beta1") { Description = "Adam β1" };
        beta2 = new Option<double?>("--beta2") { Description = "Adam β2" };
    }

    public IEnumerable<Option> All => new Option[] { networks, latent, prior, resolution, width, depth, gNorm, gActivation, dNorm, spectralNorm, minibatchStdDev, minibatchKernels, minibatchKernelDims, featureMatching, realLabel, instanceNoise, instanceNoiseSteps, historicalAveraging, codeSize, beganGamma, beganLambdaK, ebganMargin, ebganPullAway, unrolledSteps, pack, conditioning, classes, infoContinuous, infoWeight, dSteps, loss, penalty, penaltyWeight, clip, optimizer, emaDecay, batch, lrG, lrD, lrDecay, beta1, beta2 };

    /// <summary>The family's defaults with every given flag applied (channels and dimension come from the data, when the run is assembled).</summary>
    public GanOptions Apply(ParseResult parse, GanOptions d) => d with
    {
            Networks = parse.GetValue(networks) ?? d.Networks,
            LatentSize = parse.GetValue(latent) ?? d.LatentSize,
            Prior = parse.GetValue(prior) ?? d.Prior,
            Resolution = parse.GetValue(resolution) ?? d.Resolution,
            Width = parse.GetValue(width) ?? d.Width,
            Depth = parse.GetValue(depth) ?? d.Depth,
            GNorm = parse.GetValue(gNorm) ?? d.GNorm,
            GActivation = parse.GetValue(gActivation) ?? d.GActivation,
            DNorm = parse.GetValue(dNorm) ?? d.DNorm,
            SpectralNorm = parse.GetValue(spectralNorm) ?? d.SpectralNorm,
            MinibatchStdDev = parse.GetValue(minibatchStdDev) ?? d.MinibatchStdDev,
            MinibatchKernels = parse.GetValue(minibatchKernels) ?? d.MinibatchKernels,
            MinibatchKernelDims = parse.GetValue(minibatchKernelDims) ?? d.MinibatchKernelDims,
            FeatureMatching = parse.GetValue(featureMatching) ?? d.FeatureMatching,
            RealLabel = parse.GetValue(realLabel) ?? d.RealLabel,
            InstanceNoise = parse.GetValue(instanceNoise) ?? d.InstanceNoise,
            InstanceNoiseSteps = parse.GetValue(instanceNoiseSteps) ?? d.InstanceNoiseSteps,
            HistoricalAveraging = parse.GetValue(historicalAveraging) ?? d.HistoricalAveraging,
            CodeSize = parse.GetValue(codeSize) ?? d.CodeSize,
            BeganGamma = parse.GetValue(beganGamma) ?? d.BeganGamma,
            BeganLambdaK = parse.GetValue(beganLambdaK) ?? d.BeganLambdaK,
            EbganMargin = parse.GetValue(ebganMargin) ?? d.EbganMargin,
            EbganPullAway = parse.GetValue(ebganPullAway) ?? d.EbganPullAway,
            UnrolledSteps = parse.GetValue(unrolledSteps) ?? d.UnrolledSteps,
            Pack = parse.GetValue(pack) ?? d.Pack,
            Conditioning = parse.GetValue(conditioning) ?? d.Conditioning,
            Classes = parse.GetValue(classes) ?? d.Classes,
            InfoContinuous = parse.GetValue(infoContinuous) ?? d.InfoContinuous,
            InfoWeight = parse.GetValue(infoWeight) ?? d.InfoWeight,
            DSteps = parse.GetValue(dSteps) ?? d.DSteps,
            Loss = parse.GetValue(loss) ?? d.Loss,
            Penalty = parse.GetValue(penalty) ?? d.Penalty,
            PenaltyWeight = parse.GetValue(penaltyWeight) ?? d.PenaltyWeight,
            Clip = parse.GetValue(clip) ?? d.Clip,
            Optimizer = parse.GetValue(optimizer) ?? d.Optimizer,
            EmaDecay = parse.GetValue(emaDecay) ?? d.EmaDecay,
            BatchSize = parse.GetValue(batch) ?? d.BatchSize,
            LrG = parse.GetValue(lrG) ?? d.LrG,
            LrD = parse.GetValue(lrD) ?? d.LrD,
            LrDecay = parse.GetValue(lrDecay) ?? d.LrDecay,
            Beta1 = parse.GetValue(beta1) ?? d.Beta1,
            Beta2 = parse.GetValue(beta2) ?? d.Beta2,
    };

    /// <summary>An option restricted to named values; a wrong one is rejected with the valid ones listed.</summary>
    private static Option<string?> Choice(string flag, string what, IReadOnlyList<string> values)
    {
        var option = new Option<string?>(flag) { Description = $"{what}: {string.Join(", ", values)} (default: the family's)" };
        option.AcceptOnlyFromAmong(values.ToArray());
        return option;
    }
}
