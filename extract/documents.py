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


@cache
def _segment_data() -> dict:
    return load_yaml("documents.yaml")


def _comment_verbs() -> str:
    return "|".join(map(re.escape, _segment_data()["comment_verbs"]))


@cache
def _comment_header() -> re.Pattern[str]:
    # "  1. viebrix sagt:", "    • JohnRipper sagt:", "Jane Doe says:"
    return re.compile(
        rf"^(?P<indent>[ \t]*)(?:(?P<number>\d{{1,4}})\.[ \t]+|(?P<bullet>[•·◦*\-–])[ \t]+)?"
        rf"(?P<author>[^\n:]{{1,60}}?)[ \t]+(?:{_comment_verbs()})[ \t]*:?[ \t]*$",
        re.MULTILINE,
    )


@cache
def _comment_header_end() -> re.Pattern[str]:
    """The end every header line has: a space or tab, a verb, maybe a colon ("… sagt:")."""
    return re.compile(rf"[ \t](?:{_comment_verbs()})[ \t]*:?[ \t]*$", re.MULTILINE)


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
    return [m.span() for m in _PARAGRAPH.finditer(text)]


def _comment_headers(text: str) -> list[re.Match[str]]:
    """Return the comment header lines of ``text`` in order.

    The same matches as ``_comment_header().finditer(text)``: a header is one whole line, so it
    is tried only at the start of the few lines that end like one, not at every line.
    """
    header = _comment_header()
    headers: list[re.Match[str]] = []
    for end in _comment_header_end().finditer(text):
        match = header.match(text, text.rfind("\n", 0, end.start()) + 1)
        if match is not None:
            headers.append(match)
    return headers


def find_comments(doc_id: str, text: str) -> tuple[Comment, ...]:
    """Split a page's comment thread into comments with author, position and parent.

    A numbered or plain header starts a top-level comment; a bulleted one ("• Name sagt:")
    replies to the top-level comment before it, as WordPress threads print them.
    """
    headers = _comment_headers(text)
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
    if end <= start or not text[end - 1].isspace():
        return end
    # str.rstrip drops the same white space (str.isspace), in C.
    return start + len(text[start:end].rstrip())


def find_status_blocks(text: str, blocks: list[tuple[int, int]]) -> tuple[StatusBlock, ...]:
    """Find runs of "Field: value" paragraphs; a repeated field starts the next post.

    A run counts when it has a known label and at least two fields, or four unknown ones, so
    that "User #1: ..." quotes and single "Hinweis: ..." lines stay prose.
    """
    known = _field_keys()
    runs: list[list[StatusField]] = []
    current: list[StatusField] = []
    for start, end in blocks:
        first_line_end = text.find("\n", start, end)
        if text.find(":", start, end if first_line_end < 0 else first_line_end) < 0:
            fields = None  # prose: a field line holds a colon
        else:
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
        is_known = [_is_known(f, known_keys) for f in run]
        run = _trim_unknown_edges(run, is_known)
        if not (sum(is_known) >= 2 or len(run) >= 4):  # trimming drops unknown fields only
            continue
        found.extend(_split_posts(run))
    return tuple(found)


_REFERENCE_LABEL = re.compile(r"(?i)(?:reference|referenz|ref|id|ticket|nummer|number)$")


def _is_known(field: StatusField, known_keys: set[str]) -> bool:
    return field.key in known_keys or bool(_REFERENCE_LABEL.search(field.label))


def _trim_unknown_edges(run: list[StatusField], is_known: list[bool]) -> list[StatusField]:
    """Drop prose lines that only look like fields ("Ergänzung: ...") at the ends of a run."""
    if True not in is_known:
        return run
    first = is_known.index(True)
    last = len(is_known) - 1 - is_known[::-1].index(True)
    return run[first : last + 1]


def _fields_of(text: str, start: int, end: int, known: dict[str, str]) -> list[StatusField] | None:
    """Return the fields of a paragraph whose every line is a field line, else None."""
    fields: list[StatusField] = []
    field_line = _field_line()
    line_start = start
    while line_start < end:  # the lines of a paragraph: none is empty
        line_end = text.find("\n", line_start, end)
        if line_end < 0:
            line_end = end
        if text.find(":", line_start, line_end) < 0:
            return None  # a field line holds a colon: skip the regex on prose lines
        match = field_line.match(text, line_start, line_end)
        if match is None:
            return None
        label, value = match.group("label", "value")
        label = label.strip()
        key = known.get(label.lower())
        if key is None and len(label.split()) > 4:
            return None
        value = value.rstrip()
        value_start = match.start("value")
        # The end is rstrip_end of the value: str.rstrip drops the same white space, and the value
        # opens with a non-space.
        fields.append(
            StatusField(
                label, key or _slug(label), value, match.start("label"), value_start, value_start + len(value)
            )
        )
        line_start = line_end + 1
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


def _block_kinds(
    text: str,
    spans: list[tuple[int, int]],
    status_blocks: Sequence[StatusBlock],
    comments: Sequence[Comment],
) -> list[str]:
    """The kind of each paragraph: "status" (in a status block), else "comment_header" (one line
    that a comment starts in), else "comment" (in a comment), else "body".

    Status blocks and comments are sorted and disjoint, as are the paragraphs: each marks the
    paragraphs it holds with a bisect, later kinds overwriting earlier ones.
    """
    kinds = ["body"] * len(spans)
    starts = [start for start, _ in spans]
    for comment in comments:
        _mark(kinds, starts, comment.start, comment.end, "comment")
    for comment in comments:
        index = bisect_right(starts, comment.start) - 1
        if index >= 0 and comment.start < spans[index][1]:
            start, end = spans[index]
            if "\n" not in text[start:end].strip():
                kinds[index] = "comment_header"
    for block in status_blocks:
        _mark(kinds, starts, block.start, block.end, "status")
    return kinds


def _mark(kinds: list[str], starts: list[int], start: int, end: int, kind: str) -> None:
    """Set the kind of the paragraphs that start in [start, end)."""
    low, high = bisect_left(starts, start), bisect_left(starts, end)
    kinds[low:high] = [kind] * (high - low)


def segment(record: Record) -> Document:
    """Turn a record into a Document: blocks, languages, comments, status blocks, date."""
    text = record.text
    spans = split_blocks(text)
    comments = find_comments(record.id, text)
    status_blocks = find_status_blocks(text, spans)
    fixed_lang = record.lang if record.lang in ("de", "en") else None
    langs = [fixed_lang] * len(spans) if fixed_lang else [detect_lang(text[s:e]) for s, e in spans]
    kinds = _block_kinds(text, spans, status_blocks, comments)
    if spans and text.count("\n", 0, spans[0][1]) == 0 and record.title is None:
        kinds[0] = "title"
    blocks = tuple(
        [Block(start, end, lang, kind) for (start, end), lang, kind in zip(spans, langs, kinds, strict=True)]
    )
    main = record.lang or main_language(
        [
            (lang, end - start)
            for (start, end), lang, kind in zip(spans, langs, kinds, strict=True)
            if kind in ("body", "title", "comment")
        ]
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
        blocks=blocks,
        comments=comments,
        status_blocks=status_blocks,
    )
