"""The sample pages, line by line as ``samples/labels`` says.

Every body line is kept, every boilerplate or meta line is recorded as a removed line with its
page line number, and every meta line's fields reach ``doc.fields``. Removing stages leave the
removed line empty, so line numbers in the changes are the raw page's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanse
from tests.helpers import scraped_pages

ROOT = Path(__file__).resolve().parents[1] / "samples"
PAGES = scraped_pages()
MINE = "boilerplate,hashtags,dedupe"


def read_labels(page: Path) -> dict[int, tuple[str, list[str]]]:
    labels = {}
    path = ROOT / "labels" / f"{page.stem}.labels.tsv"
    for row in path.read_text(encoding="utf-8").splitlines():
        if not row.strip():
            continue
        cols = row.split("\t")
        fields = cols[3].split(",") if len(cols) > 3 and cols[3].strip() else []
        labels[int(cols[0])] = (cols[1], [name.strip() for name in fields])
    return labels


def check_page(page: Path, stages: str | None) -> None:
    pipeline = cleanse.make_pipeline(stages=stages) if stages else cleanse.make_pipeline()
    raw = page.read_bytes().decode("utf-8")
    doc = pipeline.run(cleanse.Document(source=page.name, text=raw))
    removed = {change.line for change in doc.changes if change.kind == "removed-line"}
    raw_lines = raw.split("\n")
    problems = []
    for number, (label, fields) in sorted(read_labels(page).items()):
        line = raw_lines[number - 1]
        if label == "body" and number in removed:
            problems.append(f"body line {number} removed: {line[:40]}")
        if label == "body" and stages and line.strip() not in doc.text:
            problems.append(f"body line {number} changed: {line[:40]}")
        if label in ("boilerplate", "meta") and number not in removed:
            problems.append(f"{label} line {number} kept: {line[:40]}")
        for name in fields:
            if name not in doc.fields:
                problems.append(f"meta line {number}: field {name!r} missing")
    assert not problems, "\n".join(problems)


def test_there_are_labelled_pages() -> None:
    assert PAGES and all((ROOT / "labels" / f"{p.stem}.labels.tsv").is_file() for p in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_labels_with_boilerplate_hashtags_dedupe(page: Path) -> None:
    check_page(page, MINE)


def full_pipeline_ready() -> bool:
    try:
        names = cleanse.make_pipeline().names
    except cleanse.CleanseError:
        return False
    return {"decode", "mojibake", "pinyin", "script", "punctuation"} <= set(names)


@pytest.mark.skipif(not full_pipeline_ready(), reason="the other default stages are not all "
                    "registered yet")
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_labels_with_the_default_pipeline(page: Path) -> None:
    check_page(page, None)
