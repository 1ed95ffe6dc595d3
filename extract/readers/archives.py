"""Zip archives: every member is read by its own type, nothing is written to disk.

Members are streamed from the archive, never extracted, so a member named ``../../etc/x`` cannot
land anywhere (zip-slip); such names are still refused, as are encrypted members, members over the
size limit, members that expand suspiciously (zip bombs: the ratio is checked on the header and the
size is enforced on the bytes actually decompressed) and archives with too many members.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import BinaryIO

from extract.errors import InputError
from extract.readers.base import LimitedReader, ReadItem, ReadOptions, Skipped, Source

MemberReader = Callable[[Source, ReadOptions], Iterator[ReadItem]]


def unsafe_member_name(name: str) -> str | None:
    """Why a member name is refused (absolute, drive letter, ``..``), else None."""
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or (len(normalized) > 1 and normalized[1] == ":"):
        return "absolute path"
    if ".." in PurePosixPath(normalized).parts:
        return "'..' in the path"
    return None


def _is_metadata(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def member_problem(info: zipfile.ZipInfo, options: ReadOptions) -> str | None:
    """Why a member is not read, judged from its header, else None."""
    unsafe = unsafe_member_name(info.filename)
    if unsafe:
        return f"unsafe member path ({unsafe})"
    if info.flag_bits & 0x1:
        return "encrypted member"
    if info.file_size > options.max_file_bytes:
        return f"member is {info.file_size} bytes, over the limit of {options.max_file_bytes}"
    if info.compress_size and info.file_size / info.compress_size > options.max_compression_ratio:
        return f"member expands {info.file_size // info.compress_size}-fold (a zip bomb?)"
    return None


def _member_source(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, options: ReadOptions
) -> Source:
    def opener() -> BinaryIO:
        raw: BinaryIO = archive.open(info)  # type: ignore[assignment]
        if info.filename.lower().endswith(".gz"):
            import gzip

            raw = gzip.GzipFile(fileobj=raw)  # type: ignore[assignment]
        return LimitedReader(raw, options.max_file_bytes, f"{where}!{info.filename}")  # type: ignore[return-value]

    gz = info.filename.lower().endswith(".gz")
    return Source(
        where=f"{where}!{info.filename}",
        name=PurePosixPath(info.filename).name,
        opener=opener,
        size=None if gz else info.file_size,
    )


def read_zip(source: Source, options: ReadOptions, read_member: MemberReader) -> Iterator[ReadItem]:
    """Read every member of a zip archive (sorted by name) with ``read_member``."""
    if source.path is None:
        yield InputError(source.where, "a .zip is read from disk only (not from inside a .gz)")
        return
    try:
        archive = zipfile.ZipFile(source.path)
    except (zipfile.BadZipFile, OSError) as err:
        yield InputError(source.where, f"not a readable zip archive: {err}")
        return
    with archive:
        infos = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
        if len(infos) > options.max_archive_members:
            yield InputError(
                source.where, f"{len(infos)} members, over the limit of {options.max_archive_members}"
            )
            return
        skipped_metadata = 0
        for info in infos:
            problem = member_problem(info, options)
            if problem:
                yield InputError(f"{source.where}!{info.filename}", problem)
                continue
            if _is_metadata(info.filename):
                skipped_metadata += 1
                continue
            yield from read_member(_member_source(archive, info, source.where, options), options)
        if skipped_metadata:
            yield Skipped(source.where, "hidden or metadata archive member", skipped_metadata)
