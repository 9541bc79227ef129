"""The decode stage: BOMs, UTF-8/16, options, binary refusal, errors and the sidecar section."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanse
from cleanse import Document, InputError
from cleanse_plugins.decode import DecodeStage, decode_bytes
from cleanse_plugins.decode_sniff import _signatures, line_endings, magic_format, wide_unicode

FIXTURES = Path(__file__).parent / "fixtures" / "encodings"
ZH = "中文测试，这是一个简短的句子。\n"


def run(raw: bytes, **config: object) -> Document:
    return DecodeStage(**config)(Document.from_input(raw, source="<test>"))


@pytest.mark.parametrize(("raw", "text", "encoding", "bom"), [
    (b"", "", "utf-8", None),
    (b"plain ascii\n", "plain ascii\n", "utf-8", None),
    (ZH.encode("utf-8"), ZH, "utf-8", None),
    (b"\xef\xbb\xbf" + ZH.encode("utf-8"), ZH, "utf-8", "utf-8"),
    (b"\xff\xfe" + ZH.encode("utf-16-le"), ZH, "utf-16-le", "utf-16-le"),
    (b"\xfe\xff" + ZH.encode("utf-16-be"), ZH, "utf-16-be", "utf-16-be"),
    (b"\xff\xfe\x00\x00" + ZH.encode("utf-32-le"), ZH, "utf-32-le", "utf-32-le"),
    (b"\x00\x00\xfe\xff" + ZH.encode("utf-32-be"), ZH, "utf-32-be", "utf-32-be"),
    ("Hello, world\n".encode("utf-16-le"), "Hello, world\n", "utf-16-le", None),
    ("Hello, world\n".encode("utf-16-be"), "Hello, world\n", "utf-16-be", None),
    ("Hi 中文\n".encode("utf-32-le"), "Hi 中文\n", "utf-32-le", None),
    (ZH.encode("utf-16-le"), ZH, "utf-16-le", None),
    (ZH.encode("gbk"), ZH, "gb18030", None),
    ("這是繁體中文的句子，沒有問題。\n".encode("big5"), "這是繁體中文的句子，沒有問題。\n", "cp950", None),
    ("日本語の文章です。\n".encode("shift_jis"), "日本語の文章です。\n", "cp932", None),
    ("日本語の文章です。\n".encode("euc_jp"), "日本語の文章です。\n", "euc_jis_2004", None),
    ("한국어 문장입니다.\n".encode("euc_kr"), "한국어 문장입니다.\n", "cp949", None),
])
def test_decodes_and_names_the_encoding(raw: bytes, text: str, encoding: str,
                                        bom: str | None) -> None:
    doc = run(raw)
    assert doc.text == text
    assert doc.metadata["encoding"]["encoding"] == encoding
    assert doc.metadata["encoding"]["bom"] == bom


def test_shift_jis_keeps_its_own_mappings() -> None:
    """0x8160 is WAVE DASH in Shift_JIS but FULLWIDTH TILDE in cp932: the narrow codec wins."""
    text = "東京〜大阪の距離は約五百キロです。\n"
    doc = run(text.encode("shift_jis"))
    assert doc.text == text
    assert doc.metadata["encoding"]["encoding"] == "shift_jis"


def test_sidecar_section_has_every_field() -> None:
    doc = run("第一行\r\n第二行\r\n".encode("gbk"))
    section = doc.metadata["encoding"]
    assert section == {
        "encoding": "gb18030", "confidence": section["confidence"], "bom": None,
        "line_endings": "crlf", "runs": [], "undecodable_offsets": [],
    }
    assert 0.0 < section["confidence"] <= 1.0
    assert doc.text == "第一行\r\n第二行\r\n"


@pytest.mark.parametrize(("text", "style"), [
    ("", "none"), ("one line", "none"), ("a\nb\n", "lf"), ("a\r\nb\r\n", "crlf"),
    ("a\rb\r", "cr"), ("a\r\nb\n", "mixed"), ("a\rb\n", "mixed"),
])
def test_line_endings(text: str, style: str) -> None:
    assert line_endings(text) == style


def test_text_input_is_left_alone() -> None:
    doc = DecodeStage()(Document.from_input("already text"))
    assert doc.text == "already text"
    assert "encoding" not in doc.metadata
    assert not doc.changes


def test_utf8_records_nothing_legacy_records_one_change() -> None:
    assert not run(ZH.encode("utf-8")).changes
    doc = run(ZH.encode("gbk"))
    assert [(c.kind, c.before, c.after) for c in doc.changes] == [
        ("decode", f"{len(ZH.encode('gbk'))} bytes", "gb18030")
    ]


@pytest.mark.parametrize(("name", "message", "offset"), [
    ("image.png", "binary file (PNG image)", 0),
    ("document.pdf", "binary file (PDF document)", 0),
    ("archive.zip", "binary file (ZIP archive)", 0),
    ("text.gz", "binary file (gzip data)", 0),
    ("nul-laden.bin", "binary file (NUL bytes)", 6),
    ("controls.bin", "binary file (", 0),
])
def test_binary_input_is_refused(name: str, message: str, offset: int) -> None:
    with pytest.raises(InputError) as error:
        run((FIXTURES / "binary" / name).read_bytes())
    assert str(error.value).startswith(message)
    assert error.value.offset == offset


def test_compressed_text_is_read_through_the_core(tmp_path: Path) -> None:
    from cleanse.io import read_input  # the core decompresses by name; the stage sees text

    path = tmp_path / "page.txt.gz"
    path.write_bytes((FIXTURES / "binary" / "text.gz").read_bytes())
    assert run(read_input(path)).text == "压缩的文本\n"


GBK_WITH_BAD_BYTE = "第一行文字没有问题。\n".encode("gbk") * 3 + b"\xff\xff" + "后面的文字。\n".encode("gbk")


def test_undecodable_bytes_are_an_error_with_the_offset() -> None:
    with pytest.raises(InputError) as error:
        run(GBK_WITH_BAD_BYTE)
    offset = GBK_WITH_BAD_BYTE.index(b"\xff")
    assert str(error.value).startswith(f"undecodable bytes at offset {offset} (tried: utf-8, ")
    assert error.value.offset == offset


def test_errors_replace_records_every_offset() -> None:
    doc = run(GBK_WITH_BAD_BYTE, errors="replace")
    offset = GBK_WITH_BAD_BYTE.index(b"\xff")
    assert doc.text == "第一行文字没有问题。\n" * 3 + "\ufffd\ufffd后面的文字。\n"
    assert doc.metadata["encoding"]["undecodable_offsets"] == [offset, offset + 1]
    assert [w.code for w in doc.warnings] == ["undecodable"]


@pytest.mark.parametrize(("raw", "encoding", "text"), [
    ("中文".encode("gbk"), "gbk", "中文"),
    ("中文".encode("gbk"), "latin-1", "ÖÐÎÄ"),
    (b"\xef\xbb\xbfabc", "utf-8", "abc"),
])
def test_forced_encoding(raw: bytes, encoding: str, text: str) -> None:
    assert run(raw, encoding=encoding).text == text


def test_forced_encoding_is_strict() -> None:
    with pytest.raises(InputError, match=r"undecodable bytes at offset 0 \(tried: utf-8\)"):
        run(b"\xff\xfeabc", encoding="utf-8")


def test_fallback_encoding_is_the_last_resort() -> None:
    doc = run(GBK_WITH_BAD_BYTE, fallback_encoding="latin-1")
    assert doc.text is not None and doc.text.startswith("第一行文字没有问题。\n")


def test_unknown_encoding_name_is_a_config_error() -> None:
    with pytest.raises(cleanse.ConfigError):
        DecodeStage(encoding="no-such-codec")


def test_options_reach_the_stage_through_the_api() -> None:
    result = cleanse.clean("中文内容".encode("gbk"), stages=["decode"], encoding="gbk")
    assert result.text == "中文内容"
    assert result.metadata["encoding"]["encoding"] == "gbk"


@pytest.mark.parametrize(("sample", "expected"), [
    ("a".encode("utf-16-le"), None),
    ("abcdefgh".encode("utf-16-le"), "utf-16-le"),
    ("abcdefgh".encode("utf-16-be"), "utf-16-be"),
    ("abcdefgh".encode("utf-32-le"), "utf-32-le"),
    ("abcdefgh".encode("utf-32-be"), "utf-32-be"),
    ("纯中文".encode("utf-16-le"), None),
    (b"plain ascii text", None),
])
def test_wide_unicode_by_zero_bytes(sample: bytes, expected: str | None) -> None:
    assert wide_unicode(sample) == expected


def _spy_on_chardet(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    import chardet

    seen: list[int] = []
    real = chardet.detect_all

    def spy(data: bytes, *args: object, **kwargs: object) -> object:
        seen.append(len(data))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(chardet, "detect_all", spy)
    return seen


def test_chardet_sees_only_a_bounded_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _spy_on_chardet(monkeypatch)
    big = ("Die Straße führt über die Brücke nach Köln, wo das Münster steht.\n" * 20000).encode(
        "cp1252")
    assert decode_bytes(big).text == big.decode("cp1252")
    assert seen and max(seen) <= 64 * 1024


def test_clear_legacy_file_needs_no_chardet(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _spy_on_chardet(monkeypatch)
    big = ("这是一个很长的中文文件，用来检查采样的大小。\n" * 20000).encode("gbk")
    decoded = decode_bytes(big)
    assert (decoded.encoding, decoded.text) == ("gb18030", big.decode("gbk"))
    assert seen == []


def test_utf8_fast_path_does_not_call_chardet(monkeypatch: pytest.MonkeyPatch) -> None:
    import chardet

    monkeypatch.setattr(chardet, "detect_all", None)
    assert decode_bytes(ZH.encode("utf-8") * 1000).encoding == "utf-8"


def blob(parts: tuple[tuple[int, bytes], ...]) -> bytes:
    """The shortest data with every part of a signature in place (spaces between)."""
    data = bytearray(b" " * max(offset + len(value) for offset, value in parts))
    for offset, value in parts:
        data[offset:offset + len(value)] = value
    return bytes(data)


@pytest.mark.parametrize(("parts", "name"), _signatures(), ids=lambda value: str(value))
def test_every_signature_is_found(parts: tuple[tuple[int, bytes], ...], name: str) -> None:
    """The first signature in file order that matches, as a scan of them all would find."""
    data = blob(parts) + b"text"
    first = next(other for other_parts, other in _signatures()
                 if all(data[o:o + len(v)] == v for o, v in other_parts))
    assert magic_format(data) == first


@pytest.mark.parametrize("data", [b"", b"plain text", "中文".encode()])
def test_text_has_no_signature(data: bytes) -> None:
    assert magic_format(data) is None
