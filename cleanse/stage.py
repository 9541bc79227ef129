"""Stages: the unit of cleaning. Every built-in and third-party stage subclasses ``Stage``."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress
from operator import ne
from typing import Any, ClassVar

from .document import Change, Document
from .errors import ConfigError


@dataclass(frozen=True)
class Option:
    """A stage setting that is also offered on the command line and in config files.

    ``key`` is the key in the stage's config; ``flag`` its command-line spelling (``--to``), whose
    name without dashes, underscored, is also the key in ``cleanse.toml`` and the suffix of the
    ``CLEANSE_`` environment variable. ``choices`` restricts the value; ``is_flag`` makes a switch;
    ``multiple`` makes a repeatable option whose value is a tuple.
    """

    key: str
    flag: str
    help: str
    choices: tuple[str, ...] | None = None
    is_flag: bool = False
    multiple: bool = False

    @property
    def param_name(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


class Stage:
    """A named step of the pipeline: receives a Document, changes it, records what it changed.

    Subclasses set ``name``, ``description`` (one line, shown by ``cleanse stages``) and
    ``default_config``; config keys not in ``default_config`` are rejected when the stage is built,
    so a misspelled option fails loudly. ``after``/``before`` place a third-party stage relative to
    another stage (one of them at most).
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    default_config: ClassVar[dict[str, Any]] = {}
    options: ClassVar[tuple[Option, ...]] = ()
    after: ClassVar[str | None] = None
    before: ClassVar[str | None] = None
    #: False for a stage that works on ``doc.raw`` (decoding); the core decodes strict UTF-8
    #: before the first stage that needs text when no such stage ran.
    needs_text: ClassVar[bool] = True

    def __init__(self, **config: Any) -> None:
        unknown = sorted(set(config) - set(self.default_config))
        if unknown:
            known = ", ".join(sorted(self.default_config)) or "none"
            raise ConfigError(
                f"stage {self.name!r}: unknown option(s) {', '.join(unknown)} (known: {known})"
            )
        self.config: dict[str, Any] = {**self.default_config, **config}
        for option in self.options:
            value = self.config.get(option.key)
            if option.choices and value is not None and value not in option.choices:
                raise ConfigError(
                    f"stage {self.name!r}: {option.key}={value!r} is not one of "
                    f"{', '.join(option.choices)}"
                )

    def __call__(self, doc: Document) -> Document:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<stage {self.name}>"


class TextStage(Stage):
    """A stage that is a pure ``str -> str`` function; changed lines are recorded for it.

    Subclasses implement ``transform``. When the line count is unchanged each changed line is one
    Change; otherwise the changed regions of lines are recorded as they differ.
    """

    change_kind: ClassVar[str] = "rewrite"

    def transform(self, text: str) -> str:
        raise NotImplementedError

    def __call__(self, doc: Document) -> Document:
        assert doc.text is not None, "text stages run after decoding"
        before = doc.text
        after = self.transform(before)
        if after != before:
            record_line_changes(doc, self.name, self.change_kind, before, after)
            doc.text = after
        return doc


def record_line_changes(doc: Document, stage: str, kind: str, before: str, after: str) -> None:
    """Record the lines that differ between ``before`` and ``after`` as Changes of ``stage``."""
    old, new = before.split("\n"), after.split("\n")
    if len(old) == len(new):  # compare in C; Python visits only the lines that differ
        doc.changes.extend([Change(stage, kind, old[index], new[index], index + 1)
                            for index in compress(range(len(old)), map(ne, old, new))])
        return
    import difflib

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":  # whole lines gone, blank ones included: keep their line breaks
            doc.record(stage, kind, "".join(line + "\n" for line in old[i1:i2]), "", line=i1 + 1)
        elif tag != "equal":
            doc.record(stage, kind, "\n".join(old[i1:i2]), "\n".join(new[j1:j2]), line=i1 + 1)
