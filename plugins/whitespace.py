"""Stage ``whitespace``: NFC, ``\\n`` line endings, no stray spaces or invisible characters.

Runs last, so every output ends the same way: lines stripped, at most one blank line between
paragraphs, exactly one final newline. Full-width punctuation is never touched; the ideographic
space U+3000 counts as white space only at the ends of a line (a paragraph indent).

It records its own changes in one pass (one per changed line, one per run of dropped blank lines,
one for the line endings) rather than diffing the text afterwards, which is what makes it cheap.
"""

from __future__ import annotations

import re
import unicodedata

from cleanse import Document, Option, Stage, hookimpl

# C0/C1 controls except tab and newline, plus invisible format characters that scrapers leave:
# zero-width space, word joiner, BOM, Mongolian vowel separator. ZWJ and ZWNJ are kept: emoji
# sequences and several scripts need them. So is the soft hyphen: it is a legitimate hyphenation
# hint, and byte AD of Latin-1 mojibake (å\xad— is 字), which dropping would turn into other text.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff\u180e]")
LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
EDGE_SPACE = " \t\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
KIND = "whitespace"


class WhitespaceStage(Stage):
    name = "whitespace"
    description = "NFC, \\n line endings, strip lines, drop invisible characters, one final newline"
    default_config = {"keep_indent": False}
    options = (
        Option("keep_indent", "--keep-indent",
               "Keep leading spaces of lines (indentation), e.g. for poems or code.",
               is_flag=True),
    )

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None, "text stages run after decoding"
        text = doc.text
        if LINE_BREAKS.search(text):
            styles = sorted({repr(m.group())[1:-1] for m in LINE_BREAKS.finditer(text)})
            doc.record(self.name, "line-endings", " ".join(styles), "\\n")
            text = LINE_BREAKS.sub("\n", text)
        normalize = not text.isascii() and not unicodedata.is_normalized("NFC", text)
        invisible = INVISIBLE.search(text) is not None
        keep_indent = self.config["keep_indent"]
        lines: list[str] = []
        blanks: list[tuple[int, str]] = []  # the blank lines since the last line with text
        parts = text.split("\n")
        if parts[-1] == "":
            parts.pop()  # the final newline ends the last line; it does not start a new one
        recorded = len(doc.changes)
        for number, line in enumerate(parts, start=1):
            new = unicodedata.normalize("NFC", line) if normalize else line
            new = INVISIBLE.sub("", new) if invisible else new
            new = new.rstrip(EDGE_SPACE) if keep_indent else new.strip(EDGE_SPACE)
            if not new.strip(EDGE_SPACE):
                blanks.append((number, line))
                continue
            if blanks and lines:
                lines.append("")  # one blank line between paragraphs
            self._flush_blanks(doc, blanks, keep_one=bool(lines))
            lines.append(new)
            if new != line:
                doc.record(self.name, KIND, line, new, line=number)
        self._flush_blanks(doc, blanks, keep_one=False)
        result = "\n".join(lines) + "\n" if lines else ""
        if result != doc.text and len(doc.changes) == recorded:  # only the final newline
            doc.record(self.name, KIND, "", "\n", line=len(parts))
        doc.text = result
        return doc

    def _flush_blanks(self, doc: Document, blanks: list[tuple[int, str]], keep_one: bool) -> None:
        """Drop a run of blank lines, keeping one between paragraphs; record what went."""
        if blanks:
            kept = blanks[:1] if keep_one else []
            if kept and kept[0][1]:
                doc.record(self.name, KIND, kept[0][1], "", line=kept[0][0])
            dropped = blanks[len(kept):]
            if dropped:
                doc.record(self.name, KIND, "".join(line + "\n" for _, line in dropped), "",
                           line=dropped[0][0])
            blanks.clear()


@hookimpl
def register_stages(register):  # type: ignore[no-untyped-def]
    register(WhitespaceStage)
