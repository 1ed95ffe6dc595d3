from __future__ import annotations

from datetime import timedelta

import pytest

from extract.enrich import DEFAULT_THRESHOLD, EnrichSettings, IncidentIndex, TicketFeatures, rank_features
from extract.enrich.model import Interval
from extract.enrich.scoring import PRIOR_LOG_ODDS, score, sigmoid
from extract.enrich.times import parse_instant, parse_interval

CREATED = parse_instant("2023-07-18T09:40:00+02:00")
CREATED_AT = Interval(CREATED, CREATED + timedelta(minutes=1))
THIS_MORNING = parse_interval("2023-07-18", "day", "morning")
YESTERDAY_EVENING = parse_interval("2023-07-17", "day", "evening")


def features(**kwargs) -> TicketFeatures:
    values = {k: frozenset(v) if isinstance(v, set) else v for k, v in kwargs.items()}
    return TicketFeatures(**values)


def probability(index: IncidentIndex, incident_id: str, ticket: TicketFeatures) -> float:
    return score(ticket, index.lookup(incident_id), index)[0]


def test_no_evidence_is_the_prior(index: IncidentIndex) -> None:
    assert probability(index, "EX649175", features()) == pytest.approx(sigmoid(PRIOR_LOG_ODDS))


def test_a_shared_incident_id_or_external_reference_is_near_certain(index: IncidentIndex) -> None:
    assert probability(index, "EX649175", features(incident_ids={"EX649175"})) > 0.99
    assert probability(index, "EX649175", features(incident_ids={"INC37075572"})) > 0.97


def test_code_service_time_and_region_together_are_probable(index: IncidentIndex) -> None:
    ticket = features(
        error_codes={"smtp:503 5.5.1"},
        services={"Exchange Online"},
        regions={"GB"},
        onsets=(THIS_MORNING,),
        created=CREATED_AT,
    )
    assert 0.8 < probability(index, "EX649175", ticket) < 0.99


@pytest.mark.parametrize(
    "ticket",
    [
        features(error_codes={"smtp:503 5.5.1"}),
        features(services={"Exchange Online"}),
        features(onsets=(THIS_MORNING,), created=CREATED_AT),
        features(regions={"GB"}),
        features(concepts={"mail", "send_failure"}),
    ],
)
def test_each_kind_of_evidence_alone_is_weak(index: IncidentIndex, ticket: TicketFeatures) -> None:
    assert probability(index, "EX649175", ticket) < 0.2


def test_partial_error_codes_count_less_than_exact_ones(index: IncidentIndex) -> None:
    exact = probability(index, "EX649175", features(error_codes={"smtp:503 5.5.1"}))
    enhanced = probability(index, "EX649175", features(error_codes={"smtp:5.5.1"}))
    basic = probability(index, "EX649175", features(error_codes={"smtp:503"}))
    other = probability(index, "EX649175", features(error_codes={"smtp:550 5.7.708"}))
    assert exact > enhanced > basic > sigmoid(PRIOR_LOG_ODDS) > other


def test_contradicting_evidence_lowers_the_score(index: IncidentIndex) -> None:
    base = features(error_codes={"smtp:503 5.5.1"}, onsets=(THIS_MORNING,), created=CREATED_AT)
    with_teams = features(**{**_fields(base), "services": {"Microsoft Teams"}})
    naming_other = features(**{**_fields(base), "incident_ids": {"EX648815"}})
    plain = probability(index, "EX649175", base)
    for worse in (with_teams, naming_other):
        assert probability(index, "EX649175", worse) < plain
    ndr = features(error_codes={"smtp:550 5.7.708"})
    in_us = probability(index, "EX652000", features(**{**_fields(ndr), "regions": {"US-VA"}}))
    in_germany = probability(index, "EX652000", features(**{**_fields(ndr), "regions": {"DE"}}))
    assert in_us > probability(index, "EX652000", ndr) > in_germany
    # a global incident is not contradicted by a region
    assert probability(index, "EX649175", features(regions={"US"})) > sigmoid(PRIOR_LOG_ODDS)


def test_times_outside_the_window_count_against(index: IncidentIndex) -> None:
    june = parse_interval("2023-06-20", "day", "morning")
    inside = features(services={"Exchange Online"}, onsets=(YESTERDAY_EVENING,))
    outside = features(services={"Exchange Online"}, onsets=(june,))
    assert probability(index, "EX648815", inside) > probability(index, "EX648815", outside)
    assert probability(index, "EX640001", outside) > probability(index, "EX640001", inside)


def test_regions_expand_macro_regions_and_states(index: IncidentIndex) -> None:
    dach = probability(index, "EX649175", features(regions={"AT"}))
    unrelated = probability(index, "EX649175", features(regions={"JP"}))
    assert dach > unrelated
    evidence = score(features(regions={"AT"}), index.lookup("EX649175"), index)[1]
    assert [e.kind for e in evidence] == ["region"]
    assert "AT" in evidence[0].detail


def test_ranking_is_deterministic_and_respects_top_and_threshold(index: IncidentIndex) -> None:
    ticket = features(services={"Exchange Online"}, onsets=(THIS_MORNING,), created=CREATED_AT)
    loose = EnrichSettings(top=10, threshold=0.0)
    first = rank_features("T", ticket, index, loose)
    assert first == rank_features("T", ticket, index, loose)
    assert [link.rank for link in first] == list(range(1, len(first) + 1))
    assert [link.score for link in first] == sorted((link.score for link in first), reverse=True)
    assert rank_features("T", ticket, index, EnrichSettings(top=1, threshold=0.0)) == first[:1]
    assert all(link.score < DEFAULT_THRESHOLD for link in first)
    assert rank_features("T", ticket, index) == []
    shown = rank_features("T", ticket, index, EnrichSettings(include_candidates=True))
    assert shown
    assert not any(link.linked for link in shown)


def test_candidates_come_from_the_inverted_indexes_only(index: IncidentIndex) -> None:
    links = rank_features(
        "T", features(incident_ids={"TM647777"}), index, EnrichSettings(top=10, threshold=0.0)
    )
    assert [link.incident_id for link in links] == ["TM647777"]


def _fields(ticket: TicketFeatures) -> dict:
    return {name: getattr(ticket, name) for name in TicketFeatures.__slots__}


def test_services_named_with_the_incident_or_its_suite_are_related(index: IncidentIndex) -> None:
    alone = probability(index, "EX649175", features())
    nhsmail = score(features(services={"NHSmail"}), index.lookup("EX649175"), index)
    assert nhsmail[1][0].detail == "NHSmail is named with the incident"
    assert nhsmail[0] > alone
    zscaler = probability(index, "EX649175", features(services={"Zscaler"}))
    assert zscaler < alone


def test_the_closer_the_reported_onset_the_stronger_the_evidence(index: IncidentIndex) -> None:
    incident = index.lookup("EX648815")  # started 2023-07-17 15:00 UTC

    def onset_weight(value: str) -> float:
        evidence = score(features(onsets=(parse_interval(value, "minute"),)), incident, index)[1]
        return next(e.weight for e in evidence if e.kind == "time")

    at_start, two_hours, five_hours = (
        onset_weight("2023-07-17T15:00:00+00:00"),
        onset_weight("2023-07-17T17:00:00+00:00"),
        onset_weight("2023-07-17T20:00:00+00:00"),
    )
    assert at_start == pytest.approx(2.0)
    assert at_start > two_hours > five_hours >= 1.0
    assert onset_weight("2023-07-18T12:00:00+00:00") == pytest.approx(1.0)  # in the window, not the onset
    assert onset_weight("2023-07-10T12:00:00+00:00") < 0
