"""Stage ``script``: one Chinese script for the whole text, converted phrase by phrase by OpenCC.

Targets and the OpenCC configurations behind them:

- ``simplified`` (default): ``t2s``, line by line; the result equals ``t2s`` of the input except
  where ``t2s`` is not idempotent (see ``script_simplified``: 毕昇 is kept, not made 毕升).
  Not ``tw2s``: it maps every lone 著 to 着, which is right for Taiwan text (看著) but turns
  clean simplified 显著 into 显着, so it damages simplified text and is not idempotent.
- ``traditional``: ``s2t`` (OpenCC standard traditional).
- ``taiwan``: ``tw2sp`` then ``s2twp``. Taiwan phrases are matched on simplified text, so text that
  is already (partly) traditional goes to simplified first with the inverse phrase table
  (軟體 -> 软件 -> 軟體, not 軟體 left as is beside 软件 -> 軟體).
- ``hongkong``: ``hk2s`` then ``s2hk``, for the same reason.
- ``keep``: no conversion, the script is only measured.
- ``--opencc-config NAME``: any OpenCC configuration; a line it would change again when run on
  its own output is left unconverted, with a warning.

Idempotence of the traditional targets is built in, not hoped for: OpenCC's conversions to
traditional are not idempotent on their own output (measured on the same texts as ``t2s``:
``s2t`` changes about 1,200 of 130,803 lines again, 人数里边 -> 人數里邊 -> 人數裏邊; ``s2twp``
turns 腦梗塞 into 腦梗塞塞, and in OpenCC 1.1 演算法 into 演演算法). So they convert only a text
that contains a simplified-only character, and by construction no OpenCC output to traditional
contains one (see ``script_build_charsets``): converted text, and text already in the target
script, is left alone. Traditional input to a regional target is re-regionalised only when it
contains simplified characters; use ``--opencc-config t2tw`` to force it (``t2tw`` and ``t2hk``
changed nothing on their second run).

Cost: a text without Han characters costs one regex search. Otherwise the stage counts
traditional-only and simplified-only characters (``script_count``: block regexes, or numpy in a
long run), and for ``simplified`` converts only the lines ``t2s`` may change (none, in clean
simplified text); the counts after conversion come from the changed lines.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from cleanse import Document, Option, Stage, hookimpl, record_line_changes
from cleanse_plugins.script_charsets import SIMPLIFIED
from cleanse_plugins.script_count import CharClass, has_astral, numpy_in_use
from cleanse_plugins.script_foreign import foreign_lines
from cleanse_plugins.script_guard import may_show_sign, mojibake_made
from cleanse_plugins.script_simplified import TRADITIONAL_ONLY, Simplified, Simplifier

TARGETS: dict[str, tuple[str, ...]] = {
    "simplified": ("t2s",),
    "traditional": ("s2t",),
    "taiwan": ("tw2sp", "s2twp"),
    "hongkong": ("hk2s", "s2hk"),
    "keep": (),
}
#: Tells ``simplified`` whether a line is already ``t2s`` output (see ``script_simplified``).
ROUND_TRIP = ("s2t", "t2s")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]")
SIMPLIFIED_ONLY = CharClass(SIMPLIFIED)


def verdict(traditional: int, simplified: int) -> str:
    if traditional and simplified:
        return "mixed"
    if traditional:
        return "traditional"
    return "simplified" if simplified else "none"


def counts(traditional: int, simplified: int) -> dict[str, Any]:
    return {"traditional": traditional, "simplified": simplified,
            "verdict": verdict(traditional, simplified)}


def measure(text: str, astral: bool | None = None) -> dict[str, Any]:
    """Counts of traditional-only and simplified-only characters, and the verdict."""
    if astral is None:
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
        self._simplifier: Simplifier | None = None

    @property
    def config_name(self) -> str | None:
        return "+".join(self.chain) or None

    def converters(self) -> list[Any]:
        """OpenCC converters, built on first use: loading dictionaries costs milliseconds."""
        if self._converters is None:
            import opencc

            self._converters = [opencc.OpenCC(name) for name in self.chain]
        return self._converters

    def convert(self, text: str) -> str:
        for converter in self.converters():
            text = converter.convert(text)
        return text

    def simplifier(self) -> Simplifier:
        if self._simplifier is None:
            def round_trip() -> Any:
                import opencc

                there, back = (opencc.OpenCC(name) for name in ROUND_TRIP)
                return lambda text: back.convert(there.convert(text))

            self._simplifier = Simplifier(self.convert, round_trip)
        return self._simplifier

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None, "text stages run after decoding"
        text = doc.text
        if not HAN.search(text):
            doc.metadata["script"] = {"before": counts(0, 0), "after": counts(0, 0),
                                      "config": self.config_name}
            return doc
        astral = has_astral(text)
        if self.forbidden == "traditional" and not self.custom:
            return self.simplify(doc, text, astral)
        before = measure(text, astral)
        after = before
        converted = text
        if self.custom:
            converted = self.guarded(doc, text)
            if converted != text:
                after = measure(converted)
        elif self.chain and before["simplified"]:
            converted = self.convert(text)
            if converted != text:
                after = counts(TRADITIONAL_ONLY.count(converted, has_astral(converted)), 0)
        left: dict[str, int] = {}
        if converted != text:
            kept, left = self.without_foreign(text, converted)
            kept = self.without_mojibake(doc, text, kept)
            if kept != converted:
                converted, after = kept, measure(kept)
        if converted != text:
            record_line_changes(doc, self.name, "convert", text, converted)
            doc.text = converted
        doc.metadata["script"] = {"before": before, "after": dict(after),
                                  "config": self.config_name, **self.left(left)}
        return doc

    def simplify(self, doc: Document, text: str, astral: bool) -> Document:
        """``--to simplified``; the counts come from the lines the conversion looked at."""
        simplifier = self.simplifier()
        traditional = TRADITIONAL_ONLY.count(text, astral) if numpy_in_use(len(text)) else None
        result = simplifier(text, astral, traditional)
        for line in simplifier.unsettled_lines:
            doc.warn(self.name, "unstable-conversion",
                     "t2s keeps changing its own output on this line; converted as far as "
                     "it goes", line=line)
        simplified = SIMPLIFIED_ONLY.count(text, astral)
        if traditional is None:
            picked = text if result.picked is None else result.picked
            traditional = TRADITIONAL_ONLY.count(picked, astral)
        before = counts(traditional, simplified)
        after = before
        left: dict[str, int] = {}
        if result.text != text:
            kept, left = self.without_foreign(text, result.text)
            kept = self.without_mojibake(doc, text, kept,
                                         result.changed if kept is result.text else None)
            if kept == result.text:
                after = counts(0, self.simplified_after(result, simplified))
            else:  # a line kept traditional: rare, so counted again
                after = measure(kept)
            if kept != text:
                record_line_changes(doc, self.name, "convert", text, kept)
                doc.text = kept
        doc.metadata["script"] = {"before": before, "after": dict(after),
                                  "config": self.config_name, **self.left(left)}
        return doc

    @staticmethod
    def left(counts: dict[str, int]) -> dict[str, Any]:
        """The sidecar's ``left`` entry: lines left unconverted by language, when any."""
        return {"left": dict(sorted(counts.items()))} if counts else {}

    @staticmethod
    def without_foreign(text: str, converted: str) -> tuple[str, dict[str, int]]:
        """``converted`` with its Japanese and Korean lines as they were (``script_foreign``),
        and how many lines of each language the conversion would have changed."""
        foreign = foreign_lines(text, HAN)
        if not foreign:
            return converted, {}
        old, new = text.split("\n"), converted.split("\n")
        if len(old) != len(new):
            return converted, {}
        counts: dict[str, int] = {}
        for index, language in foreign.items():
            if new[index] != old[index]:  # a line the conversion would have changed
                new[index] = old[index]
                counts[language] = counts.get(language, 0) + 1
        return ("\n".join(new), counts) if counts else (converted, {})

    @staticmethod
    def simplified_after(result: Simplified, before: int) -> int:
        """Simplified-only characters after the conversion: only the changed lines are counted
        again when the conversion went line by line."""
        if result.changed is None:
            return SIMPLIFIED_ONLY.count(result.text, has_astral(result.text))
        was = "\n".join(old for old, _ in result.changed)
        now = "\n".join(new for _, new in result.changed)
        return (before - SIMPLIFIED_ONLY.count(was, has_astral(was))
                + SIMPLIFIED_ONLY.count(now, has_astral(now)))

    def without_mojibake(self, doc: Document, text: str, converted: str,
                         changed: list[tuple[str, str]] | None = None) -> str:
        """``converted``, with each line whose conversion makes mojibake put back as it was
        (``script_guard``). ``changed``: the (before, after) lines, when already known."""
        if changed is None:
            if not may_show_sign(converted):
                return converted
            changed = [(was, now) for was, now in zip(text.split("\n"), converted.split("\n"))
                       if was != now]
        made = mojibake_made(changed)
        if not made:
            return converted
        old, new = text.split("\n"), converted.split("\n")
        numbers = [number for number, (was, now) in enumerate(zip(old, new)) if was != now]
        for index in made:
            number = numbers[index]
            new[number] = old[number]
            doc.warn(self.name, "makes-mojibake",
                     "converting this line would make a run that reads as mojibake; "
                     "left unconverted", line=number + 1)
        return "\n".join(new)

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
