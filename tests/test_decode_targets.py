"""The issue's accuracy targets on real text: every file of 200 bytes or more decoded exactly,
at least 95% of the 20-200 byte cuts. The cases come from ``fixtures/encodings/corpus.py``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from cleanse_plugins.decode import decode_bytes

_spec = importlib.util.spec_from_file_location(
    "decode_corpus", Path(__file__).parent / "fixtures" / "encodings" / "corpus.py")
assert _spec and _spec.loader
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

TARGET = {"200+": 1.0, "20-200": 0.95}


def exact(text: str, codec: str) -> bool:
    try:
        return decode_bytes(text.encode(codec)).text == text
    except Exception:  # a wrong refusal counts as a miss
        return False


@pytest.mark.parametrize("codec", corpus.ENCODINGS)
def test_exact_decoding_rate(codec: str) -> None:
    misses: dict[str, list[str]] = {bucket: [] for bucket in corpus.BUCKETS}
    totals = dict.fromkeys(corpus.BUCKETS, 0)
    for bucket, text in corpus.cases(codec):
        totals[bucket] += 1
        if not exact(text, codec):
            misses[bucket].append(text)
    for bucket in corpus.BUCKETS:
        assert totals[bucket] >= 10, f"{codec} {bucket}: too few cases"
        rate = 1 - len(misses[bucket]) / totals[bucket]
        assert rate >= TARGET[bucket], (
            f"{codec} {bucket}: {rate:.1%} exact, missed {misses[bucket][:5]!r}")


@pytest.mark.parametrize("name", ["big5", "big5hkscs", "gb2312", "gbk", "gb18030", "shift_jis",
                                  "euc_jp", "euc_kr"])
def test_cpython_sample_files(name: str) -> None:
    folder = Path(__file__).parent / "fixtures" / "encodings" / "cpython"
    raw = (folder / f"{name}.txt").read_bytes()
    assert decode_bytes(raw).text == (folder / f"{name}-utf8.txt").read_text("utf-8")
