"""Regenerate ``boilerplate_t2s.py``: the characters OpenCC ``t2s`` may change.

Run ``python -m cleanse_plugins.boilerplate_build_t2s`` after upgrading OpenCC.

OpenCC cuts a text into dictionary keys (each replaced by its first value) and characters no key
starts with (kept). A character is a *trigger* when some entry of a dictionary ``t2s`` uses
changes it: its value differs at that position, or has another length. A text without any
trigger comes out of ``t2s`` unchanged, whatever its phrases, so folding can skip OpenCC on the
lines without one (most lines of a simplified page). The dictionaries are read with OpenCC's own
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


def triggers(share: Path) -> set[str]:
    tool = shutil.which("opencc_dict") or str(share.parent.parent / "bin" / "opencc_dict")
    chars: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for source in dictionaries(share):
            out = os.path.join(tmp, source.stem + ".txt")
            subprocess.run([tool, "-i", str(source), "-o", out, "-f", "ocd2", "-t", "text"],
                           check=True)
            for line in Path(out).read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                for value in values.split(" "):
                    if len(value) != len(key):
                        chars.update(key)
                    else:
                        chars.update(k for k, v in zip(key, value) if k != v)
    return chars


def chunked(chars: set[str], width: int = 44) -> str:
    text = "".join(sorted(chars))
    rows = [f'    "{text[i:i + width]}"' for i in range(0, len(text), width)]
    return "(\n" + "\n".join(rows) + "\n)"


def main() -> None:
    import opencc

    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    chars = triggers(share)
    TARGET.write_text(
        f'"""Characters OpenCC ``t2s`` may change (generated from OpenCC {opencc.__version__}\n'
        f'by ``boilerplate_build_t2s.py``; regenerate, do not edit)."""\n\n'
        f'OPENCC_VERSION = "{opencc.__version__}"\n'
        f"TRIGGERS = {chunked(chars)}\n",
        encoding="utf-8",
    )
    print(f"{len(chars)} characters", file=sys.stderr)


if __name__ == "__main__":
    main()
