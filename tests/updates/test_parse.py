from __future__ import annotations

import pytest

from extract.documents import segment
from extract.model import Document, Mention, Record
from extract.updates import parse_updates
from extract.updates.times import parse_time


def _doc(text: str, **kwargs: object) -> Document:
    return segment(Record(id=str(kwargs.pop("id", "t")), text=text, **kwargs))


def test_sample_ex648815_posts_in_time_order(sample_doc: Document) -> None:
    posts = [u for u in parse_updates(sample_doc, []) if u.incident_id == "EX648815"]
    assert len(posts) == 12
    assert {u.kind for u in posts} == {"m365"}
    times = sorted(u.published for u in posts)
    assert times[0] == "2023-07-17T21:03:33"
    assert times[-1] == "2023-07-18T19:32:23"
    # The share header names the incident; the posts below it are attributed to it.
    assert sorted({u.attribution for u in posts}) == ["block", "preceding"]
    assert sum(u.attribution == "block" for u in posts) == 1
    assert sum("root_cause" in u.fields for u in posts) == 10
    assert all(u.extra["service"] == "Exchange Online" and u.extra["feature"] == "delivery" for u in posts)


def test_sample_share_header_gives_status_to_its_post(sample_doc: Document) -> None:
    newest = next(u for u in parse_updates(sample_doc, []) if u.published == "2023-07-18T19:32:23")
    assert newest.status == "serviceDegradation"
    assert newest.status_text == "Service degradation"
    assert newest.extra["start"] == "2023-07-17T15:00:00+00:00"
    assert newest.extra["next_update"] == "2023-07-18T19:30:00+00:00"
    assert newest.fields["title"].startswith("Users' inbound and outbound email delivery")


def test_sample_nhsmail_alert(sample_doc: Document) -> None:
    alert = next(u for u in parse_updates(sample_doc, []) if u.kind == "alert")
    assert alert.incident_id == "EX649175"
    assert alert.external_refs == ("INC37075572",)
    # Its title line and date line above the fields belong to it.
    assert sample_doc.text[alert.start :].startswith("Microsoft 365 Alert – Service Degradation")
    assert alert.published == "2023-07-18T08:32:00+00:00"
    assert alert.status == "serviceDegradation"
    assert alert.extra["issue_status"] == "ONGOING"
    assert alert.extra["title"] == "Some users may be unable to send Exchange Online email messages"
    assert alert.extra["service"] == "Exchange Online"
    assert alert.extra["updated"] == "2023-07-18T10:22:00"


def test_sample_tweet_and_comment_quote(sample_doc: Document) -> None:
    updates = parse_updates(sample_doc, [])
    tweet = next(u for u in updates if u.kind == "tweet")
    assert (tweet.incident_id, tweet.status) == ("EX649175", "investigating")
    quote = next(u for u in updates if u.comment is not None)
    assert quote.incident_id == "EX649175"
    assert quote.status == "serviceRestored"
    assert quote.comment.endswith("#c7")
    assert sample_doc.text[quote.start : quote.end].startswith("We've mitigated impact")


GERMAN_POST = """Störung bei Exchange Online

Vorfall: EX123456, betroffener Dienst: Exchange Online, betroffenes Feature: E-Mail-Fluss, aktueller Status ist: Dienstbeeinträchtigung

Veröffentlicht: 03.02.2024 10:15:00

Titel: Benutzer können keine E-Mails senden

Benutzerauswirkung: Benutzer können keine E-Mails senden.

Aktueller Status: Wir untersuchen das Problem.

Startzeit: Samstag, 3. Februar 2024, um 08:00 UTC

Nächstes Update bis: 03.02.2024 12:00 UTC
"""


def test_german_admin_center_post() -> None:
    (post,) = parse_updates(_doc(GERMAN_POST), [])
    assert post.incident_id == "EX123456"
    assert post.published == "2024-02-03T10:15:00"
    assert post.status == "serviceDegradation"
    assert post.fields["title"] == "Benutzer können keine E-Mails senden"
    assert post.fields["current_status"] == "Wir untersuchen das Problem."
    assert post.extra["start"] == "2024-02-03T08:00:00+00:00"
    assert post.extra["next_update"] == "2024-02-03T12:00:00+00:00"
    assert post.extra["feature"] == "E-Mail-Fluss"


STATUSPAGE = """Incident with Actions
https://www.githubstatus.com/incidents/abcd1234efgh

Resolved - This incident has been resolved.
Posted 3 hours ago. Jul 17, 2023 - 15:04 UTC

Update - We are deploying a fix.
It should take an hour.
Jul 17, 14:20 UTC

Investigating
We are investigating reports of degraded performance for Actions.
Posted Jul 17, 2023 - 13:58 UTC
"""


def test_statuspage_posts() -> None:
    updates = parse_updates(_doc(STATUSPAGE, published="2023-07-18"), [])
    assert [(u.status_text, u.published) for u in updates] == [
        ("Resolved", "2023-07-17T15:04:00+00:00"),
        ("Update", "2023-07-17T14:20:00+00:00"),
        ("Investigating", "2023-07-17T13:58:00+00:00"),
    ]
    assert [u.status for u in updates] == ["serviceRestored", None, "investigating"]
    assert updates[0].extra["statuspage_status"] == "resolved"
    assert updates[1].fields["body"] == "We are deploying a fix.\nIt should take an hour."
    assert {u.incident_id for u in updates} == {"abcd1234efgh"}
    assert {u.attribution for u in updates} == {"preceding"}


PIR = """Post Incident Review (PIR) – Azure Front Door – Connectivity issues (Tracking ID YKDK-TT8)

What happened?

Between 08:00 and 10:30 UTC on 5 March 2024, customers saw errors.

What went wrong and why?

A configuration change was rolled out too quickly.

How did we respond?

We rolled back the change at 10:10 UTC.
"""


def test_azure_post_incident_review() -> None:
    (review,) = parse_updates(_doc(PIR), [])
    assert review.kind == "azure_pir"
    assert review.incident_id == "YKDK-TT8"
    assert review.status == "postIncidentReviewPublished"
    assert set(review.fields) == {"what_happened", "what_went_wrong", "how_we_responded"}
    assert review.fields["how_we_responded"] == "We rolled back the change at 10:10 UTC."


def test_unattributed_update_is_flagged() -> None:
    (update,) = parse_updates(_doc("Outage\n\nWe're investigating reports of failed logins.\n"), [])
    assert update.incident_id is None
    assert update.attribution is None
    assert update.extra["flag"] == "unattributed"


def test_dominant_id_for_a_comment_quote() -> None:
    text = (
        "Teams down\n\nMicrosoft tracks this as TM123456. TM123456 affects Europe.\n\n"
        "1. Jane sagt:\n\n    We're investigating reports that users can't join meetings.\n"
    )
    (update,) = parse_updates(_doc(text), [])
    assert (update.incident_id, update.attribution) == ("TM123456", "dominant")


def test_recognizer_mentions_are_used_for_attribution() -> None:
    text = "Mail\n\nWe're investigating delays under QQ-77 for some users.\n"
    doc = _doc(text)
    start = text.index("QQ-77")
    mention = Mention(
        doc="t",
        type="incident_id",
        text="QQ-77",
        start=start,
        end=start + 5,
        value="QQ-77",
        extra={"scheme": "m365"},
    )
    assert parse_updates(doc, [])[0].incident_id is None
    assert parse_updates(doc, [mention])[0].incident_id == "QQ-77"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("18.07.2023 19:32:23", "2023-07-18T19:32:23"),
        ("18/07/2023 08:32:00 AM (GMT)", "2023-07-18T08:32:00+00:00"),
        ("18/07/2023 08:32:00 PM (GMT)", "2023-07-18T20:32:00+00:00"),
        ("Monday, July 17, 2023, at 3:00 PM UTC", "2023-07-17T15:00:00+00:00"),
        ("Tuesday, July 18, 2023, at 12:30 AM UTC", "2023-07-18T00:30:00+00:00"),
        ("Posted 3 hours ago. Jul 17, 2023 - 15:04 UTC", "2023-07-17T15:04:00+00:00"),
        ("Jul 17, 15:04 UTC", "2023-07-17T15:04:00+00:00"),
        ("2023-07-17T15:04:00.000Z", "2023-07-17T15:04:00+00:00"),
        ("Montag, 17. Juli 2023, um 15:00 UTC", "2023-07-17T15:00:00+00:00"),
        ("17.07.2023 17:00 MESZ", "2023-07-17T17:00:00+02:00"),
        ("no time here", None),
    ],
)
def test_parse_time(text: str, value: str | None) -> None:
    assert parse_time(text, anchor="2023-07-18") == value
