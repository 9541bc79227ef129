"""Regenerate ``boilerplate_t2s.py``: the characters OpenCC ``t2s`` may change.

Run ``python -m cleanse_plugins.boilerplate_build_t2s`` after upgrading OpenCC.

OpenCC cuts a text into dictionary keys (each replaced by its first value) and characters no key
starts with (kept). The *triggers* are the characters ``t2s`` changes on their own (``們``) and
the phrases it changes that hold none of them (``想像`` -> ``想象``): a text without any comes
out of ``t2s`` unchanged, since every key that changes either holds a trigger character or is
a trigger phrase. So folding can skip OpenCC on the lines without one (most lines of a
simplified page; ``么`` changes only in ``么麼``, which holds the trigger ``麼``). The dictionaries are read with OpenCC's own
``opencc_dict`` tool, which ships with the binding.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET = Path(__file__).with_name("boilerplate_t2s.py")


def dictionaries(share: Path, config: str = "t2s") -> list[Path]:
    """Every ``.ocd2`` file the OpenCC configuration names, normalization included."""
    found: list[Path] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "ocd2" and "file" in node:
                found.append(share / str(node["file"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((share / f"{config}.json").read_text(encoding="utf-8")))
    return found


def entries(share: Path) -> list[tuple[str, str]]:
    """Every (key, first value) of the dictionaries ``t2s`` uses: OpenCC converts a key to its
    first value."""
    tool = shutil.which("opencc_dict") or str(share.parent.parent / "bin" / "opencc_dict")
    found: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for source in dictionaries(share):
            out = os.path.join(tmp, source.stem + ".txt")
            subprocess.run([tool, "-i", str(source), "-o", out, "-f", "ocd2", "-t", "text"],
                           check=True)
            for line in Path(out).read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                found.append((key, values.split(" ")[0]))
    return found


def triggers(share: Path) -> tuple[set[str], list[str]]:
    """The characters ``t2s`` changes on their own, and the phrases it changes that hold none
    of them (``深沈`` -> ``深沉``, ``想像`` -> ``想象``)."""
    pairs = entries(share)
    chars = {key for key, value in pairs if len(key) == 1 and value != key}
    phrases = sorted({key for key, value in pairs
                      if len(key) > 1 and value != key and chars.isdisjoint(key)})
    return chars, phrases


def changed_chars(share: Path, phrases: list[str]) -> set[str]:
    """The characters the phrases change (all of a phrase whose value has another length)."""
    values = dict(entries(share))
    changed: set[str] = set()
    for key in phrases:
        value = values[key]
        changed.update(key if len(value) != len(key) else
                       (k for k, v in zip(key, value) if k != v))
    return changed


def chunked(chars: set[str], width: int = 44) -> str:
    text = "".join(sorted(chars))
    rows = [f'    "{text[i:i + width]}"' for i in range(0, len(text), width)]
    return "(\n" + "\n".join(rows) + "\n)"


def rows(items: list[str], per_row: int = 10) -> str:
    return "\n".join("    " + " ".join(f'"{item}",' for item in items[i:i + per_row])
                     for i in range(0, len(items), per_row))


def main() -> None:
    import opencc

    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    chars, phrases = triggers(share)
    TARGET.write_text(
        f'"""Characters OpenCC ``t2s`` may change (generated from OpenCC {opencc.__version__}\n'
        f'by ``boilerplate_build_t2s.py``; regenerate, do not edit)."""\n\n'
        f'OPENCC_VERSION = "{opencc.__version__}"\n'
        f"TRIGGERS = {chunked(chars)}\n"
        f"PHRASES = (\n{rows(phrases)}\n)\n"
        f"# the characters PHRASES change: a line without them or TRIGGERS needs no look\n"
        f"PHRASE_CHARS = {chunked(changed_chars(share, phrases))}\n",
        encoding="utf-8",
    )
    print(f"{len(chars)} characters, {len(phrases)} phrases", file=sys.stderr)


if __name__ == "__main__":
    main()
