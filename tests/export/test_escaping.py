"""Hostile text stays text: no tags or links in HTML, no links, images or HTML in Markdown, no
formulas in CSV."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from trustcheck.core.clock import FixedClock
from trustcheck.export.htmlpage import CSP
from trustcheck.export.markdown import escape
from trustcheck.export.spreadsheet import neutralise
from trustcheck.services import Services, open_services
from trustcheck.services.export import ExportRequest, ExportService

from .conftest import History, build_history

HOSTILE = "\n".join(
    [
        "[click](http://evil.example/a) ![img](http://evil.example/i.png)",
        "<http://evil.example> http://bare.evil.example www.evil.example me@evil.example",
        "<script>alert(1)</script> <img src=x onerror=alert(1)> </style></textarea>",
        "\"quoted\" 'single' & &amp; &#60; *em* _u_ `code` ~~strike~~ | a | b |",
        "# heading",
        "1. list",
        "- item",
        "> quote",
        "    indented code",
        "===",
        "[ref]: http://evil.example/ref",
        "\x1b[31mred\x1b[0m \u202eevil\u202c",
    ]
)
HOSTILE_NAMES = ("=cmd|' /C calc'!A0", "<b>@Sam</b>")


@pytest.fixture
def hostile(tmp_path: Path, clock: FixedClock) -> History:
    svc = open_services(tmp_path / "hostile", clock, weak_kdf=True)
    return build_history(
        svc,
        clock,
        weeks=2,
        names=HOSTILE_NAMES,
        texts={"open.went_well": HOSTILE, "open.therapy": HOSTILE},
    )


def render(services: Services, fmt: str) -> str:
    data = ExportService(services).render(ExportRequest(fmt, include_notes=fmt != "csv")).data
    assert isinstance(data, str)
    return data


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_html_escapes_everything(hostile: History) -> None:
    page = render(hostile.services, "html")
    parser = Tags()
    parser.feed(page)
    tags = {t for t, _ in parser.tags}
    assert tags <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "h2",
        "h3",
        "p",
        "br",
        "ul",
        "li",
        "span",
        "div",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "section",
        "footer",
        "figure",
        "figcaption",
        "svg",
        "line",
        "text",
        "polyline",
        "circle",
    }, tags
    for _, attrs in parser.tags:
        for name, _ in attrs:
            assert name not in ("src", "href", "onerror", "onload", "action"), name
    assert f'content="{CSP}"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;@Sam&lt;/b&gt;" in page
    assert "\x1b" not in page and "\u202e" not in page
    assert page.count("<style>") == 1 and page.count("</style>") == 1


def _tokens(text: str) -> list[str]:
    md = MarkdownIt("gfm-like", {"linkify": True, "html": True}).enable("linkify")
    out: list[str] = []

    def walk(tokens: list) -> None:  # type: ignore[type-arg]
        for t in tokens:
            out.append(t.type)
            if t.children:
                walk(t.children)

    walk(md.parse(text))
    return out


def test_markdown_user_text_is_inert(hostile: History) -> None:
    text = render(hostile.services, "md")
    kinds = set(_tokens(text))
    assert not kinds & {"link_open", "image", "html_inline", "html_block", "code_block", "fence"}
    assert "evil" in text
    # The hostile block on its own, too: no block structure leaks out of it.
    lone = _tokens("- x  \n  " + "  \n  ".join(escape(line) for line in HOSTILE.split("\n")))
    assert not set(lone) & {
        "link_open",
        "image",
        "html_inline",
        "html_block",
        "heading_open",
        "blockquote_open",
        "ordered_list_open",
        "code_block",
        "hr",
    }
    assert lone.count("bullet_list_open") == 1


def test_csv_neutralises_formulas(hostile: History) -> None:
    rows = list(csv.reader(io.StringIO(render(hostile.services, "csv"))))
    people = {r[1] for r in rows[1:]}
    assert people == {"'=cmd|' /C calc'!A0", "<b>@Sam</b>"}
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("Sam") == "Sam"
