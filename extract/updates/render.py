"""Render a Statuspage v2 incident as the text of its public archive page.

One page per incident, as ``<page>/incidents/<id>`` shows it: the incident's name, "Incident
Report for <page>", then its updates newest first, each "Status - body" followed by its time line
("Posted Jul 17, 2023 - 15:04 UTC"), and the affected components at the end. HTML in bodies is
turned into plain text by the HTML reader (list items on their own lines).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from extract.model import Record
from extract.readers.html import html_fragment_to_text


def _posted(value: str) -> str:
    when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return f"Posted {when.strftime('%b')} {when.day}, {when.year} - {when.strftime('%H:%M')} UTC"


def render_statuspage_incident(incident: dict[str, Any], page: dict[str, Any] | None = None) -> Record:
    """Return the archive page of a Statuspage incident as an input record.

    The record's ``url`` is the incident's page (``<page url>/incidents/<id>``) and its
    ``published`` the incident's creation time.
    """
    page = page or {}
    page_name = page.get("name") or "the status page"
    updates = sorted(
        incident.get("incident_updates") or [],
        key=lambda u: (u.get("display_at") or u.get("created_at") or "", u.get("id") or ""),
        reverse=True,
    )
    parts = [incident["name"], f"Incident Report for {page_name}"]
    for update in updates:
        status = str(update.get("status") or "update").replace("_", " ").capitalize()
        body = html_fragment_to_text(update.get("body") or "") or "(no text)"
        parts.append(f"{status} - {body}\n{_posted(update.get('display_at') or update['created_at'])}")
    components = sorted({c["name"] for c in incident.get("components") or [] if c.get("name")})
    if components:
        parts.append("This incident affected: " + ", ".join(components) + ".")
    url = f"{(page.get('url') or '').rstrip('/')}/incidents/{incident['id']}"
    return Record(
        id=f"statuspage-{incident['id']}",
        text="\n\n".join(parts) + "\n",
        title=incident["name"],
        url=url,
        lang="en",
        published=incident.get("created_at"),
    )


def render_statuspage_history(
    incidents: list[dict[str, Any]], page: dict[str, Any] | None = None, doc_id: str = "history"
) -> Record:
    """Return a history page listing several incidents: each one's title, its link, its updates.

    Unlike a single incident's page, nothing outside the text says which incident an update
    belongs to: the link line under each title does (attribution "preceding").
    """
    page = page or {}
    base = (page.get("url") or "").rstrip("/")
    sections = []
    for incident in incidents:
        single = render_statuspage_incident(incident, page)
        title, _, rest = single.text.partition("\n\n")
        _, _, updates = rest.partition("\n\n")
        sections.append(f"{title}\n{base}/incidents/{incident['id']}\n\n{updates}")
    return Record(
        id=doc_id, text="\n\n".join(sections), title=f"{page.get('name') or 'Status'} history", lang="en"
    )
