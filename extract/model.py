"""Typed, frozen records that flow between the stages.

Offsets are Python string indices into the *input document's* text; they are the source of
truth for every mention, block, comment and status block.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["de", "en"]
MentionType = Literal["incident_id", "error_code", "region", "service", "feature", "timestamp"]
MENTION_TYPES: tuple[str, ...] = ("incident_id", "error_code", "region", "service", "feature", "timestamp")
TIMESTAMP_ROLES: tuple[str, ...] = ("published", "start", "end", "next_update", "update", "mention")


@dataclass(frozen=True, slots=True)
class Record:
    """One input record as a reader produced it, before segmentation."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    lang: str | None = None
    published: str | None = None
    author: str | None = None
    parent: str | None = None
    source: str = ""  # where it came from: "file.jsonl:12", "post.txt"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph: a run of non-blank lines."""

    start: int
    end: int
    lang: str | None
    kind: Literal["body", "status", "comment", "comment_header", "title"] = "body"


@dataclass(frozen=True, slots=True)
class Comment:
    """A reader comment split out of its page; its id is ``<doc>#c<position>``."""

    id: str
    position: int
    author: str | None
    parent: str | None  # the comment it replies to, or None for a top-level comment
    start: int  # the header line ("1. viebrix sagt:")
    body_start: int
    end: int
    published: str | None = None


@dataclass(frozen=True, slots=True)
class StatusField:
    """One "Label: value" line of a status block."""

    label: str  # as written: "Published Time", "Aktueller Status"
    key: str  # normalized: "published", "current_status", ... or a slug of the label
    value: str
    start: int  # of the label
    value_start: int
    end: int


@dataclass(frozen=True, slots=True)
class StatusBlock:
    """A quoted vendor status post: a run of "Field: value" lines."""

    start: int
    end: int
    fields: tuple[StatusField, ...]

    def get(self, key: str) -> StatusField | None:
        """Return the first field with this normalized key."""
        return next((f for f in self.fields if f.key == key), None)


@dataclass(frozen=True, slots=True)
class Document:
    """A segmented input document."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    author: str | None = None
    parent: str | None = None
    lang: str | None = None
    published: str | None = None
    published_source: str | None = None  # "record", "title", "text" or None
    source: str = ""
    blocks: tuple[Block, ...] = ()
    comments: tuple[Comment, ...] = ()
    status_blocks: tuple[StatusBlock, ...] = ()

    def block_at(self, offset: int) -> Block | None:
        """Return the block containing ``offset``."""
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            block = self.blocks[mid]
            if offset < block.start:
                hi = mid
            elif offset >= block.end:
                lo = mid + 1
            else:
                return block
        return None

    def lang_at(self, offset: int) -> str | None:
        """Return the language of the block at ``offset``, else the document's."""
        block = self.block_at(offset)
        return (block.lang if block and block.lang else None) or self.lang

    def comment_at(self, offset: int) -> Comment | None:
        """Return the comment whose span contains ``offset``."""
        # Comments are sorted by start and disjoint (segment makes them so): bisect on the starts.
        comments = self.comments
        index = bisect_right(comments, offset, key=_start_of) - 1
        if index >= 0 and offset < comments[index].end:
            return comments[index]
        return None

    def status_block_at(self, offset: int) -> StatusBlock | None:
        """Return the status block whose span contains ``offset``."""
        # Status blocks are sorted by start and disjoint (segment makes them so).
        blocks = self.status_blocks
        index = bisect_right(blocks, offset, key=_start_of) - 1
        if index >= 0 and offset < blocks[index].end:
            return blocks[index]
        return None

    def anchor_at(self, offset: int) -> str | None:
        """Return the date relative expressions at ``offset`` are anchored on."""
        comment = self.comment_at(offset)
        if comment is not None and comment.published:
            return comment.published
        return self.published


def _start_of(span: Comment | StatusBlock) -> int:
    return span.start


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognized span with its normalized value."""

    doc: str
    type: str
    text: str
    start: int
    end: int
    value: str | None
    role: str | None = None
    score: float = 1.0
    lang: str | None = None
    comment: str | None = None
    source: str = ""  # "<recognizer>/<pattern>", for explaining a hit
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON object (extra keys after the fixed ones)."""
        data: dict[str, Any] = {
            "doc": self.doc,
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "role": self.role,
            "score": round(self.score, 3),
            "lang": self.lang,
            "comment": self.comment,
        }
        for key in sorted(self.extra):
            data.setdefault(key, self.extra[key])
        data["source"] = self.source
        return data


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    """One parsed vendor status post, attributed to an incident where possible."""

    doc: str
    start: int
    end: int
    kind: str  # "m365", "alert", "share", "statuspage", "tweet", "azure_pir", "text"
    incident_id: str | None
    attribution: str | None  # "block", "preceding", "dominant", "record" or None (flagged)
    fields: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    published: str | None = None
    status: str | None = None  # Microsoft Graph serviceHealthIssue status value
    status_text: str | None = None  # the wording
    lang: str | None = None
    comment: str | None = None
    external_refs: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What the per-document stages produce for one input record."""

    document: Document
    mentions: tuple[Mention, ...]
    updates: tuple[StatusUpdate, ...]
