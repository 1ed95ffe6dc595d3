"""Find the vendor status posts quoted in a document and read their fields.

Each finder returns ``Draft`` records (span, kind, fields, times, status wording); attribution to
incidents happens afterwards (``extract.updates.attribution``). The finders, in precedence order:

- ``statuspage_drafts``: "Resolved - body" / "Investigating" + body, closed by a time line
  ("Posted 3 hours ago. Jul 17, 2023 - 15:04 UTC", "Jul 17, 15:04 UTC").
- ``field_drafts``: the segmenter's status blocks (admin-center posts in English or German,
  "Field : value" alerts), with an alert's title line and date line just above its fields, and
  the "Share: Incident: …, impacted service: …" header of a run of posts.
- ``pir_drafts``: Azure post-incident reviews ("What happened?", "What went wrong and why?", …).
- ``short_drafts``: tweets and short texts that open like a vendor update ("We're investigating…").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from extract.documents import MONTH_NUMBERS, rstrip_end
from extract.model import Block, Document, Mention, StatusBlock
from extract.updates.times import find_time, parse_time
from extract.updates.vocab import (
    normalize_wording,
    opener_status,
    pir_sections,
    status_meaning,
    statuspage_labels,
)

# Fields that belong to one post (not to the incident), and fields that only identify it.
PER_POST_FIELDS = ("published", "current_status", "current_update", "next_update", "share")
ID_FIELDS = ("incident", "reference", "share")
# Field keys whose values are times, and the ISO key they get in ``extra``.
TIME_FIELDS = {"start_time": "start", "end_time": "end", "next_update": "next_update"}


@dataclass(frozen=True, slots=True)
class Draft:
    """A status post found in a document, before attribution."""

    start: int
    end: int
    kind: str
    text: str  # the post's content, for deduplication
    fields: dict[str, str] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # value offsets per field
    published: str | None = None
    status_text: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ShareHeader:
    """The header line an admin center prints above an incident's posts."""

    start: int
    end: int
    incident: str | None
    service: str | None
    feature: str | None
    status: str | None


# --- shared helpers -------------------------------------------------------------------------


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _time_at(text: str, start: int, end: int, mentions: Sequence[Mention], anchor: str | None) -> str | None:
    """Parse a field value's time; fall back to a timestamp mention inside the value."""
    own = parse_time(text[start:end], anchor)
    if own is not None:
        return own
    inside = [m for m in mentions if m.type == "timestamp" and start <= m.start and m.end <= end and m.value]
    return inside[0].value if inside else None


# --- status-page posts -----------------------------------------------------------------------

_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))


@cache
def _label_line() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label in statuspage_labels())
    return re.compile(
        rf"^[ \t]*(?P<label>{labels})(?:[ \t]+[-–—][ \t]+(?P<inline>\S[^\n]*)|[ \t]*$)",
        re.MULTILINE,
    )


_TIME_LINE = re.compile(
    rf"^[ \t]*(?:(?:Posted|Veröffentlicht)\b[^\n]*?[ \t])?"
    rf"(?P<when>(?i:{_MONTH})\.?[ \t]+\d{{1,2}},?(?:[ \t]+\d{{4}})?[ \t]*[-–,]?[ \t]*\d{{1,2}}:\d{{2}}"
    rf"(?:[ \t]*[AaPp][Mm])?(?:[ \t]*(?:UTC|GMT|[A-Z]{{2,5}}))?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}}|[ \t]*UTC)?)[ \t]*$",
    re.MULTILINE,
)


def statuspage_drafts(document: Document, mentions: Sequence[Mention]) -> list[Draft]:
    """Return the status-page posts: a status word, the body, then its time line."""
    text = document.text
    labels = list(_label_line().finditer(text))
    drafts: list[Draft] = []
    for index, match in enumerate(labels):
        limit = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        draft = _statuspage_post(document, match, limit, mentions)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _statuspage_post(
    document: Document, match: re.Match[str], limit: int, mentions: Sequence[Mention]
) -> Draft | None:
    text = document.text
    inline = match.group("inline") is not None
    body_start = match.start("inline") if inline else match.end() + 1
    time_line = _TIME_LINE.search(text, match.end(), limit)
    if time_line is not None:
        body_end = time_line.start()
        end = time_line.end()
        published = _time_at(
            text, time_line.start("when"), time_line.end("when"), mentions, document.published
        )
    elif inline:
        paragraph_end = text.find("\n\n", body_start)
        end = body_end = min(limit, paragraph_end if paragraph_end >= 0 else len(text))
        published = None
    else:
        return None  # a status word alone on a line, with no time: not a post
    body = text[body_start:body_end].strip()
    if not body:
        return None
    body_end = body_start + len(text[body_start:body_end].rstrip())
    label = match.group("label")
    extra: dict[str, object] = {}
    if document.url and "/incidents/" in document.url and document.title:
        extra["title"] = document.title
    return Draft(
        start=match.start("label"),
        end=rstrip_end(text, match.start(), end),
        kind="statuspage",
        text=body,
        fields={"body": body},
        spans={"body": (body_start, body_end)},
        published=published,
        status_text=label,
        extra=extra,
    )


# --- admin-center posts and "Field : value" alerts ------------------------------------------

_SHARE = re.compile(
    r"(?i)(?:incident|vorfall)\s*:\s*(?P<incident>[A-Z]{2,4}\d{4,8})"
    r"(?:\s*,\s*(?:impacted service|betroffener dienst)\s*:\s*(?P<service>[^,\n]+))?"
    r"(?:\s*,\s*(?:impacted feature|betroffenes feature|betroffene funktion)\s*:\s*(?P<feature>[^,\n]+))?"
    r"(?:\s*,\s*(?:current status is|aktueller status ist|current status|aktueller status)\s*:\s*(?P<status>[^\n]+))?"
)
# Where a share header can start: 4 letters before the "dent:" of "incident:", or at "vorfall:".
# IGNORECASE matches only the two ASCII cases of these letters, so the classes find every one.
_SHARE_CUE = re.compile(r"[DdVv](?:[Ee][Nn][Tt]|[Oo][Rr][Ff][Aa][Ll][Ll])\s*:")
_REFERENCE = re.compile(r"(?i)(?:reference|referenz|ref)$")
_TITLE_SEPARATOR = re.compile(r"\s+[–—|]\s+|\s+-\s+")


def find_share_headers(text: str) -> list[ShareHeader]:
    """Return every "Incident: EX…, impacted service: …, current status is: …" header."""
    headers = []
    for match in _share_matches(text):
        status = match.group("status")
        headers.append(
            ShareHeader(
                start=match.start(),
                end=match.end(),
                incident=match.group("incident").upper(),
                service=_clean(match.group("service")),
                feature=_clean(match.group("feature")),
                status=_clean(status),
            )
        )
    return headers


def _share_matches(text: str) -> list[re.Match[str]]:
    """The matches of ``_SHARE.finditer(text)``, tried only where "incident:" or "vorfall:" stands
    rather than at every offset of the text."""
    matches: list[re.Match[str]] = []
    done = 0
    for cue in _SHARE_CUE.finditer(text):
        start = cue.start() - 4 if cue.group()[0] in "Dd" else cue.start()
        if start < done:
            continue  # inside the previous header, or before the text
        match = _SHARE.match(text, start)
        if match is not None:
            matches.append(match)
            done = match.end()
    return matches


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().rstrip(".")
    return value or None


def field_drafts(
    document: Document,
    mentions: Sequence[Mention],
    taken: Sequence[tuple[int, int]],
    headers: Sequence[ShareHeader] | None = None,
) -> list[Draft]:
    """Return the posts of the segmenter's status blocks, with their run's share header.

    ``headers`` are the document's ``find_share_headers``, when the caller has them already.
    """
    text = document.text
    if headers is None:
        headers = find_share_headers(text)
    drafts: list[Draft] = []
    run_header: ShareHeader | None = None
    previous_end: int | None = None
    for block in document.status_blocks:
        if _overlaps(block.start, block.end, taken):
            continue
        starts_run = previous_end is None or text[previous_end : block.start].strip() != ""
        header = next((h for h in headers if block.start <= h.start < block.end), None)
        if starts_run or header is not None:
            run_header = header
        drafts.append(_field_post(document, block, run_header, header is not None, mentions, starts_run))
        previous_end = block.end
    return drafts


def _field_post(
    document: Document,
    block: StatusBlock,
    header: ShareHeader | None,
    carries_header: bool,
    mentions: Sequence[Mention],
    starts_run: bool,
) -> Draft:
    text = document.text
    fields: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    for item in block.fields:
        key = "reference" if _REFERENCE.search(item.label) else item.key
        if key == "reference":
            key = f"reference:{item.label}"
        if key not in fields:
            fields[key] = item.value
            spans[key] = (item.value_start, item.end)
    start = block.start
    extra: dict[str, object] = {}
    status_words: list[str] = []
    published = None
    if "published" in fields:
        published = _time_at(text, *spans["published"], mentions, document.published)
    if starts_run:
        start, title_info, line_time = _lead_lines(document, block.start, mentions)
        extra.update(title_info.get("extra", {}))
        status_words.extend(title_info.get("status", []))
        published = published or line_time
    if header is not None:
        for key in ("service", "feature"):
            if getattr(header, key):
                extra[key] = getattr(header, key)
        if carries_header and header.status:
            status_words.insert(0, header.status)
    _time_extras(text, fields, spans, mentions, document.published, extra)
    if "issue_status" in fields:
        extra["issue_status"] = fields["issue_status"]
        status_words.append(fields["issue_status"])
    if "final_status" in fields:
        status_words.append("resolved")
    if "title" in fields:
        extra.setdefault("title", fields["title"])
    kind = (
        "alert"
        if any(k.startswith("reference:") or k in ("issue_status", "current_update") for k in fields)
        else "m365"
    )
    return Draft(
        start=start,
        end=block.end,
        kind=kind,
        text=_post_text(fields),
        fields=fields,
        spans=spans,
        published=published,
        status_text=_pick_status(status_words),
        extra=extra,
    )


def _pick_status(words: list[str]) -> str | None:
    """The first wording with a Graph meaning, else the first wording."""
    for word in words:
        meaning = status_meaning(word)
        if meaning is not None and meaning.graph is not None:
            return word
    return words[0] if words else None


def _time_extras(
    text: str,
    fields: dict[str, str],
    spans: dict[str, tuple[int, int]],
    mentions: Sequence[Mention],
    anchor: str | None,
    extra: dict[str, object],
) -> None:
    for key, iso_key in TIME_FIELDS.items():
        if key in fields:
            value = _time_at(text, *spans[key], mentions, anchor)
            if value is not None:
                extra[iso_key] = value
    if "current_update" in fields:
        # "Current Update : 18/07/2023 10:22:00 AM – Microsoft disabled …": the update's own time.
        found = find_time(fields["current_update"], anchor)
        if found is not None and found[1] == 0:
            extra["updated"] = found[0]


def _post_text(fields: dict[str, str]) -> str:
    """The post's content: its fields in order, without the ones that only identify it."""
    lines = [
        f"{key}: {value}"
        for key, value in fields.items()
        if key != "published" and key not in ID_FIELDS and not key.startswith("reference:")
    ]
    return "\n".join(lines)


def _lead_lines(document: Document, start: int, mentions: Sequence[Mention]) -> tuple[int, dict, str | None]:
    """Read the one-line paragraphs just above a status block: an alert's date line and its
    title line ("Microsoft 365 Alert – Service Degradation – Exchange Online – … – ONGOING").

    Returns the post's new start, what the title line says, and the date line's time.
    """
    text = document.text
    index = bisect_left(document.blocks, start, key=_block_start)  # the first block at or after it
    new_start, info, when = start, {}, None
    for block in reversed(document.blocks[max(0, index - 2) : index]):
        line = text[block.start : block.end]
        if "\n" in line.strip():
            break
        line_time = _date_line_time(line, document.published) if when is None and not info else None
        if line_time is not None:
            when = line_time
            new_start = block.start
            continue
        title = _alert_title(line, block.start, mentions)
        if title is None:
            break
        info, new_start = title, block.start
        break
    return new_start, info, when


def _block_start(block: Block) -> int:
    return block.start


def _date_line_time(line: str, anchor: str | None) -> str | None:
    """The time of a line that is mostly a date-time, else None."""
    found = find_time(line, anchor)
    if found is not None and (found[2] - found[1]) >= 0.6 * len(line.strip()):
        return found[0]
    return None


def _alert_title(line: str, offset: int, mentions: Sequence[Mention]) -> dict | None:
    """Split "Product Alert – Status – Service – Title – STATE" into its parts."""
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(line.strip()) if p.strip()]
    if len(parts) < 3:
        return None
    statuses = [p for p in parts if status_meaning(p) is not None]
    if not statuses:
        return None
    rest = [p for p in parts[1:] if p not in statuses]
    if not rest:
        return None
    title = max(rest, key=len)
    services = [m.value for m in mentions if m.type == "service" and offset <= m.start < offset + len(line)]
    others = [p for p in rest if p != title]
    extra: dict[str, object] = {"title": title, "alert": parts[0]}
    service = services[0] if services else (others[0] if others else None)
    if service:
        extra["service"] = service
    return {"extra": extra, "status": statuses}


# --- Azure post-incident reviews -------------------------------------------------------------


def pir_drafts(document: Document, taken: Sequence[tuple[int, int]]) -> list[Draft]:
    """Return post-incident reviews: runs of the PIR section headings with their paragraphs."""
    text = document.text
    known = pir_sections()
    blocks = document.blocks
    drafts: list[Draft] = []
    index = 0
    while index < len(blocks):
        heading = _pir_heading(text, blocks[index].start, blocks[index].end, known)
        if heading is None or _overlaps(blocks[index].start, blocks[index].end, taken):
            index += 1
            continue
        draft, index = _pir_from(document, index, known)
        drafts.append(draft)
    return drafts


def _pir_heading(text: str, start: int, end: int, known: dict[str, str]) -> tuple[str, int] | None:
    """Return (field key, end of the heading line) when a paragraph starts with a PIR heading."""
    first_end = text.find("\n", start, end)
    if first_end < 0:
        first_end = end
    key = known.get(normalize_wording(text[start:first_end]))
    return (key, first_end) if key else None


def _pir_from(document: Document, index: int, known: dict[str, str]) -> tuple[Draft, int]:
    text = document.text
    blocks = document.blocks
    fields: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    start = blocks[index].start
    current: str | None = None
    end = start
    misses = 0
    while index < len(blocks):
        block = blocks[index]
        heading = _pir_heading(text, block.start, block.end, known)
        if heading is not None:
            current, misses = heading[0], 0
            body_start = heading[1] + 1
        else:
            misses += 1
            if current is None or misses > 4 or block.kind in ("comment_header", "status"):
                break
            body_start = block.start
        if body_start < block.end:
            value = text[body_start : block.end].strip()
            fields[current] = f"{fields[current]}\n\n{value}" if current in fields else value
            spans[current] = (spans.get(current, (body_start, 0))[0], block.end)
        end = block.end
        index += 1
    title, published = _pir_title(document, start)
    extra: dict[str, object] = {}
    if title:
        extra["title"] = title
    return (
        Draft(
            start=start,
            end=end,
            kind="azure_pir",
            text=_post_text(fields),
            fields=fields,
            spans=spans,
            published=published,
            status_text="Post Incident Review",
            extra=extra,
        ),
        index,
    )


def _pir_title(document: Document, start: int) -> tuple[str | None, str | None]:
    """The review's title (a line naming a PIR or a Tracking ID) and a date near it."""
    before = document.text[max(0, start - 400) : start].strip().split("\n")
    title = None
    published = None
    for line in reversed(before[-3:]):
        line = line.strip()
        if not line:
            continue
        line_time = _date_line_time(line, document.published) if published is None else None
        if line_time is not None:
            published = line_time
        elif re.search(r"(?i)post[- ]incident review|\bPIR\b|tracking id", line):
            title = line
            break
    return title, published


# --- tweets and short texts ------------------------------------------------------------------

_QUOTED = re.compile(r"[\"“„«»](?P<body>[^\"“”„«»\n]{30,})[\"”“«»]")
_SOCIAL = re.compile(r"(?i)twitter|tweet|\bx\.com\b|@\w*status|mastodon|bluesky")


def short_drafts(document: Document, taken: Sequence[tuple[int, int]]) -> list[Draft]:
    """Return paragraphs and quoted passages that open like a vendor update."""
    text = document.text
    drafts: list[Draft] = []
    for index, block in enumerate(document.blocks):
        if block.kind not in ("body", "comment") or _overlaps(block.start, block.end, taken):
            continue
        openers = [
            (start, end, found)
            for start, end in _candidate_spans(text, block.start, block.end)
            if (found := opener_status(text[start:end])) is not None
        ]
        if not openers or _is_heading(document, index, taken):  # openers are rare: test them first
            continue
        for start, end, (status, wording) in openers:
            kind = "tweet" if _near_social(document, index) else "text"
            body = text[start:end].strip()
            drafts.append(
                Draft(
                    start=start,
                    end=end,
                    kind=kind,
                    text=body,
                    fields={"body": body},
                    spans={"body": (start, end)},
                    status_text=wording,
                    extra={"status_hint": status},
                )
            )
    return drafts


def _is_heading(document: Document, index: int, taken: Sequence[tuple[int, int]]) -> bool:
    """The page's title, or a short paragraph right above status-page posts: an incident's name
    (GitHub names incidents after their first update), not a quoted post."""
    block = document.blocks[index]
    text = document.text[block.start : block.end].strip()
    if document.title and text.split("\n", 1)[0].strip() == document.title.strip():
        return True
    if text.count("\n") > 1 or index + 1 >= len(document.blocks):
        return False
    following = document.blocks[index + 1]
    return any(s <= following.start < e for s, e in taken)


def _candidate_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The paragraph itself (without its quotes) and every quoted passage in it."""
    spans = []
    inner_start = start
    while inner_start < end and text[inner_start] in ' \t"“„«»':
        inner_start += 1
    inner_end = end
    while inner_end > inner_start and text[inner_end - 1] in ' \t"”“«»':
        inner_end -= 1
    spans.append((inner_start, inner_end))
    for match in _QUOTED.finditer(text, start, end):
        span = match.span("body")
        if span != (inner_start, inner_end) and not (span[0] <= inner_start and inner_end <= span[1]):
            spans.append(span)
    return spans


def _near_social(document: Document, index: int) -> bool:
    """Whether the paragraph or one of the two before it speaks of a social-media post."""
    for block in document.blocks[max(0, index - 2) : index + 1]:
        if _SOCIAL.search(document.text[block.start : block.end]):
            return True
    return False
