using System.CommandLine;
using System.Globalization;
using System.Reflection;
using GanSharp.Recipes.Options;

namespace GanSharp.Cli;

/// <summary>
/// The flags of an options record (a family's, the trainer's), generated from its properties
/// (<see cref="FlagAttribute"/>): each is the property's kebab-case twin, its help text says the
/// default, string options accept only their listed values. A flag not given leaves the default.
/// </summary>
internal sealed class OptionFlags<T> where T : class
{
    private readonly IReadOnlyList<(FlagProperty Property, Option Option)> flags;

    public OptionFlags(T defaults)
    {
        flags = FlagProperty.Of(defaults.GetType()).Select(p => (p, OptionFlags.Make(p, p.Property.GetValue(defaults)))).ToList();
    }

    public IEnumerable<Option> All => flags.Select(f => f.Option);

    /// <summary>The defaults with every given flag applied (a copy; the defaults are untouched).</summary>
    public T Apply(ParseResult parse, T defaults)
    {
        var options = (T)defaults.GetType().GetMethod("<Clone>$")!.Invoke(defaults, null)!;   // the record's own copy, as `with` makes
        foreach (var (property, option) in flags)
            if (parse.GetResult(option) is { Implicit: false } result)   // an option not given can still have an implicit result (bools: false)
                property.Property.SetValue(options, ValueOf(result, property.Property.PropertyType));
        return options;
    }

    private static object? ValueOf(System.CommandLine.Parsing.OptionResult result, Type type) =>
        typeof(System.CommandLine.Parsing.OptionResult).GetMethod(nameof(System.CommandLine.Parsing.OptionResult.GetValueOrDefault))!
            .MakeGenericMethod(type).Invoke(result, null);
}

/// <summary>Making one typed option for a flag property.</summary>
internal static class OptionFlags
{
    public static Option Make(FlagProperty p, object? value) =>
        (Option)typeof(OptionFlags).GetMethod(nameof(MakeTyped), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(p.Property.PropertyType).Invoke(null, new[] { p, value })!;

    private static Option<T> MakeTyped<T>(FlagProperty p, object? value)
    {
        var valid = p.Flag.ValidValues;
        var option = new Option<T>(p.Name, p.Flag.Aliases)
        {
            Description = $"{p.Flag.Help} (default {Text(value)})",
        };
        if (valid is not null) option.AcceptOnlyFromAmong(valid.ToArray());
        return option;
    }

    /// <summary>
    /// Every number option of the command tree refuses NaN and infinities, which .NET parses and
    /// which pass any range check written as <c>x &lt; a || x &gt; b</c> (and cannot be written to config.json).
    /// </summary>
    public static void RequireFiniteNumbers(Command command)
    {
        foreach (var option in command.Options)
        {
            var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            if (type.IsArray) type = type.GetElementType()!;
            if (type != typeof(double) && type != typeof(float)) continue;
            option.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                    if (double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && !double.IsFinite(v))
                        result.AddError($"{option.Name} must be a finite number, got {token.Value}");
            });
        }
        foreach (var sub in command.Subcommands) RequireFiniteNumbers(sub);
    }

    /// <summary>A default as the command line would spell it.</summary>
    public static string Text(object? value) => value switch
    {
        null => "unset",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
