"""A self-contained HTML view of one document: every mention highlighted by type, its value on
hover, status blocks and comments outlined. No external assets, so the file opens anywhere."""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence

from extract.model import Document, Mention

TYPE_COLORS = {
    "incident_id": "#ffd166",
    "error_code": "#ef476f",
    "region": "#06d6a0",
    "service": "#8ecae6",
    "feature": "#bde0fe",
    "timestamp": "#cdb4db",
}
_STYLE = """
body { font: 15px/1.55 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; }
pre.doc { white-space: pre-wrap; font: inherit; }
mark { border-radius: 3px; padding: 0 1px; cursor: help; }
mark[data-type]::after { content: attr(data-type); font-size: 0.6em; margin-left: 2px;
  vertical-align: super; color: #555; }
.status { display: inline; outline: 2px solid #3a86ff; outline-offset: 2px; }
.comment { display: inline; outline: 1px dashed #999; outline-offset: 2px; }
.legend span { display: inline-block; margin-right: .8rem; padding: 0 .3rem; border-radius: 3px; }
table { border-collapse: collapse; margin-top: 2rem; font-size: 13px; }
td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; }
"""


def _containers(document: Document) -> list[tuple[int, int, str, str]]:
    boxes = [(b.start, b.end, "status", "status block") for b in document.status_blocks]
    boxes += [(c.start, c.end, "comment", f"comment {c.position}: {c.author}") for c in document.comments]
    return sorted(boxes)


def _title(mentions: Sequence[Mention]) -> str:
    parts = []
    for m in mentions:
        role = f" ({m.role})" if m.role and m.role != "mention" else ""
        parts.append(f"{m.type}: {m.value}{role}")
    return "\n".join(parts)


def render_html(document: Document, mentions: Sequence[Mention]) -> str:
    """Return the HTML page of a document with its mentions highlighted."""
    text = document.text
    boxes = _containers(document)
    cuts = {0, len(text)}
    for m in mentions:
        cuts.update((m.start, m.end))
    for start, end, _, _ in boxes:
        cuts.update((start, end))
    points = sorted(cuts)
    out: list[str] = []
    open_box: tuple[int, int, str, str] | None = None
    box_index = 0
    for left, right in itertools.pairwise(points):
        if open_box is not None and left >= open_box[1]:
            out.append("</span>")
            open_box = None
        while box_index < len(boxes) and boxes[box_index][1] <= left:
            box_index += 1
        if open_box is None and box_index < len(boxes) and boxes[box_index][0] == left:
            open_box = boxes[box_index]
            out.append(f'<span class="{open_box[2]}" title="{html.escape(open_box[3])}">')
        covering = [m for m in mentions if m.start <= left and right <= m.end]
        piece = html.escape(text[left:right])
        if covering:
            inner = min(covering, key=lambda m: m.end - m.start)
            color = TYPE_COLORS.get(inner.type, "#eee")
            label = inner.type if left == inner.start else ""
            piece = (
                f'<mark style="background:{color}" title="{html.escape(_title(covering))}"'
                f'{f" data-type={label!r}" if label else ""} data-start="{inner.start}">{piece}</mark>'
            )
        out.append(piece)
    if open_box is not None:
        out.append("</span>")
    legend = "".join(f'<span style="background:{c}">{t}</span>' for t, c in TYPE_COLORS.items())
    rows = "".join(
        f"<tr><td>{m.start}</td><td>{m.end}</td><td>{m.type}</td><td>{html.escape(str(m.value))}</td>"
        f"<td>{m.role or ''}</td><td>{html.escape(m.text)}</td></tr>"
        for m in mentions
    )
    title = html.escape(document.title or document.id)
    return (
        f'<!DOCTYPE html>\n<html lang="{document.lang or "en"}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{title}</h1><p class=legend>{legend}</p>"
        f'<pre class="doc">{"".join(out)}</pre>'
        f"<h2>Mentions ({len(mentions)})</h2><table><tr><th>start</th><th>end</th><th>type</th>"
        f"<th>value</th><th>role</th><th>text</th></tr>{rows}</table></body></html>\n"
    )
