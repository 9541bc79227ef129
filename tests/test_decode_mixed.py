"""Files in two encodings, decoded in runs of lines; and the Viterbi choice of runs itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanse import Document
from cleanse_plugins.decode import DecodeStage
from cleanse_plugins.decode_detect import family_of
from cleanse_plugins.decode_mixed import SWITCH_COST, choose_path, split_lines

MIXED = Path(__file__).parent / "fixtures" / "encodings" / "mixed"
CASES = json.loads((MIXED / "cases.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_mixed_fixture(case: dict) -> None:
    doc = DecodeStage()(Document.from_input((MIXED / case["file"]).read_bytes()))
    assert doc.text == (MIXED / case["expected"]).read_text("utf-8")
    section = doc.metadata["encoding"]
    assert section["encoding"] == "mixed"
    got = [(run["lines"], family_of(run["encoding"]).name) for run in section["runs"]]
    assert got == [([first, last], family_of(name).name) for first, last, name in case["runs"]]
    assert len(doc.changes) == len(case["runs"])


def _lines(name: str, codec: str, start: int, count: int) -> str:
    lines = [line for line in (MIXED.parent / "text" / f"{name}.txt").read_text("utf-8").split("\n")
             if line]
    return "".join(lines[(start + i) % len(lines)] + "\n" for i in range(count))


@pytest.mark.parametrize(("first", "second"), [
    (("zh-hans", "utf-8"), ("zh-hans", "gb18030")),
    (("zh-hant", "big5"), ("zh-hans", "gbk")),
    (("zh-hans", "gbk"), ("zh-hant", "big5")),
    (("ja", "utf-8"), ("ja", "euc_jp")),
    (("ko", "euc_kr"), ("ko", "utf-8")),
    (("ja", "shift_jis"), ("zh-hans", "gbk")),
])
@pytest.mark.parametrize("size", [3, 5])
def test_two_encodings_in_runs(first: tuple[str, str], second: tuple[str, str], size: int) -> None:
    head, tail = _lines(first[0], first[1], 0, size), _lines(second[0], second[1], size, size)
    raw = head.encode(first[1]) + tail.encode(second[1])
    doc = DecodeStage()(Document.from_input(raw))
    assert doc.text == head + tail
    runs = doc.metadata["encoding"]["runs"]
    assert [run["lines"] for run in runs] == [[1, size], [size + 1, 2 * size]]


@pytest.mark.parametrize(("data", "lines"), [
    (b"", []), (b"a", [b"a"]), (b"a\n", [b"a\n"]), (b"a\nb", [b"a\n", b"b"]),
    (b"a\r\n\nb\n", [b"a\r\n", b"\n", b"b\n"]),
])
def test_split_lines_keeps_every_byte(data: bytes, lines: list[bytes]) -> None:
    assert split_lines(data) == lines


INF = float("inf")


@pytest.mark.parametrize(("costs", "path"), [
    ([[0, 1]], [0]),
    ([[0, 9], [0, 9], [0, 9]], [0, 0, 0]),
    ([[0, 9], [INF, 0], [0, 9]], [0, 1, 0]),
    ([[0, 9], [SWITCH_COST, 0], [0, 9]], [0, 0, 0]),
    ([[0, 9], [9, 0], [9, 0], [9, 0]], [0, 1, 1, 1]),
])
def test_choose_path(costs: list[list[float]], path: list[int]) -> None:
    assert choose_path(costs) == path
