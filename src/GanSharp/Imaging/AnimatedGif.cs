using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace GanSharp.Imaging;

/// <summary>
/// Animated GIFs from PNG frames the library rendered itself (training scatter plots, latent
/// walks). Frames of another size are scaled to the first one's; the animation loops.
/// </summary>
public static class AnimatedGif
{
    /// <summary>
    /// Writes <paramref name="path"/> atomically; <paramref name="delayMs"/> per frame, the last frame
    /// held 3× as long; frames wider than <paramref name="maxWidth"/> are scaled down (GIFs get large).
    /// </summary>
    public static void Save(IReadOnlyList<byte[]> pngFrames, string path, int delayMs = 200, int maxWidth = 480)
    {
        if (pngFrames.Count == 0) throw new GanSharpException($"{path}: an animation needs at least one frame");
        if (delayMs < 10) throw new GanSharpException($"{path}: a frame delay below 10 ms is not shown by browsers; got {delayMs} ms");
        using var gif = Image.Load<Rgba32>(pngFrames[0]);
        if (gif.Width > maxWidth) gif.Mutate(f => f.Resize(maxWidth, 0));                 // 0: keep the aspect ratio
        var meta = gif.Metadata.GetGifMetadata();
        meta.RepeatCount = 0;                                            // loop forever
        meta.ColorTableMode = GifColorTableMode.Local;                   // each frame its own palette: plots change colours
        Delay(gif.Frames.RootFrame, delayMs / 10);
        for (int i = 1; i < pngFrames.Count; i++)
        {
            using var frame = Image.Load<Rgba32>(pngFrames[i]);
            if (frame.Size() != gif.Size()) frame.Mutate(f => f.Resize(gif.Width, gif.Height));
            var added = gif.Frames.AddFrame(frame.Frames.RootFrame);
            Delay(added, delayMs / 10 * (i == pngFrames.Count - 1 ? 3 : 1));
        }
        AtomicFile.Write(path, s => gif.SaveAsGif(s));
    }

    /// <summary>The PNG files as frames, in file-name order (step-000100.png, step-000200.png, …).</summary>
    public static void SaveFiles(IEnumerable<string> pngFiles, string path, int delayMs = 200, int maxWidth = 480) =>
        Save(pngFiles.OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList(), path, delayMs, maxWidth);

    private static void Delay(ImageFrame frame, int centiseconds) => frame.Metadata.GetGifMetadata().FrameDelay = centiseconds;
}
