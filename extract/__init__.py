"""incident-extract: German and English incident communications to a normalized incident graph."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
