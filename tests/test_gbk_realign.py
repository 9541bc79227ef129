"""Tests for the misaligned-GBK repair: the sample pages, synthetic damage, and ordinary text."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse_plugins.gbk_realign import RealignResult, Repair, realign
from tests.helpers import scraped_pages

RAW = Path(__file__).resolve().parent.parent / "samples" / "raw"
PAGE_000 = RAW / "000_6e338a6dd3e78412.txt"


def _stable(text: str) -> RealignResult:
    result = realign(text)
    again = realign(result.text)
    assert again.text == result.text
    assert again.repairs == []
    return result


# --- the sample pages -------------------------------------------------------------------------

SAMPLE_SEGMENTS = [
    pytest.param(
        "沒有誕生ChatGPT主要是因?yàn)橐韵聨讉€原因:",
        "沒有誕生ChatGPT主要是因為以下幾個原因:",
        id="yan-euro-resync",
    ),
    pytest.param(
        "人工智能技術(shù)規(guī)(guī)范和管理?xiàng)l例。這些",
        "人工智能技術(shù)規(guī)(guī)范和管理條例。這些",
        id="xiang-empty-run",
    ),
    pytest.param(
        "的企業(yè)家,沒資格談?wù)摳呖萍己臀磥砥髽I(yè)的走向",
        "的企業(yè)家,沒資格談論高科技和未來企業的走向",
        id="wu-annotation-after-resync",
    ),
    pytest.param(
        "如今業(yè)內(nèi)目熟能詳?shù)纳疃葘W(xué)習(xí)框架Caffe",
        "如今業(yè)內(nèi)目熟能詳的深度學習(xí)框架Caffe",
        id="shu-next-annotation-kept",
    ),
]


@pytest.mark.parametrize(("damaged", "expected"), SAMPLE_SEGMENTS)
def test_sample_segment_is_repaired_exactly(damaged: str, expected: str) -> None:
    result = _stable(damaged)
    assert result.text == expected
    assert result.unresolved == []
    [repair] = result.repairs
    assert repair.confidence == 1.0
    assert damaged[repair.offset : repair.offset + len(repair.before)] == repair.before
    assert damaged.replace(repair.before, repair.after, 1) == expected


def test_sample_run_closed_by_a_clue_is_left_unresolved() -> None:
    """``!薄岸鴦`` is ``。”“而創`` read one byte off (``！`` later made half-width).

    The closing ``?chuàng)`` pins the trail byte of 創, but the ``?`` that opened the run lost the
    lead byte of 。 without a clue, so nothing is pinned and the text stays.
    """
    damaged = "甚至可能會花費(fèi)你 90% 的精力?!薄岸鴦?chuàng)業(yè),需要考慮"
    result = _stable(damaged)
    assert result.text == damaged
    assert result.repairs == []
    [gap] = result.unresolved
    assert gap.offset == damaged.index("?chuàng)")
    assert gap.snippet.startswith("鴦?chuàng)業(yè)")
    assert "93 completes 創 (chuàng)" in gap.reason


def test_sample_page_000() -> None:
    page = PAGE_000.read_text(encoding="utf-8")
    result = _stable(page)
    assert [(r.offset, r.before, r.after, r.confidence) for r in result.repairs] == [
        (1815, "?yàn)橐韵聨讉€", "為以下幾個", 1.0),
        (2479, "?xiàng)l", "條", 1.0),
        (2889, "?wù)摳呖萍己臀磥砥髽I(yè)", "論高科技和未來企業", 1.0),
        (5058, "?shù)纳疃葘W(xué)", "的深度學", 1.0),
    ]
    assert [u.offset for u in result.unresolved] == [4674]
    expected = page
    for damaged, repaired in [
        ("因?yàn)橐韵聨讉€原因", "因為以下幾個原因"),
        ("管理?xiàng)l例", "管理條例"),
        ("談?wù)摳呖萍己臀磥砥髽I(yè)的", "談論高科技和未來企業的"),
        ("詳?shù)纳疃葘W(xué)習(xí)", "詳的深度學習(xí)"),
    ]:
        assert expected.count(damaged) == 1
        expected = expected.replace(damaged, repaired)
    assert result.text == expected
    assert result.text.count("?") == page.count("?") - 4


@pytest.mark.parametrize("name", ["001_9175787afc3ba2ac.txt", "003_e52ef0fd8177b4fb.txt"])
def test_sample_pages_without_damage_are_untouched(name: str) -> None:
    page = (RAW / name).read_text(encoding="utf-8")
    assert "?" in page
    assert realign(page) == RealignResult(page, [], [])


# --- crafted cases ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        pytest.param("", "", id="empty"),
        pytest.param("為什么?", "為什么?", id="question"),
        pytest.param("有多少企業家玩過ChatGPT?”在他看來", "有多少企業家玩過ChatGPT?”在他看來", id="quote"),
        pytest.param("呢?我不知道", "呢?我不知道", id="between-han"),
        pytest.param("問題?a)選項一", "問題?a)選項一", id="list-item"),
        pytest.param("請選擇?b)蘋果c)香蕉", "請選擇?b)蘋果c)香蕉", id="not-a-syllable"),
        pytest.param("what?no) 中文", "what?no) 中文", id="ascii-before"),
        pytest.param("他說:談?(wù)", "他說:談?(wù)", id="question-then-annotation"),
    ],
)
def test_ordinary_question_marks_are_left_alone(damaged: str, expected: str) -> None:
    result = _stable(damaged)
    assert result == RealignResult(expected, [], [])


@pytest.mark.parametrize(
    ("damaged", "expected", "before", "confidence"),
    [
        pytest.param(
            "這(zhè)個(gè)產(chǎn)業(yè)的規?hū)Ｒ呀?jīng)很大",
            "這(zhè)個(gè)產(chǎn)業(yè)的規模已經很大",
            "?hū)Ｒ呀?jīng)",
            1.0,
            id="run-closed-by-annotation",
        ),
        pytest.param(
            "沒資格談?wù)摳呖萍己臀磥?lái)企業(yè)的走向",
            "沒資格談論高科技和未來企業(yè)的走向",
            "?wù)摳呖萍己臀磥?lái)",
            1.0,
            id="closing-annotation-then-in-step-annotation",
        ),
        pytest.param(
            "深度學(xué)習?nì)蚣蹸affe被",
            "深度學(xué)習框架Caffe被",
            "?nì)蚣蹸",
            1.0,
            id="silent-resync-on-ascii-letter",
        ),
        pytest.param(
            "要問2023年的創投圈什么最?méng)狒[(nào)，那非ChatGPT莫屬。",
            "要問2023年的創投圈什么最熱鬧，那非ChatGPT莫屬。",
            "?méng)狒[(nào)",
            0.9,
            id="pinned-by-the-gb2312-rule",
        ),
        pytest.param(
            "數(shù)據，訓(xùn)練算法的優?xiá)|教材，",
            "數(shù)據，訓(xùn)練算法的優質教材，",
            "?xiá)|",
            0.81,
            id="pinned-by-gb2312-rule-and-decoding",
        ),
    ],
)
def test_crafted_repair(damaged: str, expected: str, before: str, confidence: float) -> None:
    result = _stable(damaged)
    assert result.text == expected
    assert result.unresolved == []
    assert [(r.before, r.confidence) for r in result.repairs] == [(before, confidence)]


def test_two_segments_in_one_text() -> None:
    damaged = "管理?xiàng)l例。沒資格談?wù)摳呖萍己臀磥砥髽I的走向"
    result = _stable(damaged)
    assert result.text == "管理條例。沒資格談論高科技和未來企業的走向"
    assert result.repairs == [
        Repair(2, "?xiàng)l", "條", 1.0),
        Repair(16, "?wù)摳呖萍己臀磥砥髽I", "論高科技和未來企業", 1.0),
    ]


@pytest.mark.parametrize(
    ("damaged", "offsets", "reason"),
    [
        pytest.param("他們?jiōng)J為中國", [2], "2 lost bytes fit jiōng: 認, 譐", id="ambiguous"),
        pytest.param("讓AI聽?yòu)?祟愓Z言", [4], "a bare '?' inside the run", id="bare-question-mark"),
        pytest.param("而?yāng)摌", [1], "the text ends inside the shifted run", id="text-ends"),
        pytest.param("而?yāng)摌😀", [1], "'😀' after the clue is not a GBK", id="not-gbk"),
        pytest.param("你好?màn)對", [2], "no GBK character C3xx outside GB2312", id="gb2312"),
        pytest.param(
            "時(shí)代,中?lǐng)??疽呀?jīng)在如法炮製,大可不",
            [9, 19],
            "follows an unresolved clue",
            id="clue-inside-an-unresolved-run",
        ),
    ],
)
def test_unpinned_clue_leaves_text(damaged: str, offsets: list[int], reason: str) -> None:
    result = _stable(damaged)
    assert result.text == damaged
    assert result.repairs == []
    assert [u.offset for u in result.unresolved] == offsets
    assert reason in result.unresolved[-1].reason
    assert all(damaged[u.offset] == "?" for u in result.unresolved)


# --- synthetic damage -------------------------------------------------------------------------
# The broken pipeline, rebuilt from DESIGN.md §2: a converter annotates some characters outside
# GB2312 with their pinyin, and once annotates the character it sees across the boundary of two
# characters (previous trail byte + next lead byte), inserting "(pinyin)" between the two bytes of
# the next character; a decoder then reads the bytes, turning a broken pair into "?".

_FULLWIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "(": "（", ")": "）"})


def _cp936(char: str) -> bytes | None:
    if char == "€":
        return b"\x80"
    try:
        return char.encode("gbk")
    except UnicodeEncodeError:
        return None


def _gbk_pair(first: int, second: int) -> str | None:
    try:
        return bytes([first, second]).decode("gbk")
    except UnicodeDecodeError:
        return None


def _outside_gb2312(encoded: bytes) -> bool:
    return len(encoded) == 2 and min(encoded) < 0xA1


def _reading(char: str) -> str | None:
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.TONE, errors="ignore")
    return found[0][0] if found and found[0] else None


def _broken_decode(data: bytes) -> str:
    out: list[str] = []
    i = 0
    while i < len(data):
        if data[i] < 0x80:
            out.append(chr(data[i]))
            i += 1
        elif data[i] == 0x80:
            out.append("€")
            i += 1
        else:
            pair = _gbk_pair(data[i], data[i + 1]) if i + 1 < len(data) else None
            out.append(pair or "?")
            i += 2
    return "".join(out)


@dataclass(frozen=True)
class _Case:
    damaged: str
    expected: str | None
    """The page before the damage (minus the consumed annotations), or None where bytes are lost."""


def _sites(text: str) -> list[int]:
    """Indexes k where the converter could annotate (trail of k-1, lead of k)."""
    codes = [_cp936(c) or b"" for c in text]
    sites = []
    for k in range(1, len(text)):
        before, here = codes[k - 1], codes[k]
        if len(before) == 2 and len(here) == 2 and before[1] >= 0x81:
            seen = _gbk_pair(before[1], here[0])
            if seen and _outside_gb2312(seen.encode("gbk")) and _reading(seen):
                sites.append(k)
    return sites


def _damage(text: str, k: int, notes: set[int]) -> _Case:
    """Annotate the characters in ``notes`` (outside GB2312 only) and break character ``k``."""
    codes = [_cp936(c) or b"" for c in text]
    seen = _gbk_pair(codes[k - 1][1], codes[k][0]) or ""
    readings = {
        i: _reading(text[i]) for i in notes if i not in (k - 1, k) and _outside_gb2312(codes[i])
    }
    notes_at = {i: r for i, r in readings.items() if r}
    data = bytearray()
    for i, code in enumerate(codes):
        if i == k:
            code = code[:1] + f"({_reading(seen)})".encode("gbk") + code[1:]
        data += code
        if i in notes_at:
            data += f"({notes_at[i]})".encode("gbk")
    damaged = _broken_decode(bytes(data))
    i = k
    while codes[i][-1] >= 0x81 and i not in notes_at:
        if i + 1 == len(codes) or _gbk_pair(codes[i][-1], codes[i + 1][0]) is None:
            return _Case(damaged, None)
        i += 1
        if len(codes[i]) == 1:
            break
    end = i
    expected = "".join(
        c + (f"({notes_at[j]})" if j in notes_at and j != end else "") for j, c in enumerate(text)
    )
    return _Case(damaged, expected)


_ANNOTATION = re.compile(r"\([a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜ]+\)")


def _page_lines() -> list[str]:
    """Traditional-Chinese lines with GBK's full-width punctuation, as the pages had them."""
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    lines = []
    for path in scraped_pages():
        text = path.read_text(encoding="utf-8")
        if path == PAGE_000:
            text = "\n".join(_ANNOTATION.sub("", ln) for ln in text.splitlines() if "?" not in ln)
        else:
            text = to_traditional.convert(text)
        for line in text.translate(_FULLWIDTH).splitlines():
            line = "".join(c for c in line if c != "?" and _cp936(c))
            if len(line) >= 8:
                lines.append(line)
    return lines


def _random_lines(rng: random.Random, count: int) -> list[str]:
    """Lines of characters drawn evenly from all of GBK, with some ASCII, digits and spaces."""
    pool = [c for a in range(0x81, 0xFF) for b in range(0x40, 0xFF) if (c := _gbk_pair(a, b))]
    extra = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,€"
    return [
        "".join(rng.choice(extra) if rng.random() < 0.08 else rng.choice(pool) for _ in range(60))
        for _ in range(count)
    ]


def _cases(lines: list[str], rng: random.Random, per_line: int) -> list[_Case]:
    cases = []
    for line in lines:
        sites = _sites(line)
        for k in rng.sample(sites, min(per_line, len(sites))):
            notes = {i for i in range(len(line)) if rng.random() < 0.5}
            cases.append(_damage(line, k, notes))
    return cases


def _repair_rate(cases: list[_Case]) -> tuple[int, int]:
    """(exact repairs, recoverable cases); fails on any case that is damaged further."""
    exact = recoverable = 0
    for case in cases:
        result = _stable(case.damaged)
        if result.text == case.damaged:
            assert result.repairs == []
            assert result.unresolved
        else:
            assert result.text == case.expected, case.damaged
            [repair] = result.repairs
            assert 0 < repair.confidence <= 1
            exact += 1
        recoverable += case.expected is not None
    return exact, recoverable


def test_synthetic_damage_in_page_text() -> None:
    cases = _cases(_page_lines(), random.Random(20240611), per_line=1000)
    exact, recoverable = _repair_rate(cases)
    assert recoverable >= 1000
    assert exact / recoverable >= 0.72


def test_synthetic_damage_in_random_gbk_text() -> None:
    rng = random.Random(7)
    cases = _cases(_random_lines(rng, 300), rng, per_line=3)
    exact, recoverable = _repair_rate(cases)
    assert recoverable >= 500
    assert exact / recoverable >= 0.68


# --- properties -------------------------------------------------------------------------------

_ALPHABET = "談論業創為個條數學的深度高科技你好嗎們企未來?()?()àùyèwnshxaigl €,IW "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_any_text_is_stable_and_repairs_are_where_they_say(text: str) -> None:
    result = _stable(text)
    rebuilt, pos = [], 0
    for repair in result.repairs:
        assert text[repair.offset : repair.offset + len(repair.before)] == repair.before
        assert repair.before.startswith("?")
        rebuilt += [text[pos : repair.offset], repair.after]
        pos = repair.offset + len(repair.before)
    assert "".join(rebuilt) + text[pos:] == result.text
    assert all(text[u.offset] == "?" for u in result.unresolved)


def test_text_without_a_clue_does_not_load_pypinyin() -> None:
    code = (
        "import sys\n"
        "from cleanse_plugins.gbk_realign import realign\n"
        "assert realign('為什么?我不知道(CMU)').text == '為什么?我不知道(CMU)'\n"
        "assert 'pypinyin' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_readings_are_pypinyins() -> None:
    """The readings come from pypinyin's table without its package: for every character they
    are what ``pinyin(char, style=Style.TONE, heteronym=True)`` gives."""
    from pypinyin import Style, pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    from cleanse_plugins.gbk_realign import _readings

    differ = []
    for code in pinyin_dict:
        char = chr(code)
        expected = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
        if _readings(char) != (frozenset(expected[0]) if expected else frozenset()):
            differ.append(char)
    assert differ == []
    assert _readings("a") == _readings("\u3000") == frozenset()
