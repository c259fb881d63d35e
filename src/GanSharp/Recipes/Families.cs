using GanSharp.Recipes.Options;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// A GAN family: a name, what it is, where it comes from, its paper's defaults (an options record
/// whose type says which flags the family has) and how its recipe is built from them.
/// </summary>
public sealed record Family(string Name, string Description, string Source, FamilyOptions Defaults, Func<FamilyOptions, long, Device, IRecipe> Create)
{
    /// <summary>The family's options record type: its flags and its config.json "options".</summary>
    public Type OptionsType => Defaults.GetType();

    /// <summary>
    /// The recipe for these options on a device (networks from the global seed, set by the caller).
    /// The options must be valid: they are checked once, where they enter (a new run's session, config.json on load).
    /// </summary>
    public IRecipe CreateRecipe(FamilyOptions options, long seed, Device device)
    {
        if (options.GetType() != OptionsType)
            throw new GanSharpException($"the {Name} family takes {OptionsType.Name}, not {options.GetType().Name}");
        return Create(options, seed, device);
    }
}

/// <summary>The registry: one explicit line per family (no reflection).</summary>
public static class Families
{
    public static IReadOnlyList<Family> All { get; } = new[]
    {
        Objective("vanilla", "the book's MLP GAN: G 100→500→500→784, D 784→500→500→1, BCE", "Goodfellow et al. 2014; GAN Projects ch. 1 (004)",
            new GanOptions { Networks = "mlp", Width = 500 }),
        Objective("dcgan", "strided convolutions, batch norm, ReLU/LeakyReLU 0.2, tanh; Adam 2e-4, β1 0.5", "Radford et al. 2015 (001)",
            new GanOptions()),
        // The best of a 10-cell random search at 3 epochs of Fashion-MNIST (docs/sweeps/dcgan-3-epochs.yaml; docs/sweeps.md).
        Objective("dcgan-tuned", "DCGAN with the settings a random search picked at a 3-epoch budget: batch 32, Adam G 4.5e-4 / D 2.6e-4 β1 0.5, real label 0.9, EMA 0.999 with ramp-up 0.05", "gan sweep docs/sweeps/dcgan-3-epochs.yaml",
            new GanOptions { BatchSize = 32, LrG = 0.000449, LrD = 0.000262, RealLabel = 0.9, EmaDecay = 0.999, EmaRampup = 0.05 }),
        Objective("lsgan", "DCGAN networks with the least-squares loss (a = 0, b = c = 1)", "Mao et al. 2017 (002)",
            new GanOptions { Loss = "least-squares" }),
        Objective("wgan", "Wasserstein critic with weight clipping 0.01, n_critic 5, RMSProp 5e-5", "Arjovsky et al. 2017 (000, 002)",
            new GanOptions { Loss = "wasserstein", Clip = 0.01, DSteps = 5, Optimizer = "rmsprop", LrG = 5e-5, LrD = 5e-5 }),
        Objective("wgan-gp", "Wasserstein critic with gradient penalty λ 10, n_critic 5, Adam 1e-4 β (0, 0.9), layer norm in the critic", "Gulrajani et al. 2017 (000, 002)",
            new GanOptions { Loss = "wasserstein", Penalty = "gp", PenaltyWeight = 10, DSteps = 5, LrG = 1e-4, LrD = 1e-4, Beta1 = 0, Beta2 = 0.9, DNorm = "layer" }),
        Objective("sngan", "hinge loss, spectral norm on every D layer (no other normalisation in D), Adam 2e-4 β (0.5, 0.999), k 1", "Miyato et al. 2018, setting C (002)",
            new GanOptions { Loss = "hinge", SpectralNorm = true, DNorm = "none" }),
        Objective("toy", "MLPs for 2-D and 1-D toy data (gan toy NAME): G z(8)→128→128→128→point, D point→128→128→128→1, non-saturating loss, Adam 1e-3", "lab (000, 003)",
            new ToyOptions { LatentSize = 8, Width = 128, BatchSize = 128, LrG = 1e-3, LrD = 1e-3 }),
        Conditional("cgan", "conditional DCGAN: one-hot label joined to z and, as 10 constant channels, to D's input", "Mirza & Osindero 2014 (001)",
            new ConditionalOptions { Conditioning = "concat" }),
        Conditional("cgan-mlp", "conditional MLP GAN (the book's vanilla networks): one-hot label joined to z and to D's input", "Mirza & Osindero 2014 (001)",
            new ConditionalOptions { Networks = "mlp", Width = 500, Conditioning = "concat" }),
        Conditional("acgan", "DCGAN with an auxiliary classifier in D; both networks also minimise the class cross-entropy", "Odena et al. 2017 (003)",
            new ConditionalOptions { Conditioning = "acgan" }),
        // The paper's setting (hinge loss, spectral norm, no other normalisation) left G drawing grey, low-contrast
        // images on these DCGAN networks in 2 epochs; batch norm and the non-saturating loss train (docs/conditional.md).
        Conditional("projection", "projection discriminator: logit + ⟨embed(y), Σ φ(x)⟩; DCGAN D with batch norm, non-saturating loss (the paper's hinge + SN: --loss hinge --spectral-norm true --d-norm none)", "Miyato & Koyama 2018 (003)",
            new ConditionalOptions { Conditioning = "projection" }),
        // The paper's rates (G 1e-3, D 2e-4): with G at 2e-4 the categories matched classes at 15% (chance 10%), at 1e-3 at 33.6%.
        Conditional("infogan", "DCGAN with a 10-way categorical and 2 continuous codes recovered by a Q head on D's features; z of 62; Adam G 1e-3, D 2e-4", "Chen et al. 2016 (002)",
            new ConditionalOptions { Conditioning = "infogan", LatentSize = 62, LrG = 1e-3 }),
        new("began", "autoencoder D with L1 reconstruction energy, equilibrium control k_t (γ 0.5, λ_k 0.001), M_global logged; Adam 1e-4", "Berthelot et al. 2017 (002)",
            new BeganOptions { Family = "began", LrG = 1e-4, LrD = 1e-4 }, (o, seed, device) => new Began((BeganOptions)o, seed, device)),
        new("ebgan", "autoencoder D with energy ‖Dec(Enc(x)) − x‖, margin 10, pulling-away term λ 0.1; Adam 2e-4", "Zhao et al. 2017 (002)",
            new EbganOptions { Family = "ebgan" }, (o, seed, device) => new Ebgan((EbganOptions)o, seed, device)),
        new("pix2pix", "U-Net G with skips, 70×70 PatchGAN D on (input, output), BCE + 100·L1, D's loss halved; Adam 2e-4 β (0.5, 0.999), constant then linear decay; 64×64, width 32, batch 16 for a CPU",
            "Isola et al. 2017 (004)", new ImageToImage.Pix2PixOptions { Family = "pix2pix", Resolution = 64, Width = 32, BatchSize = 16 },
            (o, seed, device) => new ImageToImage.Pix2Pix((ImageToImage.Pix2PixOptions)o, seed, device)),
        new("cyclegan", "two ResNet G (A→B, B→A), two 70×70 PatchGAN D, least squares, cycle λ 10, identity 0.5·λ, pools of 50; Adam 2e-4 β (0.5, 0.999), constant then linear decay; 64×64, width 32, 6 blocks, batch 4 for a CPU",
            "Zhu et al. 2017 (001, 004)", new ImageToImage.CycleGanOptions { Family = "cyclegan", Resolution = 64, Width = 32, BatchSize = 4 },
            (o, seed, device) => new ImageToImage.CycleGan((ImageToImage.CycleGanOptions)o, seed, device)),
        new("srgan", "SRResNet G (9×9 head, residual blocks with batch norm and PReLU, pixel shuffle ×2 stages), VGG-style D; MSE pre-training, then content + 10⁻³ · BCE; Adam 1e-4 β (0.9, 0.999), a tenth for the last quarter; 16 → 64, width 32, 8 blocks, batch 16 for a CPU",
            "Ledig et al. 2017 (004)", new ImageToImage.SrganOptions { Family = "srgan", Resolution = 64, Width = 32, BatchSize = 16, LrG = 1e-4, LrD = 1e-4, Beta1 = 0.9 },
            (o, seed, device) => new ImageToImage.Srgan((ImageToImage.SrganOptions)o, seed, device)),
        new("sagan", "ResNet G and D with self-attention at 16×16, spectral norm in both, hinge loss, TTUR Adam G 1e-4 / D 4e-4 β (0, 0.9); conditional batch norm and a projection D with --classes; 32×32, width 16, z 128, batch 32 for a CPU",
            "Zhang et al. 2019 (002)", Modern.ResNetGanOptions.Sagan,
            (o, seed, device) => new Modern.ResNetGan((Modern.ResNetGanOptions)o, seed, device)),
        new("biggan", "SAGAN's networks with a shared class embedding and hierarchical z in conditional batch norm, orthogonal regularisation 1e-4, EMA of G 0.999 from step 500, 2 D steps, Adam G 1e-4 / D 4e-4 β (0, 0.999), truncation at sampling; 32×32, width 16, z 128, batch 32 for a CPU",
            "Brock et al. 2019 (002, 003)", Modern.ResNetGanOptions.BigGan,
            (o, seed, device) => new Modern.ResNetGan((Modern.ResNetGanOptions)o, seed, device)),
        new("pggan", "progressive growing 4×4 → 32×32, fade-in of each stage over 20,000 images, then as many alone; pixel norm, equalised lr, minibatch stddev; WGAN-GP λ 10 with drift 0.001; Adam 1e-3 β (0, 0.99); EMA of G; width 16 at 32×32, channels doubling to 128, batch 32 for a CPU",
            "Karras et al. 2018 (002)", Modern.ProGanOptions.Defaults,
            (o, seed, device) => new Modern.ProGan((Modern.ProGanOptions)o, seed, device)),
        new("lapgan", "LAPGAN: fully connected networks (1,200 / 600 units) draw the 8×8 base of a Laplacian pyramid, a conditional GAN per level (16, 32) draws the residual given the upsampled coarser image, its D judges coarse + residual beside the coarse image; levels trained jointly or one by one; DCGAN's Adam 2e-4 β (0.5, 0.999), batch 64, width 64 at 32×32",
            "Denton et al. 2015 (001)", Pyramid.LapGanOptions.Defaults,
            (o, seed, device) => new Pyramid.LapGan((Pyramid.LapGanOptions)o, seed, device)),
        new("stackgan", "StackGAN: a frozen text encoder (gan text train) embeds each description, conditioning augmentation c = μ + σ ⊙ ε with KL × 2, matching-aware D (real + ½(wrong text + fake)); stage I draws from z and c at 32×32, stage II (--stage 2 --stage-one RUN) redraws a finished stage I's images at twice the side with residual blocks; DCGAN's Adam 2e-4 β (0.5, 0.999), batch 64, width 32 for a CPU",
            "Zhang et al. 2017 (001, 004)", Text.StackGanOptions.Defaults,
            (o, seed, device) => new Text.StackGan((Text.StackGanOptions)o, seed, device)),
        new("stylegan", "StyleGAN2 in StyleGAN2-ADA's CIFAR-10 setting: mapping network z → w (2 layers, lr × 0.01), constant 4×4 input, modulated and demodulated convolutions with noise, skip toRGB outputs, D without skips with minibatch stddev over 32; non-saturating loss, lazy R1 γ 0.01 every 16 D steps, no style mixing (--style-mixing 0.9 and --d-architecture resnet: the paper's), EMA of G 0.999 with rampup 0.05, truncation in W; Adam 2.5e-3 β (0, 0.99); 32×32, width 32, channels doubling to 128, w of 128, batch 32 for a CPU",
            "Karras et al. 2019, 2020 (002)", Modern.StyleGanOptions.Defaults,
            (o, seed, device) => new Modern.StyleGan((Modern.StyleGanOptions)o, seed, device)),
        new("gan3d", "3D-GAN: z(200) → 3-D transposed convolutions from 4³ to 32³ occupancy grids (batch norm, ReLU, sigmoid), D the mirror (LeakyReLU 0.2), BCE, D updated only while its batch accuracy < 80 %; Adam G 2.5e-3 / D 1e-3 (the paper: 1e-5, which falls behind here) β1 0.5; --data shapes or furniture, --classes K; width 32, batch 32 for a CPU",
            "Wu et al. 2016; GAN Projects ch. 2 (004)", Volumes.Gan3dOptions.Defaults,
            (o, seed, device) => new Volumes.Gan3d((Volumes.Gan3dOptions)o, seed, device)),
    };

    private static Family Objective(string name, string description, string source, GanOptions defaults) =>
        new(name, description, source, defaults with { Family = name }, (o, seed, device) => new Gan((GanOptions)o, seed, device));

    private static Family Conditional(string name, string description, string source, ConditionalOptions defaults) =>
        new(name, description, source, defaults with { Family = name }, (o, seed, device) => new ConditionalGan((ConditionalOptions)o, seed, device));

    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToArray();

    /// <summary>The recipe of the options' family, built on a device (networks from the global seed).</summary>
    public static IRecipe CreateRecipe(FamilyOptions o, long seed, Device device) => Named(o.Family).CreateRecipe(o, seed, device);

    /// <summary>A family's defaults as its own record type (for code that knows the family: tests, the benchmark, the lab).</summary>
    public static T DefaultsOf<T>(string name) where T : FamilyOptions =>
        Named(name).Defaults as T ?? throw new GanSharpException($"the {name} family's options are {Named(name).OptionsType.Name}, not {typeof(T).Name}");

    /// <summary>A family by name; an unknown name lists the valid ones.</summary>
    public static Family Named(string name) =>
        All.FirstOrDefault(f => f.Name == name)
        ?? throw new GanSharpException($"family '{name}' is not known; valid values: {string.Join(", ", Names)}");
}
