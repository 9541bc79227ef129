"""Boilerplate, hashtags and dedupe make of generated pages what a recorded version made.

The pages: sample pages with lines shuffled, dropped, repeated, turned traditional, and
labelled boilerplate lines put at their edges. ``benchmarks/bench_boilerplate.py --save``
records a digest of each page's output, ``--compare`` checks code against such a record (2000
pages); here the first pages of ``data/boilerplate_digests.json`` are checked. A change that
makes the stage faster must keep them; one that changes its output on purpose (a rule, the
samples the pages are made from) records them again and says so. Only ``cleanse`` and OpenCC are used, so that older code
can record digests too.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import opencc

from cleanse import Document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAGES = [path.read_text(encoding="utf-8") for path in sorted((SAMPLES / "clean").glob("00*.txt"))]
S2T = opencc.OpenCC("s2t")
DIGESTS = Path(__file__).resolve().parent / "data" / "boilerplate_digests.json"


def variants(count: int, seed: int) -> list[str]:
    """Sample pages with lines shuffled, dropped, repeated, turned traditional, and boilerplate
    lines from the labels put at their edges."""
    rng = random.Random(seed)
    furniture = [row.split("\t")[-1] for path in sorted((SAMPLES / "labels").glob("*.tsv"))
                 for row in path.read_text(encoding="utf-8").splitlines()
                 if "\t" in row and row.split("\t")[1] != "body"]
    furniture += ["#话题# 标题", "首页 > 新闻", "小程序", "传感搜", "  ", "ＡＢＣ１２３标题", "第1期"]
    pages = []
    for _ in range(count):
        lines = rng.choice(PAGES).split("\n")
        for op in rng.sample(range(6), rng.randint(0, 4)):
            if op == 0:
                rng.shuffle(lines)
            elif op == 1:
                lines = [line for line in lines if rng.random() < 0.7]
            elif op == 2:
                lines += rng.sample(lines, min(len(lines), 3))
            elif op == 3:
                lines = [S2T.convert(line) if rng.random() < 0.5 else line for line in lines]
            elif op == 4:
                for _ in range(rng.randint(1, 5)):
                    lines.insert(rng.choice([0, len(lines)]), rng.choice(furniture))
            else:
                lines = lines[:rng.randint(1, 12)]
        if lines and rng.random() < 0.2:  # a copy of the title, near it or at the end
            lines.insert(rng.choice([1, 2, len(lines)]), lines[0].upper())
        pages.append("\n".join(lines))
    return pages


def chain_digests(pages: list[str]) -> list[str]:
    """A digest per page of what ``boilerplate``, ``hashtags`` and ``dedupe`` make of it (text,
    changes, metadata and fields after each, and ``dedupe`` alone): two versions of the code
    that agree on every digest make the same output."""
    from cleanse import make_pipeline

    stages = {stage.name: stage for stage in make_pipeline().stages}
    digests = []
    for text in pages:
        doc, seen = Document(source="t", text=text), []
        for name in ("boilerplate", "hashtags", "dedupe"):
            doc = stages[name](doc)
            seen.append([doc.text, [change.to_dict() for change in doc.changes],
                         doc.metadata, doc.fields])
        alone = stages["dedupe"](Document(source="t", text=text))
        seen.append([alone.text, [change.to_dict() for change in alone.changes]])
        digests.append(hashlib.sha256(json.dumps(seen, ensure_ascii=False, sort_keys=True,
                                                 default=str).encode()).hexdigest()[:16])
    return digests


def test_output_is_that_of_the_recorded_version() -> None:
    """The generated pages come out as they did when the digests were recorded (by
    ``benchmarks/bench_boilerplate.py --save``)."""
    recorded = json.loads(DIGESTS.read_text(encoding="utf-8"))
    count = min(recorded["pages"], 200)
    pages = variants(recorded["pages"], seed=recorded["seed"])[:count]
    differ = [i for i, (now, then) in enumerate(zip(chain_digests(pages), recorded["digests"]))
              if now != then]
    assert differ == []
