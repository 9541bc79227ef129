"""Bad input: each gives exit 2 and one line naming the file and the cause; the others go on."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import invoke

GOOD = "  好的文件  \n"


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def assert_reported(result, name: str, cause: str, out: Path) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("cleanse: error:")]
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and cause in lines[0]
    assert (out / "good.txt").read_text(encoding="utf-8") == "好的文件\n"


def test_empty_file(tmp_path: Path, good: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    result = invoke(["run", str(empty), str(good), "-o", str(out)])
    assert_reported(result, "empty.txt", "empty file", out)
    assert not (out / "empty.txt").exists()


def test_empty_file_allowed(tmp_path: Path, good: Path) -> None:
    """Pre-commit hooks pass --allow-empty: an empty file (a .gitkeep) is already clean."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke(["run", "--in-place", "--allow-empty", str(empty), str(good)])
    assert result.exit_code == 0, result.stderr
    assert empty.read_bytes() == b"" and good.read_text(encoding="utf-8") == "好的文件\n"
    assert invoke(["check", "--allow-empty", str(empty)]).exit_code == 0


def test_huge_single_line(tmp_path: Path, good: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"x" * (100 * 1024 * 1024))
    out = tmp_path / "out"
    result = invoke(["run", str(huge), str(good), "-o", str(out), "-j", "1"])
    assert_reported(result, "huge.txt", "is 104,857,600 bytes long", out)


def test_unreadable_file(tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out"
    result = invoke(["run", str(locked), str(good), "-o", str(out), "-j", "1"])
    assert_reported(result, "locked.txt", "Permission denied", out)


def test_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    result = invoke(["explain", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path}: is a directory, expected a file" in result.stderr


def test_missing_path(tmp_path: Path, good: Path) -> None:
    out = tmp_path / "out"
    result = invoke(["run", str(tmp_path / "missing.txt"), str(good), "-o", str(out)])
    assert_reported(result, "missing.txt", "no such file or directory", out)


def test_output_that_cannot_be_written(tmp_path: Path, good: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "good.txt").mkdir()
    result = invoke(["run", str(good), "-o", str(out)])
    assert result.exit_code == 2
    assert "good.txt: cannot write output" in result.stderr


FAILING_PLUGIN = '''
from cleanse import TextStage, hookimpl


class Fragile(TextStage):
    name = "fragile"
    description = "fails on pages that mention 爆炸"

    def transform(self, text):
        if "爆炸" in text:
            raise RuntimeError("cannot cope")
        return text


@hookimpl
def register_stages(register):
    register(Fragile)
'''


def test_a_failing_stage_names_plugin_stage_and_file_and_leaves_it_untouched(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "fragile_plugin.py").write_text(textwrap.dedent(FAILING_PLUGIN))
    info = site / "fragile_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fragile-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[cleanse]\nfragile = fragile_plugin\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.txt").write_text("爆炸  \n", encoding="utf-8")
    (corpus / "ok.txt").write_text("平安  \n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CLEANSE_NO_THIRD_PARTY"}
    env["PYTHONPATH"] = str(site)
    result = subprocess.run(
        [sys.executable, "-m", "cleanse", "run", "--in-place", str(corpus),
         "--stages", "fragile,whitespace"],
        env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("cleanse: error")]
    assert errors == [f"cleanse: error: {corpus / 'bad.txt'}: stage 'fragile' "
                      "(plugin fragile_plugin) failed: RuntimeError: cannot cope"]
    assert (corpus / "bad.txt").read_text(encoding="utf-8") == "爆炸  \n"
    assert (corpus / "ok.txt").read_text(encoding="utf-8") == "平安\n"


CORRUPT_UTF8 = "正文内容，正常的一段中文。".encode() + b"\xff\xfe\xff" + "更多正文内容。".encode()


def test_binary_file(tmp_path: Path, good: Path) -> None:
    image = tmp_path / "image.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    out = tmp_path / "out"
    result = invoke(["run", str(image), str(good), "-o", str(out), "-j", "1"])
    assert_reported(result, "image.txt", "binary file (PNG image)", out)


def test_undecodable_bytes_in_place_are_never_rewritten(tmp_path: Path, good: Path) -> None:
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(CORRUPT_UTF8)
    result = invoke(["run", "--in-place", str(damaged), str(good), "-j", "1"])
    assert result.exit_code == 2
    assert f"{damaged}: undecodable bytes at offset 39" in result.stderr
    assert damaged.read_bytes() == CORRUPT_UTF8
    assert good.read_text(encoding="utf-8") == "好的文件\n"
    replaced = invoke(["run", str(damaged), "--errors", "replace"])
    assert replaced.stdout == "正文内容，正常的一段中文。\ufffd\ufffd\ufffd更多正文内容。\n"


@pytest.mark.parametrize(
    "pattern, cause",
    [("(unclosed", "invalid"), ("(a+)+$", "repetition")],
)
def test_broken_rule_file(tmp_path: Path, pattern: str, cause: str) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(f"[[rules]]\nid = \"bad-one\"\npattern = '{pattern}'\n", encoding="utf-8")
    result = invoke(["run", "--rules", str(rules)], stdin="正文。\n".encode())
    assert result.exit_code == 2
    line = result.stderr.strip().splitlines()[-1]
    assert "rules.toml" in line and "bad-one" in line and cause in line.lower()
