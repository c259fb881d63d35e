#!/usr/bin/python3
"""Builds data/emoji-32/emoji-32.zip, the small colour set embedded in GanSharp.

Input: the folder `gan data install emoji-google` prints (Noto emoji at 64x64 by category).
Each emoji of four categories is reduced to 32x32 with premultiplied alpha (so transparent
pixels do not bleed a dark fringe into the edges) and stored as a PNG under its category;
the lines of the installed folder's captions.tsv for those images go in as captions.tsv.
Needs Debian's python3-pil. Usage: tools/make-embedded-emoji.py INSTALLED_FOLDER
"""
import io, os, sys, zipfile
from PIL import Image

CATEGORIES = ["smileys-and-emotion", "animals-and-nature", "food-and-drink", "activities"]
SIDE = 32
NOTICE = """GanSharp's embedded emoji (emoji-32.zip): the Noto Emoji images of four categories
(smileys-and-emotion, animals-and-nature, food-and-drink, activities) from the npm package
emoji-datasource-google 16.0.0, reduced from 64x64 to 32x32 pixels by tools/make-embedded-emoji.py.
Images: Copyright Google Inc., Noto Emoji, licensed under the Apache License, Version 2.0
(https://github.com/googlefonts/noto-emoji/blob/main/LICENSE). Categories and the descriptions in
captions.tsv from emoji.json of emoji-datasource (MIT, Copyright (c) 2013 Cal Henderson). The licence text follows.

"""

def main(source, target):
    with open("/usr/share/common-licenses/Apache-2.0") as f:
        licence = f.read()
    count = 0
    kept = set()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as z:
        z.writestr("LICENSE.txt", NOTICE + licence)
        for category in CATEGORIES:
            for name in sorted(os.listdir(os.path.join(source, category))):
                image = Image.open(os.path.join(source, category, name)).convert("RGBA")
                small = image.convert("RGBa").resize((SIDE, SIDE), Image.Resampling.BOX).convert("RGBA")
                buffer = io.BytesIO()
                small.save(buffer, "PNG", optimize=True)
                info = zipfile.ZipInfo(f"{category}/{name}", date_time=(2026, 1, 1, 0, 0, 0))   # fixed date: same input, same bytes
                z.writestr(info, buffer.getvalue())
                kept.add(f"{category}/{name}")
                count += 1
        with open(os.path.join(source, "captions.tsv"), encoding="utf-8") as f:
            captions = [line for line in f if line.split("\t")[0] in kept]
        z.writestr(zipfile.ZipInfo("captions.tsv", date_time=(2026, 1, 1, 0, 0, 0)), "".join(captions).encode("utf-8"))
    print(f"{count} images into {target} ({os.path.getsize(target):,} bytes)")

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(os.path.join(here, "..", "data", "emoji-32"), exist_ok=True)
    main(sys.argv[1], os.path.join(here, "..", "data", "emoji-32", "emoji-32.zip"))
