"""``cleanse explain``: what each stage did to a page, compact enough to read stage by stage.

Changes are grouped per stage and per line; a removed line is shown struck through (red), a
rewrite as its changed pieces ``before → after``. The JSON form is the sidecar itself, narrowed to
one stage when asked, so the two can never disagree.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Any

import click

ELLIPSIS = "…"


def shorten(text: str, limit: int) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: max(limit - 1, 1)] + ELLIPSIS


def pieces(before: str, after: str) -> list[tuple[str, str]]:
    """The (old, new) pieces that differ between two strings, in order."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(before[i1:i2], after[j1:j2])
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def narrow(sidecar: dict[str, Any], stage: str | None) -> dict[str, Any]:
    """The sidecar with changes and warnings of ``stage`` only (all when None)."""
    if stage is None:
        return sidecar
    result = dict(sidecar)
    result["changes"] = {k: v for k, v in sidecar["changes"].items() if k == stage}
    result["warnings"] = [w for w in sidecar["warnings"] if w["stage"] == stage]
    return result


def render_change_row(items: list[dict[str, Any]], color: bool, width: int) -> str:
    """One screen row for the changes of one line: removed lines whole, edits as pieces."""
    red = (lambda t: click.style(t, fg="red", strikethrough=True)) if color else (lambda t: t)
    green = (lambda t: click.style(t, fg="green")) if color else (lambda t: t)
    if len(items) == 1 and items[0]["kind"] == "removed-line":
        item = items[0]
        reason = f"  [{item['reason']}]" if item.get("reason") else ""
        return f"{red('- ' + shorten(item['before'], width - len(reason) - 2))}{reason}"
    parts: list[tuple[str, int]] = []
    for item in items:
        for old, new in pieces(item["before"], item["after"]) or [(item["before"], "")]:
            old_s, new_s = shorten(old, 24), shorten(new, 24)
            if not new_s:
                parts.append((red(f"-{old_s}"), len(old_s) + 1))
            elif not old_s:
                parts.append((green(f"+{new_s}"), len(new_s) + 1))
            else:
                parts.append((f"{red(old_s)}→{green(new_s)}", len(old_s) + len(new_s) + 1))
    row, used = [], 0
    for index, (text, size) in enumerate(parts):
        if used + size > width and row:
            row.append(f"… (+{len(parts) - index})")
            break
        row.append(text)
        used += size + 1
    return " ".join(row)


def render_text(sidecar: dict[str, Any], *, color: bool, width: int = 100) -> str:
    """One block per stage that changed something or warned, one row per line number."""
    out: list[str] = [f"{sidecar['source']}: {len(sidecar['stages'])} stages ran"]
    encoding = sidecar.get("encoding")
    if encoding:
        out.append(f"  encoding {encoding.get('encoding')} "
                   f"(confidence {encoding.get('confidence')})")
    warnings_by_stage: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for warning in sidecar["warnings"]:
        warnings_by_stage[warning["stage"]].append(warning)
    for stage in sidecar["stages"]:
        entry = sidecar["changes"].get(stage)
        warnings = warnings_by_stage.get(stage, [])
        if not entry and not warnings:
            continue
        count = entry["count"] if entry else 0
        title = f"== {stage}: {count} change{'s' * (count != 1)}"
        if warnings:
            title += f", {len(warnings)} warning{'s' * (len(warnings) != 1)}"
        out.append(click.style(title, bold=True) if color else title)
        rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for item in entry["items"] if entry else []:
            rows[item.get("line", "?")].append(item)
        for line, items in rows.items():
            out.append(f"  {('L' + str(line)):>6}  {render_change_row(items, color, width)}")
        for warning in warnings:
            where = f"L{warning['line']}" if "line" in warning else f"@{warning.get('offset', '?')}"
            message = f"  {where:>6}  ! {warning['code']}: {warning['message']}"
            out.append(click.style(message, fg="yellow") if color else message)
    if sidecar.get("fields"):
        out.append("== fields")
        for key, value in sorted(sidecar["fields"].items()):
            out.append(f"  {key}: {value}")
    return "\n".join(out) + "\n"
