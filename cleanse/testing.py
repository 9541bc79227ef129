"""Helpers for testing stages, used by the built-in stages and offered to plugin authors."""

from __future__ import annotations

from .document import Document
from .stage import Stage


def run_stage(stage: Stage, text: str) -> Document:
    """Run one stage on ``text`` and return the resulting Document."""
    return stage(Document(source="<test>", text=text))


def assert_stage(stage: Stage, text: str, expected: str) -> Document:
    """Assert ``stage`` turns ``text`` into ``expected``, is idempotent, and leaves clean text be.

    Checks three things: the output is exactly ``expected``; running the stage on ``expected``
    changes nothing (so cleaning twice equals cleaning once); and a stage that changed nothing
    recorded nothing. Returns the Document of the first run so tests can inspect changes.
    """
    doc = run_stage(stage, text)
    assert doc.text == expected, f"{stage.name}: got {doc.text!r}, expected {expected!r}"
    if text == expected:
        assert not doc.changes, f"{stage.name}: changed nothing but recorded {doc.changes!r}"
    again = run_stage(stage, expected)
    assert again.text == expected, f"{stage.name}: not idempotent: {expected!r} -> {again.text!r}"
    assert not again.changes, f"{stage.name}: recorded changes on clean text: {again.changes!r}"
    return doc
