"""Segment a record into a Document: blocks with languages, comments, status blocks, date.

A pure function of one record, so the batch engine can map it over processes or a cluster.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date
from functools import cache

from extract.lang import detect_lang, main_language
from extract.model import Block, Comment, Document, Record, StatusBlock, StatusField
from extract.resources import load_yaml

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_LINE = re.compile(r"[^\n]+")


@cache
def _segment_data() -> dict:
    return load_yaml("documents.yaml")


@cache
def _comment_header() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, _segment_data()["comment_verbs"]))
    # "  1. viebrix sagt:", "    • JohnRipper sagt:", "Jane Doe says:"
    return re.compile(
        rf"^(?P<indent>[ \t]*)(?:(?P<number>\d{{1,4}})\.[ \t]+|(?P<bullet>[•·◦*\-–])[ \t]+)?"
        rf"(?P<author>[^\n:]{{1,60}}?)[ \t]+(?:{verbs})[ \t]*:?[ \t]*$",
        re.MULTILINE,
    )


@cache
def _comments_end() -> re.Pattern[str]:
    markers = "|".join(map(re.escape, _segment_data()["comments_end"]))
    return re.compile(rf"^[ \t]*(?:{markers})", re.MULTILINE | re.IGNORECASE)


@cache
def _field_line() -> re.Pattern[str]:
    # "Label: value" or "Label : value"; label of 1-6 words without digits.
    return re.compile(
        r"^[ \t]*(?P<label>[A-ZÄÖÜ][A-Za-zÄÖÜäöüß'’/()\-]*(?:[ \t]+[A-Za-zÄÖÜäöüß'’/()\-]+){0,5})"
        r"[ \t]?:[ \t]+(?P<value>\S[^\n]*)$",
        re.MULTILINE,
    )


@cache
def _field_keys() -> dict[str, str]:
    """Map every known label (lower-cased) to its normalized key."""
    keys: dict[str, str] = {}
    for key, labels in _segment_data()["status_fields"].items():
        for label in labels:
            keys[label.lower()] = key
    return keys


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9äöüß]+", "_", label.lower()).strip("_")


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every paragraph: runs of non-blank lines."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def find_comments(doc_id: str, text: str) -> tuple[Comment, ...]:
    """Split a page's comment thread into comments with author, position and parent.

    A numbered or plain header starts a top-level comment; a bulleted one ("• Name sagt:")
    replies to the top-level comment before it, as WordPress threads print them.
    """
    headers = list(_comment_header().finditer(text))
    if not headers:
        return ()
    end_match = _comments_end().search(text, headers[-1].end())
    thread_end = end_match.start() if end_match else len(text)
    comments: list[Comment] = []
    last_top: str | None = None
    for index, header in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else thread_end
        position = index + 1
        comment_id = f"{doc_id}#c{position}"
        is_reply = header.group("bullet") is not None and last_top is not None
        parent = last_top if is_reply else None
        if not is_reply:
            last_top = comment_id
        body_start = header.end() + 1 if header.end() < len(text) else header.end()
        comments.append(
            Comment(
                id=comment_id,
                position=position,
                author=header.group("author").strip(),
                parent=parent,
                start=header.start() + len(header.group("indent")),
                body_start=min(body_start, end),
                end=rstrip_end(text, header.start(), end),
            )
        )
    return tuple(comments)


def rstrip_end(text: str, start: int, end: int) -> int:
    """Return ``end`` moved left past trailing white space (not before ``start``)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def find_status_blocks(text: str, blocks: list[tuple[int, int]]) -> tuple[StatusBlock, ...]:
    """Find runs of "Field: value" paragraphs; a repeated field starts the next post.

    A run counts when it has a known label and at least two fields, or four unknown ones, so
    that "User #1: ..." quotes and single "Hinweis: ..." lines stay prose.
    """
    known = _field_keys()
    runs: list[list[StatusField]] = []
    current: list[StatusField] = []
    for start, end in blocks:
        fields = _fields_of(text, start, end, known)
        if fields is None:
            if current:
                runs.append(current)
            current = []
            continue
        current.extend(fields)
    if current:
        runs.append(current)
    found: list[StatusBlock] = []
    known_keys = set(known.values())
    for run in runs:
        run = _trim_unknown_edges(run, known_keys)
        n_known = sum(_is_known(f, known_keys) for f in run)
        if not (n_known >= 2 or len(run) >= 4):
            continue
        found.extend(_split_posts(run))
    return tuple(found)


_REFERENCE_LABEL = re.compile(r"(?i)(?:reference|referenz|ref|id|ticket|nummer|number)$")


def _is_known(field: StatusField, known_keys: set[str]) -> bool:
    return field.key in known_keys or bool(_REFERENCE_LABEL.search(field.label))


def _trim_unknown_edges(run: list[StatusField], known_keys: set[str]) -> list[StatusField]:
    """Drop prose lines that only look like fields ("Ergänzung: ...") at the ends of a run."""
    if not any(_is_known(f, known_keys) for f in run):
        return run
    first = next(i for i, f in enumerate(run) if _is_known(f, known_keys))
    last = max(i for i, f in enumerate(run) if _is_known(f, known_keys))
    return run[first : last + 1]


def _fields_of(text: str, start: int, end: int, known: dict[str, str]) -> list[StatusField] | None:
    """Return the fields of a paragraph whose every line is a field line, else None."""
    fields: list[StatusField] = []
    for line in _LINE.finditer(text, start, end):
        if text.find(":", line.start(), line.end()) < 0:
            return None  # a field line holds a colon: skip the regex on prose lines
        match = _field_line().match(text, line.start(), line.end())
        if match is None:
            return None
        label = match.group("label").strip()
        key = known.get(label.lower())
        if key is None and len(label.split()) > 4:
            return None
        fields.append(
            StatusField(
                label=label,
                key=key or _slug(label),
                value=match.group("value").rstrip(),
                start=match.start("label"),
                value_start=match.start("value"),
                end=rstrip_end(text, match.start("value"), match.end("value")),
            )
        )
    return fields or None


def _split_posts(run: list[StatusField]) -> list[StatusBlock]:
    posts: list[list[StatusField]] = [[]]
    seen: set[str] = set()
    for field in run:
        if field.key in seen and field.key != "share":
            posts.append([])
            seen = set()
        posts[-1].append(field)
        seen.add(field.key)
    return [StatusBlock(start=p[0].start, end=p[-1].end, fields=tuple(p)) for p in posts if p]


# Dates for the document's own date: "(18.7.2023)", "2023-07-18", "18. Juli 2023", "July 18, 2023".
MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("januar", "jänner", "january", "jan"),
            ("februar", "february", "feb"),
            ("märz", "maerz", "march", "mär", "mar"),
            ("april", "apr"),
            ("mai", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("dezember", "december", "dez", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), ("d", "m", "y")),
    (re.compile(rf"(?i)\b(\d{{1,2}})\.?\s+({_MONTH_NAMES})\.?\s+(\d{{4}})\b"), ("d", "M", "y")),
    (re.compile(rf"(?i)\b({_MONTH_NAMES})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b"), ("M", "d", "y")),
)


def first_date(text: str) -> tuple[str, int] | None:
    """Return the first full calendar date in ``text`` as (ISO date, offset)."""
    best: tuple[str, int] | None = None
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[1]:
                break
            parts = dict(zip(order, match.groups(), strict=True))
            month = MONTH_NUMBERS[parts["M"].lower()] if "M" in parts else int(parts["m"])
            try:
                value = date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                continue
            best = (value.isoformat(), match.start())
            break
    return best


def document_date(record: Record) -> tuple[str | None, str | None]:
    """Return the document's date and where it came from: the record, its title, its text."""
    if record.published:
        return record.published, "record"
    if record.title:
        found = first_date(record.title)
        if found:
            return found[0], "title"
    found = first_date(record.text)
    if found:
        return found[0], "text"
    return None, None


def _title_of(record: Record) -> str | None:
    if record.title:
        return record.title
    first_line = record.text.split("\n", 1)[0].strip()
    return first_line or None


def _in_spans(spans: Sequence[Comment] | Sequence[StatusBlock], starts: list[int], offset: int) -> bool:
    """Tell whether one of the sorted, disjoint spans (with these starts) holds ``offset``."""
    index = bisect_right(starts, offset) - 1
    return index >= 0 and offset < spans[index].end


def _starts_between(starts: list[int], start: int, end: int) -> bool:
    """Tell whether one of the sorted ``starts`` lies in [start, end)."""
    return bisect_left(starts, end) > bisect_left(starts, start)


def segment(record: Record) -> Document:
    """Turn a record into a Document: blocks, languages, comments, status blocks, date."""
    text = record.text
    spans = split_blocks(text)
    comments = find_comments(record.id, text)
    status_blocks = find_status_blocks(text, spans)
    # Status blocks and comments are sorted and disjoint: bisect instead of scanning them per block.
    status_starts = [b.start for b in status_blocks]
    comment_starts = [c.start for c in comments]
    fixed_lang = record.lang if record.lang in ("de", "en") else None
    blocks: list[Block] = []
    for start, end in spans:
        lang = fixed_lang or detect_lang(text[start:end])
        kind = "body"
        if _in_spans(status_blocks, status_starts, start):
            kind = "status"
        elif _starts_between(comment_starts, start, end) and "\n" not in text[start:end].strip():
            kind = "comment_header"
        elif _in_spans(comments, comment_starts, start):
            kind = "comment"
        blocks.append(Block(start=start, end=end, lang=lang, kind=kind))
    if blocks and text[: blocks[0].end].count("\n") == 0 and record.title is None:
        blocks[0] = Block(blocks[0].start, blocks[0].end, blocks[0].lang, "title")
    main = record.lang or main_language(
        [(b.lang, b.end - b.start) for b in blocks if b.kind in ("body", "title", "comment")]
    )
    published, published_source = document_date(record)
    comments = tuple(
        Comment(c.id, c.position, c.author, c.parent, c.start, c.body_start, c.end, c.published or None)
        for c in comments
    )
    return Document(
        id=record.id,
        text=text,
        title=_title_of(record),
        url=record.url,
        author=record.author,
        parent=record.parent,
        lang=main,
        published=published,
        published_source=published_source,
        source=record.source,
        blocks=tuple(blocks),
        comments=comments,
        status_blocks=status_blocks,
    )
