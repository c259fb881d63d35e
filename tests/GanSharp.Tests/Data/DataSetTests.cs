using System.Formats.Tar;
using System.IO.Compression;
using GanSharp.Data.Sets;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace GanSharp.Tests.Data;

/// <summary>The data-set installers' own logic, on packages the tests build (tests never use the network).</summary>
public sealed class DataSetTests
{
    private static void Png(string path, byte red)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = new Image<Rgba32>(4, 4, new Rgba32(red, 0, 0, 255));
        image.SaveAsPng(path);
    }

    [Fact]
    public void EmojiPackage_IsLaidOutByCategory_WithSkinVariants_AndItsLicences()
    {
        using var tmp = TestSetup.Temp();
        string package = tmp.File("package");
        Directory.CreateDirectory(package);
        File.WriteAllText(Path.Combine(package, "LICENSE"), "The MIT License (MIT) for the metadata");
        File.WriteAllText(Path.Combine(package, "emoji.json"), """
            [{"image":"1f600.png","name":"GRINNING FACE","short_names":["grinning"],"category":"Smileys & Emotion","has_img_google":true,"has_img_twitter":true},
             {"image":"1f44b.png","name":"WAVING HAND SIGN","short_names":["wave"],"category":"People & Body","has_img_google":true,
              "skin_variations":{"1F3FB":{"image":"1f44b-1f3fb.png","has_img_google":true},"1F3FC":{"image":"1f44b-1f3fc.png","has_img_google":false}}},
             {"image":"1f9ff.png","category":"Objects","has_img_google":false}]
            """);
        foreach (var (name, red) in new[] { ("1f600.png", 10), ("1f44b.png", 20), ("1f44b-1f3fb.png", 30), ("1f44b-1f3fc.png", 40), ("1f9ff.png", 50) })
            Png(Path.Combine(package, "img", "google", "64", name), (byte)red);
        var said = new List<string>();
        int copied = EmojiDatasource.Prepare(package, "google", tmp.File("out"), said.Add);

        Assert.Equal(3, copied);                                                  // 1f600, 1f44b and its one google skin tone
        var files = Directory.GetFiles(tmp.File("out"), "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(tmp.File("out"), f)).Order().ToArray();
        Assert.Equal(new[] { "people-and-body/1f44b-1f3fb.png", "people-and-body/1f44b.png", "smileys-and-emotion/1f600.png" }, files);
        Assert.Equal(File.ReadAllBytes(Path.Combine(package, "img/google/64/1f600.png")), File.ReadAllBytes(tmp.File("out/smileys-and-emotion/1f600.png")));
        var licence = File.ReadAllText(tmp.File("out/LICENSE.txt"));
        Assert.Contains("Apache License 2.0", licence);
        Assert.Contains("MIT License (MIT) for the metadata", licence);
        Assert.Contains(said, s => s.Contains("2 categories"));
        // descriptions: the name, short names that add words, the skin tone; one line per image copied
        Assert.Equal(new[] { "people-and-body/1f44b-1f3fb.png\twaving hand sign (wave): light skin tone", "people-and-body/1f44b.png\twaving hand sign (wave)",
                             "smileys-and-emotion/1f600.png\tgrinning face" }, File.ReadAllLines(tmp.File("out/captions.tsv")));
        Assert.Contains("--labels folders", DataSetCatalogue.Named("emoji-google").Description);
    }

    [Fact]
    public void EmbeddedEmoji_UnpackOnce_IntoFourCategories_OfYellowSmileysAndMore()
    {
        using var tmp = TestSetup.Temp();
        string folder = EmbeddedEmoji.Folder(tmp.Path);
        var perCategory = Directory.GetDirectories(folder).ToDictionary(d => Path.GetFileName(d), d => Directory.GetFiles(d, "*.png").Length);
        // the category sizes `gan data install emoji-google` reports for these four categories
        Assert.Equal(new Dictionary<string, int> { ["activities"] = 85, ["animals-and-nature"] = 159, ["food-and-drink"] = 131, ["smileys-and-emotion"] = 169 }, perCategory);
        Assert.Contains("Apache License", File.ReadAllText(Path.Combine(folder, "LICENSE.txt")));
        var captions = GanSharp.Data.Text.Captions.For(folder, GanSharp.Data.Sources.ImageFolder.ListImages(folder));   // every image described
        Assert.Equal("grinning face", GanSharp.Data.Text.Captions.Read(Path.Combine(folder, "captions.tsv"))["smileys-and-emotion/1f600.png"]);
        Assert.Equal(544, captions.Length);
        var stamp = Directory.GetLastWriteTimeUtc(folder);
        Assert.Equal(folder, EmbeddedEmoji.Folder(tmp.Path));                     // the second call finds the unpacked copy
        Assert.Equal(stamp, Directory.GetLastWriteTimeUtc(folder));
        Assert.Empty(Directory.GetDirectories(tmp.Path, "*unpacking*"));

        using var set = GanSharp.Data.Sources.ImageFolder.Load(folder, new GanSharp.Data.Sources.ImageFolderOptions(32, 3, Labels: true, Background: SkiaSharp.SKColors.White));
        Assert.Equal(544, set.Count);
        Assert.Equal(new[] { "activities", "animals-and-nature", "food-and-drink", "smileys-and-emotion" }, set.ClassNames);
        using var grinning = SixLabors.ImageSharp.Image.Load<Rgba32>(Path.Combine(folder, "smileys-and-emotion", "1f600.png"));
        Assert.Equal((32, 32), (grinning.Width, grinning.Height));
        var face = grinning[16, 8];                                               // the forehead of 😀 is yellow
        Assert.True(face is { R: > 200, G: > 150, B: < 100, A: 255 }, $"forehead pixel {face}");
    }

    [Fact]
    public void Unpack_ExtractsFiles_AndRefusesEntriesOutsideItsFolder()
    {
        using var tmp = TestSetup.Temp();
        void Tgz(string path, params (string Name, string Text)[] entries)
        {
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
            foreach (var (name, text) in entries)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)) });
        }
        Tgz(tmp.File("good.tgz"), ("package/emoji.json", "[]"), ("package/img/a.txt", "a"));
        NpmPackage.Unpack(tmp.File("good.tgz"), tmp.File("u"));
        Assert.Equal("[]", File.ReadAllText(tmp.File("u/package/emoji.json")));
        Assert.Equal("a", File.ReadAllText(tmp.File("u/package/img/a.txt")));
        Tgz(tmp.File("evil.tgz"), ("package/../../escaped.txt", "x"));
        var e = Assert.Throws<GanSharpException>(() => NpmPackage.Unpack(tmp.File("evil.tgz"), tmp.File("v")));
        Assert.Contains("outside the folder", e.Message);
        Assert.False(File.Exists(tmp.File("escaped.txt")));
    }

    [Fact]
    public void DebianSet_AlreadyInstalled_IsFound_WithoutRunningAptGet()
    {
        using var tmp = TestSetup.Temp();
        Directory.CreateDirectory(tmp.File("installed"));
        File.WriteAllText(tmp.File("installed/train-images-idx3-ubyte.gz"), "");
        var said = new List<string>();
        Assert.Equal(tmp.File("installed"), new DebianPackage("some-package", tmp.File("installed")).Install(tmp.Path, said.Add));
        Assert.Equal(new[] { "some-package is installed" }, said);
    }

    [Fact]
    public void MnistPackage_BecomesGreyPngsByDigit()
    {
        using var tmp = TestSetup.Temp();
        Directory.CreateDirectory(tmp.File("package/src/digits"));
        for (int d = 0; d < 10; d++)
        {
            var values = new double[2 * 784];                                     // two images of each digit
            values[0] = 1.0;                                                      // the first image: its top-left pixel white
            values[784 + 28 * 27 + 27] = 0.5;                                     // the second: its bottom-right pixel at half
            File.WriteAllText(tmp.File($"package/src/digits/{d}.json"), $"{{ \"data\": [{string.Join(",", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}] }}");
        }
        var said = new List<string>();
        MnistDigits.Prepare(tmp.File("package"), tmp.File("out"), said.Add);
        Assert.Equal(20, Directory.GetFiles(tmp.File("out"), "*.png", SearchOption.AllDirectories).Length);
        using var first = Image.Load<L8>(tmp.File("out/7/0000.png"));
        using var second = Image.Load<L8>(tmp.File("out/7/0001.png"));
        Assert.Equal((28, 28), (first.Width, first.Height));
        Assert.Equal((255, 0), (first[0, 0].PackedValue, first[1, 0].PackedValue));
        Assert.Equal(128, second[27, 27].PackedValue);                            // round(0.5 · 255)
        Assert.Contains("Attribution-Share Alike 3.0", File.ReadAllText(tmp.File("out/LICENSE.txt")));
        Assert.Contains(said, s => s.Contains("20 MNIST digits"));
    }

    [Fact]
    public void OpenMojiPackage_RendersBothStylesFromSvg_UnderTheSameNames()
    {
        using var tmp = TestSetup.Temp();
        string package = tmp.File("package");
        foreach (var style in new[] { "color", "black" }) Directory.CreateDirectory(Path.Combine(package, style, "svg"));
        Directory.CreateDirectory(Path.Combine(package, "data"));
        File.WriteAllText(Path.Combine(package, "LICENSE.txt"), "CC BY-SA 4.0");
        File.WriteAllText(Path.Combine(package, "data", "openmoji.json"), """
            [{"hexcode":"1F600","group":"smileys-emotion"},{"hexcode":"1F436","group":"animals-nature"},{"hexcode":"1F9FF","group":"objects"}]
            """);
        // a 72×72 drawing: a square over the middle half, red in colour and an outline in black; 1F9FF has no black SVG
        foreach (var code in new[] { "1F600", "1F436", "1F9FF" })
            File.WriteAllText(Path.Combine(package, "color", "svg", $"{code}.svg"), """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 72 72"><rect x="18" y="18" width="36" height="36" fill="#ff0000"/></svg>""");
        foreach (var code in new[] { "1F600", "1F436" })
            File.WriteAllText(Path.Combine(package, "black", "svg", $"{code}.svg"), """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 72 72"><rect x="18" y="18" width="36" height="36" fill="none" stroke="#000000" stroke-width="4"/></svg>""");
        var said = new List<string>();
        OpenMoji.Prepare(package, tmp.File("out"), said.Add);

        var colour = Directory.GetFiles(tmp.File("out/color"), "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(tmp.File("out/color"), f)).Order().ToArray();
        Assert.Equal(new[] { "animals-nature/1F436.png", "smileys-emotion/1F600.png" }, colour);
        Assert.Equal(colour, Directory.GetFiles(tmp.File("out/black"), "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(tmp.File("out/black"), f)).Order());
        using var red = Image.Load<Rgba32>(tmp.File("out/color/smileys-emotion/1F600.png"));
        Assert.Equal((OpenMoji.Side, OpenMoji.Side), (red.Width, red.Height));
        Assert.Equal(new Rgba32(255, 0, 0, 255), red[64, 64]);                    // inside the square (32–96 at 128 pixels)
        Assert.Equal(0, red[10, 10].A);                                           // outside: transparent
        using var outline = Image.Load<Rgba32>(tmp.File("out/black/smileys-emotion/1F600.png"));
        Assert.Equal(0, outline[64, 64].A);                                       // the outline's inside is empty
        Assert.Equal(new Rgba32(0, 0, 0, 255), outline[32, 64]);                  // its left edge is black
        Assert.Contains(said, s => s.Contains("--pairs by-name"));
    }

    [Fact]
    public void WesnothUnits_AreCopiedByFaction_WithoutTheLoosePictures()
    {
        using var tmp = TestSetup.Temp();
        Png(tmp.File("images/units/elves-wood/archer.png"), 10);
        Png(tmp.File("images/units/elves-wood/archer-bow-attack1.png"), 20);
        Png(tmp.File("images/units/monsters/scorpion/giant.png"), 30);
        Png(tmp.File("images/units/random-dice.png"), 40);
        var said = new List<string>();
        string folder = WesnothUnits.Prepare(tmp.File("images"), tmp.File("root"), said.Add);
        var files = Directory.GetFiles(folder, "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order().ToArray();
        Assert.Equal(new[] { "elves-wood/archer-bow-attack1.png", "elves-wood/archer.png", "monsters/scorpion_giant.png" }, files);
        Assert.Contains("GPL", File.ReadAllText(Path.Combine(folder, "LICENSE.txt")));
        Assert.Equal(folder, WesnothUnits.Prepare(tmp.File("images"), tmp.File("root"), _ => { }));   // laid out once
    }

    [Fact]
    public void TuxPaintStamps_AreCopiedByCategory_WithTheirEnglishCaptions()
    {
        using var tmp = TestSetup.Temp();
        Png(tmp.File("stamps/animals/amphibians/frog.png"), 10);
        File.WriteAllText(tmp.File("stamps/animals/amphibians/frog.txt"), "A frog.\nfr.utf8=Une grenouille.\n");
        Png(tmp.File("stamps/animals/amphibians/frog_mirror.png"), 10);                  // a mirrored variant: left out
        File.WriteAllText(tmp.File("stamps/animals/amphibians/frog_mirror.txt"), "A frog.\n");
        Directory.CreateDirectory(tmp.File("stamps/food"));
        File.WriteAllText(tmp.File("stamps/food/apple.svg"), """<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="red"/></svg>""");
        File.WriteAllText(tmp.File("stamps/food/apple.txt"), "A red apple. \n");
        Png(tmp.File("stamps/food/pear.png"), 30);                                       // no description: left out
        File.WriteAllText(tmp.File("stamps/food/gift.txt"), "A gift.\n");                 // no picture: left out
        var said = new List<string>();
        string folder = TuxPaintStamps.Prepare(tmp.File("stamps"), tmp.File("root"), said.Add);
        var files = Directory.GetFiles(folder, "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order().ToArray();
        Assert.Equal(new[] { "animals/amphibians_frog.png", "food/apple.png" }, files);
        Assert.Equal(new Dictionary<string, string> { ["animals/amphibians_frog.png"] = "a frog", ["food/apple.png"] = "a red apple" },
            GanSharp.Data.Text.Captions.Read(Path.Combine(folder, "captions.tsv")));
        using (var apple = SkiaSharp.SKBitmap.Decode(Path.Combine(folder, "food/apple.png")))
            Assert.Equal((TuxPaintStamps.SvgSide, TuxPaintStamps.SvgSide), (apple.Width, apple.Height));   // rendered from the SVG
        Assert.Contains(said, s => s.Contains("2 captioned stamps in 2 categories") && s.Contains("1 rendered from SVG") && s.Contains("1 without a readable picture"));
        Assert.Contains("GPL", File.ReadAllText(Path.Combine(folder, "LICENSE.txt")));
    }

    [Fact]
    public void DataList_ShowsEverySet_WithItsLicenceAndSource()
    {
        var output = new StringWriter();
        Assert.Equal(0, GanSharp.Cli.GanCli.Run(new[] { "data", "list" }, output, new StringWriter()));
        var text = output.ToString();
        foreach (var entry in DataSetCatalogue.All)
        {
            Assert.Contains(entry.Name, text);
            Assert.Contains(entry.Licence, text);
            Assert.Contains(entry.Installer.Source, text);
        }
        Assert.Contains("npm emoji-datasource-google@16.0.0", text);
        Assert.Contains("Debian package dataset-fashion-mnist", text);
        Assert.Contains("npm openmoji@17.0.0", text);
        Assert.Contains("Debian package wesnoth-1.16-data", text);
    }
}
