"""Incident identifiers (spec: ``data/recognizers/incident_id.yaml``) and their cross-references.

An alert that quotes the same incident in two systems ("NHSmail Reference : INC37075572" and
"Microsoft Reference : EX649175" in one status block, or on neighbouring lines) records one
incident under two IDs: both mentions get the extra key ``same_as`` (the other IDs), and the
system named in the label becomes the mention's ``provider``.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

import regex

from extract.model import Document, Mention
from extract.recognizers.base import run_recognizer
from extract.recognizers.spec import load_spec

# "NHSmail Reference :", "Microsoft Reference:", "Ticket-Nr.:", "Incident ID:", "Vorfall-ID:"
_REFERENCE_LABEL = regex.compile(
    r"(?i)(?:^|(?<=[|;:,]))[ \t\u00a0>*•\-]*(?:(?P<system>\w[\w .&/()'-]{0,40}?)[ \t\u00a0-]+)?"
    r"(?P<label>Reference|Referenz|Ref\.?|Ticket(?:[ -]?(?:Nr\.?|Nummer|number|ID))?|"
    r"Incident(?:[ -]?(?:ID|number|Nr\.?))?|Vorfall(?:s?[ -]?(?:ID|Nummer|Nr\.?))?|Case(?:[ -]?ID)?|"
    r"Issue(?:[ -]?ID)?|Tracking[ -]?ID|ID)"
    r"[ \t\u00a0]*(?:No\.?|Nr\.?|#)?[ \t\u00a0]*[:#][ \t\u00a0]*\Z"
)
_DIGIT = regex.compile(r"\d")
# Labeled IDs this many non-blank lines apart (or fewer) belong to one alert.
_MAX_LINE_GAP = 2
# An alert names an incident in a few systems; more labeled IDs in a row are a list of incidents.
_MAX_GROUP = 6
# Words before a label that belong to the label ("Tracking ID:", "Case ID:", "Service Incident
# ID:"), not a system's name; the pattern's provider stays.
_GENERIC_SYSTEMS = frozenset(
    {
        "",
        "the",
        "die",
        "der",
        "das",
        "our",
        "unsere",
        "issue",
        "incident",
        "service incident",
        "service",
        "tracking",
        "case",
        "support",
        "support case",
        "ticket",
        "problem",
        "change",
        "event",
        "vorfall",
        "störung",
        "nachverfolgungs",
    }
)


def find_incident_ids(document: Document) -> list[Mention]:
    """Return incident-ID mentions with ``scheme``, ``provider`` and cross-references."""
    mentions = run_recognizer(load_spec("incident_id"), document)
    return link_cross_references(document, mentions)


def _label_of(text: str, mention: Mention) -> tuple[str, str] | None:
    """Return (system, label) when the mention is the value of a reference label line."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    prefix = text[max(line_start, mention.start - 80) : mention.start]
    if not prefix.rstrip(" \t\u00a0").endswith((":", "#")):
        return None  # every label ends in ":" or "#": most IDs stand in prose, not after one
    match = _REFERENCE_LABEL.search(prefix)
    if match is None:
        return None
    system = (match.group("system") or "").strip(" \t-")
    return system, match.group(0).strip(" \t>*•-:#")


def _non_blank_lines_between(text: str, start: int, end: int) -> int:
    return sum(1 for line in text[start:end].split("\n")[1:] if line.strip())


def link_cross_references(document: Document, mentions: list[Mention]) -> list[Mention]:
    """Mark labeled IDs of one alert as the same incident (``same_as``), naming each ID's system."""
    text = document.text
    labeled: list[tuple[int, str]] = []  # (index in mentions, system)
    for index, mention in enumerate(mentions):
        found = _label_of(text, mention)
        if found is not None:
            labeled.append((index, found[0]))
    groups: list[list[tuple[int, str]]] = []
    block_starts = [block.start for block in document.status_blocks]
    for item in labeled:
        if groups and _same_alert(document, block_starts, mentions[groups[-1][-1][0]], mentions[item[0]]):
            groups[-1].append(item)
        else:
            groups.append([item])
    result = list(mentions)
    for group in groups:
        if len(group) > _MAX_GROUP:
            continue  # a table of incidents, not one alert's references
        for index, system in group:
            mention = result[index]
            extra = dict(mention.extra)
            if system.casefold() not in _GENERIC_SYSTEMS and not _DIGIT.search(system):
                extra["provider"] = system
            # One incident in two systems: a list of several IDs of one system is not that.
            others = sorted(
                {
                    mentions[i].value or ""
                    for i, other_system in group
                    if mentions[i].value != mention.value
                    and (
                        mentions[i].extra.get("scheme") != mention.extra.get("scheme")
                        or other_system.casefold() != system.casefold()
                    )
                }
            )
            if others:
                extra["same_as"] = others
            result[index] = replace(mention, extra=extra)
    return result


def _same_alert(document: Document, block_starts: list[int], first: Mention, second: Mention) -> bool:
    if first.value == second.value:
        return False
    if _non_blank_lines_between(document.text, first.start, second.start) <= _MAX_LINE_GAP:
        return True
    block = _status_block_index(document, block_starts, first.start)
    return block is not None and block == _status_block_index(document, block_starts, second.start)


def _status_block_index(document: Document, block_starts: list[int], offset: int) -> int | None:
    """Return the index of the status block holding ``offset`` (blocks are sorted and disjoint)."""
    position = bisect.bisect_right(block_starts, offset) - 1
    if position >= 0 and offset < document.status_blocks[position].end:
        return position
    return None
