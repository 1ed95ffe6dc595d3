"""Entity recognizers: incident IDs, error codes, regions, services and features.

Recognizers are declared as data (``data/recognizers/*.yaml``, compiled by ``spec.py`` and run by
``base.py``); ``find_entities`` runs them all on a document and keeps one mention per span and type.
"""

from __future__ import annotations

from extract.model import Document, Mention
from extract.recognizers.base import resolve_overlaps
from extract.recognizers.error_code import find_error_codes
from extract.recognizers.incident_id import find_incident_ids
from extract.recognizers.region import find_regions
from extract.recognizers.service import find_services

__all__ = ["find_entities", "find_error_codes", "find_incident_ids", "resolve_overlaps"]


def find_entities(document: Document) -> list[Mention]:
    """Return incident-ID, error-code, region, service and feature mentions, overlaps resolved."""
    found = [*find_incident_ids(document), *find_error_codes(document)]
    found.extend(find_regions(document))
    found.extend(find_services(document))
    return resolve_overlaps(found)
