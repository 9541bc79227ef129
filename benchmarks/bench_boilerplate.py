"""Throughput of ``boilerplate``, ``hashtags`` and ``dedupe`` against OpenCC t2s in the same run.

Each stage gets the text the default pipeline hands it (the stages before it have run), on the
corpora of ``bench_pipeline.py``: (a) clean simplified text, (b) the raw sample pages, (c)
mojibake and legacy encodings. The t2s column converts the corpus text itself; a stage on clean
text should run at several times t2s's MB/s, on raw pages at least at t2s's.

    python benchmarks/bench_boilerplate.py [--size BYTES]

Output check: ``--save FILE`` records a digest of what the three stages make of ``--pages``
generated pages (sample pages shuffled, cut, repeated, partly traditional, with labelled
boilerplate at their edges); ``--compare FILE``, run on other code, names the pages that
come out otherwise (``tests/data/boilerplate_digests.json`` is such a record; the tests check
its first pages).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_pipeline import best_of, corpus_a, corpus_b, corpus_c, repeat  # noqa: E402

STAGES = ("boilerplate", "hashtags", "dedupe")


def best(run: Callable[[], object], rounds: int = 5) -> float:
    """Best CPU time of ``rounds`` runs: on a shared machine, waiting for a core is not ours."""
    return best_of(run, rounds, time.process_time)


def stage_inputs(pipeline, docs: list[bytes]) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The text each stage of ``STAGES`` receives, per document, in the default pipeline."""
    from cleanse import Document

    inputs: dict[str, list[str]] = {name: [] for name in STAGES}
    for raw in docs:
        doc = Document(source="bench", raw=raw)
        for stage in pipeline.stages:
            if stage.name in inputs:
                inputs[stage.name].append(doc.text)
            doc = stage(doc)
    return inputs


def check(args: argparse.Namespace) -> int:
    """``--save`` or ``--compare`` the digests of the generated pages' output."""
    import json

    from tests.test_boilerplate_pages import chain_digests, variants

    if args.compare:
        recorded = json.loads(args.compare.read_text(encoding="utf-8"))
        pages = variants(recorded["pages"], seed=recorded["seed"])
        differ = [i for i, (now, then) in enumerate(zip(chain_digests(pages),
                                                        recorded["digests"])) if now != then]
        print(f"{len(pages)} pages, {len(differ)} differ{': ' if differ else ''}"
              f"{' '.join(map(str, differ[:20]))}")
        return 1 if differ else 0
    pages = variants(args.pages, seed=args.seed)
    args.save.write_text(json.dumps({"pages": args.pages, "seed": args.seed,
                                     "digests": chain_digests(pages)}, indent=0) + "\n",
                         encoding="utf-8")
    print(f"{len(pages)} pages recorded in {args.save}")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes per corpus")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", type=int, default=2000, help="generated pages to check")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--save", type=Path, help="record the output digests here, and stop")
    parser.add_argument("--compare", type=Path, help="check the output against this record")
    args = parser.parse_args()
    if args.save or args.compare:
        sys.exit(check(args))

    import opencc

    from cleanse import Document, make_pipeline

    t2s = opencc.OpenCC("t2s")
    pipeline = make_pipeline()
    stages = {stage.name: stage for stage in pipeline.stages}
    print(f"{'corpus':<24}{'MB':>6}{'t2s':>8}" + "".join(f"{name:>13}{'x t2s':>7}"
                                                        for name in STAGES) + "   (MB/s)")
    for label, docs in (("(a) clean simplified", corpus_a()), ("(b) raw sample pages",
                        corpus_b()), ("(c) mojibake + legacy", corpus_c())):
        unique = stage_inputs(pipeline, docs)  # warms up every stage's tables too
        docs = repeat(docs, args.size)
        megabytes = sum(map(len, docs)) / 1e6
        texts = [doc.decode("utf-8", errors="replace") for doc in docs]
        per_doc = len(docs) // (len(unique[STAGES[0]]) or 1) + 1
        inputs = {name: (texts_in * per_doc)[:len(docs)] for name, texts_in in unique.items()}
        opencc_s = best(lambda texts=texts: [t2s.convert(text) for text in texts], args.rounds)
        row = f"{label:<24}{megabytes:>6.1f}{megabytes / opencc_s:>8.1f}"
        for name in STAGES:
            stage, given = stages[name], inputs[name]
            seconds = best(lambda stage=stage, given=given: [
                stage(Document(source="bench", text=text)) for text in given], args.rounds)
            row += f"{megabytes / seconds:>13.1f}{opencc_s / seconds:>7.2f}"
        print(row)


if __name__ == "__main__":
    main()
