"""Region overlap between a ticket and an incident, on the contract's region values.

Countries are ISO 3166-1 alpha-2; the contract's macro-regions that stand for a fixed set of
countries expand to it; a state (ISO 3166-2, "US-VA") counts as its country; GLOBAL covers every
place. The broad macro-regions without a fixed country list (EUROPE, EMEA, APAC, ...) match only
themselves: whether "EMEA" covers a ticket from "GB" is likely, but not stated.
"""

from __future__ import annotations

from collections.abc import Iterable

import pycountry

EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)

MACRO_COUNTRIES: dict[str, frozenset[str]] = {
    "DACH": frozenset({"DE", "AT", "CH"}),
    "BENELUX": frozenset({"BE", "NL", "LU"}),
    "NORDICS": frozenset({"DK", "FI", "IS", "NO", "SE"}),
    "EU": EU_MEMBERS,
}

GLOBAL = "GLOBAL"


def expand(region: str) -> frozenset[str]:
    """Return the places a region value stands for (countries where known, else the value)."""
    value = region.strip().upper()
    if value in MACRO_COUNTRIES:
        return MACRO_COUNTRIES[value]
    if len(value) > 3 and value[2] == "-" and value[:2].isalpha():  # ISO 3166-2: its country
        return frozenset({value[:2]})
    return frozenset({value})


def expand_all(regions: Iterable[str]) -> frozenset[str]:
    """Return the union of ``expand`` over the values."""
    places: set[str] = set()
    for region in regions:
        places |= expand(region)
    return frozenset(places)


def shared_places(ticket_regions: Iterable[str], incident_regions: Iterable[str]) -> frozenset[str]:
    """Return the places both name (after expansion); GLOBAL is handled by the caller."""
    return expand_all(ticket_regions) & expand_all(incident_regions)


def is_region_code(value: str) -> bool:
    """Return whether a ticket field already holds a region value (ISO alpha-2 or a macro-region)."""
    code = value.strip().upper()
    if code in MACRO_COUNTRIES or code == GLOBAL:
        return True
    return len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None
