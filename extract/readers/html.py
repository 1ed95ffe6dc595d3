"""HTML: a saved page becomes its post and, where the markup shows them, its comments.

WordPress themes mark comments up as ``li.comment`` (id ``comment-<n>``) with ``.comment-author``
/ ``.fn``, ``time[datetime]`` and ``.comment-content``, replies nested inside their parent's
``li``. Those become comment Records ``<page-id>#c<n>`` with ``parent``. Without such markup the
page is one Record: its main text with the comment section trafilatura finds appended.
The main text comes from trafilatura (https://trafilatura.readthedocs.io), run on the page after
the structured comment section has been cut out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import lxml.html
from lxml import etree

from extract.errors import InputError
from extract.model import Record
from extract.readers.base import ReadItem, ReadOptions, Skipped, Source, iso_datetime
from extract.readers.decode import decode_bytes

_BLOCK_TAGS = frozenset(
    "p div section article header footer main aside nav h1 h2 h3 h4 h5 h6 ul ol li dl dt dd "
    "blockquote pre table thead tbody tr figure figcaption hr address details summary"
    # trafilatura's own XML of the extracted text
    " head list item quote code row".split()
)
_LINE_TAGS = frozenset(("li", "item", "tr", "row"))
_DROP_TAGS = frozenset(("script", "style", "noscript", "template", "iframe", "svg", "form", "button"))
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_COMMENT_NUMBER = re.compile(r"(?:^|-)comment-(\d+)$")
_HEADER_VERB = re.compile(r"\s+(?:sagt|says|schreibt|meint|writes|wrote)\s*:?\s*$", re.IGNORECASE)
_META_CLASSES = frozenset(("comment-meta", "comment-metadata", "comment-author", "vcard", "reply", "says"))
_BODY_CLASSES = ("comment-content", "comment-text", "comment-entry")
_SKIPPED_COMMENT_CLASSES = ("pingback", "trackback")


def _classes(element: etree._Element) -> set[str]:
    value = element.get("class") if isinstance(element.tag, str) else None
    return set(value.split()) if value else set()


def _is_dropped(element: etree._Element) -> bool:
    return not isinstance(element.tag, str) or element.tag.lower() in _DROP_TAGS


def element_text(root: etree._Element, skip: Callable[[etree._Element], bool] = _is_dropped) -> str:
    """Return the visible text of an element with paragraph breaks, skipping subtrees ``skip`` names.

    Iterative (no recursion limit on deeply nested pages). Newlines inside text are kept: a
    WordPress post body marks paragraphs with blank lines instead of ``<p>``.
    """
    parts: list[str] = []
    skipping: etree._Element | None = None
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if skipping is not None:
            if event == "end" and element is skipping:
                skipping = None
                _append_tail(parts, element)
            continue
        if event == "start":
            if element is not root and skip(element):
                skipping = element
                continue
            _open(parts, element)
        else:
            _close(parts, element, element is root)
    return normalize_whitespace("".join(parts))


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _open(parts: list[str], element: etree._Element) -> None:
    tag = _tag(element)
    if tag in _BLOCK_TAGS:
        parts.append("\n" if tag in _LINE_TAGS else "\n\n")
    elif tag in ("br", "lb"):
        parts.append("\n")
    if element.text and isinstance(element.tag, str):
        parts.append(element.text)


def _close(parts: list[str], element: etree._Element, is_root: bool) -> None:
    tag = _tag(element)
    if tag in _BLOCK_TAGS and tag not in _LINE_TAGS:  # a list item's line ends where the next begins
        parts.append("\n\n")
    if not is_root:
        _append_tail(parts, element)


def _append_tail(parts: list[str], element: etree._Element) -> None:
    if element.tail:
        parts.append(element.tail)


_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def normalize_whitespace(text: str) -> str:
    """Collapse spaces, trim lines, keep at most one blank line between paragraphs."""
    text = _SPACES.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def html_fragment_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (a post body from an export or a feed)."""
    if "<" not in markup and "&" not in markup:
        return normalize_whitespace(markup)
    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(_XML_DECLARATION.sub("", markup), create_parent="div")
    except (etree.ParserError, ValueError):
        return normalize_whitespace(markup)
    return element_text(root)


def join_title(title: str | None, body: str) -> str:
    """A post's text as a .txt file holds it: the title line, a blank line, the body."""
    if not title or body.startswith(title):
        return body
    return f"{title}\n\n{body}" if body else title


# --- comments ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HtmlComment:
    number: str
    author: str | None
    published: str | None
    text: str
    parent_number: str | None


def _comment_elements(tree: etree._Element) -> list[etree._Element]:
    """WordPress comment containers: ``li.comment`` (else ``article``/``div``.comment), pingbacks too."""
    wanted = ("comment", *_SKIPPED_COMMENT_CLASSES)
    for tags in (("li",), ("article", "div")):
        found = [
            e for e in tree.iter(*tags) if _classes(e) & set(wanted) and not _classes(e) & {"comment-respond"}
        ]
        if found:
            return found
    return []


def _comment_number(element: etree._Element, position: int) -> str:
    for candidate in (element, *element.iterdescendants()):
        match = _COMMENT_NUMBER.search(candidate.get("id") or "") if isinstance(candidate.tag, str) else None
        if match:
            return match.group(1)
    return str(position)


def _own(element: etree._Element, containers: set[etree._Element]) -> Iterator[etree._Element]:
    """Descendants of a comment outside the comments nested in it (its replies)."""
    stack = list(reversed(element))
    while stack:
        node = stack.pop()
        if node in containers:
            continue
        yield node
        stack.extend(reversed(node))


def _author(element: etree._Element, containers: set[etree._Element]) -> str | None:
    own = list(_own(element, containers))
    for wanted in ("fn", "comment-author"):
        for node in own:
            if wanted in _classes(node):
                name = _HEADER_VERB.sub("", normalize_whitespace(node.text_content()))
                if name:
                    return name
    return None


def _published(element: etree._Element, containers: set[etree._Element]) -> str | None:
    for node in _own(element, containers):
        if _tag(node) == "time" and node.get("datetime"):
            return normalize_datetime(node.get("datetime"))
    return None


def normalize_datetime(value: str) -> str:
    """ISO 8601 as written, ``Z`` spelled ``+00:00``; unparseable values kept as they are."""
    try:
        return iso_datetime(datetime.fromisoformat(value.strip()))
    except ValueError:
        return value.strip()


def _body(element: etree._Element, containers: set[etree._Element]) -> str:
    own = list(_own(element, containers))
    for wanted in _BODY_CLASSES:
        for node in own:
            if wanted in _classes(node):
                return element_text(node)

    def skip(node: etree._Element) -> bool:
        return node in containers or bool(_classes(node) & _META_CLASSES) or _is_dropped(node)

    return element_text(element, skip)


def _parent_container(element: etree._Element, containers: set[etree._Element]) -> etree._Element | None:
    for ancestor in element.iterancestors():
        if ancestor in containers:
            return ancestor
    return None


def extract_comments(tree: etree._Element) -> tuple[list[HtmlComment], int, list[etree._Element]]:
    """Return the comments, the number of pingbacks/trackbacks, and the top-level containers."""
    elements = _comment_elements(tree)
    containers = set(elements)
    numbers = {e: _comment_number(e, i) for i, e in enumerate(elements, 1)}
    comments: list[HtmlComment] = []
    pings = 0
    for element in elements:
        if _classes(element) & set(_SKIPPED_COMMENT_CLASSES):
            pings += 1
            continue
        parent = _parent_container(element, containers)
        comments.append(
            HtmlComment(
                number=numbers[element],
                author=_author(element, containers),
                published=_published(element, containers),
                text=_body(element, containers),
                parent_number=numbers[parent] if parent is not None else None,
            )
        )
    top = [e for e in elements if _parent_container(e, containers) is None]
    return comments, pings, top


# --- the page ---------------------------------------------------------------------------------


@cache
def _trafilatura_config():
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


@dataclass(frozen=True, slots=True)
class PageText:
    title: str | None
    text: str
    comments: str
    date: str | None
    author: str | None
    url: str | None


def main_text(tree: etree._Element, include_comments: bool) -> PageText | None:
    """Main text (and comment section) of a page by trafilatura; None when it finds nothing."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        tree,
        include_comments=include_comments,
        with_metadata=True,
        include_tables=True,
        config=_trafilatura_config(),
    )
    if doc is None or not (doc.text or "").strip():
        return None
    comments = doc.commentsbody if include_comments and doc.commentsbody is not None else None
    return PageText(
        title=doc.title,
        text=element_text(doc.body) if doc.body is not None else normalize_whitespace(doc.text),
        comments=element_text(comments) if comments is not None else "",
        date=doc.date,
        author=doc.author,
        url=doc.url,
    )


def _meta(tree: etree._Element, *names: str) -> str | None:
    for name in names:
        for element in tree.iter("meta"):
            if (
                name in (element.get("property"), element.get("name"))
                and (element.get("content") or "").strip()
            ):
                return element.get("content").strip()
    return None


def _page_published(tree: etree._Element) -> str | None:
    value = _meta(tree, "article:published_time", "og:published_time", "date", "DC.date.issued")
    if value:
        return normalize_datetime(value)
    for element in tree.iter("time"):
        if element.get("datetime"):
            return normalize_datetime(element.get("datetime"))
    return None


def _page_url(tree: etree._Element) -> str | None:
    for element in tree.iter("link"):
        if (element.get("rel") or "").lower() == "canonical" and element.get("href"):
            return element.get("href").strip()
    return _meta(tree, "og:url")


def _page_title(tree: etree._Element) -> str | None:
    for element in tree.iter("h1"):
        text = normalize_whitespace(element.text_content())
        if text:
            return text
    title = _meta(tree, "og:title")
    if title:
        return title
    found = tree.find(".//title")
    if found is None:
        return None
    return normalize_whitespace(found.text_content()) or None


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail and tail.strip():  # keep text that followed the removed element
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _cut_comment_section(tree: etree._Element, top: list[etree._Element]) -> None:
    for element in top:
        _remove(element)
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        ident = element.get("id") or ""
        if ident in ("comments", "respond") or _classes(element) & {"comments-area", "comment-respond"}:
            _remove(element)


def parse_page(markup: str) -> etree._Element:
    """Parse a page; lxml's HTML parser fetches nothing and expands no external entities."""
    return lxml.html.document_fromstring(_XML_DECLARATION.sub("", markup))


def read_html(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    """One page: its post Record and, with WordPress comment markup, a Record per comment."""
    try:
        markup = decode_bytes(source.read_all(options.max_record_bytes))
    except (ValueError, OSError) as err:
        yield InputError(source.where, str(err))
        return
    if not markup.strip():
        yield InputError(source.where, "empty file")
        return
    try:
        tree = parse_page(markup)
    except (etree.ParserError, ValueError) as err:
        yield InputError(source.where, f"not an HTML page: {err}")
        return
    yield from page_records(source.stem, source.where, tree)


def page_records(page_id: str, where: str, tree: etree._Element) -> Iterator[ReadItem]:
    """The post Record of a parsed page, then its comment Records (or its comments appended)."""
    url = _page_url(tree)
    comments, pings, top = extract_comments(tree)
    if top:
        _cut_comment_section(tree, top)
    published = _page_published(tree)
    page = main_text(tree, include_comments=not comments)
    title = _page_title(tree) or (page.title if page else None)
    body = page.text if page else element_text(tree.find("body") if tree.find("body") is not None else tree)
    if page and page.comments:
        body = f"{body}\n\n{page.comments}"
    if not body.strip():
        yield InputError(where, "no text found in the HTML page")
        return
    yield Record(
        id=page_id,
        text=join_title(title, body),
        title=title,
        url=url or (page.url if page else None),
        published=published or (page.date if page else None),
        author=_meta(tree, "author") or (page.author if page else None),
        source=where,
    )
    yield from _comment_records(page_id, where, url, comments)
    if pings:
        yield Skipped(where, "pingback/trackback", pings)


def _comment_records(
    page_id: str, where: str, url: str | None, comments: list[HtmlComment]
) -> Iterator[ReadItem]:
    for comment in comments:
        if not comment.text.strip():
            yield Skipped(where, "empty comment")
            continue
        yield Record(
            id=f"{page_id}#c{comment.number}",
            text=comment.text,
            url=f"{url.split('#', 1)[0]}#comment-{comment.number}" if url else None,
            published=comment.published,
            author=comment.author,
            parent=f"{page_id}#c{comment.parent_number}" if comment.parent_number else page_id,
            source=f"{where}#comment-{comment.number}",
        )
