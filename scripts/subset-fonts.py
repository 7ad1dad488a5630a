"""KaTeX's fonts cut down to the characters the chapter pages' equations use.

python3 scripts/subset-fonts.py FONTS_DIR OUT_DIR CHARS_FILE

Every KaTeX_*.woff2 in FONTS_DIR is written to OUT_DIR holding only the characters in CHARS_FILE
(UTF-8 text: the characters of every typeset equation, which scripts/typeset.mjs lists), with
their layout features. A reader then fetches a few KiB of fonts instead of 52. A font whose
characters and source are unchanged since the last run is left as it is.
"""
import hashlib
import logging
import os
import sys

from fontTools import subset


def main():
    fonts, out, chars_file = sys.argv[1:4]
    # fontTools warns about the fonts' old timestamps, which change nothing here.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with open(chars_file, encoding="utf-8") as f:
        text = f.read()
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(fonts)):
        if not (name.startswith("KaTeX_") and name.endswith(".woff2")):
            continue
        source = os.path.join(fonts, name)
        with open(source, "rb") as f:
            key = hashlib.sha256(f.read() + text.encode()).hexdigest()
        target = os.path.join(out, name)
        stamp = target + ".from"
        if os.path.isfile(target) and os.path.isfile(stamp) and open(stamp).read() == key:
            continue
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(source, options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        subset.save_font(font, target + ".part", options)
        os.replace(target + ".part", target)
        with open(stamp, "w") as f:
            f.write(key)


if __name__ == "__main__":
    main()
