"""Files in two encodings, decoded in runs of lines; and the Viterbi choice of runs itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanse import Document
from cleanse_plugins.decode import DecodeStage
from cleanse_plugins.decode_detect import family_of
from cleanse_plugins.decode_mixed import (
    KANA_LESS_COST,
    LONG_HANGUL_COST,
    STRUCTURE_COST,
    SWITCH_COST,
    choose_path,
    split_lines,
    structure_cost,
)

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


FAMILIES = ("utf-8", "gbk", "big5", "shift_jis", "euc_jp", "euc_kr")
LANGUAGE = {"gbk": "zh-hans", "big5": "zh-hant", "shift_jis": "ja", "euc_jp": "ja", "euc_kr": "ko"}


def _language(codec: str, other: str) -> str:
    """The language of a run: the encoding's own, or for UTF-8 that of the other run."""
    return LANGUAGE.get(codec) or LANGUAGE.get(other, "zh-hans")


@pytest.mark.parametrize("pattern", ["AB", "ABA"])
@pytest.mark.parametrize(("first", "second"), [
    (first, second) for first in FAMILIES for second in FAMILIES if first != second])
def test_every_pair_of_encodings(first: str, second: str, pattern: str) -> None:
    """Runs of three lines of real text, in every ordered pair of the issue's encodings."""
    codecs = {"A": first, "B": second}
    texts = {"A": _language(first, second), "B": _language(second, first)}
    parts = [_lines(texts[key], codecs[key], 3 * index, 3) for index, key in enumerate(pattern)]
    raw = b"".join(part.encode(codecs[key]) for part, key in zip(parts, pattern))
    doc = DecodeStage()(Document.from_input(raw))
    assert doc.text == "".join(parts)
    runs = doc.metadata["encoding"]["runs"]
    assert [run["lines"] for run in runs] == [[3 * i + 1, 3 * i + 3] for i in range(len(pattern))]
    assert [family_of(run["encoding"]).name for run in runs] == [
        family_of(codecs[key]).name for key in pattern]


#: Short lines (written for these tests) are the hard case: they give little evidence, and
#: GB18030 decodes EUC-KR bytes cleanly into common Han characters (EUC-JP GBK's, EUC-KR
#: EUC-JP's). Korean read as Chinese, Chinese or Korean read as Japanese, used to win here.
SHORT = {
    "ko": ["파일을 열 수 없습니다", "설정 파일이 없습니다", "아랍어 자판 (동부 숫자)", "새 창에서 열기",
           "네트워크 연결 상태 확인", "사용자 이름 또는 암호가 잘못되었습니다", "이 항목을 삭제할까요?",
           "다운로드 폴더 열기", "검색 결과 없음", "서버 주소를 입력하세요", "제약 조건 속성이 충돌함",
           "암호를 바꿨습니다", "잘못된 항목 전달", "그룹 설정 활성화", "네번째 단계, 점 사용"],
    "zh-hans": ["无法打开文件", "缓存目录的旧版本已放弃", "软件包列表读取完毕", "正在读取状态信息",
                "请输入服务器地址", "没有找到搜索结果", "设置每一行行号的自动递增值", "默认情况下不会删除目录",
                "阿拉伯语键盘（东部数字）", "菲律宾语（拉丁）", "类似 --backup 但不接受参数"],
    "ja": ["ファイルを開けません", "設定ファイルがありません", "内部エラーです", "債券市場欧州計算単位",
           "入力したパスワードは正しくありません", "検索結果はありません", "新しいウィンドウで開く"],
}


@pytest.mark.parametrize(("first", "second"), [
    (("ko", "euc_kr"), ("zh-hans", "gbk")), (("zh-hans", "gbk"), ("ko", "euc_kr")),
    (("zh-hans", "gbk"), ("ja", "euc_jp")), (("ja", "euc_jp"), ("zh-hans", "gbk")),
    (("ja", "euc_jp"), ("ko", "euc_kr")), (("ko", "euc_kr"), ("ja", "euc_jp")),
])
def test_short_lines_of_two_encodings(first: tuple[str, str], second: tuple[str, str]) -> None:
    """Every pair of starting lines: three short lines in one encoding, three in the other."""
    head_lines, tail_lines = SHORT[first[0]], SHORT[second[0]]
    misses = []
    for i in range(len(head_lines)):
        for j in range(len(tail_lines)):
            head = "".join(head_lines[(i + k) % len(head_lines)] + "\n" for k in range(3))
            tail = "".join(tail_lines[(j + k) % len(tail_lines)] + "\n" for k in range(3))
            got = DecodeStage()(Document.from_input(head.encode(first[1]) + tail.encode(second[1])))
            if got.text != head + tail:
                misses.append((i, j, got.text))
    assert misses == []


def test_utf8_and_big5_columns_are_not_utf16() -> None:
    """Column layouts (many spaces) once made UTF-16-BE the only whole-file reading."""
    head = "無效的群組檔案項目\n" * 3
    tail = ("使用者    說明             \n大小          版本             名稱      檔案       名稱       \n"
            "大小      名稱          說明             \n名稱          版本    說明  使用者      使用者          \n"
            "程式     名稱             \n")
    doc = DecodeStage()(Document.from_input(head.encode("utf-8") + tail.encode("big5")))
    assert doc.text == head + tail
    runs = doc.metadata["encoding"]["runs"]
    assert [(run["lines"], family_of(run["encoding"]).name) for run in runs] == [
        ([1, 3], "utf-8"), ([4, 8], "big5")]


@pytest.mark.parametrize(("text", "language", "cost"), [
    ("中文没有空格", "zh-hans", 0.0),
    ("匙锅掳 窜拌, 酒而侥 桨钎", "zh-hans", 2 * STRUCTURE_COST),  # EUC-KR read as GBK
    ("ファイルを開く", "ja", 0.0),
    ("漁狐まノ", "ja", STRUCTURE_COST),  # Big5 read as EUC-JP: a lone katakana
    ("ョ塔ボゼノ", "ja", STRUCTURE_COST),  # a kana word cannot start with a small kana
    ("窃貌徽音俊鞭歌方", "ja", KANA_LESS_COST),  # GBK read as EUC-JP: no kana at all
    ("객체지향프로그래밍을", "ko", 4 * LONG_HANGUL_COST),
    ("파일을 열 수 없습니다", "ko", 0.0),
    ("中文 中文", None, 0.0),
])
def test_structure_cost(text: str, language: str | None, cost: float) -> None:
    assert structure_cost(text, language) == cost
