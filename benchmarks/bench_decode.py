"""Benchmark of the decode stage: its MB/s on the corpora of bench_pipeline.py against OpenCC
t2s in the same run, its share of the default pipeline on UTF-8 input, and (with --accuracy)
the exact-decoding tables: one encoding per file by length bucket, and files of two encodings.

    python benchmarks/bench_decode.py [--size BYTES] [--accuracy]
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import itertools
import random
import sys
import time
from functools import cache
from pathlib import Path

import cleanse
from cleanse import Document
from cleanse_plugins.decode import DecodeStage, decode_bytes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "encodings"
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_pipeline  # noqa: E402  (the corpora are defined there)

_best = bench_pipeline.timed


def throughput(size: int) -> None:
    """MB/s of the decode stage and of t2s on each corpus; the ratio is what to compare."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    stage = DecodeStage()
    decode_bytes("中文".encode("gbk") * 20)  # one-time tables
    print(f"{'corpus':<26}{'MB':>6}{'decode':>10}{'t2s':>9}{'decode/t2s':>12}   (MB/s)  encodings")
    for label, docs in (("(a) clean simplified", bench_pipeline.corpus_a()),
                        ("(b) pages like samples", bench_pipeline.corpus_b()),
                        ("(c) mojibake + legacy", bench_pipeline.corpus_c())):
        docs = bench_pipeline.repeat(docs, size)
        megabytes = sum(map(len, docs)) / 1e6
        texts = [doc.decode("utf-8", errors="replace") for doc in docs]
        found = collections.Counter(
            stage(Document(source="x", raw=doc)).metadata["encoding"]["encoding"]
            for doc in docs[:30])
        ours = _best(lambda raw: stage(Document(source="bench", raw=raw)), docs)
        theirs = _best(t2s.convert, texts)
        print(f"{label:<26}{megabytes:>6.1f}{megabytes / ours:>10.1f}{megabytes / theirs:>9.1f}"
              f"{theirs / ours:>12.2f}   {dict(found)}")


def pipeline_share(size: int) -> None:
    """The decode stage's share of the whole default pipeline's time on UTF-8 corpora."""
    pipeline = cleanse.make_pipeline()
    pipeline.run(Document(source="warm-up", raw=bench_pipeline.corpus_b()[0]))
    for label, docs in (("(a)", bench_pipeline.corpus_a()), ("(b)", bench_pipeline.corpus_b())):
        docs = [doc for doc in bench_pipeline.repeat(docs, size) if _is_utf8(doc)]
        pipeline.stats.clear()
        start = time.perf_counter()
        for raw in docs:
            pipeline.run(Document(source="bench", raw=raw))
        total = time.perf_counter() - start
        decode = pipeline.stats["decode"].seconds
        print(f"UTF-8 corpus {label}: decode {decode * 1000:.1f} ms of {total * 1000:.0f} ms, "
              f"{decode / total:.2%} of the pipeline (target < 5%)")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@cache
def _corpus():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("decode_corpus", FIXTURES / "corpus.py")
    assert spec and spec.loader
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    return corpus


def accuracy() -> None:
    """Exact-decoding rate per encoding and length bucket on the fixture corpus."""
    corpus = _corpus()
    print(f"{'encoding':12} {'20-200 B':>16} {'200+ B':>16}")
    for codec in corpus.ENCODINGS:
        counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
        for bucket, text in corpus.cases(codec, short=300, long=40):
            try:
                ok = decode_bytes(text.encode(codec)).text == text
            except cleanse.CleanseError:
                ok = False
            counts[bucket][0] += ok
            counts[bucket][1] += 1
        cells = [f"{counts[b][0]}/{counts[b][1]} {counts[b][0] / counts[b][1]:6.1%}"
                 for b in ("20-200", "200+")]
        print(f"{codec:12} {cells[0]:>16} {cells[1]:>16}")


MIXED_CODECS = ("utf-8", "gbk", "big5", "shift_jis", "euc_jp", "euc_kr")
LANGUAGE = {"gbk": "zh-hans", "big5": "zh-hant", "shift_jis": "ja", "euc_jp": "ja", "euc_kr": "ko"}
SOURCES = {"zh-hans": ("text/zh-hans", "cpython/gb2312", "cpython/gbk"),
           "zh-hant": ("text/zh-hant", "cpython/big5"),
           "ja": ("text/ja", "cpython/euc_jp"), "ko": ("text/ko", "cpython/euc_kr")}


def _language(codec: str, other: str) -> str:
    """The language of a run: the encoding's own, or for UTF-8 that of the other run."""
    return LANGUAGE.get(codec) or LANGUAGE.get(other, "zh-hans")


@cache
def _pool(language: str, codec: str) -> list[str]:
    corpus = _corpus()
    lines = []
    for name in SOURCES[language]:
        for line in corpus.read_text(name).split("\n"):
            try:
                line.encode(codec)
            except UnicodeEncodeError:
                continue
            if line.strip() and not line.isascii():
                lines.append(line)
    return lines


def mixed_accuracy(files: int) -> None:
    """Files of two encodings in runs of 3-6 lines (A then B, and A, B, A), every ordered pair."""
    rng = random.Random(11)
    print(f"{'first':>10} {'second':<10} {'A B':>9} {'A B A':>9}")
    total = [0, 0]
    for first, second in itertools.permutations(MIXED_CODECS, 2):
        cells = []
        for pattern in ("AB", "ABA"):
            exact = 0
            for _ in range(files):
                codec = {"A": first, "B": second}
                language = {"A": _language(first, second), "B": _language(second, first)}
                text, raw = "", b""
                for key in pattern:
                    pool = _pool(language[key], codec[key])
                    start = rng.randrange(len(pool))
                    part = "".join(pool[(start + i) % len(pool)] + "\n"
                                   for i in range(rng.randint(3, 6)))
                    text += part
                    raw += part.encode(codec[key])
                try:
                    exact += decode_bytes(raw).text == text
                except cleanse.CleanseError:
                    pass
            cells.append(f"{exact}/{files}")
            total[0] += exact
            total[1] += files
        print(f"{first:>10} {second:<10} {cells[0]:>9} {cells[1]:>9}")
    print(f"mixed files decoded exactly: {total[0]}/{total[1]} {total[0] / total[1]:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes per corpus")
    parser.add_argument("--accuracy", action="store_true", help="also print the accuracy tables")
    parser.add_argument("--mixed-files", type=int, default=30, help="files per pair and pattern")
    args = parser.parse_args()
    throughput(args.size)
    pipeline_share(args.size)
    if args.accuracy:
        accuracy()
        mixed_accuracy(args.mixed_files)


if __name__ == "__main__":
    main()
