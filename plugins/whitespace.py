"""Stage ``whitespace``: NFC, ``\\n`` line endings, no stray spaces or invisible characters.

Runs last, so every output ends the same way: lines stripped, at most one blank line between
paragraphs, exactly one final newline, no space beside a full-width mark (``whitespace_marks``:
``速度， 我们`` -> ``速度，我们``). Full-width punctuation itself is never touched; the ideographic
space U+3000 counts as white space only at the ends of a line (a paragraph indent). Indentation
that carries meaning stays: a tab or two or more spaces before an ASCII character, on a line
without CJK characters (code, an indented Latin block), are kept, while a Chinese paragraph's
indent (U+3000, or spaces before a line with Han text, ``    2023年，...`` too) and a single stray
space go; ``--keep-indent`` keeps every indent.

Most text reaching it is already clean, so a few whole-text scans (``in``, one compiled regex,
``unicodedata.is_normalized``, a C-level strip of every line) first prove there is nothing to do.
Otherwise every line is transformed by C-level maps, and Python code visits only the lines that
changed or are blank, recording one change per changed line, one per run of dropped blank lines
and one for the line endings (never a diff of the text afterwards).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import partial
from itertools import compress, repeat
from operator import ne, not_

from cleanse import Document, Option, Stage, hookimpl
from cleanse_plugins.whitespace_marks import may_tighten, tighten_lines

# C0/C1 controls except tab and newline, plus invisible format characters that scrapers leave:
# zero-width space, word joiner, BOM, Mongolian vowel separator. ZWJ and ZWNJ are kept: emoji
# sequences and several scripts need them. So is the soft hyphen: it is a legitimate hyphenation
# hint, and byte AD of Latin-1 mojibake (å\xad— is 字), which dropping would turn into other text.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff\u180e]")
LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
BREAK_CHARACTERS = "\r\u2028\u2029\x85"
#: What the clean-text check looks for: INVISIBLE and every LINE_BREAKS character (``\r`` is
#: U+000D, ``\x85`` is among the C1 controls), all of them characters str.isprintable refuses.
SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\u2060\ufeff\u180e]")
EDGE_SPACE = " \t\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
#: What indents code: kept before an ASCII character when it is a tab or two spaces or more,
#: on a line without CJK characters (CJK punctuation and forms, kana, Han, Hangul).
INDENT = " \t"
CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
                 "\U00020000-\U0003134f]")
KIND = "whitespace"
NFC = partial(unicodedata.normalize, "NFC")
DROP_INVISIBLE = partial(INVISIBLE.sub, "")


class WhitespaceStage(Stage):
    name = "whitespace"
    description = "NFC, \\n line endings, strip lines, drop invisible characters, one final newline"
    default_config = {"keep_indent": False}
    options = (
        Option("keep_indent", "--keep-indent",
               "Keep every indent, e.g. for poems (by default only code's: a tab or two spaces "
               "or more before an ASCII character).",
               is_flag=True),
    )

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None, "text stages run after decoding"
        if not self.is_clean(doc.text):
            self._clean(doc)
        return doc

    def is_clean(self, text: str) -> bool:
        """True when the stage would leave ``text`` exactly as it is (and record nothing).

        Clean means: empty, or ending in one newline, with no blank line at the start, none at
        the end and never two in a row, NFC, no line-break or invisible character other than
        ``\\n``, and no line with white space at its ends.
        """
        if not text:
            return True
        if text[-1] != "\n" or text[0] == "\n" or "\n\n\n" in text or text.endswith("\n\n"):
            return False
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            return False
        lines = text.split("\n")
        if strip_lines(lines, self.config["keep_indent"]) != lines:
            return False
        if may_tighten(text) and tighten_lines(lines) != lines:
            return False
        # Every suspect character is one str.isprintable refuses, and it is cheaper than a regex
        # scan: the regex looks only at the few lines that hold an unprintable character (a
        # tab, an inner U+3000, a joiner...).
        return not any(map(SUSPECT.search, map(lines.__getitem__, unprintable(lines))))

    def _clean(self, doc: Document) -> None:
        assert doc.text is not None
        text = doc.text
        if any(char in text for char in BREAK_CHARACTERS):
            styles = sorted({repr(m.group())[1:-1] for m in LINE_BREAKS.finditer(text)})
            doc.record(self.name, "line-endings", " ".join(styles), "\\n")
            text = LINE_BREAKS.sub("\n", text)
        recorded = len(doc.changes)
        parts = text.split("\n")
        if parts[-1] == "":
            parts.pop()  # the final newline ends the last line; it does not start a new one
        new = parts
        # NFC after the invisible characters are gone: one between a letter and its accent
        # keeps them apart, and dropping it afterwards would leave text that is not NFC.
        invisible = [index for index in unprintable(parts) if INVISIBLE.search(parts[index])]
        if invisible:
            new = list(parts)
            for index in invisible:
                new[index] = NFC(DROP_INVISIBLE(new[index]))
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            new = list(map(NFC, new))
        # The spaces beside marks last, on the lines as they are now: an invisible character
        # dropped above may have stood between a space and a mark.
        new = tighten_lines(strip_lines(new, self.config["keep_indent"]))
        count = len(new)
        # Lines with nothing left but white space. Python looks only at the lines that changed
        # and at the blank lines that are not a paragraph break already (one empty line between
        # two lines with text): runs of blank lines and blank lines at either end.
        blank = set(compress(range(count), map(not_, new)))
        changed = set(compress(range(count), map(ne, parts, new)))
        neighbours = set(map((1).__add__, blank)).union(map((-1).__add__, blank), (0, count - 1))
        visit = sorted(changed.union(blank.intersection(neighbours)))
        kept: list[str] = []  # the lines of the result, in slices between dropped lines
        start = 0  # the first line not yet in ``kept``
        k = 0
        while k < len(visit):
            i = visit[k]
            k += 1
            if i not in blank:
                doc.record(self.name, KIND, parts[i], new[i], line=i + 1)
                continue
            end = i + 1  # the run of blank lines is i..end-1
            while end in blank:
                end += 1
            while k < len(visit) and visit[k] < end:
                k += 1
            first = i
            if i > 0 and end < count:  # between paragraphs: one blank line stays
                if parts[i]:
                    doc.record(self.name, KIND, parts[i], "", line=i + 1)
                first = i + 1
            if first < end:
                doc.record(self.name, KIND, "\n".join(parts[first:end]) + "\n", "",
                           line=first + 1)
                kept.extend(new[start:first])
                start = end
        kept.extend(new[start:])
        result = "\n".join(kept) + "\n" if kept else ""
        if result != text and len(doc.changes) == recorded:  # only the final newline
            doc.record(self.name, KIND, "", "\n", line=len(parts))
        doc.text = result


def strip_lines(lines: list[str], keep_indent: bool) -> list[str]:
    """Every line without white space at its ends, but for the indents that stay (see the module
    docstring); C-level strips, and Python only for the lines that start with an indent."""
    if keep_indent:
        return list(map(str.rstrip, lines, repeat(EDGE_SPACE, len(lines))))
    stripped = list(map(str.strip, lines, repeat(EDGE_SPACE, len(lines))))
    for index in compress(range(len(lines)), map(ne, lines, stripped)):
        line = lines[index]
        if line[0] in INDENT:
            stripped[index] = strip_line(line)
    return stripped


def strip_line(line: str) -> str:
    """``line`` stripped, keeping a code indent: a tab or two spaces or more before ASCII, on a
    line without CJK characters."""
    body = line.lstrip(INDENT)
    indent = len(line) - len(body)
    if body and body[0].isascii() and not body[0].isspace() and (
            indent >= 2 or line[0] == "\t") and not CJK.search(body):
        return line[:indent] + body.rstrip(EDGE_SPACE)
    return line.strip(EDGE_SPACE)


def unprintable(lines: list[str]) -> Iterator[int]:
    """The indexes of the lines that hold a character str.isprintable refuses."""
    return compress(range(len(lines)), map(not_, map(str.isprintable, lines)))


@hookimpl
def register_stages(register):  # type: ignore[no-untyped-def]
    register(WhitespaceStage)
