"""``cleanse explain``: plain text in a pipe, and JSON equal to the sidecar."""

from __future__ import annotations

import json
from pathlib import Path

from cleanse.explain import render_text
from tests.helpers import invoke, validate_sidecar

PAGE = "創(chuàng)業(yè)的故事  \n\n\n\n第二段。\n"


def test_plain_text_groups_changes_by_stage_and_line(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = invoke(["explain", str(page), "--stages", "pinyin,whitespace"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "page.txt: 2 stages ran\n"
        "== pinyin: 2 changes\n"
        "      L1  -(chuàng) -(yè)\n"
        "== whitespace: 2 changes\n"
        "      L1  -  \n"
        "      L3  -⏎⏎\n"
    )
    assert "\x1b[" not in result.stdout


def test_stage_option_narrows(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = invoke(["explain", str(page), "--stages", "pinyin,whitespace", "--stage", "pinyin"])
    assert "== pinyin" in result.stdout and "== whitespace" not in result.stdout
    bad = invoke(["explain", str(page), "--stage", "nope"])
    assert bad.exit_code == 2 and "stage 'nope' is not in the pipeline; stages:" in bad.stderr


def test_json_is_the_sidecar(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    explained = invoke(["explain", str(page), "--format", "json"])
    out = tmp_path / "out"
    invoke(["run", str(page), "-o", str(out)])
    sidecar = json.loads((out / "page.txt.meta.json").read_text(encoding="utf-8"))
    assert validate_sidecar(json.loads(explained.stdout)) == sidecar


def test_colour_on_a_terminal_strikes_removed_lines() -> None:
    sidecar = {
        "source": "p.txt", "stages": ["boilerplate"], "warnings": [], "fields": {},
        "changes": {"boilerplate": {"count": 1, "items": [
            {"stage": "boilerplate", "kind": "removed-line", "before": "版权所有", "after": "",
             "line": 9, "reason": "copyright"}]}},
    }
    text = render_text(sidecar, color=True)
    assert "\x1b[9m" in text and "\x1b[31m" in text and "[copyright]" in text
    assert "L9" in text
