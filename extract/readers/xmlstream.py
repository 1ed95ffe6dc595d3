"""Safe, streaming XML: defusedxml iterparse that hands over one wanted element at a time.

defusedxml refuses entity declarations (billion laughs), external entities and DTD fetches;
expat itself never touches the network. Each handled element is removed from its parent, so a
file of any size is read in flat memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from extract.errors import InputError


def iter_elements(stream: BinaryIO, wanted: Callable[[str], bool]) -> Iterator[Element]:
    """Yield every complete element whose tag ``wanted`` accepts, then drop it from the tree."""
    stack: list[Element] = []
    for event, element in iterparse(stream, events=("start", "end")):
        if event == "start":
            stack.append(element)
            continue
        stack.pop()
        if not wanted(element.tag):
            continue
        yield element
        if stack:
            stack[-1].remove(element)


def xml_error(where: str, err: Exception, items: int) -> InputError:
    """A clear InputError for a parse failure: truncated or malformed, or unsafe and refused."""
    if isinstance(err, DefusedXmlException):
        return InputError(where, f"unsafe XML refused ({type(err).__name__}: {err})")
    line = None
    if isinstance(err, ParseError) and getattr(err, "position", None):
        line = err.position[0]
    return InputError(where, f"truncated or malformed XML ({err}); {items} items before it were read", line)


XML_ERRORS = (ParseError, DefusedXmlException)


def local_name(tag: str) -> str:
    """``{namespace}name`` -> ``name``."""
    return tag.rsplit("}", 1)[-1]
