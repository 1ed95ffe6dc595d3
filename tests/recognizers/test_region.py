"""Regions: countries, macro-regions, cloud regions and US states in German and English."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.documents import segment
from extract.model import Document, Record
from extract.recognizers.region import find_regions
from tests.recognizers.assertions import assert_valid_disjoint_spans


def _doc(text: str, lang: str | None = None) -> Document:
    return segment(Record(id="t", text=text, lang=lang))


def _values(text: str, lang: str | None = None) -> set[str]:
    return {m.value for m in find_regions(_doc(text, lang))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German names, inflections and adjectives
        ("Die Störung betrifft Nutzer in Großbritannien, den USA und in Deutschland.", {"GB", "US", "DE"}),
        ("Auch Unternehmen aus Österreich und der Schweiz melden Probleme.", {"AT", "CH"}),
        ("Betroffen sind vor allem britische Kunden und deutsche Nutzer.", {"GB", "DE"}),
        ("Schweizer Firmen berichten seit dem Morgen von Ausfällen.", {"CH"}),
        ("Die Probleme traten zuerst in Frankreichs Rechenzentren auf.", {"FR"}),
        ("Bundesweit fiel das Netz aus, schweizweit lief alles.", {"DE", "CH"}),
        ("Im deutschsprachigen Raum und im DACH-Raum sind viele betroffen.", {"DACH"}),
        ("Die Störung scheint weltweit Nutzer zu tangieren, auch europaweit.", {"GLOBAL", "EUROPE"}),
        ("Microsoft meldet Probleme in Nordamerika und Südamerika.", {"NAM", "SAM"}),
        ("Kunden in DE/AT/CH können sich nicht anmelden.", {"DE", "AT", "CH"}),
        ("US-Kunden und US-amerikanische Firmen sind betroffen.", {"US"}),
        ("In Island gibt es seit gestern Probleme mit dem Netz.", {"IS"}),
        # English
        ("We're seeing a global outage affecting customers worldwide.", {"GLOBAL"}),
        ("A global Microsoft 365 outage hit users on Monday.", {"GLOBAL"}),
        ("Users in Germany, France and the Netherlands cannot sign in.", {"DE", "FR", "NL"}),
        ("Customers in the US and UK are impacted.", {"US", "GB"}),
        ("Downdetector showed reports from the UK, US, Germany and Japan.", {"GB", "US", "DE", "JP"}),
        ("German users and British customers were hit hardest.", {"DE", "GB"}),
        ("Users in Turkey and Jordan reported problems.", {"TR", "JO"}),
        ("Some users in EMEA and APAC, and across Latin America, are affected.", {"EMEA", "APAC", "LATAM"}),
        ("The issue is limited to the European Union.", {"EU"}),
        # cloud regions and states
        (
            "Impact is limited to the West Europe and North Europe regions of Azure.",
            {"azure:westeurope", "azure:northeurope"},
        ),
        ("Azure resources in germanywestcentral are degraded.", {"azure:germanywestcentral"}),
        (
            "AWS reported errors in US-EAST-1 (N. Virginia) and eu-central-1 (Frankfurt).",
            {"aws:us-east-1", "aws:eu-central-1"},
        ),
        ("Instances in the us-west-2a zone were impaired.", {"aws:us-west-2"}),
        (
            "Google Cloud customers in europe-west9-a and europe-west3 saw errors.",
            {"gcp:europe-west9", "gcp:europe-west3"},
        ),
        ("A power failure at a Virginia data center took services down.", {"US-VA"}),
        ("Servers in Ashburn, Virginia and in Texas failed.", {"US-VA", "US-TX"}),
        (
            "Azure customers in East US 2 and Southeast Asia were affected.",
            {"azure:eastus2", "azure:southeastasia"},
        ),
        ("Users across Southeast Asia were affected.", {"ASIA"}),
        # an Azure name without Azure in the text falls back to the names inside it
        ("Users in West Europe and the UK South West were affected.", {"EUROPE", "GB"}),
        ("Kunden aus NRW und in Bayern melden Probleme.", {"DE-NW", "DE-BY"}),
    ],
)
def test_finds_regions(text: str, expected: set[str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ab ca. 8:00 Uhr deutscher Zeit gab es einen Anstieg der Störungsmeldungen.",
        "Die deutsche Übersetzung folgt, die französische Version ist online.",
        "Die Deutsche Telekom und die Deutsche Bahn melden Zahlen.",
        "Das Dach ist undicht.",
        "Ein Global Admin muss Global Secure Access und die globale Adressliste prüfen.",
        "Please contact US for details. FOLLOW US ON TWITTER.",
        "The update is available in German and English.",
        "Global admins manage the global address list.",
        "A Global Secure Access outage and a Global Admin outage were reported.",
        "Chad said the Turkey was delicious, and Jordan wrote the summary.",
        "The IT team fixed it at 08:32:00 AM; the HR/IT portal and AM/PM times are fine.",
        "See https://www.microsoft.com/de-de/DE/ and https://example.com/uk/ for details.",
        "Users on Rhode Island reported issues with British Airways.",
        "Delta, United and American Airlines cancelled flights; Swiss International Air Lines did not.",
        "Washington said it is investigating; Georgia Tech students were fine.",
        "Use the en-US and de-DE locales; the file is 5 GB.",
        "Der FC Bayern spielt heute, Sachsen-Anhalt-Ticket.",
    ],
)
def test_rejects_look_alikes(text: str) -> None:
    assert _values(text) == set()


def test_english_text_does_not_use_german_only_names() -> None:
    # "Island" is Iceland in German only; in English text it is an island.
    assert _values("The Island resort lost power; guests on the Island were fine.", lang="en") == set()


def test_role_affected_when_the_sentence_says_so() -> None:
    doc = _doc(
        "Bei Exchange Online rattert es, vor allem scheint es DACH und UK zu betreffen. Wir sitzen in Wien."
    )
    roles = {m.text: m.role for m in find_regions(doc)}
    assert roles["DACH"] == "affected"
    assert roles["UK"] == "affected"
    assert "Wien" not in roles  # a city is not a region
    doc = _doc("Unser Büro ist in Österreich. Die Sonne scheint.")
    assert [m.role for m in find_regions(doc)] == [None]


def test_countries_extra() -> None:
    mentions = find_regions(
        _doc("Betroffen sind DACH, die EU, Benelux, GB-Kunden in Großbritannien und Nutzer weltweit.")
    )
    countries = {m.value: m.extra["countries"] for m in mentions}
    assert countries["DACH"] == ["AT", "CH", "DE"]
    assert countries["BENELUX"] == ["BE", "LU", "NL"]
    assert len(countries["EU"]) == 27
    assert "DE" in countries["EU"]
    assert "GB" not in countries["EU"]
    assert countries["GB"] == ["GB"]
    assert countries["GLOBAL"] is None


def test_state_and_cloud_countries() -> None:
    mentions = find_regions(_doc("Users in Northern Virginia and in us-east-1 were affected."))
    countries = {m.value: m.extra["countries"] for m in mentions}
    assert countries == {"US-VA": ["US"], "aws:us-east-1": ["US"]}
    mentions = find_regions(_doc("Azure West Europe and europe-west3 on Google Cloud are degraded."))
    assert {m.value: m.extra["countries"] for m in mentions} == {
        "azure:westeurope": ["NL"],
        "gcp:europe-west3": None,
    }


def test_sample_regions(sample_doc: Document) -> None:
    mentions = find_regions(sample_doc)
    assert {m.value for m in mentions} == {"DACH", "GB", "CH", "GLOBAL"}
    for mention in mentions:
        assert sample_doc.text[mention.start : mention.end] == mention.text
        assert mention.type == "region"
        assert mention.source.startswith("region/")


def test_offsets_no_overlap_and_deterministic() -> None:
    text = (
        "Kunden in DE/AT/CH und Großbritannien; Azure West Europe und UK South; us-east-1a (N. Virginia) "
        "sowie europe-west3-b. Users in the UK, US and Germany; weltweit, global outage."
    )
    first = find_regions(_doc(text))
    assert first == find_regions(_doc(text))
    spans = sorted((m.start, m.end) for m in first)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    assert all(text[m.start : m.end] == m.text for m in first)
    assert {"azure:westeurope", "azure:uksouth", "aws:us-east-1", "gcp:europe-west3"} <= {
        m.value for m in first
    }


_PIECES = st.sampled_from(
    [
        "in ",
        "Deutschland",
        "UK",
        "US",
        "-",
        "weltweit",
        "global ",
        "DE/AT/CH",
        "us-east-1",
        "(N. Virginia)",
        "Ö",
        " ",
        "\n",
        ",",
        ".",
    ]
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=30).map("".join))
def test_any_text_gives_valid_disjoint_mentions(text: str) -> None:
    mentions = find_regions(_doc(text))
    assert_valid_disjoint_spans(text, mentions)


# --- Azure German display names, cities, names inside names, acronym expansions, negation -----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Besonders lange dauerte die Erholung in der Azure-Region Westeuropa.", {"azure:westeurope"}),
        ("The Azure region West Europe was degraded for hours.", {"azure:westeurope"}),
        ("Betroffen war die Region Westeuropa (Azure), meldet Microsoft.", {"azure:westeurope"}),
        (
            "In den Azure-Regionen Westeuropa und Nordeuropa gab es Fehler.",
            {"azure:westeurope", "azure:northeurope"},
        ),
        ("In der Azure-Region Schweiz Norden kam es zu Verzögerungen.", {"azure:switzerlandnorth"}),
        ("Azure meldet Fehler in Deutschland Westen-Mitte.", {"azure:germanywestcentral"}),
        ("Laut Azure-Statusseite ist die Region Europa, Westen betroffen.", {"azure:westeurope"}),
        # without a region word, the German words keep their plain meaning
        ("Unwetter in Westeuropa: auch Azure-Rechenzentren sind betroffen.", {"EUROPE"}),
        ("Die Region Westeuropa ist wirtschaftlich stark.", {"EUROPE"}),
    ],
)
def test_azure_german_display_names(text: str, expected: set[str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # city-states are states (ISO 3166-2); other cities give no region
        (
            "Schwerpunkte lagen in Nordrhein-Westfalen, Hessen und im Großraum Hamburg.",
            {"DE-NW", "DE-HE", "DE-HH"},
        ),
        ("Kunden in Hamburg und Berlin sind betroffen.", {"DE-HH", "DE-BE"}),
        ("Customers in Bremen and Hamburg reported outages.", {"DE-HB", "DE-HH"}),
        ("Im Raum München und in Frankfurt am Main fiel das Netz aus.", set()),
        ("The Berlin-based startup said Hamburger menus were fine.", set()),
    ],
)
def test_cities(text: str, expected: set[str]) -> None:
    assert _values(text) == expected


def test_city_state_countries() -> None:
    mentions = find_regions(_doc("Kunden im Großraum Hamburg melden Ausfälle."))
    assert [(m.value, m.extra["countries"]) for m in mentions] == [("DE-HH", ["DE"])]


@pytest.mark.parametrize(
    "text",
    [
        "Cloudflare Global Network experiencing issues",
        "Laut Statusseite meldet das Cloudflare Global Network Probleme.",
        "The Microsoft Global Delivery Center reported problems.",
        "Die Microsoft Deutschland GmbH wollte sich zu der Störung nicht äußern.",
        "Microsoft Ireland Operations Ltd and Amazon Web Services EMEA SARL sent invoices.",
        "Deutsche Telekom and Deutsche Bahn reported their quarterly figures.",
        "Polish the UI before the release; the Dutch and English strings are done.",
        "He ordered a Turkey sandwich and picked Jersey number 23.",
        "Users in Jersey City and parts of New England reported outages.",
        "Microsoft Schweiz bestätigte die Störung, Vodafone Deutschland auch.",
    ],
)
def test_names_inside_other_names(text: str) -> None:
    assert _values(text) == set()


def test_global_in_a_title_case_headline() -> None:
    assert _values("Microsoft Global Outage Hits Airlines and Banks") == {"GLOBAL"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Customers in the Europe, Middle East and Africa (EMEA) region may be affected.", ["EMEA"]),
        ("Kunden in der Region Europa, Naher Osten und Afrika (EMEA) sind betroffen.", ["EMEA"]),
        ("EMEA (Europe, Middle East and Africa) customers were impacted.", ["EMEA"]),
        ("Laut Microsoft sind Nutzer in Europa, im Nahen Osten und in Afrika (EMEA) betroffen.", ["EMEA"]),
        # countries stay: they are more specific than the acronym
        ("Germany, Austria and Switzerland (DACH) are affected.", ["DE", "AT", "CH", "DACH"]),
        (
            "Users in Europe, Middle East & Africa (EMEA) and Asia Pacific (APAC) were affected.",
            ["EMEA", "APAC", "APAC"],
        ),
        # without the acronym the parts stay
        (
            "Microsoft said users in Europe, the Middle East and Africa were affected.",
            ["EUROPE", "MIDDLE_EAST", "AFRICA"],
        ),
    ],
)
def test_acronym_expansion_is_one_region(text: str, expected: list[str]) -> None:
    assert [m.value for m in find_regions(_doc(text))] == expected


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Nutzer in Deutschland sind nicht betroffen.", {"DE": None}),
        ("Kunden in Österreich waren von der Störung nicht betroffen.", {"AT": None}),
        ("Customers in Germany are not affected by this issue.", {"DE": None}),
        ("Users in the UK were unaffected.", {"GB": None}),
        (
            "Das Problem betraf nur Kunden in Deutschland, nicht aber in Österreich.",
            {"DE": "affected", "AT": None},
        ),
        (
            "Customers in France are affected, while users in Spain are not affected.",
            {"FR": "affected", "ES": None},
        ),
        ("Ausfälle gab es deutschlandweit, außer in Bayern.", {"DE": "affected", "DE-BY": None}),
        ("Users in the UK and Ireland are affected.", {"GB": "affected", "IE": "affected"}),
    ],
)
def test_negated_impact_is_not_affected(text: str, roles: dict[str, str | None]) -> None:
    assert {m.value: m.role for m in find_regions(_doc(text))} == roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Störung betraf Kunden in ganz Deutschland, deutschlandweit meldeten Nutzer Probleme.", {"DE"}),
        ("Bundesweit waren Kunden betroffen, auch in Österreich und der Schweiz.", {"DE", "AT", "CH"}),
        ("Auch in den USA und im Vereinigten Königreich gab es Ausfälle.", {"US", "GB"}),
        ("AWS meldet erhöhte Fehlerraten in der Region eu-west-2 (London).", {"aws:eu-west-2"}),
        ("Bei Google Cloud war die Region europe-west3 (Frankfurt) betroffen.", {"gcp:europe-west3"}),
        ("Azure-Kunden in der Region East US 2 sollten ausweichen.", {"azure:eastus2"}),
        ("Die Störung betraf Nutzer in Asien-Pazifik und LATAM.", {"APAC", "LATAM"}),
        ("Users across the U.S. and Canada reported outages.", {"US", "CA"}),
        ("Nutzer in Nord- und Südamerika meldeten Probleme.", {"AMER"}),
        ("Users in South Africa (SA) and Nigeria were affected.", {"ZA", "NG"}),
        # "international" is not "worldwide"
        ("Microsoft is investigating an international outage affecting Outlook users.", set()),
    ],
)
def test_news_phrasings(text: str, expected: set[str]) -> None:
    assert _values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Affected locations: Global, europe-west1, us-central1",
            {"GLOBAL", "gcp:europe-west1", "gcp:us-central1"},
        ),
        ("Customers using resources in East US 2 may have experienced errors.", {"azure:eastus2"}),
        ("Laut allestörungen.de gab es vor allem in Norddeutschland und Ostdeutschland Meldungen.", {"DE"}),
        ("Die Störung betrifft die Bundesländer Bayern, Sachsen und Thüringen.", {"DE-BY", "DE-SN", "DE-TH"}),
        ("Auch die Deutsche Glasfaser und die Deutsche Lufthansa meldeten Störungen.", set()),
        ("Deutsche Nutzer waren besonders betroffen.", {"DE"}),
        ("Im gesamten Bundesgebiet und in der Alpenrepublik gab es Ausfälle.", {"DE", "AT"}),
        ("Users in the States and in Canada were hit.", {"US", "CA"}),
        ("The States of Jersey said the member States agreed.", set()),
        (
            "Hier in AT ebenfalls betroffen, Tenant in DE läuft. Wir nutzen CH-Mandanten in CH-Rechenzentren.",
            {"AT", "DE", "CH"},
        ),
        ("Die Kollegen in IT und HR sind informiert; die Datei liegt in DE.zip; In AT&T-Netzen auch.", set()),
    ],
)
def test_more_field_phrasings(text: str, expected: set[str]) -> None:
    assert _values(text) == expected
