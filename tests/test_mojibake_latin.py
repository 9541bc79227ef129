"""Latin mojibake: the stage fixes what ``ftfy.fix_text`` fixes, and keeps CJK text intact."""

from __future__ import annotations

import ftfy
import pytest

from cleanse.testing import run_stage
from cleanse_plugins.mojibake import MojibakeStage

# Examples from ftfy's documentation and everyday scraped text, without the quotes, ligatures
# and full-width forms that ftfy's defaults would also change (those fixes are switched off).
LATIN = [
    "âœ” No problems",
    "The Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.",
    "Ã¢â‚¬Å“mismatched quotes",
    "cafÃ© au lait",
    "naÃ¯ve rÃ©sumÃ©",
    "GrÃ¶ÃŸe und Ã„pfel",
    "Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€",
    "ÎšÎ±Î»Î·Î¼Î­ÏÎ±",
    "SeÃ±or niÃ±o",
    "â€œHelloâ€\x9d she said",
    "\x80 is not a euro sign",
    "æ–‡å­—åŒ–ã\x81‘",
    "ä½\xa0å¥½ä¸–ç•Œ",
    "ãƒ†ã‚¹ãƒˆ",
]


@pytest.mark.parametrize("text", LATIN)
def test_same_repair_as_ftfy(text: str) -> None:
    expected = ftfy.fix_text(text, uncurl_quotes=False)
    assert expected != text
    doc = run_stage(MojibakeStage(), text)
    assert doc.text == expected
    assert doc.changes and {c.kind for c in doc.changes} == {"ftfy"}


@pytest.mark.parametrize("text", [
    "“中文引号”和全角逗号，句号。",
    "‘한국어’ “인용”",
    "ＡＢＣ１２３　全角",
    "ﬁne ligatures stay",
])
def test_ftfy_defaults_that_damage_east_asian_text_are_off(text: str) -> None:
    assert ftfy.fix_text(text) != text
    doc = run_stage(MojibakeStage(), text)
    assert doc.text == text and not doc.changes


def test_nfc_is_the_stage_own_step_not_ftfy() -> None:
    """The stage normalizes to NFC itself (recorded), so later stages see the output's characters."""
    doc = run_stage(MojibakeStage(), "\uf900 compatibility ideograph")
    assert doc.text == "\u8c48 compatibility ideograph"
    assert [(c.kind, c.before, c.after) for c in doc.changes] == [
        ("normalized", "\uf900 compatibility ideograph", "\u8c48 compatibility ideograph")]


@pytest.mark.parametrize(("text", "expected"), [
    # ftfy reads Ā¯ (C2 9D in cp1257) as U+009D, a control character whitespace drops.
    pytest.param("Ā¯", "Ā¯", id="only-a-control"),
    pytest.param("x Ā¯ y", "x Ā¯ y", id="a-control-inside-a-line"),
    # ... or as a zero-width space, which leaves the line nothing visible.
    pytest.param("â€‹", "â€‹", id="nothing-visible-left"),
    # Beside visible text the zero-width space is a repair (whitespace then drops it).
    pytest.param("a â€‹b", "a \u200bb", id="visible-text-left"),
])
def test_repair_to_nothing_visible_is_refused(text: str, expected: str) -> None:
    doc = run_stage(MojibakeStage(), text)
    assert doc.text == expected
