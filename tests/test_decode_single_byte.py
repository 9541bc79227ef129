"""Western, Cyrillic and Greek single-byte pages: the reading a person would see.

chardet's guess among single-byte code pages on a short text is often a neighbour (French read
as mac-cyrillic or Baltic, text with one stray high byte read as EBCDIC): decode must still
find the right one.
"""

from __future__ import annotations

import pytest

from cleanse import clean

CASES = [
    ("Bonjour, ça va très bien, merci à vous.", "cp1252"),
    ("Ça coûte très cher à Noël.", "cp1252"),
    ("L’été “chaud” — naïve café.", "cp1252"),
    ("Olá, tudo bem? Não sei, irmão.", "cp1252"),
    ("Él está aquí, señor. ¿Qué tal?", "cp1252"),
    ("Hyvää päivää, kiitos.", "cp1252"),
    ("Grüße aus München, schöne Straße.", "latin-1"),
    ("Dzień dobry, jak się masz? Żółć.", "cp1250"),
    ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),
    ("Merhaba, nasılsınız? Çok güzel.", "cp1254"),
    ("Привет, как дела? Всё хорошо.", "cp1251"),
    ("Привет, как дела? Всё хорошо.", "mac-cyrillic"),
    ("Съешь же ещё этих мягких французских булок.", "cp1251"),
    ("Καλημέρα σας, τι κάνετε;", "cp1253"),
]


@pytest.mark.parametrize(("text", "encoding"), CASES)
def test_single_byte_page_reads_right(text: str, encoding: str) -> None:
    assert clean(text.encode(encoding), stages="decode").text == text


def test_stray_high_byte_is_not_read_as_ebcdic() -> None:
    # Found by the long fuzz run: chardet called this cp1026, which turns tabs and spaces
    # into other characters.
    result = clean(b"\t\t\t     @J \t\x8e", stages="decode")
    assert result.text == "\t\t\t     @J \t\u017d"
    assert result.metadata["encoding"]["encoding"] == "cp1252"
