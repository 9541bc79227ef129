"""Throughput of the ``pinyin`` stage, run on demand: ``python benchmarks/bench_pinyin.py``.

Prints MB/s (UTF-8 bytes of input per second, best of several runs) for:

- candidate-free text (the sample pages that carry no annotation, but plenty of ordinary
  parentheticals), next to a plain ``str.count`` over the same text, which is the floor;
- sample-like text (the heavily annotated sample page, repeated);
- the one-off cost of importing pypinyin, paid at the first candidate of a process.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import best_of  # noqa: E402

from cleanse import Document  # noqa: E402
from cleanse_plugins.pinyin import PinyinStage  # noqa: E402

RAW = Path(__file__).resolve().parent.parent / "samples" / "raw"
TARGET_BYTES = 8_000_000


def _read(pattern: str) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in sorted(RAW.glob(pattern)))


def _repeat(text: str, size: int = TARGET_BYTES) -> str:
    return text * max(1, size // len(text.encode("utf-8")))


def _best(func: Callable[[], object], runs: int = 7) -> float:
    return best_of(func, runs)


def _report(label: str, text: str, seconds: float) -> None:
    megabytes = len(text.encode("utf-8")) / 1e6
    print(f"{label:<44} {megabytes / seconds:9.0f} MB/s  ({megabytes:.1f} MB)")


def main() -> None:
    stage = PinyinStage()
    free = _repeat(_read("00[13]_*.txt"))
    plain = _repeat("".join(ch for ch in free[:200_000] if ch not in "(（"))

    def run(text: str) -> Callable[[], Document]:
        return lambda: stage(Document(source="bench", text=text))

    _report("str.count('(') baseline, candidate-free", free, _best(lambda: free.count("(")))
    _report("str.count('(')+count('（'), candidate-free", free,
            _best(lambda: free.count("(") + free.count("\uff08")))
    _report("pinyin stage, candidate-free", free, _best(run(free)))
    _report("pinyin stage, no parenthesis at all", plain, _best(run(plain)))
    imported = "pypinyin" in sys.modules
    print(f"{'pypinyin imported by candidate-free runs':<44} {'yes' if imported else 'no'}")

    sample = _read("000_*.txt")
    start = time.perf_counter()
    stage(Document(source="bench", text="創(chuàng)"))
    print(f"{'first candidate (imports pypinyin)':<44} {time.perf_counter() - start:9.3f} s")

    annotated = _repeat(sample, TARGET_BYTES // 8)
    doc = run(annotated)()
    _report("pinyin stage, sample-like (annotated)", annotated, _best(run(annotated), runs=3))
    print(f"{'annotations removed per run':<44} {doc.metadata['pinyin']['removed']:9d}")


if __name__ == "__main__":
    main()
