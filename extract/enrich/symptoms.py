"""Symptom concepts: what a ticket reporter and a vendor status post both describe, in their words.

A ticket says "Mails kommen zurück" where the vendor writes "unable to send", and "Mails kommen
verspätet an" where it writes "delivery may be delayed". Each concept is a small set of German and
English patterns; a ticket and an incident that share a concept share a symptom. The lexicon is
deliberately about symptoms users report, not about products (services have their own catalog).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

SYMPTOM_PATTERNS: dict[str, tuple[str, ...]] = {
    "mail": (
        r"\b(?:e-?)?mail\w*",
        r"\bpostf(?:a|ä)ch\w*",
        r"\bmailbox\w*",
        r"\bsmtp\b",
    ),
    "delay": (
        r"\bdelay\w*",
        r"\bverz(?:ö|oe)ger\w*",
        r"\bversp(?:ä|ae)t\w*",
        r"\bqueu\w*",
        r"\bwarteschlange\w*",
        r"\b(?:arrive|come|coming|arriving)s?\s+(?:very\s+|hours\s+)?late\b",
        r"\b(?:kommen|kommt)\s+(?:erst\s+)?(?:stunden\s+)?sp(?:ä|ae)t(?:er)?\b",
        r"\bh(?:ä|ae)ng\w*\s+(?:im|in\s+der)\s+(?:postausgang|warteschlange)",
        r"\bstuck\s+in\s+(?:the\s+)?outbox\b",
    ),
    "send_failure": (
        r"\bunable\s+to\s+send\b",
        r"\bcan(?:not|'t|’t)\s+send\b",
        r"\bfail\w*\s+to\s+send\b",
        r"\bbounc\w*",
        r"\bndrs?\b",
        r"\bnon-?delivery\b",
        r"\bundeliverable\b",
        r"\bunzustellbar\w*",
        r"\b(?:kommen|kommt)\s+zur(?:ü|ue)ck\b",
        r"\bzur(?:ü|ue)ckgewiesen\b",
        r"\babgewiesen\b",
        r"\brejected\b",
        r"\bnicht\s+(?:mehr\s+)?(?:ver)?send\w*",
        r"\b(?:ver)?senden\s+nicht\b",
        r"\bbad\s+sequence\s+of\s+commands\b",
        r"\bblockier\w*",
        r"\bblocked\b",
    ),
    "sign_in": (
        r"\bsign[- ]?in\w*",
        r"\blog[- ]?in\w*",
        r"\banmeld\w*",
        r"\bauthenti\w*",
        r"\bsso\b",
        r"\bmfa\b",
    ),
    "calendar": (
        r"\bfree/busy\b",
        r"\bfrei/gebucht\b",
        r"\bcalendar\w*",
        r"\bkalender\w*",
    ),
    "connectivity": (
        r"\bcan(?:not|'t|’t)\s+connect\w*",
        r"\bunable\s+to\s+connect\b",
        r"\bverbindet\s+(?:sich\s+)?nicht\b",
        r"\bkeine\s+verbindung\b",
        r"\bconnection\s+(?:fail\w*|drop\w*|lost|refused)",
        r"\bverbindungsabbr(?:ü|ue)ch\w*",
    ),
    "audio_video": (
        r"\baudio\b",
        r"\bmikrofon\w*",
        r"\bmicrophone\w*",
        r"\bcall\s+quality\b",
        r"\bkein\s+ton\b",
        r"\bno\s+sound\b",
    ),
}


@cache
def _compiled() -> dict[str, regex.Pattern[str]]:
    return {
        concept: regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE | regex.V1)
        for concept, patterns in SYMPTOM_PATTERNS.items()
    }


def find_concepts(texts: Iterable[str | None]) -> frozenset[str]:
    """Return the symptom concepts any of the texts expresses."""
    joined = "\n".join(text for text in texts if text)
    if not joined:
        return frozenset()
    return frozenset(concept for concept, pattern in _compiled().items() if pattern.search(joined))
