using System.Runtime.InteropServices;

namespace GanSharp.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM. While training listens (<see cref="Listen"/>), the first signal
/// asks it to stop at the next step boundary, where the trainer writes a checkpoint; a second
/// signal, or one that arrives while nothing listens (an evaluation, a sample), takes the
/// default action and ends the process at once.
/// </summary>
public sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<PosixSignalRegistration> registrations = new();
    private readonly TextWriter error;
    private int listeners;

    private Interrupts(TextWriter error) => this.error = error;

    /// <summary>Handles the process's SIGINT and SIGTERM (the `gan` program).</summary>
    public static Interrupts FromSignals(TextWriter error)
    {
        var interrupts = new Interrupts(error);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            interrupts.registrations.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = interrupts.Receive(context.Signal)));
        return interrupts;
    }

    /// <summary>Handles no signal; <see cref="Receive"/> simulates one (the library used in-process, tests).</summary>
    public static Interrupts Manual(TextWriter error) => new(error);

    /// <summary>Cancelled when a signal asked training to stop.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>The signal that stopped training, if one did.</summary>
    public PosixSignal? Received { get; private set; }

    /// <summary>The exit code of a run stopped by <see cref="Received"/>: 130 for SIGINT, 143 for SIGTERM (128 + the signal's number, as shells report it).</summary>
    public int ExitCode => Received == PosixSignal.SIGTERM ? Cli.ExitCode.Terminated : Cli.ExitCode.Interrupted;

    /// <summary>While the returned scope is alive, a first signal stops training gracefully instead of ending the process.</summary>
    public IDisposable Listen()
    {
        Interlocked.Increment(ref listeners);
        return new Scope(this);
    }

    /// <summary>Takes a signal; true when it was handled (training will stop), false when the default action (ending the process) should run.</summary>
    public bool Receive(PosixSignal signal)
    {
        if (Volatile.Read(ref listeners) == 0 || stop.IsCancellationRequested) return false;
        Received = signal;
        error.WriteLine($"{(signal == PosixSignal.SIGINT ? "Ctrl+C" : signal.ToString())}: stopping after this step and saving a checkpoint " +
            "(a second Ctrl+C ends at once, without one)");
        stop.Cancel();
        return true;
    }

    public void Dispose()
    {
        foreach (var r in registrations) r.Dispose();
        stop.Dispose();
    }

    private sealed class Scope(Interrupts owner) : IDisposable
    {
        private int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) Interlocked.Decrement(ref owner.listeners);
        }
    }
}
