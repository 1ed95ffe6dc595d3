"""WordPress export (WXR) files: published posts and their approved comments, streamed.

A WXR file is RSS 2.0 with the ``wp:`` namespace (http://wordpress.org/export/1.2/): one ``item``
per post, page, attachment, menu item...; ``wp:comment`` children carry the comments with
``wp:comment_approved`` (``1``, ``0``, ``spam``, ``trash``), ``wp:comment_type`` (``comment`` or
empty, ``pingback``, ``trackback``) and ``wp:comment_parent`` (the replied-to comment, 0 for none).

Kept: items of type post or page with status ``publish`` and no password, and their approved
comments (``<post-id>#c<comment-id>``, parent the post or the replied-to comment). Everything else
is counted as ``Skipped`` by reason. The XML is parsed with defusedxml: no entity expansion, no
DTD or external fetches; items are handled and dropped one at a time, so exports of any size stream.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from extract.errors import InputError
from extract.model import Record
from extract.readers.base import ReadItem, ReadOptions, Skipped, Source, iso_datetime
from extract.readers.html import html_fragment_to_text, join_title
from extract.readers.xmlstream import XML_ERRORS, iter_elements, local_name, xml_error

WP_NAMESPACE_PREFIX = "{http://wordpress.org/export/"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
KEPT_POST_TYPES = ("post", "page")
_ZERO_DATE = "0000-00-00 00:00:00"


def _is_wp(tag: str) -> bool:
    return tag.startswith(WP_NAMESPACE_PREFIX)


def wp_fields(element: Element) -> dict[str, str]:
    """The ``wp:*`` children of an element (any export version) by local name, stripped; first wins."""
    fields: dict[str, str] = {}
    for child in element:
        if _is_wp(child.tag):
            fields.setdefault(local_name(child.tag), (child.text or "").strip())
    return fields


def child_text(element: Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def wp_datetime(local: str, gmt: str) -> str | None:
    """Local wall-clock time with its UTC offset (from the GMT twin), naive when GMT is unknown."""
    local_dt = _parse_wp_date(local)
    gmt_dt = _parse_wp_date(gmt) if gmt != _ZERO_DATE else None
    if local_dt is None:
        return iso_datetime(gmt_dt.replace(tzinfo=UTC)) if gmt_dt else None
    if gmt_dt is None:
        return iso_datetime(local_dt)
    offset = _rounded_offset(local_dt - gmt_dt)
    if offset is None:
        return iso_datetime(local_dt)
    return iso_datetime(local_dt.replace(tzinfo=timezone(offset)))


def _parse_wp_date(value: str) -> datetime | None:
    """``2023-07-18 10:45:12`` (naive); None when empty or not a date."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


def _rounded_offset(delta: timedelta) -> timedelta | None:
    """Offsets are whole quarter hours within ±14 h; anything else is not an offset."""
    minutes = round(delta.total_seconds() / 900) * 15
    if abs(minutes) > 14 * 60:
        return None
    return timedelta(minutes=minutes)


@dataclass(frozen=True, slots=True)
class WxrComment:
    comment_id: str
    parent_id: str | None
    author: str | None
    published: str | None
    content: str
    skip_reason: str | None


def _comment_skip_reason(approved: str, kind: str) -> str | None:
    if kind in ("pingback", "trackback"):
        return f"comment {kind}"
    if approved == "1":
        return None
    if approved == "spam":
        return "comment spam"
    if approved == "trash":
        return "comment trash"
    return "comment unapproved"


def parse_comment(element: Element) -> WxrComment:
    fields = wp_fields(element)
    parent = fields.get("comment_parent", "")
    return WxrComment(
        comment_id=fields.get("comment_id", ""),
        parent_id=parent if parent not in ("", "0") else None,
        author=fields.get("comment_author") or None,
        published=wp_datetime(fields.get("comment_date", ""), fields.get("comment_date_gmt", "")),
        content=fields.get("comment_content", ""),
        skip_reason=_comment_skip_reason(
            fields.get("comment_approved", ""), fields.get("comment_type", "").lower()
        ),
    )


def post_skip_reason(fields: dict[str, str], post_types: tuple[str, ...]) -> str | None:
    """Why an item is left out (type, status, password), else None; ``fields`` from wp_fields."""
    post_type = fields.get("post_type") or "post"
    if post_type not in post_types:
        return f"post type {post_type}"
    status = fields.get("status", "")
    if status != "publish":
        return f"post status {status or 'unknown'}"
    if fields.get("post_password"):
        return "password-protected post"
    return None


def post_record_id(fields: dict[str, str], seen: set[str]) -> str:
    """The post's slug (readable, stable), else ``post-<id>``; a repeated slug gets its id."""
    post_id = fields.get("post_id", "")
    slug = unquote(fields.get("post_name", ""))
    record_id = slug or f"post-{post_id}"
    if record_id in seen:
        record_id = f"{record_id}-{post_id}"
    seen.add(record_id)
    return record_id


def _kept_ancestor(comment: WxrComment, by_id: dict[str, WxrComment]) -> str | None:
    """The nearest replied-to comment that is kept; a reply to a spam comment hangs on the post."""
    seen: set[str] = set()
    parent_id = comment.parent_id
    while parent_id and parent_id in by_id and parent_id not in seen:
        seen.add(parent_id)
        parent = by_id[parent_id]
        if parent.skip_reason is None:
            return parent_id
        parent_id = parent.parent_id
    return None


def item_records(
    item: Element,
    fields: dict[str, str],
    where: str,
    seen: set[str],
    skipped: Counter[str],
    post_types: tuple[str, ...],
) -> Iterator[Record]:
    """The post Record of one kept item, then its comment Records; skips go to ``skipped``."""
    comments = [parse_comment(c) for c in item if _is_wp(c.tag) and local_name(c.tag) == "comment"]
    reason = post_skip_reason(fields, post_types)
    if reason is not None:
        skipped[reason] += 1
        if comments:
            skipped["comment on a skipped post"] += len(comments)
        return
    post_id = post_record_id(fields, seen)
    title = child_text(item, "title") or None
    url = child_text(item, "link") or None
    body = html_fragment_to_text(child_text(item, CONTENT_ENCODED))
    yield Record(
        id=post_id,
        text=join_title(title, body),
        title=title,
        url=url,
        published=wp_datetime(fields.get("post_date", ""), fields.get("post_date_gmt", "")),
        author=child_text(item, DC_CREATOR) or None,
        source=f"{where}:post {fields.get('post_id', '')}",
    )
    by_id = {c.comment_id: c for c in comments}
    for comment in comments:
        if comment.skip_reason is not None:
            skipped[comment.skip_reason] += 1
            continue
        text = html_fragment_to_text(comment.content)
        if not text:
            skipped["empty comment"] += 1
            continue
        parent = _kept_ancestor(comment, by_id)
        yield Record(
            id=f"{post_id}#c{comment.comment_id}",
            text=text,
            url=f"{url.split('#', 1)[0]}#comment-{comment.comment_id}" if url else None,
            published=comment.published,
            author=comment.author,
            parent=f"{post_id}#c{parent}" if parent else post_id,
            source=f"{where}:comment {comment.comment_id}",
        )


def _skips(where: str, skipped: Counter[str]) -> Iterator[Skipped]:
    for reason in sorted(skipped):
        yield Skipped(where, reason, skipped[reason])


def read_wxr(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    """Stream a WordPress export into post and comment Records, counting what it leaves out."""
    skipped: Counter[str] = Counter()
    seen: set[str] = set()
    items = 0
    wp_items = 0
    try:
        with source.open() as stream:
            if not stream.peek(1):
                yield InputError(source.where, "empty file")
                return
            for item in iter_elements(stream, lambda tag: tag == "item"):
                items += 1
                fields = wp_fields(item)
                if "post_type" in fields or "post_id" in fields:
                    wp_items += 1
                yield from item_records(item, fields, source.where, seen, skipped, options.wxr_post_types)
    except XML_ERRORS as err:
        yield xml_error(source.where, err, items)
    else:
        if not wp_items:
            yield InputError(source.where, "not a WordPress export: no item with wp:post_type or wp:post_id")
    yield from _skips(source.where, skipped)
