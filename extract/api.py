"""The library API. The CLI, the HTTP service and the batch engines are thin layers over it.

Per-document stages (pure functions of one record, safe to map over processes or a cluster):
read -> segment -> recognize entities and timestamps -> parse status updates.
Cross-document stages (on tables): deduplicate updates -> build the incident graph.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from extract.config import DEFAULT_SETTINGS, Settings
from extract.documents import segment
from extract.engine.rows import ChunkRows, TableCollector
from extract.errors import InputError
from extract.model import Document, DocumentResult, Mention, Record
from extract.privacy import author_key, mask_record, pseudonymize_document
from extract.readers import read_paths
from extract.recognizers import find_entities
from extract.timestamps import find_timestamps
from extract.updates import parse_updates


def _finalize(document: Document, mentions: Iterable[Mention]) -> list[Mention]:
    """Name the comment each mention stands in and its block language; sort deterministically."""
    doc_id = document.id
    blocks = document.blocks
    comments = document.comments
    # Blocks and comments are sorted and disjoint: bisect on their starts (what ``lang_at`` and
    # ``comment_at`` do), with the starts gathered once per document.
    block_starts = [b.start for b in blocks]
    comment_starts = [c.start for c in comments]
    done = []
    for mention in sorted(mentions, key=_finalized_order):  # the keys stay: sort first
        start = mention.start
        lang = mention.lang
        if not lang:
            index = bisect_right(block_starts, start) - 1
            block = blocks[index] if index >= 0 and start < blocks[index].end else None
            lang = (block.lang if block and block.lang else None) or document.lang
        comment = None
        if comments:
            index = bisect_right(comment_starts, start) - 1
            if index >= 0 and start < comments[index].end:
                comment = comments[index].id
        if mention.doc == doc_id and mention.lang == lang and mention.comment == comment:
            done.append(mention)  # final already: an equal copy would cost more than the rest
            continue
        # A plain constructor call: ``dataclasses.replace`` costs several times more per mention.
        done.append(
            Mention(
                doc=doc_id,
                type=mention.type,
                text=mention.text,
                start=start,
                end=mention.end,
                value=mention.value,
                role=mention.role,
                score=mention.score,
                lang=lang,
                comment=comment,
                source=mention.source,
                extra=mention.extra,
            )
        )
    return done


def _finalized_order(mention: Mention) -> tuple[int, int, str, str]:
    return (mention.start, mention.end, mention.type, mention.value or "")


def extract_document_mentions(document: Document, settings: Settings = DEFAULT_SETTINGS) -> list[Mention]:
    """Return every mention of a segmented document."""
    found = [*find_entities(document), *find_timestamps(document, settings)]
    return _finalize(document, found)


def analyze_record(record: Record, settings: Settings = DEFAULT_SETTINGS) -> DocumentResult:
    """Run every per-document stage on one record.

    Unless ``settings.keep_authors``, e-mail and IP addresses are masked one character for one
    (offsets stay valid) and every author is pseudonymized before anything is stored.
    """
    if not settings.keep_authors:
        record = mask_record(record)
    document = segment(record)
    if not settings.keep_authors:
        document = pseudonymize_document(document, author_key(settings))
    mentions = extract_document_mentions(document, settings)
    updates = parse_updates(document, mentions)
    return DocumentResult(document=document, mentions=tuple(mentions), updates=tuple(updates))


def analyze_text(
    text: str,
    *,
    doc_id: str = "text",
    lang: str | None = None,
    published: str | None = None,
    title: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> DocumentResult:
    """Analyze a plain string.

    >>> result = analyze_text("EX649175: 503 5.5.1 Bad sequence of commands", published="2023-07-18")
    >>> sorted({m.value for m in result.mentions if m.type in ("incident_id", "error_code")})
    ['EX649175', 'smtp:503 5.5.1']
    """
    record = Record(id=doc_id, text=text, lang=lang, published=published, title=title)
    return analyze_record(record, settings)


def extract_mentions(text: str, **kwargs: Any) -> list[Mention]:
    """Return the mentions of a plain string (see ``analyze_text`` for the keywords)."""
    return list(analyze_text(text, **kwargs).mentions)


def analyze_item(record: Record, settings: Settings = DEFAULT_SETTINGS) -> DocumentResult | InputError:
    """Analyze one record; a failure becomes an InputError naming the record, not an exception."""
    try:
        return analyze_record(record, settings)
    except Exception as err:  # one document must not end the batch
        return InputError(record.source or record.id, f"processing failed: {type(err).__name__}: {err}")


def iter_results(
    paths: Sequence[Path], settings: Settings = DEFAULT_SETTINGS
) -> Iterable[DocumentResult | InputError]:
    """Read and analyze every record of the given paths, one at a time, in input order."""
    for item in read_paths(paths):
        yield item if isinstance(item, InputError) else analyze_item(item, settings)


@dataclass
class Dataset:
    """The tables of a processed batch, before they are written."""

    documents: pd.DataFrame
    mentions: pd.DataFrame
    update_occurrences: pd.DataFrame
    errors: list[dict[str, Any]] = field(default_factory=list)
    updates: pd.DataFrame | None = None
    clusters: pd.DataFrame | None = None
    revisions: pd.DataFrame | None = None
    incidents: pd.DataFrame | None = None
    nodes: pd.DataFrame | None = None
    edges: pd.DataFrame | None = None
    counts: dict[str, Any] = field(default_factory=dict)


def dataset_from_tables(tables: TableCollector) -> Dataset:
    """Return the per-document tables of collected rows (sorted by their documented keys)."""
    frames = tables.frames()
    return Dataset(
        documents=frames["documents"],
        mentions=frames["mentions"],
        update_occurrences=frames["update_occurrences"],
        errors=tables.errors(),
        counts=tables.counts(),
    )


def tables_from_results(results: Iterable[DocumentResult | InputError]) -> Dataset:
    """Collect per-document results (and errors) into the per-document tables.

    A later record with the same id replaces an earlier one, as in incremental runs; documents are
    sorted by input document and errors by file and line, so the order of inputs does not matter.
    """
    rows = ChunkRows()
    for result in results:
        rows.add(result)
    tables = TableCollector()
    tables.add(rows)
    return dataset_from_tables(tables)


def assemble_dataset(dataset: Dataset, settings: Settings = DEFAULT_SETTINGS) -> Dataset:
    """Run the cross-document stages on the per-document tables: deduplicate, build the graph."""
    from extract.dedup import deduplicate
    from extract.engine.memory import release_memory
    from extract.graph import build_graph

    deduplicated = deduplicate(dataset.update_occurrences, settings)
    dataset.updates = deduplicated.updates
    dataset.clusters = deduplicated.clusters
    dataset.revisions = deduplicated.revisions
    del deduplicated
    release_memory()  # what dedup built and dropped goes back before the graph stage builds
    graph = build_graph(
        dataset.documents, dataset.mentions, dataset.updates, dataset.clusters, workers=settings.workers
    )
    dataset.incidents = graph.incidents
    dataset.nodes = graph.nodes
    dataset.edges = graph.edges
    return dataset


def build_dataset(
    results: Iterable[DocumentResult | InputError], settings: Settings = DEFAULT_SETTINGS
) -> Dataset:
    """Collect per-document results, then run the cross-document stages."""
    return assemble_dataset(tables_from_results(results), settings)


def process_paths(paths: Sequence[Path], settings: Settings = DEFAULT_SETTINGS) -> Dataset:
    """Read, analyze and assemble a batch in this process."""
    return build_dataset(iter_results(paths, settings), settings)
