"""The shortcuts that make boilerplate and dedupe fast give what the plain ways give.

Folding a page whole (OpenCC only on the lines with a ``t2s`` trigger) equals folding each line;
the rule screen never leaves out a rule that matches; the page-level proof that no line goes
agrees with the full layout; dedupe's copy check and its reuse of boilerplate's keys agree with
the keys computed from scratch.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import opencc
import pytest

from cleanse import Document
from cleanse_plugins import dedupe, script_build_charsets, script_charsets
from cleanse_plugins.boilerplate import HASHTAG_MARK, BoilerplateStage, lines_with
from cleanse_plugins.boilerplate_layout import title_probes
from cleanse_plugins.boilerplate_literals import first_chars
from cleanse_plugins.boilerplate_rules import unusual_case
from cleanse_plugins.boilerplate_text import (
    _t2s_line,
    fold,
    fold_lines,
    fold_page,
    han_counts,
    has_astral,
    strip_marks,
    width_fold,
)
from cleanse_plugins.dedupe import DedupeStage, dedupe_key, has_copies, page_keys
from tests.test_boilerplate_pages import variants

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAGES = [path.read_text(encoding="utf-8") for path in sorted((SAMPLES / "clean").glob("00*.txt"))]
S2T = opencc.OpenCC("s2t")


@pytest.mark.parametrize(("page", "expected"), [
    pytest.param("", "", id="empty"),
    pytest.param("plain ASCII\nline", "plain ASCII\nline", id="ascii"),
    pytest.param("简体中文，没有繁体。\n第二行：好", "简体中文,没有繁体。\n第二行:好", id="simplified"),
    pytest.param("來源：雪球\n简体行\n這是繁體", "来源:雪球\n简体行\n这是繁体", id="some-lines-traditional"),
    # 沈 changes only inside phrases none of whose characters change alone.
    pytest.param("深沈的夜\n沈先生", "深沉的夜\n沈先生", id="phrase-trigger"),
    # 么 changes only in 么麼, which holds 麼 (a character that changes alone).
    pytest.param("什么\n么麼", "什么\n幺麽", id="phrase-with-a-trigger"),
    pytest.param("ＡＢＣ１２３\n㍿", "ABC123\n株式会社", id="width-forms"),
    pytest.param("𠀀字\n乾隆", "𠀀字\n乾隆", id="astral"),
    pytest.param("後來\r\n\n", "后来\r\n\n", id="carriage-return"),
])
def test_fold_page(page: str, expected: str) -> None:
    assert fold_page(page) == expected
    assert fold_page(page).split("\n") == [fold(line) for line in page.split("\n")]


def test_fold_page_equals_line_by_line_on_mixed_pages() -> None:
    rng = random.Random(7)
    for page in PAGES:
        lines = page.split("\n")
        for _ in range(5):
            mixed = [S2T.convert(line) if rng.random() < 0.3 else line for line in lines]
            rng.shuffle(mixed)
            assert fold_lines(mixed) == [fold(line) for line in mixed]


def t2s_entries() -> list[tuple[str, str]]:
    """Every (key, first value) of the dictionaries ``t2s`` converts by: OpenCC turns a key into
    its first value."""
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    return [(key, values[0]) for key, values in
            script_build_charsets.phrase_entries(share, ("TSPhrases", "TSCharacters"))]


T2S_TRIGGERS = script_charsets.TRADITIONAL + script_charsets.T2S_ALSO_CHANGED


def test_text_without_triggers_comes_out_of_t2s_unchanged() -> None:
    """Random text of the dictionaries' own characters, neither a trigger nor one a trigger
    phrase changes, and every character alone: t2s changes none of it; every trigger phrase
    it changes."""
    converter = opencc.OpenCC("t2s")
    triggers = set(T2S_TRIGGERS)
    keys = {char for key, _ in t2s_entries() for char in key}
    pool = sorted(keys - triggers - set(script_charsets.T2S_PHRASE_CHARS))
    rng = random.Random(3)
    for phrase in script_charsets.T2S_PHRASES:
        assert converter.convert(phrase) != phrase
    text = "".join(rng.choice(pool) for _ in range(200_000))
    assert converter.convert(text) == text
    alone = [chr(code) for code in range(0x3400, 0xA000)]
    converted = converter.convert("\n".join(alone)).split("\n")
    assert [char for char, out in zip(alone, converted) if out != char and char not in triggers] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("", False), ("abc", False), ("中文", False), ("𠀀", True), ("a𠀀b", True), ("\ud800", False),
])
def test_has_astral(text: str, expected: bool) -> None:
    assert has_astral(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("，。、 ！？“”", "", id="marks"),
    pytest.param("中，文。\n英 文!", "中文\n英文", id="lines-stay"),
    pytest.param(",.;:!?()[]{}<>/\\|-_+=*&^%$#@~`'\"" * 3 + "字", "字", id="many-distinct"),
    pytest.param("a\u200bb\x00c\u3000d", "abcd", id="format-control-space"),
])
def test_strip_marks(text: str, expected: str) -> None:
    assert strip_marks(text * 20) == expected * 20  # long: the page path
    assert strip_marks(text) == expected


def test_width_fold_many_distinct_characters() -> None:
    """Past the rounds of one replace each, the rest go in one sub: same result."""
    text = "".join(chr(code) for code in range(0xFF01, 0xFF5F)) * 3
    assert width_fold(text) == "".join(chr(code) for code in range(0x21, 0x7F)) * 3


@pytest.mark.parametrize(("keys", "min_chars", "expected"), [
    ("", 10, False),
    ("一二三四五六七八九十\n一二三四五六七八九十", 10, True),
    ("一二三四五六七八九\n一二三四五六七八九", 10, False),  # short lines repeat legitimately
    ("一二三四五六七八九\n一二三四五六七八九", 9, True),
    ("\n\n\n", 1, False),
    ("一二三四五六七八九十\n一二三四五六七八九十〇", 10, False),
])
def test_has_copies(keys: str, min_chars: int, expected: bool) -> None:
    assert has_copies(keys, min_chars) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("", []), ("#", [0]), ("a#\nb\n$x$\n\n#\nq", [0, 2, 4]), ("\n\n＃\n", [2]), ("ab\n＄", [1]),
])
def test_lines_with(text: str, expected: list[int]) -> None:
    assert lines_with(HASHTAG_MARK, text) == expected


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?:网站)?(?:首页|主页|home)\s*>", "h主网首"),
    (r"原标题\s*:", "原"),
    (r"\+\s*关注|订阅", "+订"),
    (r"(?=x)y", "y"),
    (r"^(?!a)b", "b"),
    (r"a?", None),       # may match nothing
    (r"[^a]b", None),    # any character
    (r"\s*x", None),
    (r"(?:x|)y", "xy"),
    (r"[Aa]B", "a"),
])
def test_first_chars(pattern: str, expected: str | None) -> None:
    found = first_chars(pattern)
    assert (None if found is None else "".join(sorted(found))) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("plain ascii", False), ("中文", False), ("ſ", True), ("\u212a", True), ("İ", True),
    ("ı", True), ("𠀀", True),
])
def test_unusual_case(text: str, expected: bool) -> None:
    assert unusual_case(text) is expected


@pytest.mark.parametrize(("key", "expected"), [
    ("新闻标题来了", ["新", "了", "题"]), ("ab", []), ("x标y", ["标"]),
    # the ranges' edges: extension A, the URO, extensions B to H; not a compatibility ideograph
    ("\uf900\u3400a\u4dbf", ["\u3400", "\u4dbf"]), ("\u4e00\u9fff\ua000", ["\u4e00", "\u9fff"]),
    ("\U00020000 \U000323af\U000323b0", ["\U00020000", "\U000323af"]), ("\u33ff\u4dc0", []),
])
def test_title_probes(key: str, expected: list[str]) -> None:
    assert sorted(title_probes(key)) == sorted(expected)


def outcome(stage: object, text: str) -> tuple[object, ...]:
    doc = stage(Document(source="t", text=text))  # type: ignore[operator]
    return doc.text, [change.to_dict() for change in doc.changes], doc.metadata


@pytest.fixture
def unscreened(monkeypatch: pytest.MonkeyPatch) -> BoilerplateStage:
    """A stage that never proves a page whole and tries every rule on every line (page rules
    in the middle of every page too)."""
    import cleanse_plugins.boilerplate_rules as rules

    monkeypatch.setattr(rules, "SCREEN_AFTER", 10**9)
    stage = BoilerplateStage()
    monkeypatch.setattr(stage.rules, "page_rules_may_match",
                        lambda page: stage.rules.has_page_rules)
    monkeypatch.setattr(stage, "keeps_all", lambda *args, **kwargs: False)
    return stage


def test_shortcuts_agree_with_the_full_layout(unscreened: BoilerplateStage,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import cleanse_plugins.boilerplate_rules as rules

    fast = BoilerplateStage()
    monkeypatch.setattr(rules, "SCREEN_AFTER", 0)
    for text in variants(150, seed=11):
        assert outcome(fast, text) == outcome(unscreened, text)


PARAGRAPH = "这是一段很长的正文内容，讲述了事情的经过和结果，也谈到了各方的看法和后续的安排。"
MIDDLE = PARAGRAPH * 2


@pytest.mark.parametrize("middle", [
    "沙发 發表於 2023-6-18 21:10:02",  # a page rule in the middle, in traditional script
    "回复 举报",
    "编辑于 2024-12-20 10:30・IP 属地上海",
    "赞同 1024 89 条评论",
    "他发表于2023年的文章引起了讨论，至今仍有人回复。",  # a page rule's string, no match
    PARAGRAPH,  # none of their strings: the middle is not looked at
])
def test_page_rules_in_the_middle_agree_with_the_full_layout(
        unscreened: BoilerplateStage, middle: str) -> None:
    text = "\n".join([MIDDLE] * 6 + [middle] + [MIDDLE] * 6)
    fast = BoilerplateStage()
    assert outcome(fast, text) == outcome(unscreened, text)


def test_screen_keeps_every_rule_that_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every labelled boilerplate line (and its traditional and upper-case forms): the rules
    screened in are all the rules that match."""
    import cleanse_plugins.boilerplate_rules as rules

    monkeypatch.setattr(rules, "SCREEN_AFTER", 0)
    ruleset = BoilerplateStage().rules
    lines = [row.split("\t")[-1] for path in sorted((SAMPLES / "labels").glob("*.tsv"))
             for row in path.read_text(encoding="utf-8").splitlines() if "\t" in row]
    for line in {variant for row in lines for variant in (row, S2T.convert(row), row.upper())}:
        folded = fold(line.strip())
        matching = [rule.id for rule in ruleset.regex_rules if rule.search(folded) is not None]
        screened = [rule.id for rule in ruleset.screen(folded).rules_for(folded)]
        assert set(matching) <= set(screened), line


@pytest.mark.parametrize(("line", "rule"), [
    ("Copyright 2020 example.com", "copyright"),
    ("COPYRIGHT 2020", "copyright"),
    ("ALL RIGHTS RESERVED", "copyright"),
    ("京ICP备12345678号", "copyright"),
    ("HOME > 新闻", "breadcrumb-home"),
    ("APP下载", "navigation-word"),
    ("\u212aopyright", None),  # not a rule's, but screened the slow way: nothing left out
    ("ſhare", "navigation-word-en"),  # re.IGNORECASE takes ſ for s: found the slow way too
])
def test_screen_with_case(monkeypatch: pytest.MonkeyPatch, line: str, rule: str | None) -> None:
    import cleanse_plugins.boilerplate_rules as rules

    monkeypatch.setattr(rules, "SCREEN_AFTER", 0)
    ruleset = BoilerplateStage().rules
    folded = fold(line)
    matching = {found.id for found in ruleset.regex_rules if found.search(folded) is not None}
    assert matching == ({rule} if rule else set())
    assert matching <= {found.id for found in ruleset.screen(folded).rules_for(folded)}


def test_screen_finds_strings_that_overlap(monkeypatch: pytest.MonkeyPatch) -> None:
    """A string that starts inside another one found and ends beyond it is found too: every
    pair of the rules' strings that can so overlap, run together."""
    import cleanse_plugins.boilerplate_rules as rules

    monkeypatch.setattr(rules, "SCREEN_AFTER", 0)
    ruleset = BoilerplateStage().rules
    strings = {text for rule in ruleset.regex_rules for text in rule.needs or ()}
    lines = {first[:cut] + second for first in strings for second in strings
             for cut in range(1, len(first)) if second.startswith(first[cut:])
             and len(second) > len(first) - cut}
    assert lines
    caught = 0
    for line in sorted(lines):
        folded = fold(line)
        matching = {rule.id for rule in ruleset.regex_rules if rule.search(folded) is not None}
        assert matching <= {rule.id for rule in ruleset.screen(folded).rules_for(folded)}, line
        caught += bool(matching)
    assert caught  # some of them are boilerplate lines


def test_dedupe_reuses_boilerplate_keys_only_for_that_page() -> None:
    page = "  第一段说了很多很多的话。\t\n短\n第一段說了很多很多的話\n\u3000短"
    BoilerplateStage()(Document(source="t", text=page))
    assert dedupe._last is not None and dedupe._last[0] == page
    assert page_keys(page) == "\n".join(dedupe_key(line) for line in page.split("\n"))
    other = page + "\n第一段说了很多很多的话"
    assert page_keys(other) == "\n".join(dedupe_key(line) for line in other.split("\n"))


def test_dedupe_after_boilerplate_equals_dedupe_alone() -> None:
    for text in variants(120, seed=5):
        doc = BoilerplateStage()(Document(source="t", text=text))
        dedupe._last = None
        alone = outcome(DedupeStage(), doc.text)
        doc = BoilerplateStage()(Document(source="t", text=text))
        assert outcome(DedupeStage(), doc.text) == alone


def test_t2s_line_falls_back_char_by_char() -> None:
    """A phrase conversion that changes the length is undone character by character."""
    assert _t2s_line("abc") == "abc"
    assert len(_t2s_line("麪坏兒")) == 3


@pytest.mark.parametrize(("page", "expected"), [
    pytest.param("中文，ab\n\n國語 x\n一二三" + " " * 256, ([2, 0, 2, 3], True), id="lines"),
    pytest.param("😀中\n中" + " " * 256, ([1, 1], False), id="emoji"),
    pytest.param("ß中\n中" + " " * 256, ([1, 1], False), id="sharp-s"),
    pytest.param("™中\n中" + " " * 256, ([1, 1], False), id="trade-mark"),
    pytest.param("℃中\n中" + " " * 256, ([1, 1], True), id="degree-celsius"),
    pytest.param("𠁞字\n" + " " * 256, None, id="supplementary-ideograph"),
    pytest.param("㈠\n" + " " * 256, None, id="enclosed-ideograph"),
    pytest.param("〸\n" + " " * 256, None, id="hangzhou-numeral"),
    pytest.param("\uf900\n" + " " * 256, None, id="compatibility-ideograph"),
    pytest.param("ਅ\n" + " " * 256, None, id="block-0a00"),
])
def test_han_counts(page: str, expected: tuple[list[int], bool] | None) -> None:
    assert han_counts(page) == expected


def _han_in_key(text: str) -> int:
    return sum(1 for char in dedupe_key(text) if "\u3400" <= char <= "\u9fff"
               or "\U00020000" <= char <= "\U0003ffff")


def test_han_counts_are_those_of_the_keys_for_every_character() -> None:
    """Every character that ``han_counts`` takes counts as many Han characters as its key
    holds; so lines with one key have one count."""
    han_counts(" " * 300)  # the tables
    wrong = []
    for code in range(0x110000):
        char = chr(code)
        if char == "\n" or 0xD800 <= code < 0xE000:
            continue
        found = han_counts(char)
        if found is not None and (found.counts != [_han_in_key(char)]
                                  or found.bounded and len(dedupe_key(char)) > 1):
            wrong.append(char)
    assert wrong == []


def test_t2s_keeps_the_count_of_han_characters() -> None:
    """Every entry OpenCC ``t2s`` converts by (its dictionaries, read as the builder reads
    them) turns as many Han characters into as many, none of them a mark."""
    import unicodedata

    def han(text: str) -> int:
        return sum(1 for char in text if "\u3400" <= char <= "\u9fff"
                   or "\U00020000" <= char <= "\U0003ffff")

    pairs = [(key, value) for key, value in t2s_entries()
             if key != value and unicodedata.normalize("NFKC", key) == key]
    assert pairs
    assert [(key, value) for key, value in pairs
            if han(key) != han(value) or strip_marks(value) != value] == []


def test_lines_with_one_key_have_one_count() -> None:
    for text in variants(150, seed=21):
        lines = text.split("\n")
        found = han_counts(text)
        if found is None:
            continue
        by_key: dict[str, set[int]] = {}
        for line, count in zip(lines, found.counts):
            by_key.setdefault(dedupe_key(line), set()).add(count)
        assert all(len(found) == 1 for found in by_key.values())


def test_candidate_keys_hold_every_copy() -> None:
    """The lines ``candidate_keys`` leaves out have a key no other line has, or a short one."""
    for text in variants(150, seed=22):
        for min_chars in (1, 10):
            dedupe._last = None
            keys = dedupe.candidate_keys(text, min_chars)
            every = page_keys(text).split("\n")
            assert all(every[i] == key for i, key in keys.items())
            left_out = [key for i, key in enumerate(every) if i not in keys]
            assert all(every.count(key) == 1 for key in left_out if len(key) >= min_chars)


def test_trie_pattern_finds_what_the_strings_longest_first_find() -> None:
    """The trie written for the screen finds, at every place, the string the plain alternation
    of the strings (longest first) finds."""
    from cleanse_plugins.boilerplate_rules import _pattern

    strings = {"关注", "关注我们", "关闭", "关闭窗口", "首页", "网站首页", "a", "ab", "abc", "b",
               "a|b", "(x)"}
    trie = _pattern(strings, 0)
    plain = re.compile("|".join(re.escape(text) for text in sorted(
        strings, key=lambda text: (-len(text), text))))
    assert trie is not None
    rng = random.Random(3)
    alphabet = "关注我们闭窗口首页网站abc|(x)"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for start in range(len(text) + 1):
            found, expected = trie.match(text, start), plain.match(text, start)
            assert (found and found.group()) == (expected and expected.group()), (text, start)


def test_lines_without_a_cased_character_skip_no_string_with_case() -> None:
    """Every character that ``re.IGNORECASE`` or ``str.lower`` takes for another is one the
    screen looks for before searching the strings with case."""
    import _sre

    from cleanse_plugins.boilerplate_rules import _cased

    codes = range(0x10000)
    targets = {_sre.unicode_tolower(code) for code in codes if _sre.unicode_tolower(code) != code}
    missed = [chr(code) for code in codes
              if (_sre.unicode_tolower(code) != code or code in targets
                  or chr(code).lower() != chr(code)) and not _cased().match(chr(code))]
    assert missed == []


LONG = "这是一段很长的正文内容，讲述了事情的经过和结果" * 4


@pytest.mark.parametrize(("page", "expected"), [
    (f"{LONG}\n{LONG}", False),
    (f"{LONG}\n回复 举报\n{LONG}", True),  # a short line that starts as the rule's lines do
    (f"{LONG}\n他回复了\n{LONG}", False),  # short, but no post action line starts so
    (f"{LONG}回复{LONG}", False),  # the string in a paragraph: too long a line
    ("编辑于 2024-12-20 10:30・IP 属地上海", True),
    ("IP 属地上海", True),  # the cased string, starting as the rule may
    ("ip 属地上海", True),
    ("Ip 属地上海", True),
    ("看 IP 属地", False),  # not a start that rule has
    ("ſhip 属地", False),  # unusual case, no match either way
    ("ıp 属地上海", True),  # ı is i to a case-blind regex: the slow search finds it
    (f"张三 发表于 2023-6-18 {'很' * 60}", True),  # 表于 fits lines of up to 120
    (f"张三 发表于 2023-6-18 {'很' * 120}", False),
    ("", False),
])
def test_page_rules_may_match(page: str, expected: bool) -> None:
    rules = BoilerplateStage().rules
    assert rules.page_rules_may_match(fold_page(page)) is expected
