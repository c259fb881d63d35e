namespace GanSharp.Imaging;

/// <summary>
/// Fonts for ScottPlot's text. SkiaSharp's self-contained Linux build (no fontconfig, so no system
/// libraries to need) finds no system fonts by itself and would draw plots without any text, so
/// the font files are registered by path: DejaVu Sans (Debian's fonts-dejavu-core), else the first
/// TrueType font under /usr/share/fonts. Every plot is made through <see cref="NewPlot"/>.
/// </summary>
public static class PlotFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<string?> Registered = new(Register);

    /// <summary>The font file plots write with, or null when the machine has none (then plots carry no text: apt-get install fonts-dejavu-core).</summary>
    public static string? FontFile => Registered.Value;

    /// <summary>A ScottPlot plot, with the fonts registered first.</summary>
    public static ScottPlot.Plot NewPlot()
    {
        _ = Registered.Value;
        return new ScottPlot.Plot();
    }

    private static string? Register()
    {
        const string dejavu = "/usr/share/fonts/truetype/dejavu";
        string regular = Path.Combine(dejavu, "DejaVuSans.ttf"), bold = Path.Combine(dejavu, "DejaVuSans-Bold.ttf");
        if (!File.Exists(regular))
        {
            regular = Directory.Exists("/usr/share/fonts")
                ? Directory.EnumerateFiles("/usr/share/fonts", "*.ttf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault() ?? ""
                : "";
            bold = regular;
        }
        if (regular.Length == 0) return null;
        ScottPlot.Fonts.AddFontFile(Family, regular, bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(Family, File.Exists(bold) ? bold : regular, bold: true, italic: false);
        ScottPlot.Fonts.Default = Family;
        return regular;
    }
}
