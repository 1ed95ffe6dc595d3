"""Error codes: SMTP (basic, enhanced, joined), HTTP, AADSTS and HRESULT.

The patterns, context words and look-alike exclusions are data (``data/recognizers/error_code.yaml``);
the checks and descriptions behind them are the named functions of ``functions.py`` over the
tables of ``data/gazetteers/``.
"""

from __future__ import annotations

from extract.model import Document, Mention
from extract.recognizers.base import run_recognizer
from extract.recognizers.spec import load_spec


def find_error_codes(document: Document) -> list[Mention]:
    """Return error-code mentions with ``scheme``, ``description`` and (SMTP) ``permanent``."""
    return run_recognizer(load_spec("error_code"), document)
