"""The Document that flows through the pipeline, and the records stages leave on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Change:
    """One edit a stage made, precise enough to show a person and to audit later.

    ``line`` is 1-based in the text the stage received; ``offset`` is a character offset in it
    (either may be ``None`` when it does not apply). ``reason`` names the rule or heuristic.
    """

    stage: str
    kind: str
    before: str
    after: str
    line: int | None = None
    offset: int | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        # Built by hand, in field order: dataclasses.asdict deep-copies and costs several
        # microseconds per change, which adds up on pages with hundreds of changes.
        data: dict[str, Any] = {"stage": self.stage, "kind": self.kind, "before": self.before,
                                "after": self.after}
        if self.line is not None:
            data["line"] = self.line
        if self.offset is not None:
            data["offset"] = self.offset
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass(slots=True)
class Warning:
    """Something a stage noticed and chose not to touch (for example unrecoverable mojibake)."""

    stage: str
    code: str
    message: str
    line: int | None = None
    offset: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"stage": self.stage, "code": self.code, "message": self.message}
        if self.line is not None:
            data["line"] = self.line
        if self.offset is not None:
            data["offset"] = self.offset
        return data


@dataclass(slots=True)
class Document:
    """A page being cleaned: where it came from, its bytes, its text and what was done to it.

    ``text`` is ``None`` until the bytes are decoded. ``metadata`` holds the sections stages
    contribute to the sidecar (``encoding``, ``script``, ``fields``...), keyed by section name.
    """

    source: str
    raw: bytes | None = None
    text: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    #: The text as it came in, for documents given as text (the sidecar hashes it).
    original_text: str | None = None
    #: ``original_text`` and its UTF-8, once encoded (the pipeline's surrogate check encodes it,
    #: the sidecar needs the bytes): encoded once per document, not twice.
    _encoded: tuple[str, bytes] | None = field(default=None, init=False, repr=False,
                                               compare=False)

    @classmethod
    def from_input(cls, data: str | bytes, source: str = "<text>") -> Document:
        if isinstance(data, bytes):
            return cls(source=source, raw=data)
        return cls(source=source, raw=None, text=data, original_text=data)

    def record(self, stage: str, kind: str, before: str, after: str, *, line: int | None = None,
               offset: int | None = None, reason: str = "") -> None:
        self.changes.append(Change(stage, kind, before, after, line, offset, reason))

    def warn(self, stage: str, code: str, message: str, *, line: int | None = None,
             offset: int | None = None) -> None:
        self.warnings.append(Warning(stage, code, message, line, offset))

    @property
    def input_bytes(self) -> bytes:
        """The input as bytes: the raw bytes, or the original text in UTF-8."""
        if self.raw is not None:
            return self.raw
        text = self.original_text if self.original_text is not None else self.text or ""
        if self._encoded is None or self._encoded[0] is not text:
            self._encoded = (text, text.encode())
        return self._encoded[1]

    @property
    def fields(self) -> dict[str, Any]:
        """Values extracted from the page (title, source, author, date...), for the sidecar."""
        return self.metadata.setdefault("fields", {})
