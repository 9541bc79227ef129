"""JSONL mode: streamed, other fields kept, compressed by name, bad records passed through."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import zstandard

from tests.helpers import invoke, validate_sidecar

RECORDS = [{"id": i, "text": f"  第{i}段  \r\n\r\n\r\n尾\u200b", "lang": "zh"} for i in range(50)]
CLEANED = [f"第{i}段\n\n尾\n" for i in range(50)]


def jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def read_jsonl(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode().splitlines()]


def test_stdin_to_stdout_keeps_fields_and_adds_metadata() -> None:
    result = invoke(["run", "--jsonl", "--stages", "whitespace", "-j", "1"], stdin=jsonl(RECORDS))
    assert result.exit_code == 0, result.stderr
    out = read_jsonl(result.stdout_bytes)
    assert [r["text"] for r in out] == CLEANED
    assert [(r["id"], r["lang"]) for r in out] == [(i, "zh") for i in range(50)]
    assert list(out[0]) == ["id", "text", "lang", "cleanse"]
    sidecar = validate_sidecar(out[0]["cleanse"])
    assert sidecar["source"] == "<stdin>:1"
    assert sidecar["input"]["bytes"] == len(RECORDS[0]["text"].encode())
    assert sidecar["output"]["bytes"] == len(CLEANED[0].encode())


@pytest.mark.parametrize("suffix", [".gz", ".zst", ""])
def test_compressed_files_and_separate_meta(tmp_path: Path, suffix: str) -> None:
    source, target = tmp_path / f"in.jsonl{suffix}", tmp_path / f"out.jsonl{suffix}"
    data = jsonl(RECORDS)
    if suffix == ".gz":
        source.write_bytes(gzip.compress(data))
    elif suffix == ".zst":
        source.write_bytes(zstandard.ZstdCompressor().compress(data))
    else:
        source.write_bytes(data)
    meta = tmp_path / "meta.jsonl"
    result = invoke(["run", "--jsonl", str(source), "-o", str(target), "--meta-file", str(meta),
                     "--stages", "whitespace", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    raw = target.read_bytes()
    if suffix == ".gz":
        raw = gzip.decompress(raw)
    elif suffix == ".zst":
        raw = zstandard.ZstdDecompressor().decompressobj().decompress(raw)
    out = read_jsonl(raw)
    assert [r["text"] for r in out] == CLEANED and "cleanse" not in out[0]
    metas = read_jsonl(meta.read_bytes())
    assert [m["line"] for m in metas] == list(range(1, 51))


def test_malformed_records_pass_through_with_line_numbers() -> None:
    lines = jsonl(RECORDS[:2]) + b"{broken\n" + b'{"body": "no text"}\n' + jsonl(RECORDS[2:3])
    result = invoke(["run", "--jsonl", "--stages", "whitespace", "-j", "1"], stdin=lines)
    assert result.exit_code == 2
    assert "line 3: malformed record" in result.stderr
    assert "line 4: malformed record: no string field 'text'" in result.stderr
    out_lines = result.stdout_bytes.split(b"\n")
    assert out_lines[2] == b"{broken" and out_lines[3] == b'{"body": "no text"}'
    assert json.loads(out_lines[4])["text"] == CLEANED[2]


def test_other_field_name() -> None:
    records = [{"content": " x  ", "text": "  untouched  "}]
    result = invoke(["run", "--jsonl", "--field", "content", "--stages", "whitespace", "-j", "1"],
                    stdin=jsonl(records))
    out = read_jsonl(result.stdout_bytes)[0]
    assert (out["content"], out["text"]) == ("x\n", "  untouched  ")


def test_parallel_output_equals_serial_output_in_order(tmp_path: Path) -> None:
    records = [{"id": i, "text": f"  第{i}段 " * (i % 7 + 1)} for i in range(5000)]
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(records))
    serial = invoke(["run", "--jsonl", str(source), "--stages", "whitespace", "-j", "1"])
    parallel = invoke(["run", "--jsonl", str(source), "--stages", "whitespace", "-j", "2"])
    assert serial.exit_code == parallel.exit_code == 0
    assert serial.stdout_bytes == parallel.stdout_bytes
    assert [r["id"] for r in read_jsonl(parallel.stdout_bytes)] == list(range(5000))


def test_parallel_files_equal_serial_files(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(12):
        (src / f"{i:02}.txt").write_text(f"  第{i}页  \n\n\n\n正文 \n" * (i + 1), encoding="utf-8")
    one, two = tmp_path / "one", tmp_path / "two"
    assert invoke(["run", str(src), "-o", str(one), "-j", "1"]).exit_code == 0
    assert invoke(["run", str(src), "-o", str(two), "-j", "2"]).exit_code == 0
    for path in sorted(one.iterdir()):
        assert path.read_bytes() == (two / path.name).read_bytes()


def test_summary_as_json(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("  x  \n", encoding="utf-8")
    result = invoke(["run", str(page), "-o", str(tmp_path / "out"), "--format", "json",
                     "--stages", "whitespace"])
    summary = json.loads(result.stderr.strip().splitlines()[-1])
    assert summary["files"] == 1 and summary["changed"] == 1 and summary["errors"] == 0
    assert summary["changes_by_stage"] == {"whitespace": 1}


def test_sidecar_hashes_are_those_of_the_text_in_and_out() -> None:
    """Clean records (output = input, hashed once) and changed ones carry the true hashes."""
    import hashlib

    texts = ["已经干净。\n", "  要清理  \r\n", "plain ascii\n", "tail"]
    result = invoke(["run", "--jsonl", "--stages", "whitespace", "-j", "1"],
                    stdin=jsonl([{"text": text} for text in texts]))
    assert result.exit_code == 0, result.stderr
    for text, record in zip(texts, read_jsonl(result.stdout_bytes)):
        sidecar = record["cleanse"]
        for side, data in (("input", text.encode()), ("output", record["text"].encode())):
            assert sidecar[side] == {"sha256": hashlib.sha256(data).hexdigest(),
                                     "bytes": len(data)}
    assert [bool(read["cleanse"]["changes"]) for read in read_jsonl(result.stdout_bytes)] == [
        False, True, False, True]
