"""The mojibake stage's stored clues equal what the codecs give, and the short-text screen
agrees with the page-wide scan it stands in for."""

from __future__ import annotations

import pytest

from cleanse_plugins import mojibake, mojibake_build_clues, mojibake_clues, mojibake_utf8


def test_data_file_is_what_the_codecs_and_signs_give() -> None:
    expected = mojibake_build_clues.render(mojibake_build_clues.derive())
    assert mojibake_clues.PATH.read_text("ascii") == expected, (
        "data/mojibake_clues.json is stale: run python -m cleanse_plugins.mojibake_build_clues")


@pytest.mark.parametrize("legacy", [mojibake_utf8.GBK, mojibake_utf8.BIG5], ids=lambda legacy: legacy.kind)
def test_stored_parts_are_the_derived_parts(legacy: mojibake_utf8.Legacy) -> None:
    assert mojibake_utf8.clue_parts(legacy) == mojibake_utf8.derive_clue_parts(legacy)


def test_first_chars_are_what_the_scan_can_start_with() -> None:
    scan = mojibake.scan_parts(mojibake._parts())
    ranges = mojibake_build_clues.code_ranges(mojibake.first_class(scan))
    assert mojibake_clues.first_chars() == {chr(c) for lo, hi in ranges for c in range(lo, hi + 1)}


CLEAN = "北京市今天天气晴朗，气温二十度。繁體中文也在這裡。Hello, world 123.\n"

SCREEN = [
    ("", False),
    ("中文", False),
    ("中文\n", False),
    (CLEAN, False),
    ("“引号”、《书名》——省略……", False),
    ("全角的？！（）：；", False),
    ("東京は日本の首都です。한국어 텍스트입니다.", False),
    (CLEAN * 30, False),  # longer than the screen's limit: the scan alone
    ("a & b", False),  # a first character, but no entity after it
    ("中?", False),  # a "?" without the pinyin clue
    ("１２３ＡＢＣ", False),  # full-width letters with no byte beside them
    ("浣犲ソ涓栫晫", True),  # UTF-8 read as GBK
    ("涓枃", False),  # a misread run too short to be a sign
    ("ÄãºÃ", True),  # GBK read as Latin-1
    ("æ–‡å­—", True),  # Latin mojibake
    ("锟斤拷", True),  # damage
    ("坏了\ufffd", True),
    ("a&amp;b", True),  # an entity
    ("zh?zhong)文", True),  # a pinyin clue
    ("#话题", True),  # a hashtag mark
    ("零\u200b宽", True),  # an invisible character
    ("一\r二", True),  # a line break that is not \n
    ("Ä１", True),  # a full-width digit beside a byte
    (CLEAN * 30 + "ÄãºÃ", True),  # long, with a sign at the end
    (CLEAN + "ÄãºÃ", True),
]


@pytest.mark.parametrize(("text", "expected"), SCREEN, ids=[repr(t[:12]) for t, _ in SCREEN])
def test_screen_agrees_with_the_scan(text: str, expected: bool) -> None:
    mojibake._anything.cache_clear()  # the screen stands in for the scan until it is compiled
    assert mojibake.may_show_sign(text) is expected
    assert (mojibake._anything().search(text) is not None) is expected
    assert mojibake.may_show_sign(text) is expected  # the scan itself
