"""Regenerate ``script_charsets.py`` from the installed OpenCC.

Run ``python -m cleanse_plugins.script_build_charsets`` after upgrading OpenCC.

A character is traditional-only when ``t2s`` changes it on its own and no OpenCC conversion to
simplified can output it; simplified-only likewise with ``s2t`` and the conversions to traditional.
The second condition keeps characters such as 乾 (乾隆), 后 (皇后) and 干 (若干) out of the sets:
they are legitimate in both scripts, so counting them would call clean text mixed, and gating
the conversion on them would break idempotence. Phrase tables are read with OpenCC's own
``opencc_dict`` tool, which ships with the binding.

It also writes what proves that ``t2s`` leaves a text alone: every character ``t2s`` changes on
its own (``T2S_CHANGED`` beyond the traditional-only ones, compatibility ideographs included) and
every ``TSPhrases`` key that ``t2s`` rewrites although none of its characters is among those
(深沈 -> 深沉). A text with neither is its own ``t2s`` conversion, whatever OpenCC's segmentation:
each segment it matches is a dictionary key that maps to itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF),
              (0x30000, 0x323AF))
COMPATIBILITY_RANGES = ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
TO_SIMPLIFIED = ("t2s",)
TO_TRADITIONAL = ("s2t", "s2tw", "s2twp", "s2hk", "s2hkp")
SIMPLIFIED_PHRASES = ("TSPhrases",)
TRADITIONAL_PHRASES = ("STPhrases", "STPhrases_GeneratedFromRegionalPhrases", "TWPhrases",
                       "TWVariantsPhrases", "HKVariantsPhrases", "HKPhrases")
TARGET = Path(__file__).with_name("script_charsets.py")


def han_characters() -> list[str]:
    chars = (chr(code) for start, end in HAN_RANGES for code in range(start, end + 1))
    return [char for char in chars if unicodedata.normalize("NFC", char) == char]


def converted(config: str, chars: list[str]) -> list[str]:
    import opencc

    return opencc.OpenCC(config).convert("\n".join(chars)).split("\n")


def available(configs: tuple[str, ...]) -> list[str]:
    import opencc

    stems = {name.removesuffix(".json") for name in opencc.CONFIGS}
    return [config for config in configs if config in stems]


def phrase_entries(share: Path, names: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """The (key, values) entries of OpenCC's phrase tables, read with ``opencc_dict``."""
    tool = shutil.which("opencc_dict") or str(share.parent.parent / "bin" / "opencc_dict")
    entries: list[tuple[str, list[str]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            source = share / f"{name}.ocd2"
            if not source.exists():
                continue
            out = os.path.join(tmp, name + ".txt")
            subprocess.run([tool, "-i", str(source), "-o", out, "-f", "ocd2", "-t", "text"],
                           check=True)
            for line in Path(out).read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                entries.append((key, values.split(" ")))
    return entries


def phrase_values(share: Path, names: tuple[str, ...]) -> set[str]:
    """Every character OpenCC's phrase tables can output."""
    return {char for _, values in phrase_entries(share, names) for value in values
            for char in value}


def t2s_triggers(share: Path, traditional: set[str]) -> tuple[set[str], list[str], set[str]]:
    """What ``t2s`` changes beyond the traditional-only characters: characters on their own,
    the phrase keys it rewrites that hold none of them (see the module docstring), and the
    characters those phrases rewrite (every character of a phrase whose length changes)."""
    chars = [chr(code) for start, end in HAN_RANGES + COMPATIBILITY_RANGES
             for code in range(start, end + 1)]
    changed = {char for char, out in zip(chars, converted("t2s", chars)) if out != char}
    phrases: list[str] = []
    rewritten: set[str] = set()
    for key, values in phrase_entries(share, SIMPLIFIED_PHRASES):
        if values[0] == key or set(key) & changed:
            continue
        phrases.append(key)
        if len(key) == len(values[0]):
            rewritten.update(a for a, b in zip(key, values[0]) if a != b)
        else:
            rewritten.update(key)
    return changed - traditional, sorted(phrases), rewritten


def only(chars: list[str], config: str, inverse: tuple[str, ...], share: Path,
         phrases: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """Characters ``config`` changes that no conversion in ``inverse`` can produce, and those
    it changes on their own although some conversion outputs them (ambiguous)."""
    changed = {char for char, out in zip(chars, converted(config, chars)) if out != char}
    image = phrase_values(share, phrases)
    for other in available(inverse):
        for out in converted(other, chars):
            image.update(out)
    return changed - image, changed & image


def chunked(chars: set[str], width: int = 44) -> str:
    text = "".join(sorted(chars))
    rows = [f'    "{text[i:i + width]}"' for i in range(0, len(text), width)]
    return "(\n" + "\n".join(rows) + "\n)"


def main() -> None:
    import opencc

    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    chars = han_characters()
    traditional, ambiguous = only(chars, "t2s", TO_SIMPLIFIED, share, SIMPLIFIED_PHRASES)
    simplified, _ = only(chars, "s2t", TO_TRADITIONAL, share, TRADITIONAL_PHRASES)
    both = traditional & simplified
    traditional -= both
    simplified -= both
    changed, phrases, rewritten = t2s_triggers(share, traditional)
    TARGET.write_text(
        f'"""Traditional-only and simplified-only characters (generated from OpenCC '
        f'{opencc.__version__}\nby ``script_build_charsets.py``; regenerate, do not edit)."""\n\n'
        f'OPENCC_VERSION = "{opencc.__version__}"\n'
        f"TRADITIONAL = {chunked(traditional)}\n"
        f"SIMPLIFIED = {chunked(simplified)}\n"
        f"# changed by t2s on their own, kept by it in some phrases (乾 in 乾隆, 昇 in 畢昇)\n"
        f"AMBIGUOUS_TRADITIONAL = {chunked(ambiguous)}\n"
        f"# changed by t2s on their own besides TRADITIONAL (compatibility ideographs included)\n"
        f"T2S_ALSO_CHANGED = {chunked(changed)}\n"
        f"# TSPhrases keys t2s rewrites that hold no character t2s changes on its own\n"
        f"T2S_PHRASES = {tuple(phrases)!r}\n"
        f"# the characters T2S_PHRASES rewrite: a text without them matches none\n"
        f"T2S_PHRASE_CHARS = {chunked(rewritten)}\n",
        encoding="utf-8",
    )
    print(f"{len(traditional)} traditional-only, {len(simplified)} simplified-only, "
          f"{len(both)} in both dropped", file=sys.stderr)


if __name__ == "__main__":
    main()
