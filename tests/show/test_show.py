"""The HTML view highlights every mention and renders in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from extract.api import analyze_record
from extract.cli import app
from extract.show import render_html
from tests.conftest import SAMPLE


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.starts: set[int] = set()
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        data = dict(attrs)
        if tag == "mark" and "data-start" in data:
            self.starts.add(int(data["data-start"]))
        for key in ("src", "href"):
            if data.get(key):
                self.external.append(data[key])


def test_every_mention_is_highlighted_and_the_page_is_self_contained(sample_record):
    result = analyze_record(sample_record)
    page = render_html(result.document, result.mentions)
    parser = _Marks()
    parser.feed(page)
    innermost_starts = parser.starts
    for mention in result.mentions:
        # Each mention owns a highlighted piece, or sits inside a shorter one it covers.
        assert any(mention.start <= s < mention.end for s in innermost_starts), mention
    assert parser.external == []
    assert page.count('class="comment"') == len(result.document.comments)
    assert page.count('class="status"') == len(result.document.status_blocks)


def test_show_command_writes_the_page(tmp_path):
    out = tmp_path / "view.html"
    result = CliRunner().invoke(app, ["show", str(SAMPLE), "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert re.search(r"\d+ mentions highlighted", result.output)


def _browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(
    _browser() is None, reason="no headless browser installed (CI installs Debian's chromium)"
)
def test_html_view_renders_in_headless_chromium(tmp_path, sample_record):
    result = analyze_record(sample_record)
    page = tmp_path / "view.html"
    page.write_text(render_html(result.document, result.mentions), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            _browser(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1200,2400",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 20_000  # a rendered page with colored highlights, not a blank image
