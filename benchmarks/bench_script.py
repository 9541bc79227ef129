"""Throughput of the ``script`` stage against raw OpenCC on the same text (run on demand).

``python benchmarks/bench_script.py [FILE ...]`` (default: the sample pages) prints MB/s of the
OpenCC conversion(s) each target uses, of the stage, and their ratio. The stage should stay at
or above 70% of raw OpenCC: it adds only counting and one line comparison to the conversion.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import opencc

from cleanse import Document
from cleanse_plugins.script import TARGETS, ScriptStage

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "raw"


def best_seconds(run: Callable[[], object], rounds: int = 15) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or sorted(p for p in SAMPLES.glob("*.txt") if (SAMPLES.parent / "labels" / f"{p.stem}.labels.tsv").exists())
    texts = [path.read_text(encoding="utf-8") for path in files]
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"{len(texts)} files, {size * 1e3:.0f} kB")
    for target, chain in TARGETS.items():
        if not chain:
            continue
        converters = [opencc.OpenCC(name) for name in chain]
        stage = ScriptStage(to=target)
        stage.converters()

        def raw(converters: list[opencc.OpenCC] = converters) -> None:
            for text in texts:
                for converter in converters:
                    text = converter.convert(text)

        def staged(stage: ScriptStage = stage) -> None:
            for text in texts:
                stage(Document(source="<bench>", text=text))

        raw_rate, stage_rate = size / best_seconds(raw), size / best_seconds(staged)
        print(f"{target:12} {'+'.join(chain):12} opencc {raw_rate:7.1f} MB/s  "
              f"stage {stage_rate:7.1f} MB/s  ratio {stage_rate / raw_rate:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
