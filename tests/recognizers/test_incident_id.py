"""Incident IDs: schemes, providers, normalization, context gating and cross-references."""

from __future__ import annotations

import json

import pytest

from extract.api import analyze_text
from extract.model import Document, Mention
from extract.recognizers import find_entities, find_incident_ids
from tests.conftest import GOLD


def ids(text: str) -> list[Mention]:
    return [m for m in analyze_text(text).mentions if m.type == "incident_id"]


@pytest.mark.parametrize(
    ("text", "value", "scheme", "provider"),
    [
        ("Further details can be found under EX649175 in the admin center.", "EX649175", "m365", "Microsoft"),
        ("Microsoft 365 Alert: MO941162 – users may be unable to sign in", "MO941162", "m365", "Microsoft"),
        ("Older incidents such as EX20870 had five digits.", "EX20870", "m365", "Microsoft"),
        ("Copilot incident CP1193544 is resolved.", "CP1193544", "m365", "Microsoft"),
        (
            "Message center post MC267581 announces the change.",
            "MC267581",
            "m365-message-center",
            "Microsoft",
        ),
        ("Ticket INC0010001 was raised.", "INC0010001", "servicenow", "ServiceNow"),
        ("Change RITM0012345 and TASK0012345 are linked.", "RITM0012345", "servicenow", "ServiceNow"),
        (
            "Post Incident Review (PIR) – Azure Front Door (Tracking ID 4M8X-VTZ)",
            "4M8X-VTZ",
            "azure-tracking",
            "Microsoft Azure",
        ),
        (
            "See https://status.cloud.google.com/incidents/fmEL9i2fArADKawkZAa2",
            "fmEL9i2fArADKawkZAa2",
            "gcp",
            "Google Cloud",
        ),
        (
            "Details: https://www.githubstatus.com/incidents/54hndjxft5bx",
            "54hndjxft5bx",
            "statuspage",
            "Statuspage",
        ),
        ("Exploited: CVE‑2023‑23397 in Outlook", "CVE-2023-23397", "cve", "MITRE"),
        ("Die Störung PL1234567 betrifft Planner.", "PL1234567", "m365", "Microsoft"),
        ("Jira-Ticket INFRA-77 beschreibt die Störung.", "INFRA-77", "jira", None),
        (
            "Azure outage in Central US (Tracking ID 1K80-N_8)",
            "1K80-N_8",
            "azure-tracking",
            "Microsoft Azure",
        ),
        ("Die Tracking-ID lautet 4L44-3F0.", "4L44-3F0", "azure-tracking", "Microsoft Azure"),
        (
            "PIR – Azure Front Door – Global impact – YKYN-BWZ\nWhat happened?",
            "YKYN-BWZ",
            "azure-tracking",
            "Microsoft Azure",
        ),
        ("Microsoft tracks this under incident ID EX 649175.", "EX649175", "m365", "Microsoft"),
        ("Tracking ID:\u00a0YTYN-5T8", "YTYN-5T8", "azure-tracking", "Microsoft Azure"),
        (
            "https://status.openai.com/incidents/01JMYB483C404VMPCW726E8MET",
            "01JMYB483C404VMPCW726E8MET",
            "incident-io",
            "incident.io",
        ),
    ],
)
def test_schemes_and_providers(text: str, value: str, scheme: str, provider: str | None) -> None:
    found = {m.value: m for m in ids(text)}
    assert value in found, found
    assert found[value].extra["scheme"] == scheme
    assert found[value].extra.get("provider") == provider


def test_values_are_upper_cased_where_the_scheme_is_case_insensitive() -> None:
    assert [m.value for m in ids("Betroffen ist cve-2021-44228 (Log4Shell).")] == ["CVE-2021-44228"]
    # Statuspage and Google ids are case-sensitive and stay as written.
    assert [m.value for m in ids("https://status.cloud.google.com/incidents/ow5i3PPK96RduMcb1SsW")] == [
        "ow5i3PPK96RduMcb1SsW"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Die Kennung 7SHM-P88 steht ohne Tracking-Label da.",
        "Order AB12345 shipped yesterday.",
        "Das Update KB5028185 verursacht eine Störung.",
        "Use OPS-1234 as the project code.",
        "Our page https://www.githubstatus.com/incidents/maintenance lists windows.",
        "The VAT ID DE123456789 and order AB1234567 are on the invoice.",
        "Flight LH1234 was delayed by the incident; an A320-200 was grounded.",
        "The PIR on the Azure outage - see section A320-200 of the manual - is out.",
        "See MO 502273 for the menu.",
    ],
)
def test_ambiguous_forms_need_their_context(text: str) -> None:
    assert ids(text) == []


def test_sample_cross_reference(sample_doc: Document) -> None:
    mentions = find_incident_ids(sample_doc)
    linked = {m.value: m.extra for m in mentions if "same_as" in m.extra}
    assert linked == {
        "INC37075572": linked["INC37075572"],
        "EX649175": linked["EX649175"],
    }
    assert linked["INC37075572"]["same_as"] == ["EX649175"]
    assert linked["EX649175"]["same_as"] == ["INC37075572"]
    assert linked["INC37075572"]["provider"] == "NHSmail"
    assert linked["EX649175"]["provider"] == "Microsoft"


def test_ids_on_distant_lines_are_not_linked() -> None:
    text = "NHSmail Reference : INC37075572\n\nA\n\nB\n\nC\n\nMicrosoft Reference : EX649175\n"
    assert all("same_as" not in m.extra for m in ids(text))
    near = "Ticket-Nr.: INC0012345\nMicrosoft Reference: EX123456\n"
    assert {m.value: m.extra.get("same_as") for m in ids(near)} == {
        "INC0012345": ["EX123456"],
        "EX123456": ["INC0012345"],
    }


def test_a_list_of_one_systems_ids_is_not_a_cross_reference() -> None:
    text = "Incident ID: EX123456\nIncident ID: EX123457\n"
    assert all("same_as" not in m.extra for m in ids(text))


def test_sample_gold(sample_doc: Document) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    found = find_entities(sample_doc)
    for kind in ("incident_id", "error_code"):
        got = {" ".join((m.value or "").lower().split()) for m in found if m.type == kind}
        want = {" ".join(v.lower().split()) for v in gold[kind]["required"]}
        assert got == want, kind


@pytest.mark.parametrize(
    ("text", "provider"),
    [
        ("Tracking ID: KTY1-HW8", "Microsoft Azure"),
        ("Service Incident ID: MO123456", "Microsoft"),
        ("Case ID: INC0012345", "ServiceNow"),
        ("NHSmail Reference : INC37075572", "NHSmail"),
    ],
)
def test_label_words_are_not_taken_for_the_system(text: str, provider: str) -> None:
    (mention,) = ids(text)
    assert mention.extra.get("provider") == provider
