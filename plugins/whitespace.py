"""Stage ``whitespace``: NFC, ``\\n`` line endings, no stray spaces or invisible characters.

Runs last, so every output ends the same way: lines stripped, at most one blank line between
paragraphs, exactly one final newline. Full-width punctuation is never touched; the ideographic
space U+3000 counts as white space only at the ends of a line (a paragraph indent).
"""

from __future__ import annotations

import re
import unicodedata

from cleanse import Option, TextStage, hookimpl

# C0/C1 controls except tab and newline, plus invisible format characters that scrapers leave:
# zero-width space, word joiner, BOM, soft hyphen, Mongolian vowel separator. ZWJ and ZWNJ are
# kept: emoji sequences and several scripts need them.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff\u00ad\u180e]")
LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
# str.strip() would also eat the information separators \x1c-\x1f; they are gone already.
EDGE_SPACE = " \t\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
BLANK_RUNS = re.compile(r"\n{3,}")


class WhitespaceStage(TextStage):
    name = "whitespace"
    description = "NFC, \\n line endings, strip lines, drop invisible characters, one final newline"
    default_config = {"keep_indent": False}
    options = (
        Option("keep_indent", "--keep-indent", "Keep leading spaces of lines (indentation).",
               is_flag=True),
    )
    change_kind = "whitespace"

    def transform(self, text: str) -> str:
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        text = LINE_BREAKS.sub("\n", text)
        text = INVISIBLE.sub("", text)
        if self.config["keep_indent"]:
            lines = [line.rstrip(EDGE_SPACE) for line in text.split("\n")]
            lines = [line if line.strip(EDGE_SPACE) else "" for line in lines]
        else:
            lines = [line.strip(EDGE_SPACE) for line in text.split("\n")]
        text = BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
        return text + "\n" if text else ""


@hookimpl
def register_stages(register):  # type: ignore[no-untyped-def]
    register(WhitespaceStage)
