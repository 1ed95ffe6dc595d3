"""The exceptions the library raises; all derive from ExtractError."""

from __future__ import annotations


class ExtractError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(ExtractError):
    """An input record or file could not be read; names where and why."""

    def __init__(self, where: str, reason: str, line: int | None = None) -> None:
        self.where = where
        self.reason = reason
        self.line = line
        location = f"{where}:{line}" if line is not None else where
        super().__init__(f"{location}: {reason}")

    def to_dict(self) -> dict[str, object]:
        """Return the errors.jsonl line for this error."""
        return {"file": self.where, "line": self.line, "reason": self.reason}


class SpecError(ExtractError):
    """A file under data/ does not follow its schema."""


class ResourceError(ExtractError):
    """A packaged resource (data or model) is missing."""
