from __future__ import annotations

from extract.enrich import IncidentIndex, summarize_incident


def test_summary_line_of_the_delayed_mail_incident(index: IncidentIndex) -> None:
    assert summarize_incident(index.lookup("EX648815")) == (
        "EX648815 Exchange Online – Service degradation – started 2023-07-17 15:00 UTC"
        " – 12 updates, last 2023-07-18 19:32"
    )


def test_summary_line_without_start_uses_first_seen_and_names_an_end(index: IncidentIndex) -> None:
    assert summarize_incident(index.lookup("EX649175")) == (
        "EX649175 Exchange Online – Service Degradation – first seen 2023-07-18 08:32 UTC"
        " – 2 updates, last 2023-07-18 10:22"
    )
    assert "ended 2023-06-20 13:30 UTC" in summarize_incident(index.lookup("EX640001"))


def test_summary_of_an_incident_without_vendor_id_uses_its_title(index: IncidentIndex) -> None:
    line = summarize_incident(index.incidents["incident:githubstatus:x0ljvc9m1wxj"])
    assert line.startswith("Delays in GitHub Actions workflow runs GitHub Actions – Resolved – started")
