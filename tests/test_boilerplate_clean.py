"""Clean articles (no boilerplate) go through boilerplate, hashtags and dedupe untouched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import cleanse

ARTICLES = sorted((Path(__file__).parent / "data" / "clean_articles").glob("*.txt"))


@pytest.fixture(scope="module")
def pipeline() -> Any:
    return cleanse.make_pipeline(stages="boilerplate,hashtags,dedupe")


def test_there_are_articles() -> None:
    assert len(ARTICLES) >= 4


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_clean_article_loses_nothing(pipeline: Any, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = pipeline.run(cleanse.Document(source=path.name, text=text))
    assert doc.changes == []
    assert doc.text == text
    assert doc.fields.get("title") == text.split("\n", 1)[0]
