using System.CommandLine;

namespace GanSharp.Cli;

/// <summary>The `gan` command: parsing and printing only; the work is done by the library.</summary>
public static class GanCli
{
    /// <summary>Runs a command line; <paramref name="interrupts"/> are the signals that stop training (none when null: in-process use).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, Interrupts? interrupts = null)
    {
        var root = new RootCommand(
            "GanSharp: train, sample and inspect GANs on TorchSharp.\n\n" +
            "Examples:\n" +
            "  gan train dcgan --steps 600                 DCGAN on Fashion-MNIST (default data) for 600 steps\n" +
            "  gan train vanilla --epochs 5 --g-loss minimax --d-steps 2\n" +
            "  gan resume runs/dcgan-20261127-101500        continue a stopped run\n" +
            "  gan doctor runs/dcgan-20261127-101500        check a run folder file by file\n" +
            "  gan sample runs/dcgan-20261127-101500 --count 64 --out grid.png --seed 7\n" +
            "  gan train wgan-gp --steps 2000 --eval-every 500   a family with its paper's defaults, FID during training\n" +
            "  gan eval runs/dcgan-20261127-101500          FID, KID, IS, precision/recall … into eval.json\n" +
            "  gan toy ring --unrolled-steps 5              the unrolled GAN on the ring of 8 Gaussians\n" +
            "  gan train acgan --epochs 2                   a conditional GAN; then gan sample RUN --class-grid, gan classes RUN\n" +
            "  gan invert RUN test:5 --to-class 7           Age-cGAN: find an image's latent vector, redraw it as another class\n" +
            "  gan serve --runs runs                        a web dashboard of the runs (curves live, grids, results)\n" +
"  gan list                                     families, losses and options");
        using var noSignals = interrupts is null ? Interrupts.Manual(error) : null;
        var console = new CliConsole(output, error, interrupts ?? noSignals!);
        root.Subcommands.Add(TrainCommand.Build(console));
        root.Subcommands.Add(ResumeCommand.Build(console));
        root.Subcommands.Add(DoctorCommand.Build(console));
        root.Subcommands.Add(SampleCommand.Build(console));
        root.Subcommands.Add(ListCommand.Build(console));
        root.Subcommands.Add(CompareCommand.Build(console));
        root.Subcommands.Add(FeaturesCommand.Build(console));
        root.Subcommands.Add(TextCommand.Build(console));
        root.Subcommands.Add(EvalCommand.Build(console));
        root.Subcommands.Add(ModesCommand.Build(console));
        root.Subcommands.Add(ClassesCommand.Build(console));
        root.Subcommands.Add(LatentCommand.Build(console));
        root.Subcommands.Add(InvertCommand.Build(console));
        root.Subcommands.Add(GifCommand.Build(console));
        root.Subcommands.Add(DataCommand.Build(console));
        root.Subcommands.Add(TranslateCommand.Build(console));
        root.Subcommands.Add(UpscaleCommand.Build(console));
        root.Subcommands.Add(ServeCommand.Build(console));
        root.Subcommands.Add(StudyCommand.Build(console));
        root.Subcommands.Add(SweepCommand.Build(console));
        root.Subcommands.Add(LabCommand.Build(console, forwarded => Run(forwarded, output, error, console.Interrupts)));
        root.Subcommands.Add(ToyCommand.Build(console, forwarded => Run(forwarded, output, error, console.Interrupts)));
        OptionFlags.RequireFiniteNumbers(root);
        // Signals are ours (Interrupts): System.CommandLine's own handling would end training after a timeout, without a checkpoint.
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return root.Parse(args).Invoke(config);
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {ErrorMessages.Describe(e)}");
            if (ErrorMessages.ShowTrace) error.WriteLine(e);
            return ExitCode.Error;
        }
    }
}
