"""How much the ``mojibake`` stage costs on clean text, against ``ftfy.fix_text`` on all of it.

The stage only looks closer where a cheap regex finds a sign of mojibake, so on clean text it
should cost a small fraction of running ftfy everywhere. The corpus is the sample pages' clean
sentences in simplified and traditional Chinese (OpenCC), plus Japanese, Korean and English
with curly quotes, repeated to about a megabyte. Both runs happen here, one after the other, so
the ratio does not depend on the machine.

It also times the stage on the three corpora of ``bench_pipeline.py``, (a) clean simplified
text, (b) the raw sample pages, (c) mojibake and legacy encodings, each decoded as the pipeline
decodes it, against OpenCC t2s on the same text (issue 7's budget: about 5x t2s's MB/s on (a)).

    python benchmarks/bench_mojibake.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import ftfy
import opencc

from cleanse import Document
from cleanse_plugins.decode import DecodeStage
from cleanse_plugins.mojibake import MojibakeStage

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import corpus_a, corpus_b, corpus_c, repeat  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "raw"
OTHERS = [
    "東京は日本の首都であり、世界でも有数の大都市です。「ありがとう」と彼は言った。",
    "서울은 대한민국의 수도이며, 한강이 도시를 가로질러 흐릅니다. “안녕하세요”라고 말했다.",
    "“Smart quotes” and ‘single ones’ — with an em dash… and café, naïve, Äpfel.",
]
PINYIN = re.compile(r"\([a-zàáǎāèéěēìíǐīòóǒōùúǔūǘǚǜü]+\)")


def corpus(size: int = 1_000_000) -> str:
    """Clean paragraphs only: lines with a broken-converter annotation or a ``?`` are dropped."""
    lines = [line for path in sorted(p for p in SAMPLES.glob("*.txt") if (SAMPLES.parent / "labels" / f"{p.stem}.labels.tsv").exists())
             for line in path.read_text("utf-8").splitlines()
             if line.strip() and "?" not in line and not PINYIN.search(line)]
    text = "\n".join(lines)
    base = "\n".join([opencc.OpenCC("t2s").convert(text), opencc.OpenCC("s2t").convert(text),
                      *OTHERS])
    return "\n".join([base] * (size // len(base) + 1))


def best_of(runs: int, func) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    text = corpus()
    stage = MojibakeStage()
    doc = stage(Document(source="<bench>", text=text))
    assert doc.text == text and not doc.changes, "the benchmark corpus must be clean"
    ftfy_time = best_of(3, lambda: ftfy.fix_text(text))
    stage_time = best_of(5, lambda: stage(Document(source="<bench>", text=text)))
    print(f"corpus: {len(text):,} characters")
    print(f"ftfy.fix_text on everything: {ftfy_time * 1000:8.1f} ms")
    print(f"mojibake stage:              {stage_time * 1000:8.1f} ms")
    print(f"ratio: {ftfy_time / stage_time:.1f}x (target: at least 20x)")
    corpora()


def corpora(size: int = 2_000_000) -> None:
    """The stage's MB/s on (a), (b), (c), and t2s's on the same text, in this run."""
    decode, stage, t2s = DecodeStage(), MojibakeStage(), opencc.OpenCC("t2s")
    print(f"{'corpus':<24}{'MB':>6}{'mojibake':>10}{'t2s':>9}{'mojibake/t2s':>14}   (MB/s)")
    for label, docs in (("(a) clean simplified", corpus_a()), ("(b) raw sample pages",
                        corpus_b()), ("(c) mojibake + legacy", corpus_c())):
        texts = [decode(Document(source="bench", raw=doc)).text or "" for doc in
                 repeat(docs, size)]
        megabytes = sum(len(text.encode()) for text in texts) / 1e6
        ours = best_of(3, lambda texts=texts: [stage(Document(source="bench", text=t))
                                               for t in texts])
        theirs = best_of(3, lambda texts=texts: [t2s.convert(t) for t in texts])
        print(f"{label:<24}{megabytes:>6.1f}{megabytes / ours:>10.1f}{megabytes / theirs:>9.1f}"
              f"{theirs / ours:>14.2f}")


if __name__ == "__main__":
    main()
