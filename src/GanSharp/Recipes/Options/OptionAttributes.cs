using System.Reflection;

namespace GanSharp.Recipes.Options;

/// <summary>
/// Marks an options property as a command-line flag, its kebab-case twin (<c>DSteps</c> ↔
/// <c>--d-steps</c>), with the help text <see cref="Help"/>; the valid values, for string
/// options, are <see cref="Choices"/> (or the static list named by <see cref="ChoicesFrom"/>).
/// Properties without it are set by the run (channels from the data) or by the family.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FlagAttribute(string help) : Attribute
{
    public string Help { get; } = help;
    public string[]? Choices { get; init; }
    /// <summary>The type and static property that lists the valid values, when they are defined elsewhere (the losses of <see cref="Losses.Objective"/>).</summary>
    public Type? ChoicesType { get; init; }
    public string? ChoicesFrom { get; init; }
    /// <summary>The flag's name when it is not the property's kebab-case twin (kept as users have typed it).</summary>
    public string? Name { get; init; }
    /// <summary>Further names of the flag (e.g. --g-loss for --loss).</summary>
    public string[] Aliases { get; init; } = Array.Empty<string>();

    /// <summary>The valid values, or null when any value of the type is.</summary>
    public IReadOnlyList<string>? ValidValues => Choices
        ?? (ChoicesType is null ? null : (IReadOnlyList<string>)ChoicesType.GetProperty(ChoicesFrom!, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!);
}

/// <summary>Hides a flag a base record declares: on an override whose value the family fixes (toy networks are toy-mlp).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAFlagAttribute : Attribute;

/// <summary>An options property with its flag: what the command line and `gan list` are made from.</summary>
public sealed record FlagProperty(PropertyInfo Property, FlagAttribute Flag)
{
    /// <summary>The kebab-case twin of the property (DSteps → --d-steps, LrG → --lr-g), unless the flag names itself.</summary>
    public string Name => Flag.Name ?? Kebab(Property.Name);

    public static string Kebab(string property) =>
        "--" + string.Concat(property.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>Every flag of an options type, those of base records first, each in declaration order.</summary>
    public static IReadOnlyList<FlagProperty> Of(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Flag: FlagOf(p)))
            .Where(x => x.Flag is not null)
            .OrderBy(x => Depth(First(x.Property).DeclaringType!)).ThenBy(x => First(x.Property).MetadataToken)
            .Select(x => new FlagProperty(x.Property, x.Flag!))
            .ToList();

    /// <summary>The flag of a property: the nearest declaration (override first) that says flag or not-a-flag decides.</summary>
    private static FlagAttribute? FlagOf(PropertyInfo p)
    {
        for (var t = p.DeclaringType; t is not null && t != typeof(object); t = t.BaseType)
        {
            var declared = t.GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            if (declared is null) continue;
            if (declared.GetCustomAttribute<NotAFlagAttribute>() is not null) return null;
            if (declared.GetCustomAttribute<FlagAttribute>() is { } flag) return flag;
        }
        return null;
    }

    /// <summary>The first declaration of a property (the base record's, for an override).</summary>
    private static PropertyInfo First(PropertyInfo p)
    {
        var first = p;
        for (var t = p.DeclaringType!.BaseType; t is not null && t != typeof(object); t = t.BaseType)
            if (t.GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly) is { } declared) first = declared;
        return first;
    }

    private static int Depth(Type t) => t.BaseType is null ? 0 : 1 + Depth(t.BaseType);
}
