"""Benchmark of the decode stage: its share of the default pipeline on UTF-8 input, its
throughput, and (with --accuracy) the exact-decoding table per encoding and length bucket.

    python benchmarks/bench_decode.py [--repeat N] [--accuracy]
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import time
from pathlib import Path

import cleanse
from cleanse import Document
from cleanse_plugins.decode import decode_bytes

ROOT = Path(__file__).resolve().parent.parent


def pages() -> list[bytes]:
    return [path.read_bytes() for path in sorted((ROOT / "samples" / "raw").glob("*.txt"))]


def pipeline_share(repeat: int) -> None:
    """Run the default pipeline on the sample pages and compare the stages' times."""
    pipeline = cleanse.make_pipeline()
    docs = pages() * repeat
    size = sum(map(len, docs))
    start = time.perf_counter()
    for index, raw in enumerate(docs):
        try:
            pipeline.run(Document.from_input(raw, source=f"page-{index}"))
        except cleanse.CleanseError as error:
            print(f"page-{index}: {error}")
    total = time.perf_counter() - start
    stats = pipeline.stats
    decode = stats["decode"].seconds
    print(f"default pipeline on {len(docs)} UTF-8 pages, {size / 1e6:.2f} MB: {total:.3f} s")
    for name, stat in stats.items():
        print(f"  {name:12} {stat.seconds * 1000:9.2f} ms  {stat.seconds / total:6.2%}")
    print(f"decode share of the pipeline: {decode / total:.2%} (target < 5%)")
    if "whitespace" in stats:
        print(f"decode time / whitespace time: {decode / stats['whitespace'].seconds:.2f}")


def throughput() -> None:
    """MB/s of decode_bytes on one large buffer per kind of input (after one warm-up call that
    builds the character tables, a one-time cost reported separately)."""
    text = b"".join(pages()).decode("utf-8")
    big = (text * 200).encode("utf-8")
    legacy = "".join(line for line in (text * 4).splitlines(True) if _gbk_ok(line)).encode("gbk")
    start = time.perf_counter()
    decode_bytes("中文".encode("gbk") * 20)
    print(f"one-time set-up of the legacy detector: {time.perf_counter() - start:.3f} s")
    for label, data in (("UTF-8", big), ("GBK (detected)", legacy),
                        ("UTF-16-LE (no BOM)", (text * 4).encode("utf-16-le"))):
        start = time.perf_counter()
        decoded = decode_bytes(data)
        seconds = time.perf_counter() - start
        print(f"{label:20} {len(data) / 1e6:7.2f} MB  {len(data) / 1e6 / seconds:9.1f} MB/s"
              f"  -> {decoded.encoding}")


def _gbk_ok(line: str) -> bool:
    try:
        line.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def accuracy() -> None:
    """Exact-decoding rate per encoding and length bucket on the fixture corpus."""
    spec = importlib.util.spec_from_file_location(
        "decode_corpus", ROOT / "tests" / "fixtures" / "encodings" / "corpus.py")
    assert spec and spec.loader
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="copies of the sample pages")
    parser.add_argument("--accuracy", action="store_true", help="also print the accuracy table")
    args = parser.parse_args()
    pipeline_share(args.repeat)
    throughput()
    if args.accuracy:
        accuracy()


if __name__ == "__main__":
    main()
