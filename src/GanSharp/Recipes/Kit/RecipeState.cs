using GanSharp.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Recipes.Kit;

/// <summary>A module saved under its name; <see cref="Trained"/> when an optimiser updates it (else state: an EMA copy, running averages).</summary>
public sealed record NamedModule(string Name, nn.Module Module, bool Trained);

/// <summary>An optimiser saved under its name, the modules whose parameters it updates, and its learning rate at step 0.</summary>
public sealed record NamedOptimizer(string Name, OptimizerHelper Optimizer, IReadOnlyList<nn.Module> Modules, double BaseLearningRate);

/// <summary>A random stream of a recipe, saved under its name for exact resume.</summary>
public sealed record NamedStream(string Name, Generator Generator);

/// <summary>
/// Everything a recipe must save to resume exactly, by name: its networks, optimisers (each over
/// one or several networks, as CycleGAN optimises both generators together), state modules and
/// random streams. Any recipe composes one; checkpoints save and load it by these names (module
/// names are checkpoint keys: renaming one is a format change). It owns and disposes them all.
/// </summary>
public sealed class RecipeState(long seed, Device device) : IDisposable
{
    private readonly List<NamedModule> modules = new();
    private readonly List<NamedOptimizer> optimizers = new();
    private readonly List<NamedStream> streams = new();

    public IReadOnlyList<NamedModule> Modules => modules;
    public IReadOnlyList<NamedOptimizer> Optimizers => optimizers;
    public IReadOnlyList<NamedStream> Streams => streams;

    /// <summary>Adds a network trained by gradients, moved to the recipe's device.</summary>
    public T Network<T>(string name, T module) where T : nn.Module => Add(name, module, trained: true);

    /// <summary>Adds a module of state that no optimiser updates (an EMA copy, buffers, running averages), moved to the device.</summary>
    public T State<T>(string name, T module) where T : nn.Module => Add(name, module, trained: false);

    /// <summary>
    /// Adds an optimiser over the parameters of one or several of the recipe's networks;
    /// <paramref name="make"/> builds it from their parameters (in the order of the modules given).
    /// </summary>
    public NamedOptimizer Optimizer(string name, Func<IEnumerable<Parameter>, OptimizerHelper> make, params nn.Module[] over)
    {
        if (over.Length == 0) throw new ArgumentException($"optimiser '{name}' needs at least one module");
        foreach (var m in over)
            if (!modules.Any(n => n.Trained && ReferenceEquals(n.Module, m)))
                throw new ArgumentException($"optimiser '{name}': every module it updates must first be added with Network()");
        Unique(name, optimizers.Select(o => o.Name), "optimiser");
        var optimizer = make(over.SelectMany(m => m.parameters()).ToList());
        var named = new NamedOptimizer(name, optimizer, over, optimizer.ParamGroups.First().LearningRate);
        optimizers.Add(named);
        return named;
    }

    /// <summary>A random stream seeded by (seed, name), saved for exact resume.</summary>
    public Generator Stream(string name)
    {
        Unique(name, streams.Select(s => s.Name), "random stream");
        var stream = Seeding.Generator(seed, name);
        streams.Add(new NamedStream(name, stream));
        return stream;
    }

    /// <summary>The optimiser of that name.</summary>
    public NamedOptimizer OptimizerNamed(string name) =>
        optimizers.FirstOrDefault(o => o.Name == name) ?? throw new ArgumentException($"no optimiser '{name}'; the recipe has {string.Join(", ", optimizers.Select(o => o.Name))}");

    /// <summary>Sets every optimiser's learning rate to its step-0 rate times <paramref name="factor"/> (a schedule's value).</summary>
    public void ScaleLearningRates(double factor)
    {
        foreach (var o in optimizers)
            foreach (var group in o.Optimizer.ParamGroups) group.LearningRate = o.BaseLearningRate * factor;
    }

    private T Add<T>(string name, T module, bool trained) where T : nn.Module
    {
        Unique(name, modules.Select(m => m.Name), "module");
        module.to(device);
        modules.Add(new NamedModule(name, module, trained));
        return module;
    }

    private static void Unique(string name, IEnumerable<string> taken, string what)
    {
        if (taken.Contains(name)) throw new ArgumentException($"the recipe already has a {what} named '{name}'");
    }

    public void Dispose()
    {
        foreach (var o in optimizers) o.Optimizer.Dispose();
        foreach (var m in modules) m.Module.Dispose();
        foreach (var s in streams) s.Generator.Dispose();
    }
}
