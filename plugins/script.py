"""Stage ``script``: one Chinese script for the whole text, converted phrase by phrase by OpenCC.

Targets and the OpenCC configurations behind them:

- ``simplified`` (default): ``t2s``. Not ``tw2s``: it maps every lone 著 to 着, which is right for
  Taiwan text (看著) but turns clean simplified 显著 into 显着, so it damages simplified text and
  is not idempotent; ``t2s`` keeps 著 (valid in simplified) and is what the output is checked
  against.
- ``traditional``: ``s2t`` (OpenCC standard traditional).
- ``taiwan``: ``tw2sp`` then ``s2twp``. Taiwan phrases are matched on simplified text, so text that
  is already (partly) traditional goes to simplified first with the inverse phrase table
  (軟體 -> 软件 -> 軟體, not 軟體 left as is beside 软件 -> 軟體).
- ``hongkong``: ``hk2s`` then ``s2hk``, for the same reason.
- ``keep``: no conversion, the script is only measured.
- ``--opencc-config NAME``: any OpenCC configuration; a line it would change again when run on
  its own output is left unconverted, with a warning.

Idempotence is built in, not hoped for: a conversion runs only when the text contains a character
the target does not allow (traditional-only for ``simplified``, simplified-only for the others),
and by construction no OpenCC output of the target contains one (see ``script_build_charsets``).
For ``simplified``, text whose only traditional hints are characters valid in both scripts
(乾, 於, 昇) is converted line by line unless the line is already what ``t2s`` outputs.
So converted text, and text already in the target script, is left alone: OpenCC's phrase tables
are not idempotent on their own output (``t2s`` keeps 昇 in 畢昇 but turns 毕昇 into 毕升;
``s2twp`` turns 腦梗塞 into 腦梗塞塞, and in OpenCC 1.1 演算法 into 演演算法). Traditional input
to a regional target is re-regionalised only when it contains simplified characters; use
``--opencc-config t2tw`` to force it.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from cleanse import Document, Option, Stage, hookimpl, record_line_changes
from cleanse_plugins.script_charsets import AMBIGUOUS_TRADITIONAL, SIMPLIFIED, TRADITIONAL

TARGETS: dict[str, tuple[str, ...]] = {
    "simplified": ("t2s",),
    "traditional": ("s2t",),
    "taiwan": ("tw2sp", "s2twp"),
    "hongkong": ("hk2s", "s2hk"),
    "keep": (),
}
#: Converting ``simplified`` text whose only traditional hints are ambiguous characters: a line
#: that survives a round trip through traditional is already OpenCC's output (毕昇), one that does
#: not is converted (乾燥 -> 干燥).
ROUND_TRIP = ("s2t", "t2s")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]")


class CharClass:
    """Counts characters of a set fast: ``re`` needs astral characters in a class of their own.

    The classes (thousands of characters) are compiled on first use, and only for a text long
    enough to repay it: a short one is counted against a set.
    """

    SMALL = 256

    def __init__(self, chars: str) -> None:
        self.chars = chars
        self.members = frozenset(chars)
        self._compiled: tuple[re.Pattern[str], re.Pattern[str] | None] | None = None

    @property
    def bmp(self) -> re.Pattern[str]:
        return self.compiled()[0]

    @property
    def astral(self) -> re.Pattern[str] | None:
        return self.compiled()[1]

    def compiled(self) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
        if self._compiled is None:
            bmp = "".join(char for char in self.chars if char <= "\uffff")
            astral = "".join(char for char in self.chars if char > "\uffff")
            self._compiled = (re.compile(f"[{re.escape(bmp)}]"),
                              re.compile(f"[{re.escape(astral)}]") if astral else None)
        return self._compiled

    def count(self, text: str, astral: bool) -> int:
        """``subn`` counts without building a list of the matches: faster than ``findall``."""
        if len(text) < self.SMALL and self._compiled is None:
            return sum(char in self.members for char in text)
        bmp, astral_class = self.compiled()
        found = bmp.subn("", text)[1]
        if astral and astral_class is not None:
            found += astral_class.subn("", text)[1]
        return found


def has_astral(text: str) -> bool:
    """Whether ``text`` has characters beyond U+FFFF; encoding is faster than a regex scan."""
    return len(text.encode("utf-16-le")) != 2 * len(text)


TRADITIONAL_ONLY = CharClass(TRADITIONAL)
SIMPLIFIED_ONLY = CharClass(SIMPLIFIED)
AMBIGUOUS = re.compile(f"[{re.escape(AMBIGUOUS_TRADITIONAL)}]")


def verdict(traditional: int, simplified: int) -> str:
    if traditional and simplified:
        return "mixed"
    if traditional:
        return "traditional"
    return "simplified" if simplified else "none"


def counts(traditional: int, simplified: int) -> dict[str, Any]:
    return {"traditional": traditional, "simplified": simplified,
            "verdict": verdict(traditional, simplified)}


def measure(text: str) -> dict[str, Any]:
    """Counts of traditional-only and simplified-only characters, and the verdict."""
    astral = has_astral(text)
    return counts(TRADITIONAL_ONLY.count(text, astral), SIMPLIFIED_ONLY.count(text, astral))


class ScriptStage(Stage):
    name = "script"
    description = "Convert Chinese to one script (simplified, traditional, Taiwan, HK) with OpenCC"
    default_config: ClassVar[dict[str, Any]] = {"to": "simplified", "opencc_config": None}
    options = (
        Option("to", "--to", "Target script, e.g. --to traditional (default: simplified).",
               choices=tuple(TARGETS)),
        Option("opencc_config", "--opencc-config",
               "Any OpenCC configuration instead of --to, e.g. --opencc-config s2tw."),
    )

    def __init__(self, **config: Any) -> None:
        super().__init__(**config)
        custom = self.config["opencc_config"]
        self.chain: tuple[str, ...] = (custom,) if custom else TARGETS[self.config["to"]]
        self.custom = bool(custom)
        self.forbidden = "traditional" if self.config["to"] == "simplified" else "simplified"
        self._converters: list[Any] | None = None
        self._round_trip: list[Any] | None = None

    @property
    def config_name(self) -> str | None:
        return "+".join(self.chain) or None

    def converters(self) -> list[Any]:
        """OpenCC converters, built on first use: loading dictionaries costs milliseconds."""
        if self._converters is None:
            import opencc

            self._converters = [opencc.OpenCC(name) for name in self.chain]
        return self._converters

    def convert(self, text: str, chain: list[Any] | None = None) -> str:
        for converter in self.converters() if chain is None else chain:
            text = converter.convert(text)
        return text

    def convert_ambiguous(self, text: str) -> str:
        """Convert the lines that are not already a ``t2s`` output (see ``ROUND_TRIP``)."""
        if self._round_trip is None:
            import opencc

            self._round_trip = [opencc.OpenCC(name) for name in ROUND_TRIP]
        converted = self.convert(text).split("\n")
        kept = self.convert(text, self._round_trip).split("\n")
        lines = text.split("\n")
        return "\n".join(line if same == line else new
                         for line, same, new in zip(lines, kept, converted))

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None, "text stages run after decoding"
        text = doc.text
        if not HAN.search(text):
            doc.metadata["script"] = {"before": counts(0, 0), "after": counts(0, 0),
                                      "config": self.config_name}
            return doc
        before = measure(text)
        after = before
        if self.custom:
            converted = self.guarded(doc, text)
        elif self.chain and before[self.forbidden]:
            converted = self.convert(text)
        elif self.forbidden == "traditional" and AMBIGUOUS.search(text):
            converted = self.convert_ambiguous(text)
        else:
            converted = text
        if converted != text:
            record_line_changes(doc, self.name, "convert", text, converted)
            doc.text = converted
            after = self.measure_converted(converted)
        doc.metadata["script"] = {"before": before, "after": dict(after),
                                  "config": self.config_name}
        return doc

    def measure_converted(self, text: str) -> dict[str, Any]:
        """The target's output has no forbidden character by construction: count the rest."""
        if self.custom:
            return measure(text)
        if self.forbidden == "traditional":
            return counts(0, SIMPLIFIED_ONLY.count(text, has_astral(text)))
        return counts(TRADITIONAL_ONLY.count(text, has_astral(text)), 0)

    def guarded(self, doc: Document, text: str) -> str:
        """A user's configuration may not be idempotent (``s2twp``: 演算法 -> 演演算法): keep each
        line whose conversion would change again, so running the stage twice changes nothing."""
        once = self.convert(text)
        if once == text:
            return text
        twice = self.convert(once)
        if twice == once:
            return once
        lines = once.split("\n")
        for number, (original, first, second) in enumerate(
                zip(text.split("\n"), lines, twice.split("\n")), start=1):
            if first != second:
                lines[number - 1] = original
                doc.warn(self.name, "unstable-conversion",
                         f"OpenCC configuration {self.config_name!r} is not idempotent on this "
                         "line; left unconverted", line=number)
        return "\n".join(lines)


@hookimpl
def register_stages(register):  # type: ignore[no-untyped-def]
    register(ScriptStage)
