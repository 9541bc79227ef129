"""cleanse: turn messy scraped text into clean UTF-8, with a record of what changed.

The public API, for users and plugin authors alike::

    import cleanse
    result = cleanse.clean(raw_bytes_or_text, to="traditional")
    result.text, result.metadata
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import CleanResult, clean, make_pipeline  # noqa: E402  (needs the names above)
from .document import Change, Document, Warning
from .errors import CleanseError, ConfigError, ExitCode, InputError, StageError
from .hookspecs import hookimpl
from .plugins import rule_packs
from .stage import Option, Stage, TextStage, record_line_changes

__all__ = [
    "Change", "CleanResult", "CleanseError", "ConfigError", "Document", "ExitCode", "InputError",
    "Option", "Stage", "StageError", "TextStage", "Warning", "__version__", "clean", "hookimpl",
    "make_pipeline", "record_line_changes", "rule_packs",
]
