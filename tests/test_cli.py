"""The command line, end to end in-process: exit codes, stdout and stderr kept apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanse.cli import build_cli
from tests.helpers import invoke, validate_sidecar

DIRTY = "  第一行  \r\n\r\n\r\n第二行\u200b\r\n".encode()
CLEAN = "第一行\n\n第二行\n"


def test_stdin_to_stdout() -> None:
    result = invoke(["run", "--stages", "whitespace"], stdin="  测试  \n".encode())
    assert (result.exit_code, result.stdout, result.stderr) == (0, "测试\n", "")


def test_dash_means_stdin_and_meta_file(tmp_path: Path) -> None:
    meta = tmp_path / "page.meta.json"
    result = invoke(["run", "-", "--stages", "whitespace", "--meta-file", str(meta)], stdin=DIRTY)
    assert result.exit_code == 0 and result.stdout == CLEAN
    sidecar = validate_sidecar(meta)
    assert sidecar["source"] == "<stdin>" and sidecar["changes"]["whitespace"]["count"] > 0


def test_single_file_to_stdout(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(DIRTY)
    result = invoke(["run", str(page), "--stages", "whitespace"])
    assert result.exit_code == 0 and result.stdout == CLEAN
    assert page.read_bytes() == DIRTY


def test_output_dir_keeps_tree_and_writes_sidecars(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_bytes(DIRTY)
    (src / "sub" / "b.txt").write_bytes(DIRTY)
    (src / ".hidden.txt").write_bytes(DIRTY)
    single = tmp_path / "single.txt"
    single.write_bytes(DIRTY)
    out = tmp_path / "out"
    result = invoke(["run", str(src), str(single), "-o", str(out), "--stages", "whitespace"])
    assert result.exit_code == 0, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert written == ["a.txt", "a.txt.meta.json", "single.txt", "single.txt.meta.json", "sub",
                       "sub/b.txt", "sub/b.txt.meta.json"]
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == CLEAN
    sidecar = validate_sidecar(out / "sub" / "b.txt.meta.json")
    assert sidecar["source"] == "sub/b.txt"
    assert "skipped" in result.stderr and ".hidden.txt" in result.stderr
    assert (src / "a.txt").read_bytes() == DIRTY


def test_glob_chooses_files(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_bytes(DIRTY)
    (tmp_path / "src" / "b.md").write_bytes(DIRTY)
    out = tmp_path / "out"
    result = invoke(["run", str(tmp_path / "src"), "-o", str(out), "--glob", "*.md", "--no-meta"])
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["b.md"]


def test_in_place_rewrites_only_changed_files(tmp_path: Path) -> None:
    dirty, clean = tmp_path / "dirty.txt", tmp_path / "clean.txt"
    dirty.write_bytes(DIRTY)
    clean.write_text(CLEAN, encoding="utf-8")
    dirty.chmod(0o640)
    result = invoke(["run", "--in-place", str(dirty), str(clean), "--stages", "whitespace"])
    assert result.exit_code == 0
    assert dirty.read_text(encoding="utf-8") == CLEAN
    assert dirty.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt", "dirty.txt"]


def test_check_exits_1_on_dirty_and_0_on_clean(tmp_path: Path) -> None:
    dirty, clean = tmp_path / "dirty.txt", tmp_path / "clean.txt"
    dirty.write_bytes(DIRTY)
    clean.write_text(CLEAN, encoding="utf-8")
    result = invoke(["check", str(dirty), str(clean), "--stages", "whitespace"])
    assert result.exit_code == 1
    assert f"would clean {dirty}" in result.stderr and str(clean) not in result.stderr.replace(
        str(dirty), "")
    assert result.stdout == ""
    assert dirty.read_bytes() == DIRTY
    assert invoke(["check", str(clean), "--stages", "whitespace"]).exit_code == 0


def test_check_diff_goes_to_stdout(tmp_path: Path) -> None:
    dirty = tmp_path / "dirty.txt"
    dirty.write_bytes(b"x  \n")
    result = invoke(["check", "--diff", str(dirty), "--stages", "whitespace"])
    assert result.exit_code == 1
    assert "-x  \n+x\n" in result.stdout


def test_check_on_run_output_passes(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(DIRTY)
    out = tmp_path / "out"
    assert invoke(["run", str(page), "-o", str(out)]).exit_code == 0
    assert invoke(["check", str(out / "page.txt")]).exit_code == 0


def test_missing_path_is_reported_and_others_go_on(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(DIRTY)
    out = tmp_path / "out"
    result = invoke(["run", str(tmp_path / "nope.txt"), str(page), "-o", str(out)])
    assert result.exit_code == 2
    assert "nope.txt: no such file or directory" in result.stderr
    assert (out / "page.txt").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "--stages", "whitespace,nope"], "unknown stage 'nope'; known stages:"),
        (["run", "a.txt", "b.txt"], "several inputs need -o/--output DIR or --in-place"),
        (["run", "-o", "x", "--in-place", "a.txt"], "not both"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = invoke(args, stdin=b"")
    assert result.exit_code == 2
    assert message in result.stderr


def test_stages_lists_plugin_and_description() -> None:
    result = invoke(["stages"])
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if line.startswith("whitespace"))
    assert "cleanse_plugins.whitespace" in line and "one final newline" in line
    assert result.stdout.splitlines()[-1].startswith("whitespace")


def test_version() -> None:
    from cleanse import __version__

    result = invoke(["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


class TestSettings:
    """CLI > environment > config file > default, and unknown keys are errors."""

    def test_config_file_sets_defaults(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
        (tmp_path / "cleanse.toml").write_text('stages = "whitespace"\nkeep_indent = true\n')
        monkeypatch.chdir(tmp_path)
        result = invoke(["run"], stdin=" 中  \n".encode())
        assert result.stdout == " 中\n"

    def test_pyproject_table_and_stage_table(self, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "pyproject.toml").write_text(
            '[tool.cleanse]\nstages = "whitespace"\n[tool.cleanse.whitespace]\nkeep_indent = true\n'
        )
        sub = tmp_path / "deep" / "er"
        sub.mkdir(parents=True)
        monkeypatch.chdir(sub)
        assert invoke(["run"], stdin=" 中  \n".encode()).stdout == " 中\n"

    def test_environment_beats_file_and_cli_beats_environment(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        (tmp_path / "cleanse.toml").write_text('stages = "whitespace"\nkeep_indent = false\n')
        monkeypatch.chdir(tmp_path)
        assert invoke(["run"], stdin=" 中  \n".encode()).stdout == "中\n"
        env = {"CLEANSE_KEEP_INDENT": "1"}
        assert invoke(["run"], stdin=" 中  \n".encode(), env=env).stdout == " 中\n"
        env = {"CLEANSE_STAGES": "nope"}
        assert invoke(["run"], stdin=" 中  \n".encode(), env=env).exit_code == 2
        assert invoke(["run", "--stages", "whitespace"], stdin=" 中  \n".encode(), env=env).stdout == "中\n"

    def test_unknown_key_suggests(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "cleanse.toml").write_text('stagse = "whitespace"\n')
        monkeypatch.chdir(tmp_path)
        result = invoke(["run"], stdin=b"x\n")
        assert result.exit_code == 2
        assert "unknown setting 'stagse' (did you mean 'stages'?)" in result.stderr

    def test_broken_config_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "cleanse.toml").write_text("stages = [unclosed\n")
        monkeypatch.chdir(tmp_path)
        result = invoke(["run"], stdin=b"x\n")
        assert result.exit_code == 2
        assert "cleanse.toml: cannot read config" in result.stderr


def test_sidecar_is_deterministic(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(DIRTY)
    first, second = tmp_path / "one", tmp_path / "two"
    invoke(["run", str(page), "-o", str(first)])
    invoke(["run", str(page), "-o", str(second)])
    a = (first / "page.txt.meta.json").read_bytes()
    assert a == (second / "page.txt.meta.json").read_bytes()
    assert str(tmp_path) not in a.decode()
    assert json.loads(a)["input"]["bytes"] == len(DIRTY)


def test_every_option_has_help_with_an_example() -> None:
    import click

    cli = build_cli()
    missing = [
        f"{name} {param.opts[0]}"
        for name, command in cli.commands.items()
        for param in command.params
        if isinstance(param, click.Option) and "e.g." not in (param.help or "")
    ]
    assert missing == []


def test_top_level_help_fits_on_one_screen() -> None:
    result = invoke(["--help"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) <= 24


def test_a_plain_run_imports_no_costly_module_it_does_not_need() -> None:
    """Start-up: processes and the parallel machinery are imported only when needed."""
    import subprocess
    import sys

    code = ("import sys\nfrom cleanse.cli import main\nsys.argv = ['cleanse', 'run']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "costly = ('concurrent.futures', 'multiprocessing')\n"
            "print(sorted(name for name in costly if name in sys.modules), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], input="中文\n".encode(),
                          capture_output=True, check=True)
    assert done.stdout == "中文\n".encode()
    assert done.stderr.decode().strip() == "[]"
