"""Latin-script mojibake (UTF-8 read as cp1252, Latin-1, cp1251...), repaired by ftfy.

ftfy is configured to fix encodings and nothing else: its other fixes change correct East Asian
text (``uncurl_quotes`` turns “ ” into ", ``fix_character_width`` turns ， into ``,``,
NFC normalisation rewrites CJK compatibility ideographs) or belong to other stages (line breaks,
control characters, HTML entities, which this stage decodes itself).

ftfy is slow (about 1 µs a character) and imported lazily, so it is called only on lines where
a cheap regex (it starts with one character class, which the regex engine scans for quickly)
finds a sign of what it repairs: a character that UTF-8 lead bytes C2-F4 become in
one of ftfy's single-byte encodings, followed by one that a continuation byte 80-BF becomes; a
C1 control; a lone surrogate. A span ftfy would change inside a run that reads as GBK or Big5
(left alone by the CJK passes as too short or ambiguous) is left alone too, and so is a "repair"
to control characters only, or one that leaves a line nothing visible: whitespace would drop
the result, and the text would vanish.

>>> [fix.after for fix in fix_lines("naïve café\\nThe Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.")]
['’']
"""

from __future__ import annotations

import difflib
import os
import re
from functools import cache
from typing import Any

from cleanse_plugins.mojibake_dbcs import has_reading
from cleanse_plugins.mojibake_edits import Fix

ENCODINGS = ("latin-1", "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "iso-8859-2")


def _chars(byte_range: range) -> str:
    found = set()
    for encoding in ENCODINGS:
        for b in byte_range:
            try:
                found.add(bytes([b]).decode(encoding))
            except UnicodeDecodeError:
                continue
    return "".join(re.escape(c) for c in sorted(found))


@cache
def clue_parts() -> tuple[str, str]:
    """(class of first characters, rest of the pattern) of the sign ftfy is worth calling."""
    leads, conts = _chars(range(0xC2, 0xF5)), _chars(range(0x80, 0xC0))
    lone = "\x80-\x9f\ud800-\udfff"
    return f"{leads}{lone}", f"(?:(?<=[{leads}])[{conts}]|(?<=[ÂÃ]) |(?<=[{lone}]))"


@cache
def clue() -> re.Pattern[str]:
    first, rest = clue_parts()
    return re.compile(f"[{first}]{rest}")


@cache
def config() -> Any:
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        remove_control_chars=False, normalization=None, explain=True,
    )


def fix_lines(text: str) -> list[Fix]:
    """ftfy's repair of every line that shows a sign of Latin mojibake."""
    fixes: list[Fix] = []
    done = -1
    for match in clue().finditer(text):
        if match.start() < done:
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        end = len(text) if end == -1 else end
        done = end
        fixes.extend(_fix_line(text[start:end], start))
    return fixes


def _fix_line(line: str, start: int) -> list[Fix]:
    """ftfy's fix of one line, cut into the spans it changed so each has its own offset."""
    import ftfy

    fixed, steps = ftfy.fix_and_explain(line, config())
    if fixed == line or not _visible(fixed) and _visible(line):
        return []  # a "repair" that loses every visible character is none
    plan = ", ".join(f"{step.action} {step.parameter}" for step in steps or [])
    # What ftfy left as it was at either end is no part of a change: the diff (quadratic in
    # the worst case) runs on the middle only.
    head = len(os.path.commonprefix([line, fixed]))
    tail = len(os.path.commonprefix([line[head:][::-1], fixed[head:][::-1]]))
    old, new = line[head:len(line) - tail], fixed[head:len(fixed) - tail]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [Fix(start + head + i1, start + head + i2, new[j1:j2], "ftfy", 0.9, f"ftfy: {plan}")
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal" and not has_reading(line, head + i1, head + i2)
            and not _only_controls(new[j1:j2])]


# What whitespace drops: C0 and C1 controls (not tab and newline), invisible format characters.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060\ufeff\u180e]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]+")


def _visible(text: str) -> bool:
    """Whether ``text`` holds a character that is neither white space nor dropped by whitespace."""
    return bool(_INVISIBLE.sub("", text).strip())


def _only_controls(text: str) -> bool:
    """Whether ``text`` is only control characters: what ftfy makes of bytes that decode to a
    control (``Ā¯`` is UTF-8 C2 9D read as cp1257) is no text, and whitespace would drop it."""
    return _CONTROLS.fullmatch(text) is not None
