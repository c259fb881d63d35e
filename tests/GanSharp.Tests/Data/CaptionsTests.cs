using GanSharp.Data.Sources;
using GanSharp.Data.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Data;

public sealed class CaptionsTests
{
    private static string Folder(TempFolder tmp, string captions)
    {
        foreach (var name in new[] { "a/cat.png", "a/dog.png", "b/sun.png" })
        {
            string path = tmp.File("set/" + name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var image = new Image<Rgba32>(8, 8, new Rgba32(200, 10, 10, 255));
            image.SaveAsPng(path);
        }
        File.WriteAllText(tmp.File("set/captions.tsv"), captions);
        return tmp.File("set");
    }

    [Fact]
    public void Tokenise_LowersAndSplitsAtEveryNonLetterOrDigit()
    {
        Assert.Equal(new[] { "smiling", "face", "with", "sunglasses", "8" }, Vocabulary.Tokenise("Smiling face, with SUNGLASSES! (8)"));
        Assert.Equal(new[] { "medium", "dark", "skin", "tone" }, Vocabulary.Tokenise("medium-dark skin tone"));
        Assert.Empty(Vocabulary.Tokenise(" ,;: "));
    }

    [Fact]
    public void Vocabulary_NumbersWordsInOrdinalOrderAfterPadding_AndReportsUnknownWords()
    {
        var v = Vocabulary.Of(new[] { "a black cat", "a dog" });
        Assert.Equal(new[] { "a", "black", "cat", "dog" }, v.Words);
        Assert.Equal(5, v.Size);
        var (ids, unknown) = v.Encode("A purple cat, a DOG");
        Assert.Equal(new long[] { 1, 3, 1, 4 }, ids.Take(4));                    // a=1 cat=3 a=1 dog=4; purple dropped
        Assert.All(ids.Skip(4), id => Assert.Equal(0, id));
        Assert.Equal(Vocabulary.MaxTokens, ids.Length);
        Assert.Equal(new[] { "purple" }, unknown);
        var long_ = v.Encode(string.Join(' ', Enumerable.Repeat("cat", Vocabulary.MaxTokens + 5))).Ids;
        Assert.All(long_, id => Assert.Equal(3, id));                           // cut at MaxTokens
    }

    [Fact]
    public void ImageFolder_WithAVocabulary_CarriesEachImagesTokenIdsAsTheCondition()
    {
        using var tmp = TestSetup.Temp();
        string folder = Folder(tmp, "# name\tdescription\na/cat.png\ta black cat\n\nb/sun.png\tthe sun\na/dog.png\ta dog\n");
        var captions = Captions.For(folder, ImageFolder.ListImages(folder));
        Assert.Equal(new[] { "a black cat", "a dog", "the sun" }, captions);       // in the files' ordinal order
        var vocabulary = Vocabulary.Of(captions);
        using var set = ImageFolder.Load(folder, new ImageFolderOptions(8, 3) { Text = vocabulary });
        Assert.Equal(captions, set.Descriptions);
        Assert.Contains("described in captions.tsv", set.Description);
        var batch = set.Read(tensor(new long[] { 2, 0 }));
        Assert.Equal(new long[] { 2, Vocabulary.MaxTokens }, batch.Condition!.shape);
        Assert.Equal(new long[] { 6, 5, 0 }, batch.Condition[0].data<long>().Take(3));   // the=6 sun=5
        Assert.Equal(new long[] { 1, 2, 3, 0 }, batch.Condition[1].data<long>().Take(4)); // a=1 black=2 cat=3
        using var plain = ImageFolder.Load(folder, new ImageFolderOptions(8, 3));
        Assert.Null(plain.Read(tensor(new long[] { 0 })).Condition);
    }

    [Fact]
    public void BadCaptionFiles_AreRefused_NamingTheFileLineOrImage()
    {
        using var tmp = TestSetup.Temp();
        string folder = Folder(tmp, "a/cat.png\ta cat\nb/sun.png\tthe sun\n");
        var v = Vocabulary.Of(new[] { "a cat" });
        var e = Assert.Throws<GanSharpException>(() => ImageFolder.Load(folder, new ImageFolderOptions(8, 3) { Text = v }));
        Assert.Contains("1 of 3 images have no description, the first a/dog.png", e.Message);
        File.WriteAllText(tmp.File("set/captions.tsv"), "a/cat.png\ta cat\na/dog.png a dog\n");
        Assert.Contains("captions.tsv line 2: expected 'path<TAB>description'", Assert.Throws<GanSharpException>(() => Captions.Read(tmp.File("set/captions.tsv"))).Message);
        File.WriteAllText(tmp.File("set/captions.tsv"), "a/cat.png\ta cat\na/cat.png\ta dog\n");
        Assert.Contains("line 2: a/cat.png is described twice", Assert.Throws<GanSharpException>(() => Captions.Read(tmp.File("set/captions.tsv"))).Message);
        File.Delete(tmp.File("set/captions.tsv"));
        Assert.Contains("no captions.tsv", Assert.Throws<GanSharpException>(() => ImageFolder.Load(folder, new ImageFolderOptions(8, 3) { Text = v })).Message);
    }
}
