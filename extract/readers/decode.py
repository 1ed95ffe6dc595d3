"""Bytes to text: UTF-8 first, else a detected legacy encoding; binary content is an error."""

from __future__ import annotations

from charset_normalizer import from_bytes

_BINARY_SIGNATURES = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF")


_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _decode_cp1252(raw: bytes) -> str | None:
    """Return the text as Windows-1252 (the usual legacy encoding of German and English web text).

    None when a byte is undefined there; short texts are too short for statistical detection.
    """
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return None


def looks_binary(raw: bytes) -> bool:
    """Return True for content that is not text: NUL bytes or a known binary signature."""
    head = raw[:8192]
    return b"\x00" in head or head.startswith(_BINARY_SIGNATURES)


def decode_bytes(raw: bytes) -> str:
    """Decode text; raise ValueError naming the reason when it is binary or undecodable."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for bom, encoding in _UTF16_BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="strict")
    if looks_binary(raw):
        raise ValueError("binary content (NUL bytes or a binary file signature), not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        legacy = _decode_cp1252(raw)
        if legacy is not None:
            return legacy
        best = from_bytes(raw[:1_000_000]).best()
        if best is None or best.encoding is None:
            raise ValueError("undecodable: not UTF-8 and no text encoding detected") from None
        try:
            text = raw.decode(best.encoding)
        except (UnicodeDecodeError, LookupError) as err:
            raise ValueError(f"undecodable as {best.encoding}: {err}") from None
    return text
