"""RSS and Atom feeds: one Record per item or entry, comments of WordPress comment feeds with parents.

Ids come from the permalink's last path segment (the WordPress slug), so a feed item and the same
post from an export or a saved page agree. An item whose link ends in ``#comment-<n>`` (a
WordPress comment feed) is the comment ``<slug>#c<n>`` of the post ``<slug>``; Atom threading
(``thr:in-reply-to``, RFC 4685) gives the parent where present. Comment titles ("Comment on X by
Name") name the commenter, so comments keep no title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, unquote, urlsplit
from xml.etree.ElementTree import Element, tostring

from extract.errors import InputError
from extract.model import Record
from extract.readers.base import ReadItem, ReadOptions, Source, iso_datetime
from extract.readers.html import html_fragment_to_text, join_title, normalize_datetime, normalize_whitespace
from extract.readers.xmlstream import XML_ERRORS, iter_elements, local_name, xml_error

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC = "{http://purl.org/dc/elements/1.1/}"
THREAD = "{http://purl.org/syndication/thread/1.0}"
RSS1_ITEM = "{http://purl.org/rss/1.0/}item"
_COMMENT_FRAGMENT = re.compile(r"^comment-(\d+)$")
_ROOT_TAG = re.compile(rb"<(?![?!])([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def sniff_xml(source: Source) -> str | None:
    """Tell a WordPress export, an RSS feed, an Atom feed and XHTML apart by their first bytes."""
    with source.opener() as stream:
        head = stream.read(65536)
    if b"wordpress.org/export/" in head:
        return "wxr"
    cleaned = re.sub(rb"<!--.*?-->", b"", head, flags=re.DOTALL)
    match = _ROOT_TAG.search(cleaned)
    if match is None:
        return None
    root = match.group(2).decode("ascii", "replace").lower()
    return {"rss": "rss", "rdf": "rss", "feed": "atom", "html": "html"}.get(root)


def id_from_url(url: str) -> str | None:
    """A readable id from a permalink: its last path segment, ``p<n>`` for ``?p=<n>``; comments ``#c<n>``."""
    parts = urlsplit(url.strip())
    query = parse_qs(parts.query)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if "p" in query:
        base = f"p{query['p'][0]}"
    elif segments and segments[-1] != "feed":
        base = segments[-1]
    elif len(segments) > 1:  # .../post-slug/feed/
        base = segments[-2]
    else:
        return None
    comment = _COMMENT_FRAGMENT.match(parts.fragment)
    return f"{base}#c{comment.group(1)}" if comment else base


def _text(element: Element, *tags: str) -> str:
    for tag in tags:
        found = element.find(tag)
        if found is not None and (found.text or "").strip():
            return found.text.strip()
    return ""


def rfc822_or_iso(value: str) -> str | None:
    """RSS dates (RFC 822) and Atom/Dublin Core dates (ISO 8601) as ISO 8601 with offset."""
    if not value:
        return None
    try:
        return iso_datetime(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        return normalize_datetime(value)


def _unique(record_id: str, seen: set[str]) -> str:
    unique = record_id
    counter = 2
    while unique in seen:
        unique = f"{record_id}-{counter}"
        counter += 1
    seen.add(unique)
    return unique


def _feed_record(
    where: str, fallback_id: str, seen: set[str], link: str, title: str, body: str, **meta: str | None
) -> Record:
    record_id = id_from_url(link) if link else None
    record_id = _unique(record_id or fallback_id, seen)
    is_comment = "#c" in record_id
    parent = meta.pop("parent", None) or (record_id.split("#c", 1)[0] if is_comment else None)
    return Record(
        id=record_id,
        text=body if is_comment else join_title(title or None, body),
        title=None if is_comment else (title or None),
        url=link or None,
        parent=parent,
        source=where,
        **meta,
    )


def rss_item_record(item: Element, where: str, index: int, fallback: str, seen: set[str]) -> Record | None:
    link = _text(item, "link", "{http://purl.org/rss/1.0/}link")
    if not link and item.find("guid") is not None and item.find("guid").get("isPermaLink", "true") == "true":
        link = _text(item, "guid")
    title = normalize_whitespace(_text(item, "title", "{http://purl.org/rss/1.0/}title"))
    body = html_fragment_to_text(
        _text(item, CONTENT_ENCODED, "description", "{http://purl.org/rss/1.0/}description")
    )
    if not body and not title:
        return None
    return _feed_record(
        f"{where}:item {index}",
        f"{fallback}-{index}",
        seen,
        link,
        title,
        body,
        published=rfc822_or_iso(_text(item, "pubDate", f"{DC}date")),
        author=_text(item, f"{DC}creator", "author") or None,
    )


def _atom_link(entry: Element) -> str:
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href").strip()
    return ""


def _atom_content(entry: Element) -> str:
    for tag in (f"{ATOM}content", f"{ATOM}summary"):
        found = entry.find(tag)
        if found is None:
            continue
        kind = found.get("type", "text")
        if kind == "xhtml":
            for node in found.iter():  # XHTML tags carry their namespace; HTML parsing wants bare names
                node.tag = local_name(node.tag)
            return html_fragment_to_text("".join(tostring(child, encoding="unicode") for child in found))
        if kind == "html":
            return html_fragment_to_text(found.text or "")
        return normalize_whitespace(found.text or "")
    return ""


def _atom_parent(entry: Element) -> str | None:
    reply = entry.find(f"{THREAD}in-reply-to")
    if reply is None:
        return None
    target = reply.get("href") or reply.get("ref") or ""
    return id_from_url(target) if target.startswith(("http://", "https://")) else (target or None)


def atom_entry_record(entry: Element, where: str, index: int, fallback: str, seen: set[str]) -> Record | None:
    title = normalize_whitespace(html_fragment_to_text(_text(entry, f"{ATOM}title")))
    body = _atom_content(entry)
    if not body and not title:
        return None
    author_element = entry.find(f"{ATOM}author")
    author = _text(author_element, f"{ATOM}name") if author_element is not None else ""
    return _feed_record(
        f"{where}:entry {index}",
        f"{fallback}-{index}",
        seen,
        _atom_link(entry) or _text(entry, f"{ATOM}id"),
        title,
        body,
        published=rfc822_or_iso(_text(entry, f"{ATOM}published", f"{ATOM}updated")),
        author=author or None,
        parent=_atom_parent(entry),
    )


def _read_feed_items(source: Source, kind: str) -> Iterator[ReadItem]:
    wanted = {"rss": ("item", RSS1_ITEM), "atom": (f"{ATOM}entry",)}[kind]
    to_record = rss_item_record if kind == "rss" else atom_entry_record
    seen: set[str] = set()
    count = 0
    try:
        with source.open() as stream:
            if not stream.peek(1):
                yield InputError(source.where, "empty file")
                return
            for element in iter_elements(stream, lambda tag: tag in wanted):
                count += 1
                record = to_record(element, source.where, count, source.stem, seen)
                if record is None:
                    yield InputError(
                        source.where, f"{local_name(element.tag)} {count} has no title and no text"
                    )
                else:
                    yield record
    except XML_ERRORS as err:
        yield xml_error(source.where, err, count)
        return
    if count == 0:
        yield InputError(
            source.where,
            f"no {'items' if kind == 'rss' else 'entries'}: not an {kind.upper()} feed or an empty one",
        )


def read_rss(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    """RSS 2.0 (and RSS 1.0) items as Records."""
    yield from _read_feed_items(source, "rss")


def read_atom(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    """Atom entries as Records."""
    yield from _read_feed_items(source, "atom")


def read_feed(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    """A feed of either kind, told apart by its root element."""
    kind = sniff_xml(source)
    if kind not in ("rss", "atom"):
        yield InputError(source.where, "not an RSS or Atom feed")
        return
    yield from _read_feed_items(source, kind)
