"""Throughput of the ``script`` stage against raw OpenCC on the same text (run on demand).

``python benchmarks/bench_script.py [FILE ...]`` (default: the scraped sample pages, raw and
cleaned, each page a document as in a batch run) prints, for each target, MB/s of the OpenCC
conversion(s) it uses, of the stage with each counting backend (``re``: the standard library,
what a short run uses; ``numpy``: what the stage switches to once a process has scanned a few MB,
see ``script_count``), and the ratio stage / OpenCC. The stage should stay at or above 0.7 on
the raw pages; on the cleaned (simplified) pages ``--to simplified`` should cost a fraction of
``t2s``. Rounds of OpenCC and of the stage alternate, and the best of each is kept, so that the
ratio is measured in the same conditions on a shared machine; times are CPU times (waiting for a
core is not ours).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import opencc

from cleanse import Document
from cleanse_plugins.script import TARGETS, ScriptStage
from cleanse_plugins.script_count import use_numpy

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def scraped(folder: str) -> list[Path]:
    return [SAMPLES / folder / p.name for p in sorted((SAMPLES / "raw").glob("*.txt"))
            if (SAMPLES / "labels" / f"{p.stem}.labels.tsv").exists()]


def best_of(runs: dict[str, Callable[[], object]], rounds: int = 30) -> dict[str, float]:
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - start)
    return best


def bench(label: str, texts: list[str]) -> None:
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"{label}: {len(texts)} documents, {size * 1e3:.0f} kB")
    for target, chain in TARGETS.items():
        if not chain:
            continue
        converters = [opencc.OpenCC(name) for name in chain]

        def raw(converters: list[opencc.OpenCC] = converters) -> None:
            for text in texts:
                for converter in converters:
                    text = converter.convert(text)

        runs: dict[str, Callable[[], object]] = {"opencc": raw}
        for backend in ("re", "numpy"):
            use_numpy(backend == "numpy")
            stage = ScriptStage(to=target)
            for text in texts:  # build converters, compile patterns, fill tables
                stage(Document(source="<bench>", text=text))

            def staged(stage: ScriptStage = stage, backend: str = backend) -> None:
                use_numpy(backend == "numpy")
                for text in texts:
                    stage(Document(source="<bench>", text=text))

            runs[backend] = staged
        best = best_of(runs)
        use_numpy(None)
        rate = {name: size / seconds for name, seconds in best.items()}
        print(f"  {target:12} {'+'.join(chain):12} opencc {rate['opencc']:7.1f} MB/s  "
              f"stage re {rate['re']:7.1f} MB/s (ratio {rate['re'] / rate['opencc']:.2f})  "
              f"numpy {rate['numpy']:7.1f} MB/s (ratio {rate['numpy'] / rate['opencc']:.2f})")


def main(paths: list[str]) -> None:
    if paths:
        bench("given files", [Path(p).read_text(encoding="utf-8") for p in paths])
        return
    bench("raw pages", [p.read_text(encoding="utf-8") for p in scraped("raw")])
    bench("cleaned pages", [p.read_text(encoding="utf-8") for p in scraped("clean")])


if __name__ == "__main__":
    main(sys.argv[1:])
