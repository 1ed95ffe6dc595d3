"""Services and features from the catalog; ambiguous aliases decided by context."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.documents import segment
from extract.model import Document, Record
from extract.recognizers.service import find_services, load_catalog
from extract.resources import load_csv
from tests.recognizers.assertions import assert_valid_disjoint_spans


def _doc(text: str) -> Document:
    return segment(Record(id="t", text=text))


def _values(text: str, kind: str = "service") -> set[str]:
    return {m.value for m in find_services(_doc(text)) if m.type == kind}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Störung in Microsofts Cloud-Dienst Exchange Online seit dem Morgen.", {"Exchange Online"}),
        (
            "Seit heute gibt es einen Teams-Ausfall und Outlook-Probleme bei Microsoft.",
            {"Microsoft Teams", "Microsoft Outlook"},
        ),
        (
            "Die Exchange-Online-Störung betrifft auch die Azure-Cloud-Dienste.",
            {"Exchange Online", "Microsoft Azure"},
        ),
        (
            "Ich kann mangels Microsoft 365-Konto nicht zugreifen; die Office365 Statusseite schweigt.",
            {"Microsoft 365"},
        ),
        (
            "Wir nutzen ZScaler und ZCC; OneDrive verbindet sich nicht.",
            {"Zscaler", "Zscaler Client Connector", "OneDrive"},
        ),
        ("Der Exchange-Servers ist gepatcht, Exchange Server 2019 auch.", {"Exchange Server"}),
        ("Die Apps WhatsApp, Signal und Telegram fallen aus.", {"WhatsApp", "Signal"}),
        ("Microsoft teilte auf X mit, dass man das Problem untersuche.", {"X"}),
        ("Wir posten Updates auf X (ehemals Twitter).", {"X"}),
        (
            "Microsoft Teams and Outlook are down; users cannot join Teams meetings.",
            {"Microsoft Teams", "Microsoft Outlook"},
        ),
        (
            "AWS reports elevated errors for Lambda and S3 in us-east-1.",
            {"Amazon Web Services", "AWS Lambda", "Amazon S3"},
        ),
        (
            "Users reported issues with Word, Excel and PowerPoint in Microsoft 365.",
            {"Microsoft Word", "Microsoft Excel", "Microsoft PowerPoint", "Microsoft 365"},
        ),
        ("We use Slack and Zoom for calls.", {"Slack", "Zoom"}),
        ("GitHub Actions and Pages are degraded.", {"GitHub Actions", "GitHub Pages"}),
        ("A faulty CrowdStrike update crashed the Falcon sensor.", {"CrowdStrike Falcon"}),
        ("Box, Dropbox und Google Drive sind betroffen.", {"Box", "Dropbox", "Google Drive"}),
        (
            "Check the admin center for EX649175 in Microsoft 365.",
            {"Microsoft 365 admin center", "Microsoft 365"},
        ),
        ("Users may be unable to access various Microsoft 365 apps and services.", {"Microsoft 365"}),
        ("Microsoft 365 Apps for enterprise crashed on start.", {"Microsoft 365 Apps"}),
        (
            "A Cloudflare outage disrupted access to X, ChatGPT and Spotify.",
            {"Cloudflare", "X", "ChatGPT", "Spotify"},
        ),
        (
            "Service Health Dashboard: Amazon EC2 in AWS is degraded.",
            {"AWS Health Dashboard", "Amazon EC2", "Amazon Web Services"},
        ),
    ],
)
def test_finds_services(text: str, expected: set[str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Die Teams der Abteilung arbeiten daran, unsere Teams sind informiert.",
        "Die IT-Teams haben die Firewall neu gestartet.",
        "The outlook for the quarter is good, our teams said.",
        "Our teams are investigating the exchange rate issue.",
        "Ein beruhigendes Signal: die Box ist angekommen.",
        "The Lambda function in our Python code failed.",
        "A global switch failed in the data center.",
        "Zoom in on the chart to see the spike.",
        "Auf X Nutzern basiert die Rechnung; x = 5 und X 3.",
        "Das Sozial Media Team schreibt, dass man nachgehe.",
    ],
)
def test_rejects_look_alikes(text: str) -> None:
    assert _values(text) == set()


def test_features_and_extra_keys() -> None:
    mentions = find_services(
        _doc("Users may see stale free/busy information and mail flow issues in Exchange Online.")
    )
    by_value = {m.value: m for m in mentions}
    assert by_value["Free/busy"].type == "feature"
    assert by_value["Free/busy"].extra == {
        "provider": "Microsoft",
        "kind": "feature",
        "parent": "Exchange Online",
    }
    assert by_value["Mail flow"].type == "feature"
    assert by_value["Exchange Online"].type == "service"
    assert by_value["Exchange Online"].extra["parent"] == "Microsoft 365"


def test_sample_services(sample_doc: Document) -> None:
    mentions = find_services(sample_doc)
    services = {m.value for m in mentions if m.type == "service"}
    assert {"Exchange Online", "Microsoft 365", "OneDrive", "Zscaler"} <= services
    optional = {"X", "Facebook", "NHSmail", "Zscaler Client Connector", "Microsoft 365 admin center"}
    assert services <= {"Exchange Online", "Microsoft 365", "OneDrive", "Zscaler"} | optional
    assert {m.value for m in mentions if m.type == "feature"} == {"Free/busy", "Mail flow"}
    assert all(sample_doc.text[m.start : m.end] == m.text for m in mentions)


def test_no_overlapping_mentions() -> None:
    text = "Microsoft 365 admin center, Exchange Online Protection und Exchange Online; Office 365 Exchange."
    mentions = find_services(_doc(text))
    spans = sorted((m.start, m.end) for m in mentions)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    assert [m.value for m in mentions] == [
        "Microsoft 365 admin center",
        "Exchange Online Protection",
        "Exchange Online",
        "Exchange Online",
    ]


def test_catalog_is_consistent() -> None:
    catalog = load_catalog()
    assert len(catalog) >= 336
    for service in catalog.values():
        assert service.kind in {"suite", "service", "feature"}, service
        assert service.provider, service
        assert service.parent is None or service.parent in catalog, service
        if service.kind == "feature":
            assert service.parent is not None, service
    for row in load_csv("gazetteers", "services_ambiguous.csv"):
        assert row["name"] in catalog, row
        assert row["policy"], row


_PIECES = st.sampled_from(
    [
        "Teams",
        "-",
        "Exchange",
        " Online",
        "Microsoft",
        " 365",
        "X",
        "auf ",
        ", ",
        " und ",
        "Signal",
        "s",
        "Ä",
        "\n",
        " ",
    ]
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=30).map("".join))
def test_any_text_gives_valid_disjoint_mentions(text: str) -> None:
    mentions = find_services(_doc(text))
    assert_valid_disjoint_spans(text, mentions)
    assert all(mention.value in load_catalog() for mention in mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Cloudflare products when Cloudflare is named; status-page components in lists
        (
            "Auch das Cloudflare-Dashboard und die Zero-Trust-Dienste samt WARP-Client waren betroffen.",
            {"Cloudflare Dashboard", "Cloudflare Zero Trust", "Cloudflare WARP"},
        ),
        (
            "This incident affected: Cloudflare Sites and Services (CDN/Cache, Dashboard, Workers, Access, WARP).",
            {
                "Cloudflare",
                "Cloudflare CDN",
                "Cloudflare Dashboard",
                "Cloudflare Workers",
                "Cloudflare Zero Trust",
                "Cloudflare WARP",
            },
        ),
        (
            "Cloudflare is working to remediate impact, including Workers and Access.",
            {"Cloudflare", "Cloudflare Workers", "Cloudflare Zero Trust"},
        ),
        ("Wir setzen auf einen Zero-Trust-Ansatz mit Cloudflare.", {"Cloudflare"}),
        (
            "Workers at the plant went on strike; the Dashboard of the car broke. Cloudflare fell.",
            {"Cloudflare"},
        ),
        ("Access to the building was restricted while Cloudflare investigated.", {"Cloudflare"}),
        ("Betroffen waren Cloudflare, Gateway-Server und Router.", {"Cloudflare"}),
        # lower-case multi-word names
        (
            "Users can't open exchange online or sharepoint online, and microsoft teams is slow.",
            {"Exchange Online", "SharePoint Online", "Microsoft Teams"},
        ),
        ("Users report that microsoft 365 and office 365 are down again.", {"Microsoft 365"}),
        ("The exchange online rate for the dollar improved.", set()),
        ("office 365 is down again for us.", {"Microsoft 365"}),
        ("Google customers saw cloud logging and cloud run errors.", set()),
        # "Exchange" is Exchange Server where the text says on-premises
        (
            "Our on-premises Exchange 2016 CU23 servers crashed and Exchange keeps crashing.",
            {"Exchange Server"},
        ),
        (
            "Der lokale Exchange-Server (Exchange 2019 CU14) hängt; Exchange startet nicht.",
            {"Exchange Server"},
        ),
        (
            "Die Störung betrifft Exchange und Teams, teilte Microsoft mit.",
            {"Exchange Online", "Microsoft Teams"},
        ),
        # English product names in German text
        ("Slack ist down, Zoom funktioniert noch.", {"Slack", "Zoom"}),
    ],
)
def test_context_decides(text: str, expected: set[str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Slack said messages were delayed; Discord was also down.", {"Slack", "Discord"}),
        ("Steam was down for hours on Tuesday.", {"Steam"}),
        ("Steam is rising from the vents. Slack is needed in the rope.", set()),
        (
            "Die AWS-Störung legte Alexa, Ring und Prime Video lahm.",
            {"Amazon Web Services", "Amazon Alexa", "Ring", "Amazon Prime Video"},
        ),
    ],
)
def test_sentence_initial_names(text: str, expected: set[str]) -> None:
    assert _values(text) == expected
