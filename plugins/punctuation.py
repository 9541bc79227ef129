"""Stage ``punctuation``: full width in Han context, ASCII in Latin context.

Scrapers and width normalisers (ftfy's defaults, NFKC) leave Chinese text half converted:
``什么最熱鬧,那非ChatGPT莫屬。``. Following the Chinese punctuation standard (GB/T 15834), a mark
that ends or encloses Chinese text is full width, one inside a Latin run stays ASCII:

- ``,;:?!`` are full width when the nearest character on either side (skipping spaces, quotes and
  other marks) is Han, ASCII when both sides are Latin: ``3月20日,創新`` -> ``3月20日，創新``,
  ``A100,H100``, ``1,000``, ``10:30`` unchanged. A comma between Latin and Han (``GPT-3,还有``)
  ends a Chinese clause, so it becomes full width.
- Parentheses are decided as a pair: full width around Han text (``(AI架構)`` -> ``（AI架構）``)
  and around Latin text between Han (``大学(CMU)的``); ASCII around Latin text that touches
  Latin (``Model(LLM)是``), so no full-width mark sits inside a Latin run.
- ``.`` becomes ``。`` only right after Han at a sentence end; ``01.为什么``, ``3.5``, ``Boson.ai``
  stay. ``...`` after Han becomes ``……``, ``……`` inside a Latin run ``...``. Dashes and ASCII
  quotes are left alone: their role cannot be told from context.
- URLs and e-mail addresses are never touched; full-width Latin letters and digits become ASCII.
- A line holding Hangul is Korean, which writes ASCII punctuation beside Hangul and hanja alike
  (``우아(優雅)한``, ``납!! 因``): it is left as it is. Judged as ``hashtags`` will leave it: a
  Hangul tag makes no Korean line.

The rules are in ``punctuation_rules``; ``punctuation_scan`` applies them to a whole page, paying
only near the marks they can change. The pairs live in ``data/punctuation.toml``;
``--punctuation`` picks ``auto`` (the above),
``fullwidth`` (also full width where no Latin run says otherwise), ``halfwidth`` or ``keep``.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any, ClassVar

from cleanse import Document, Option, Stage, hookimpl, record_line_changes
from cleanse_plugins.later_stages import later_view
from cleanse_plugins.punctuation_rules import HANGUL, Counts, Mode, Table
from cleanse_plugins.punctuation_scan import convert

MODES = ("auto", "fullwidth", "halfwidth", "keep")


class PunctuationStage(Stage):
    name = "punctuation"
    description = "Full-width punctuation in Han context, ASCII in Latin context"
    default_config: ClassVar[dict[str, Any]] = {"mode": "auto"}
    options = (
        Option("mode", "--punctuation",
               "Punctuation width, e.g. --punctuation halfwidth (default: auto, by context).",
               choices=MODES),
    )

    def __init__(self, **config: Any) -> None:
        super().__init__(**config)
        self._table: Table | None = None

    @property
    def table(self) -> Table:
        if self._table is None:
            self._table = Table.load()
        return self._table

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None, "text stages run after decoding"
        mode = self.config["mode"]
        if mode == "keep":
            return doc
        text, counts = convert_outside_korean(doc.text, self.table, mode)
        doc.metadata["punctuation"] = dict(vars(counts))
        if text != doc.text:
            record_line_changes(doc, self.name, "punctuation", doc.text, text)
            doc.text = text
        return doc


def convert_outside_korean(text: str, table: Table, mode: Mode) -> tuple[str, Counts]:
    """``convert`` on every run of lines without Hangul; the Korean lines stay as they are."""
    if HANGUL.search(text) is None:
        return convert(text, table, mode)
    counts, pieces = Counts(), []
    def korean(line: str) -> bool:
        return bool(HANGUL.search(line)) and bool(HANGUL.search(later_view(line)))

    for is_korean, lines in groupby(text.split("\n"), key=korean):
        piece = "\n".join(lines)
        if not is_korean:
            piece, found = convert(piece, table, mode)
            for name, value in vars(found).items():
                setattr(counts, name, getattr(counts, name) + value)
        pieces.append(piece)
    return "\n".join(pieces), counts


@hookimpl
def register_stages(register):  # type: ignore[no-untyped-def]
    register(PunctuationStage)
