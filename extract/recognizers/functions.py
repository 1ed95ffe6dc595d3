"""The named functions that recognizer specs refer to, in four explicit tables.

A spec in ``data/recognizers/*.yaml`` names its validator, normalizer and enricher, and may
splice table-derived regex fragments into its patterns with ``{{macro:<name>}}``. Every name a
spec may use is listed in ``VALIDATORS``, ``NORMALIZERS``, ``ENRICHERS`` or ``MACROS`` below;
a spec naming anything else fails to load.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import regex

from extract.recognizers import gazetteers as gz
from extract.recognizers.base import Candidate, Enrichment, paragraph_bounds

# --- helpers ---------------------------------------------------------------------------------

# A blank inside a code or phrase: space, tab, and the no-break spaces that HTML-derived text
# puts between numbers and words ("550&nbsp;5.7.1", "HTTP&nbsp;503").
_BLANK_CHARS = r" \t\u00a0\u202f"
_BLANK = rf"[{_BLANK_CHARS}]"


def _first_group(candidate: Candidate, *names: str) -> str | None:
    for name in names:
        value = candidate.group(name)
        if value:
            return value
    return None


def _alternation(phrases: list[str]) -> str:
    """Return a regex alternation of phrases, longest first; spaces and hyphens match loosely.

    "Service Unavailable" also matches "ServiceUnavailable" (Azure's error code names) and
    "Service-Unavailable" (German compounds such as "502-Bad-Gateway-Fehler").
    """
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        words = [re.escape(w) for w in re.split(r"[ \t]+", phrase.strip()) if w]
        parts.append(rf"[{_BLANK_CHARS}\-]*".join(w.replace(r"\-", rf"[{_BLANK_CHARS}-]?") for w in words))
    return "|".join(parts)


# --- validators: Candidate -> bool -----------------------------------------------------------


def valid_cve(candidate: Candidate) -> bool:
    year = int(candidate.group("year") or 0)
    return 1999 <= year <= 2099


def _valid_enhanced(code: str) -> bool:
    """Class 2/4/5, subject 0-7, detail 0-999 without a leading zero; success codes must be listed."""
    parts = code.split(".")
    if len(parts) != 3 or parts[0] not in "245" or not parts[1].isdigit() or int(parts[1]) > 7:
        return False
    detail = parts[2]
    return detail.isdigit() and not (len(detail) > 1 and detail[0] == "0")


def valid_smtp_enhanced(candidate: Candidate) -> bool:
    """An enhanced code alone; a success code ("2.1.3" is far more often a version) only with its text."""
    code = _first_group(candidate, "enh") or candidate.span_text
    if not _valid_enhanced(code):
        return False
    return code[0] != "2" or _reply_text_end(candidate.text, candidate.end, None, code) is not None


def valid_smtp_joined(candidate: Candidate) -> bool:
    """A basic and an enhanced code go together only when their classes agree (RFC 3463)."""
    basic = candidate.group("basic") or ""
    enhanced = candidate.group("enh") or ""
    return basic[:1] == enhanced[:1] and _valid_enhanced(enhanced)


def valid_smtp_basic(candidate: Candidate) -> bool:
    """A failure reply code the SMTP tables list (4yz or 5yz)."""
    code = _first_group(candidate, "basic") or candidate.span_text
    return code[:1] in "45" and code in gz.smtp_basic()


def valid_smtp_reply_text(candidate: Candidate) -> bool:
    """The text after the code is the table's reply text for this very code."""
    code = _first_group(candidate, "basic") or candidate.span_text
    return (
        valid_smtp_basic(candidate) and _reply_text_end(candidate.text, candidate.end, code, None) is not None
    )


def valid_http_code(candidate: Candidate) -> bool:
    code = _first_group(candidate, "code") or candidate.span_text
    return code in gz.http_codes()


def valid_http_reason(candidate: Candidate) -> bool:
    """The reason phrase next to the number is the phrase of that number."""
    code = candidate.group("code") or ""
    reason = gz.normalize_phrase(candidate.group("reason") or "")
    return code in gz.http_reason_codes().get(reason, frozenset())


def valid_statuspage_id(candidate: Candidate) -> bool:
    """Statuspage ids are random base36: letters and digits both (paths like /incidents/history are not)."""
    value = candidate.span_text
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


# Prefixes that look like IDs but name other things: knowledge-base articles, VAT and country
# codes, Microsoft's anti-spam "AS" codes, pull requests.
_NOT_INCIDENT_PREFIXES = frozenset({"KB", "AS", "DE", "AT", "CH", "EU", "US", "UK", "GB", "PR", "ID", "NR"})


def valid_unknown_two_letter(candidate: Candidate) -> bool:
    return candidate.span_text[:2] not in _NOT_INCIDENT_PREFIXES


# Upper-case keys with a number that are standards, units or names, not tracker keys.
_NOT_JIRA_KEYS = frozenset(
    {
        "CVE",
        "CWE",
        "GHSA",
        "ISO",
        "DIN",
        "EN",
        "IEC",
        "RFC",
        "UTF",
        "SHA",
        "AES",
        "RSA",
        "MD",
        "COVID",
        "SARS",
        "MS",
        "KB",
        "TLS",
        "SSL",
        "HTTP",
        "IPV",
        "USB",
        "DDR",
        "PCIE",
        "LTE",
        "WPA",
        "MP",
        "ID",
        "NR",
        "TOP",
        "EX",
        "MO",
        "TM",
        "MC",
        "INC",
        "CHG",
        "PRB",
        "RITM",
        "TASK",
    }
)


def valid_jira_key(candidate: Candidate) -> bool:
    key = candidate.span_text.split("-", 1)[0]
    return key not in _NOT_JIRA_KEYS and not re.fullmatch(r"[A-Z]\d*", key)


def valid_hex_code(candidate: Candidate) -> bool:
    """A bare 8-digit hex code must contain a digit ("DEADBEEF" and words are not codes)."""
    hexcode = _first_group(candidate, "hex") or ""
    return any(c.isdigit() for c in hexcode)


# Other vendors' sign-in errors have numbers too (Zoom's 10004); next to them a bare number is
# AADSTS only when an Entra-specific word says so.
_OTHER_SIGN_IN_VENDORS = regex.compile(
    r"(?i)\b(?:Zoom|Webex|Xbox|PlayStation|PSN|Steam|Twitch|Fortnite|Epic Games|Nintendo|Discord|Slack|"
    r"Google|Apple|Okta|Salesforce)\b"
)
_ENTRA_SPECIFIC = regex.compile(
    r"(?i)\b(?:Entra|Azure[ -]?AD|Azure Active Directory|AAD|Conditional Access|"
    r"bedingte[nmrs]?[\s-]+Zugriff|sign-?ins?[ -]logs?|Anmeldeprotokoll)"
)


def valid_aadsts_bare(candidate: Candidate) -> bool:
    """A number without "AADSTS" is not one when another vendor's sign-in is the topic."""
    lo, hi = paragraph_bounds(candidate.text, candidate.start, candidate.end, 200, 100)
    if _OTHER_SIGN_IN_VENDORS.search(candidate.text, lo, hi) is None:
        return True
    return _ENTRA_SPECIFIC.search(candidate.text, lo, hi) is not None


VALIDATORS: dict[str, Callable[[Candidate], bool]] = {
    "cve": valid_cve,
    "smtp_enhanced": valid_smtp_enhanced,
    "smtp_joined": valid_smtp_joined,
    "smtp_basic": valid_smtp_basic,
    "smtp_reply_text": valid_smtp_reply_text,
    "http_code": valid_http_code,
    "http_reason": valid_http_reason,
    "statuspage_id": valid_statuspage_id,
    "unknown_two_letter": valid_unknown_two_letter,
    "jira_key": valid_jira_key,
    "hex_code": valid_hex_code,
    "aadsts_bare": valid_aadsts_bare,
}


# --- normalizers: Candidate -> value ---------------------------------------------------------


def norm_identity(candidate: Candidate) -> str:
    return candidate.span_text


def norm_upper(candidate: Candidate) -> str:
    return "".join(candidate.span_text.split()).upper()


def norm_cve(candidate: Candidate) -> str:
    return f"CVE-{candidate.group('year')}-{candidate.group('number')}"


def norm_smtp(candidate: Candidate) -> str:
    basic = candidate.group("basic")
    enhanced = candidate.group("enh")
    if basic and enhanced:
        return f"smtp:{basic} {enhanced}"
    return f"smtp:{enhanced or basic or candidate.span_text}"


def norm_http(candidate: Candidate) -> str:
    return f"http:{_first_group(candidate, 'code') or candidate.span_text}"


def norm_aadsts(candidate: Candidate) -> str:
    return f"aadsts:{candidate.group('num')}"


def norm_hresult(candidate: Candidate) -> str:
    """HRESULTs are case-insensitive hex; we write them "0x" plus lower-case digits."""
    return f"hresult:0x{(candidate.group('hex') or '').lower()}"


NORMALIZERS: dict[str, Callable[[Candidate], str | None]] = {
    "identity": norm_identity,
    "upper": norm_upper,
    "cve": norm_cve,
    "smtp": norm_smtp,
    "http": norm_http,
    "aadsts": norm_aadsts,
    "hresult": norm_hresult,
}


# --- enrichers: (Candidate, value) -> Enrichment ---------------------------------------------

_REPLY_GAP = regex.compile(rf"{_BLANK}*(?:[-–—:]|['\"„“”‚‘’])?{_BLANK}*")


def _reply_text_end(
    text: str, end: int, basic: str | None, enhanced: str | None
) -> tuple[int, gz.CodeText] | None:
    """Return where a table's reply text for these codes ends, when it follows the code."""
    gap = _REPLY_GAP.match(text, end)
    position = gap.end() if gap else end
    for phrase, code_text in gz.reply_phrases(basic, enhanced):
        # Compare slices of the phrase's length: case folding may change a string's length.
        if text[position : position + len(phrase)].casefold() == phrase:
            stop = position + len(phrase)
            if stop < len(text) and (text[stop].isalnum() or text[stop] == "_"):
                continue
            return stop, code_text
    return None


def enrich_smtp(candidate: Candidate, value: str) -> Enrichment:
    """Describe an SMTP code from the tables and take the reply text that follows into the span."""
    basic = candidate.group("basic")
    if basic is None and "." not in candidate.span_text:
        basic = candidate.span_text
    enhanced = candidate.group("enh")
    if enhanced is None and "." in candidate.span_text:
        enhanced = candidate.span_text
    found = _reply_text_end(candidate.text, candidate.end, basic, enhanced)
    extra: dict[str, object] = {"scheme": "smtp"}
    described: gz.CodeText | None = found[1] if found else None
    if described is None and enhanced:
        texts = gz.enhanced_texts(enhanced)
        described = texts[0] if texts else None
    if described is None and basic in gz.smtp_basic() and gz.smtp_basic()[basic].text:
        described = gz.smtp_basic()[basic]
    if described is not None:
        extra["description"] = described.text
        extra["description_source"] = described.source
    if basic and enhanced and basic in gz.smtp_basic() and gz.smtp_basic()[basic].text:
        extra["basic_description"] = gz.smtp_basic()[basic].text
    klass = (enhanced or basic or "")[:1]
    extra["permanent"] = klass == "5"
    return Enrichment(extra=extra, end=found[0] if found else None)


def enrich_http(candidate: Candidate, value: str) -> Enrichment:
    code = gz.http_codes().get(value.split(":", 1)[1])
    extra: dict[str, object] = {"scheme": "http"}
    if code is not None:
        extra["description"] = code.reason
    return Enrichment(extra=extra)


_MICROSOFT_CONTEXT = regex.compile(
    r"(?i)\b(?:Microsoft|MSFT|M365|Office[ -]?365|admin[ -]?(?:center|centre)|Admin-Center|Exchange|"
    r"Teams|SharePoint|OneDrive|Outlook|Intune|Entra|Azure|Defender|Copilot|Dynamics|Viva|Yammer|"
    r"Power (?:BI|Automate|Apps)|Planner|Service Health|Dienststatus|Dienstintegrität)"
)


def enrich_m365(candidate: Candidate, value: str) -> Enrichment:
    """Name the service a verified prefix stands for."""
    service = gz.m365_prefix_services().get(value[:2])
    return Enrichment(extra={"prefix_service": service} if service else {})


def enrich_unknown_two_letter(candidate: Candidate, value: str) -> Enrichment:
    """An unverified prefix next to Microsoft words is taken for a Microsoft 365 ID; else unknown."""
    lo, hi = paragraph_bounds(candidate.text, candidate.start, candidate.end, 300, 200)
    if _MICROSOFT_CONTEXT.search(candidate.text, lo, hi):
        return Enrichment(extra={"scheme": "m365", "provider": "Microsoft", "verified_prefix": False})
    return Enrichment(extra={"scheme": "unknown", "provider": None})


def enrich_statuspage(candidate: Candidate, value: str) -> Enrichment:
    host = (candidate.group("host") or "").lower()
    return Enrichment(extra={"page": host} if host else {})


ENRICHERS: dict[str, Callable[[Candidate, str], Enrichment]] = {
    "smtp": enrich_smtp,
    "http": enrich_http,
    "m365": enrich_m365,
    "unknown_two_letter": enrich_unknown_two_letter,
    "statuspage": enrich_statuspage,
}
# The enrichers that never lengthen a span (``Enrichment.end``): a match they enrich keeps its
# span, so a match on the span of a stronger mention can be skipped before checking it.
SPAN_KEEPING_ENRICHERS = frozenset({"http", "m365", "unknown_two_letter", "statuspage"})


# --- macros: regex fragments built from the tables -------------------------------------------


def macro_m365_health_prefixes() -> str:
    """Verified service-health prefixes (not the message center)."""
    rows = gz.m365_prefixes()
    return "|".join(
        sorted(r["prefix"] for r in rows if r["verified"] == "yes" and "message center" not in r["kind"])
    )


def macro_m365_message_prefixes() -> str:
    rows = gz.m365_prefixes()
    return "|".join(sorted(r["prefix"] for r in rows if "message center" in r["kind"]))


def macro_http_reasons() -> str:
    phrases = [p for code in gz.http_codes().values() for p in (code.reason, *code.aliases)]
    phrases = [re.sub(r"\s*\(.*\)$", "", p) for p in phrases]
    return _alternation(phrases)


def macro_smtp_reply_texts() -> str:
    """The RFC 5321 reply texts of the failure codes (the 4yz and 5yz rows)."""
    phrases = []
    for code in gz.smtp_basic():
        if code[:1] in "45":
            phrases.extend(p for p, _ in gz.reply_phrases(code, None))
    return _alternation(phrases)


MACROS: dict[str, Callable[[], str]] = {
    "m365_health_prefixes": macro_m365_health_prefixes,
    "m365_message_prefixes": macro_m365_message_prefixes,
    "http_reasons": macro_http_reasons,
    "smtp_reply_texts": macro_smtp_reply_texts,
}
