"""Suite membership of services, from the service catalog when one is installed.

A ticket about "Microsoft 365" may well be about an Exchange Online incident: the suite contains
the service. The catalog (``data/gazetteers/services.csv``: name, parent, ...) is the recognizers'
resource; without it, services relate only when equal.
"""

from __future__ import annotations

from functools import cache

from extract.errors import ResourceError

CATALOG = ("gazetteers", "services.csv")


@cache
def service_parents() -> dict[str, str]:
    """Return {casefolded service: casefolded parent suite} from the catalog (empty without one)."""
    from extract.resources import load_csv

    try:
        rows = load_csv(*CATALOG)
    except ResourceError:
        return {}
    return {
        row["name"].casefold(): row["parent"].casefold()
        for row in rows
        if row.get("name") and row.get("parent")
    }


def related(a: str, b: str) -> bool:
    """Return whether one service is the suite of the other (equal services are not "related")."""
    parents = service_parents()
    x, y = a.casefold(), b.casefold()
    return parents.get(x) == y or parents.get(y) == x
