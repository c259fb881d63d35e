using System.IO.Compression;
using GanSharp.Data.Voxels;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Data;

/// <summary>Sweet Home 3D catalogues read from a small .sh3f the test writes: a Java properties file and OBJ models in a zip.</summary>
public sealed class FurnitureTests
{
    /// <summary>A long box along z (4 × 1 × 1): standing on end after a rotation that takes z to y.</summary>
    private const string LongBox = "v -0.25 -0.25 -1\nv 0.25 -0.25 -1\nv 0.25 0.25 -1\nv -0.25 0.25 -1\nv -0.25 -0.25 1\nv 0.25 -0.25 1\nv 0.25 0.25 1\nv -0.25 0.25 1\n" +
        "f 1 4 3 2\nf 5 6 7 8\nf 1 2 6 5\nf 4 8 7 3\nf 1 5 8 4\nf 2 3 7 6\n";

    private static string Catalogue(TempFolder tmp)
    {
        Directory.CreateDirectory(tmp.File("catalogues"));
        var path = tmp.File("catalogues/test.sh3f");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Add(string name, string text)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), System.Text.Encoding.Latin1);
            writer.Write(text);
        }
        Add("PluginFurnitureCatalog.properties", """
            # a test catalogue
            id#1=test#chair
            name#1=Office chair \u00e9
            category#1=Office
            model#1=/test/chair.obj
            modelRotation#1=1 0 0 0 0 1 0 -1 0
            creator#1=GanSharp
            id#2=test#plant
            name#2=Plant
            model#2=/test/plant.obj
            id#3=test#table
            name#3=Broken \
               table
            model#3=/test/table.obj
            """);
        Add("test/chair.obj", LongBox);
        Add("test/plant.obj", LongBox);
        Add("test/table.obj", "v 0 0 0\nf 1 2 3\n");
        return path;
    }

    [Fact]
    public void TheCatalogue_GivesNamesRotationsAndClassesFromTheNames()
    {
        using var tmp = TestSetup.Temp();
        var models = FurnitureCatalog.ReadCatalogue(Catalogue(tmp));
        Assert.Equal(new[] { "Office chair é", "Plant", "Broken table" }, models.Select(m => m.Name));
        Assert.Equal(new string?[] { "chair", null, "table" }, models.Select(m => m.Class));
        Assert.Equal(new[] { 1.0, 0, 0, 0, 0, 1, 0, -1, 0 }, models[0].Rotation);
        Assert.Equal("test/chair.obj", models[0].ModelPath);
        Assert.Equal("GanSharp", models[0].Creator);
        Assert.Equal("table", FurnitureCatalog.ClassOf("Bedside table"));
        Assert.Equal("sofa", FurnitureCatalog.ClassOf("Sofa bed"));
    }

    [Fact]
    public void TheDataSet_StandsModelsUpright_LeavesOutTheUnclassed_AndNamesTheBroken()
    {
        using var tmp = TestSetup.Temp();
        Catalogue(tmp);
        using var set = new FurnitureMeshes(16, tmp.File("catalogues"));
        Assert.Equal(1, set.Count);                                           // the chair; the plant has no class, the table does not read
        Assert.Contains(set.Skipped, s => s.StartsWith("Broken table:") && s.Contains("test.sh3f:test/table.obj:2: vertex 2 does not exist"));
        var batch = set.Read(tensor(new long[] { 0 }));
        Assert.Equal(1, batch.Labels!.item<long>());                          // chair, the second class
        // The long side ran along z; turned upright it runs along y (H): 4× taller than wide.
        var grid = batch.X[0, 0];
        long Extent(long dim) => grid.sum(dim == 0 ? new long[] { 1, 2 } : dim == 1 ? new long[] { 0, 2 } : new long[] { 0, 1 }).gt(0).sum().item<long>();
        Assert.True(Extent(1) >= 3 * Extent(0) && Extent(1) >= 3 * Extent(2), $"extents z {Extent(0)}, y {Extent(1)}, x {Extent(2)}");
    }

    [Fact]
    public void TheCache_IsReadTheSecondTime_AndRebuiltWhenACatalogueChangesOrTheFileIsDamaged()
    {
        using var tmp = TestSetup.Temp();
        var sh3f = Catalogue(tmp);
        string cache = tmp.File("cache");
        using var first = new FurnitureMeshes(16, tmp.File("catalogues"), cache);
        Assert.False(first.FromCache);
        var file = Assert.Single(Directory.GetFiles(cache));
        using var second = new FurnitureMeshes(16, tmp.File("catalogues"), cache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Skipped, second.Skipped);                                  // the broken table is still named
        using var all = arange(first.Count);
        Assert.True(first.Read(all).X.eq(second.Read(all).X).all().item<bool>());
        Assert.True(first.Read(all).Labels!.eq(second.Read(all).Labels!).all().item<bool>());
        using (var other = new FurnitureMeshes(8, tmp.File("catalogues"), cache)) Assert.False(other.FromCache);   // another resolution, another file

        File.WriteAllBytes(file, File.ReadAllBytes(file)[..^10]);                     // cut short
        using (var damaged = new FurnitureMeshes(16, tmp.File("catalogues"), cache)) Assert.False(damaged.FromCache);
        using (var again = new FurnitureMeshes(16, tmp.File("catalogues"), cache)) Assert.True(again.FromCache);   // and written whole again
        var bytes = File.ReadAllBytes(file);
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, 9);                         // the count after "GSVOX" and the version, damaged
        File.WriteAllBytes(file, bytes);
        using (var counted = new FurnitureMeshes(16, tmp.File("catalogues"), cache)) Assert.False(counted.FromCache);

        File.SetLastWriteTimeUtc(sh3f, DateTime.UtcNow.AddMinutes(1));               // the catalogue changed
        using var changed = new FurnitureMeshes(16, tmp.File("catalogues"), cache);
        Assert.False(changed.FromCache);
    }

    [Fact]
    public void AFolderWithoutCatalogues_SaysHowToInstallThem()
    {
        var e = Assert.Throws<GanSharpException>(() => FurnitureCatalog.Read("/nonexistent/furniture"));
        Assert.Contains("apt-get install sweethome3d-furniture", e.Message);
    }
}
