"""The role of a timestamp: from the status field it stands in, or a label just before it."""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from extract.model import Document
from extract.timestamps.vocab import trie, vocab, word_start

_LEAD = regex.compile(r"\s*(?:(?:am|on|at|um|by|the)\s+)?$", regex.I)


@cache
def _label_before() -> regex.Pattern[str]:
    labels = vocab().roles
    return regex.compile(
        rf"{word_start(labels)}(?P<label>{trie(labels)})\s*:?\s*(?:(?:am|on|at|um|by|the)\s+)?$", regex.I
    )


def _field_role(document: Document, start: int) -> str | None:
    """Role from a status block field whose value begins with this timestamp."""
    block = document.status_block_at(start)
    if block is None:
        return None
    roles = vocab().status_field_roles
    for field in block.fields:
        opens_field = field.value_start <= start < field.end and field.key in roles
        if opens_field and _LEAD.fullmatch(document.text, field.value_start, start):
            return roles[field.key]
    return None


def _inline_role(text: str, start: int) -> str | None:
    line_start = text.rfind("\n", 0, start) + 1
    head = max(line_start, start - 48)
    # The pattern looks one character behind the head (its "\b"), and no further.
    before = 1 if head > 0 else 0
    return _label_role(text[head - before : start], before)


# Labels repeat ("Start time: ", "Nächstes Update: "): the answer per head is kept.
@lru_cache(maxsize=4096)
def _label_role(head: str, start: int) -> str | None:
    match = _label_before().search(head, start)
    if match is None:
        return None
    return vocab().roles[" ".join(match.group("label").lower().split())]


def _is_title(document: Document, start: int) -> bool:
    """A date in the title line ("Exchange Online blockt E-Mails (18.7.2023)") is the post's."""
    first_break = document.text.find("\n")
    in_first_line = start < first_break if first_break >= 0 else False
    return (
        in_first_line
        and bool(document.title)
        and document.text[:first_break].strip() == document.title.strip()
    )


def _is_dateline(text: str, start: int, end: int) -> bool:
    """A full date-time alone on its line heads an alert ("18/07/2023 08:32:00 AM (GMT)")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def role_of(document: Document, start: int, end: int, has_date_and_time: bool) -> str:
    """Return published, start, end, next_update, update or mention."""
    role = _field_role(document, start) or _inline_role(document.text, start)
    if role:
        return role
    if _is_title(document, start):
        return "published"
    if has_date_and_time and _is_dateline(document.text, start, end) and document.text.count("\n") > 0:
        return "published"
    return "mention"
