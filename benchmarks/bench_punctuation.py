"""Throughput of the ``punctuation`` stage against OpenCC t2s and the line-by-line rules (on demand).

    python benchmarks/bench_punctuation.py [--size BYTES] [--mode auto|fullwidth|halfwidth]

Corpora (a), (b), (c) are those of ``bench_pipeline.py``, run through the stages before
``punctuation`` (decode, mojibake, pinyin, script), so the stage sees what it sees in the
pipeline. For each it prints MB/s of t2s on the same text, of the rules applied line by line
(``convert_lines``, the stage's path before the whole-page scan) and of the stage, the ratios,
and whether both give the same text and counts. Targets (issue 7's speed budget): (a) at >= 5x t2s,
(b) at >= 2x t2s.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_pipeline  # noqa: E402
import opencc  # noqa: E402

from cleanse import Document, make_pipeline, record_line_changes  # noqa: E402
from cleanse_plugins.punctuation import PunctuationStage  # noqa: E402
from cleanse_plugins.punctuation_rules import Counts, Table, fold_width  # noqa: E402
from cleanse_plugins.punctuation_scan import convert_lines  # noqa: E402

best_seconds = bench_pipeline.best_of


def reference_stage(mode: str) -> Callable[[Document], Document]:
    """The stage's ``__call__`` with every line through the rules."""
    table = Table.load()

    def call(doc: Document) -> Document:
        assert doc.text is not None
        counts = Counts()
        text, counts.width_folded = fold_width(doc.text)
        text = convert_lines(text, table, mode, counts)  # type: ignore[arg-type]
        doc.metadata["punctuation"] = counts.__dict__.copy()
        if text != doc.text:
            record_line_changes(doc, "punctuation", "punctuation", doc.text, text)
            doc.text = text
        return doc

    return call


def stage_inputs() -> dict[str, list[str]]:
    before = make_pipeline(stages="decode,mojibake,pinyin,script")
    corpora = {"(a) clean simplified": bench_pipeline.corpus_a(),
               "(b) pages like the samples": bench_pipeline.corpus_b(),
               "(c) mojibake + legacy": bench_pipeline.corpus_c()}
    inputs = {}
    for label, docs in corpora.items():
        texts = []
        for data in docs:
            text = before.run(Document(source="bench", raw=data)).text
            assert text is not None
            texts.append(text)
        inputs[label] = texts
    return inputs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=2_000_000, help="bytes per corpus")
    parser.add_argument("--mode", default="auto", choices=("auto", "fullwidth", "halfwidth"))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    t2s = opencc.OpenCC("t2s")
    stage = PunctuationStage(mode=args.mode)
    old = reference_stage(args.mode)
    print(f"mode {args.mode}; MB/s, single core, best of {args.rounds}")
    print(f"{'corpus':<28}{'MB':>5}{'t2s':>8}{'before':>8}{'stage':>8}"
          f"{'stage/t2s':>11}{'stage/before':>14}  same output")
    for label, texts in stage_inputs().items():
        size = sum(len(text.encode("utf-8")) for text in texts)
        texts = texts * max(1, args.size // size)
        megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
        new_docs = [stage(Document(source="bench", text=text)) for text in texts]
        old_docs = [old(Document(source="bench", text=text)) for text in texts]
        same = all((a.text, a.metadata, a.changes) == (b.text, b.metadata, b.changes)
                   for a, b in zip(new_docs, old_docs))

        def run_t2s(texts: list[str] = texts) -> None:
            for text in texts:
                t2s.convert(text)

        def run_stage(call: Callable[[Document], Document], texts: list[str] = texts
                      ) -> Callable[[], None]:
            def run() -> None:
                for text in texts:
                    call(Document(source="bench", text=text))
            return run

        t2s_s = best_seconds(run_t2s, args.rounds)
        old_s = best_seconds(run_stage(old), max(1, args.rounds // 2))
        new_s = best_seconds(run_stage(stage), args.rounds)
        print(f"{label:<28}{megabytes:>5.1f}{megabytes / t2s_s:>8.1f}{megabytes / old_s:>8.1f}"
              f"{megabytes / new_s:>8.1f}{t2s_s / new_s:>11.2f}{old_s / new_s:>14.1f}  "
              f"{'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
