"""Throughput of the whole default pipeline and of each stage, against baselines in the same run.

Corpora (built here from the sample pages, so the numbers are comparable from machine to machine
as ratios):

  (a) clean simplified text: the cleaned sample pages;
  (b) pages like the samples: the raw sample pages;
  (c) a mix with mojibake and legacy encodings: raw pages as GBK and Big5 bytes, UTF-8 read as GBK,
      GBK read as cp1252 and Latin mojibake paragraphs.

Baselines: OpenCC t2s alone, ``ftfy.fix_text`` alone, and the naive chain chardet -> decode ->
ftfy.fix_text -> OpenCC t2s. Also: start-up of ``echo 中文 | cleanse run``, and with ``--scale``
``--jobs 2`` against ``--jobs 1`` on a 50 MB JSONL corpus and peak memory on a large JSONL input.

    python benchmarks/bench_pipeline.py            # a few seconds
    python benchmarks/bench_pipeline.py --scale    # adds the JSONL runs (minutes)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def scraped(folder: str) -> list[Path]:
    """The real scraped pages (those with labels) in ``samples/<folder>``."""
    return [SAMPLES / folder / p.name for p in sorted((SAMPLES / "raw").glob("*.txt"))
            if (SAMPLES / "labels" / f"{p.stem}.labels.tsv").exists()]


def corpus_a() -> list[bytes]:
    return [p.read_bytes() for p in scraped("clean")]


def corpus_b() -> list[bytes]:
    return [p.read_bytes() for p in scraped("raw")]


def corpus_c() -> list[bytes]:
    import opencc

    pages = [p.read_text("utf-8") for p in scraped("clean")]
    docs: list[bytes] = []
    for page in pages:
        docs.append(page.encode("gb18030"))
        docs.append(opencc.OpenCC("s2t").convert(page).encode("big5hkscs", errors="replace"))
        paragraphs = page.split("\n")
        mixed = []
        for index, paragraph in enumerate(paragraphs):
            if index % 4 == 1:
                paragraph = paragraph.encode("utf-8").decode("gb18030", errors="replace")
            elif index % 4 == 2:
                paragraph = paragraph.encode("gbk", errors="replace").decode("cp1252",
                                                                             errors="replace")
            elif index % 4 == 3:
                paragraph += " The café’s “menu” — naïve." .encode().decode("cp1252",
                                                                                   errors="replace")
            mixed.append(paragraph)
        docs.append("\n".join(mixed).encode("utf-8"))
    return docs


def repeat(docs: list[bytes], size: int) -> list[bytes]:
    out, total = [], 0
    while total < size:
        for doc in docs:
            out.append(doc)
            total += len(doc)
    return out


def timed(func, docs: list, repeats: int = 3) -> float:  # type: ignore[no-untyped-def]
    """Best wall time of ``repeats`` runs of func over docs, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for doc in docs:
            func(doc)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=2_000_000, help="bytes per corpus")
    parser.add_argument("--scale", action="store_true", help="also run the JSONL scale runs")
    args = parser.parse_args()

    import chardet
    import ftfy
    import opencc

    from cleanse import Document, make_pipeline

    t2s = opencc.OpenCC("t2s")
    pipeline = make_pipeline()
    pipeline.run(Document(source="warm-up", raw=corpus_b()[0]))  # lazy imports and tables
    ftfy.fix_text("warm-up")
    chardet.detect("预热".encode("gbk"))

    def naive(data: bytes) -> str:
        guess = chardet.detect(data[:65536])["encoding"] or "utf-8"
        return t2s.convert(ftfy.fix_text(data.decode(guess, errors="replace")))

    print(f"{'corpus':<28}{'MB':>6}{'cleanse':>10}{'t2s':>9}{'ftfy':>9}{'naive':>9}"
          f"{'vs t2s':>9}{'vs ftfy':>9}{'vs naive':>10}   (MB/s, single core)")
    for label, docs in (("(a) clean simplified", corpus_a()), ("(b) pages like the samples",
                        corpus_b()), ("(c) mojibake + legacy", corpus_c())):
        docs = repeat(docs, args.size)
        megabytes = sum(map(len, docs)) / 1e6
        texts = [doc.decode("utf-8", errors="replace") for doc in docs]
        pipeline.stats.clear()
        ours = timed(lambda d: pipeline.run(Document(source="bench", raw=d)), docs, 1)
        per_stage = {name: s.seconds for name, s in pipeline.stats.items()}
        opencc_s = timed(t2s.convert, texts)
        ftfy_s = timed(ftfy.fix_text, texts, 1)
        naive_s = timed(naive, docs, 1)
        print(f"{label:<28}{megabytes:>6.1f}{megabytes / ours:>10.2f}{megabytes / opencc_s:>9.2f}"
              f"{megabytes / ftfy_s:>9.2f}{megabytes / naive_s:>9.2f}{opencc_s / ours:>9.2f}"
              f"{ftfy_s / ours:>9.2f}{naive_s / ours:>10.2f}")
        stages = "  ".join(f"{name} {megabytes / seconds:.0f}" for name, seconds in
                           per_stage.items() if seconds > 0)
        print(f"    per stage, MB/s: {stages}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {rss:.0f} MB")
    startup()
    if args.scale:
        scale()


def startup() -> None:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cleanse", "run"], input="中文\n".encode(),
                       capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    print(f"start-up, echo 中文 | cleanse run: {best:.3f} s (best of 5)")


def make_jsonl(path: Path, size: int) -> None:
    pages = [p.read_text("utf-8") for p in scraped("raw")]
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        index = 0
        while written < size:
            line = json.dumps({"id": index, "text": pages[index % len(pages)]}, ensure_ascii=False)
            handle.write(line + "\n")
            written += len(line.encode()) + 1
            index += 1


def run_cli(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the largest process of a cleanse run."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cleanse", "run", "-q", *args], check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, rss


def scale() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_jsonl(corpus, 50_000_000)
        one, _ = run_cli(["--jsonl", str(corpus), "-o", os.devnull, "-j", "1"])
        two, _ = run_cli(["--jsonl", str(corpus), "-o", os.devnull, "-j", "2"])
        print(f"50 MB JSONL: -j 1 {50 / one:.2f} MB/s, -j 2 {50 / two:.2f} MB/s, "
              f"speed-up {one / two:.2f}x")
        big = Path(tmp) / "big.jsonl"
        make_jsonl(big, int(os.environ.get("CLEANSE_BENCH_BIG", 1_000_000_000)))
        wall, rss = run_cli(["--jsonl", str(big), "-o", os.devnull, "-j", "2"])
        size = big.stat().st_size / 1e6
        print(f"{size:.0f} MB JSONL, -j 2: {wall:.0f} s, peak RSS of one process {rss:.0f} MB")


if __name__ == "__main__":
    main()
