from __future__ import annotations

from collections import defaultdict

from extract.documents import segment
from extract.updates import parse_updates
from extract.updates.render import render_statuspage_history, render_statuspage_incident
from tests.github_corpus import github_pages, github_rows


def test_render_shows_updates_newest_first_with_times() -> None:
    incident = {
        "id": "abcd1234efgh",
        "name": "Incident with Git Operations",
        "created_at": "2023-07-17T13:50:00.000Z",
        "incident_updates": [
            {
                "status": "investigating",
                "body": "We are <b>investigating</b>.",
                "display_at": "2023-07-17T13:58:00.000Z",
            },
            {"status": "resolved", "body": "<p>Fixed.</p>", "display_at": "2023-07-17T15:04:00.000Z"},
        ],
        "components": [{"name": "Git Operations"}],
    }
    record = render_statuspage_incident(incident, {"name": "GitHub", "url": "https://www.githubstatus.com"})
    assert record.url == "https://www.githubstatus.com/incidents/abcd1234efgh"
    assert record.text.split("\n\n") == [
        "Incident with Git Operations",
        "Incident Report for GitHub",
        "Resolved - Fixed.\nPosted Jul 17, 2023 - 15:04 UTC",
        "Investigating - We are investigating.\nPosted Jul 17, 2023 - 13:58 UTC",
        "This incident affected: Git Operations.\n",
    ]


def test_render_turns_html_lists_into_lines() -> None:
    incident = {
        "id": "abcd1234efgh",
        "name": "Incident on 2010-02-09",
        "incident_updates": [
            {
                "status": "resolved",
                "body": "<ul><li><strong>07:00</strong> - a</li><li>b &amp; c</li></ul>",
                "display_at": "2010-02-09T07:00:00.000Z",
            }
        ],
    }
    record = render_statuspage_incident(incident)
    assert "Resolved - 07:00 - a\nb & c\nPosted Feb 9, 2010 - 07:00 UTC" in record.text


def test_every_github_update_is_found_and_attributed() -> None:
    pages = github_pages()
    total = sum(n for _, _, n, _ in pages)
    assert total == 2801
    found = sum(len(updates) for *_, updates in pages)
    right = sum(u.incident_id == truth for _, truth, _, updates in pages for u in updates)
    assert found == total
    assert right / total >= 0.99
    assert all(len(updates) == n for _, _, n, updates in pages)
    # Statuspage times were read for every post.
    assert all(u.published for *_, updates in pages for u in updates)


def test_history_pages_attribute_by_the_preceding_incident_link() -> None:
    rows = github_rows()
    by_month = defaultdict(list)
    for row in rows:
        by_month[row["incident"]["created_at"][:7]].append(row["incident"])
    total = right = 0
    for month, incidents in sorted(by_month.items())[-24:]:
        record = render_statuspage_history(incidents, rows[0]["page"], doc_id=f"history-{month}")
        document = segment(record)
        truth = {}
        for incident in incidents:
            truth[record.text.index(f"/incidents/{incident['id']}")] = incident["id"]
        starts = sorted(truth)
        for update in parse_updates(document, []):
            owner = truth[max(s for s in starts if s < update.start)]
            total += 1
            right += update.incident_id == owner and update.attribution == "preceding"
        assert total
    expected = sum(len(i["incident_updates"]) for month, incs in sorted(by_month.items())[-24:] for i in incs)
    assert total == expected
    assert right / total >= 0.99
