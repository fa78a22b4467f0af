"""The summary as one self-contained HTML page, to open in a browser and print.

Nothing is loaded from anywhere: a Content-Security-Policy meta tag forbids every fetch (styles
are inline, the chart is inline SVG), and every piece of user text is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from trustcheck import messages
from trustcheck.core.stats import Point
from trustcheck.export.fmt import (
    DASH,
    clean,
    day,
    gap_line,
    item_gap_line,
    module_line,
    month_ticks,
    num,
    share,
    when,
)
from trustcheck.export.model import PersonSummary, Summary, TextItem
from trustcheck.messages.outcomes import commitment_line

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

#: Partners are told apart by line style as well as colour, so a grey print stays readable.
_STROKES = (("#1f5f99", ""), ("#b85c00", "6 4"))

_CSS = """
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
       color: #222; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .2rem; }
h2 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.period { font-weight: 600; margin: 0; }
.multiples { display: flex; flex-wrap: wrap; gap: 0.5em; }
.multiples figure { margin: 0; }
.multiples figcaption { font-size: 0.85em; color: #444; }
.headline { font-weight: 700; font-size: 1.1em; margin: 0.6em 0 0.2em; }
.how { color: #555; font-style: italic; }
table { border-collapse: collapse; margin: .3rem 0; }
th, td { padding: .15rem .6rem; border-bottom: 1px solid #eee; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.note, footer { color: #555; font-size: .9rem; }
ul.words { list-style: none; padding: 0; }
ul.words li { margin: .4rem 0; }
.who { font-weight: 600; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
svg { max-width: 100%; height: auto; }
.later { break-before: page; page-break-before: always; }
footer { border-top: 1px solid #ddd; margin-top: 2rem; padding-top: .4rem; }
@page { margin: 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { break-after: avoid; } }
"""


def esc(text: str) -> str:
    """User text as HTML text: control characters made visible, then escaped (quotes too)."""
    return html.escape(clean(text), quote=True)


def chart(
    lines: Sequence[tuple[str, Sequence[Point]]],
    *,
    title: str,
    high: float = 100.0,
    width: int = 640,
    height: int = 170,
    legend: bool = True,
) -> str:
    """Weekly series as an inline SVG line chart from 0 to ``high``, with a dated x-axis; a
    missing week is a gap in the line, never a zero. ``lines`` is (name, points) per person."""
    left, right, top = 34, 10, 8
    bottom = 36 if legend else 20
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max((len(points) for _, points in lines), default=0)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h * (1 - max(0.0, min(high, v)) / high)

    label = html.escape(title)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}">'
    ]
    for level in (0, high / 2, high):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(level):.1f}" y2="{y(level):.1f}" '
            'stroke="#ddd" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(level) + 4:.1f}" font-size="10" text-anchor="end" '
            f'fill="#666">{num(level)}</text>'
        )
    weeks = [week for week, _ in max((points for _, points in lines), key=len, default=())]
    axis = top + plot_h + 12
    for i, tick in month_ticks(weeks, most=max(2, width // 110)):
        parts.append(
            f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{top + plot_h}" y2="{top + plot_h + 3}" '
            'stroke="#999" stroke-width="1"/>'
            f'<text x="{x(i):.1f}" y="{axis:.1f}" font-size="10" fill="#666">{tick}</text>'
        )
    for k, (name, points) in enumerate(lines):
        colour, dash = _STROKES[k % 2]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for run in _runs(points):
            if len(run) == 1:
                i, v = run[0]
                parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>')
            else:
                pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in run)
                parts.append(
                    f'<polyline points="{pts}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dash_attr}/>'
                )
        if legend:
            lx = left + k * 180
            parts.append(
                f'<line x1="{lx}" x2="{lx + 24}" y1="{height - 6}" y2="{height - 6}" '
                f'stroke="{colour}" stroke-width="2"{dash_attr}/>'
                f'<text x="{lx + 30}" y="{height - 2}" font-size="11" fill="#333">'
                f"{esc(name)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def small_multiples(persons: Sequence[PersonSummary]) -> str:
    """One small dated chart per area, both partners in each, side by side where they fit."""
    if not persons or not persons[0].areas:
        return ""
    out = ['<div class="multiples">']
    for k, (title, _) in enumerate(persons[0].areas):
        lines = [(p.name, p.areas[k][1]) for p in persons if k < len(p.areas)]
        out.append(f"<figure><figcaption>{esc(title)}</figcaption>")
        out.append(chart(lines, title=title, width=300, height=110, legend=False))
        out.append("</figure>")
    out.append("</div>")
    return "".join(out)


def _runs(points: Sequence[Point]) -> list[list[tuple[int, float]]]:
    """Runs of consecutive present values: a missing week stays a gap, never a zero."""
    runs: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for i, (_, value) in enumerate(points):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((i, value))
    if current:
        runs.append(current)
    return runs


def _words(items: Iterable[TextItem]) -> str:
    out = ['<ul class="words">']
    for item in items:
        head = f'<span class="who">{esc(item.name)}</span>, {when(item)}'
        if item.label:
            head += f" — {esc(item.label)}"
        if item.meta:
            head += f" ({esc(item.meta)})"
        out.append(f'<li>{head}<div class="text">{esc(item.text)}</div></li>')
    out.append("</ul>")
    return "".join(out)


def _p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{esc(text)}</p>"


def render(summary: Summary) -> str:
    """The whole summary as a self-contained HTML document."""
    s = summary
    body: list[str] = [f"<h1>{esc(s.title)}</h1>"]
    body.append(_p(s.period if s.start is not None else messages.EXPORT_NO_PERIOD, "period"))
    if s.headline:
        body.append(_p(s.headline, "headline"))
        body.append(_p(messages.EXPORT_HEADLINE_NOTE, "note"))
    body.append(_p(messages.EXPORT_HOW_TO_READ, "how"))

    if s.persons and s.start is not None:
        body.append(f"<h2>{esc(messages.EXPORT_INDEX_TITLE)}</h2>")
        body.append(
            chart([(p.name, p.index) for p in s.persons], title=messages.EXPORT_INDEX_TITLE)
        )
        body.append(
            "<p>"
            + "<br>".join(
                esc(
                    messages.EXPORT_INDEX_LATEST.format(
                        name=p.name, latest=num(p.latest), mean=num(p.mean)
                    )
                )
                for p in s.persons
            )
            + "</p>"
        )
        body.append(f"<h3>{esc(messages.EXPORT_OVERALL_TITLE)}</h3>")
        body.append(
            chart(
                [(p.name, p.overall) for p in s.persons],
                title=messages.EXPORT_OVERALL_TITLE,
                high=10.0,
                height=130,
            )
        )
        body.append(f"<h3>{esc(messages.EXPORT_MULTIPLES_TITLE)}</h3>")
        body.append(small_multiples(s.persons))

    if s.areas and s.start is not None:
        body.append(f"<h2>{esc(messages.EXPORT_AREAS_TITLE)}</h2><table><thead><tr>")
        body.append(f"<th>{esc(messages.EXPORT_AREA)}</th>")
        for name in s.names:
            body.append(
                f"<th>{esc(name)} {esc(messages.EXPORT_START)}</th>"
                f"<th>{esc(name)} {esc(messages.EXPORT_END)}</th>"
            )
        body.append("</tr></thead><tbody>")
        for row in s.areas:
            body.append(f"<tr><td>{esc(row.title)}</td>")
            for i in range(len(s.names)):
                mark = row.marks[i] if i < len(row.marks) else ""
                end = (num(row.end[i]) + f" {mark}").rstrip()
                body.append(f"<td>{num(row.start[i])}</td><td>{esc(end)}</td>")
            body.append("</tr>")
        body.append("</tbody></table>")
        body.append(_p(messages.EXPORT_AREA_NOTE, "note"))

    if s.modules and s.start is not None:
        body.append(f"<h2>{esc(messages.EXPORT_MODULES_TITLE)}</h2><ul>")
        body.extend(f"<li>{esc(module_line(row, s.names))}</li>" for row in s.modules)
        body.append("</ul>")
        body.append(_p(messages.EXPORT_MODULES_NOTE, "note"))

    body.append(f"<h2>{esc(messages.EXPORT_CHANGES_TITLE)}</h2>")
    if s.changes:
        body.append("<ul>" + "".join(f"<li>{esc(c.sentence)}</li>" for c in s.changes) + "</ul>")
        body.append(_p(s.method, "note"))
    else:
        body.append(_p(messages.EXPORT_NO_CHANGES))

    if len(s.names) == 2:
        body.append(f"<h2>{esc(messages.EXPORT_GAPS_TITLE)}</h2>")
        if s.gaps:
            rows = [gap_line(g, s.names) for g in s.gaps]
            body.append("<ul>" + "".join(f"<li>{esc(r)}</li>" for r in rows) + "</ul>")
        else:
            body.append(_p(messages.EXPORT_NO_GAPS))
        if s.item_gaps:
            body.append(f"<h3>{esc(messages.EXPORT_ITEM_GAPS_TITLE)}</h3>")
            lines = "".join(f"<li>{esc(item_gap_line(g, s.names))}</li>" for g in s.item_gaps)
            body.append(f"<ul>{lines}</ul>")

    body.append(f"<h2>{esc(messages.EXPORT_COMMITMENTS_TITLE)}</h2><ul>")
    for k in s.kept:
        if k.reviewed:
            line = messages.EXPORT_COMMITMENTS_ROW.format(
                name=k.name, kept=k.kept, partly=k.partly, not_yet=k.not_yet, share=share(k)
            )
        else:
            line = messages.EXPORT_NO_COMMITMENTS.format(name=k.name)
        body.append(f"<li>{esc(line)}</li>")
    body.append("</ul>")
    if s.commitments:
        body.append(_p(messages.EXPORT_COMMITMENTS_RATED, "note"))
        body.append(
            "<ul>" + "".join(f"<li>{esc(commitment_line(c))}</li>" for c in s.commitments) + "</ul>"
        )
        if s.earlier_commitments:
            body.append(
                _p(messages.EXPORT_COMMITMENTS_EARLIER.format(n=s.earlier_commitments), "note")
            )

    body.append(f"<h2>{esc(messages.EXPORT_TOPICS_TITLE)}</h2>")
    body.append(_words(s.topics) if s.topics else _p(messages.EXPORT_NO_TOPICS))

    if s.trend_notes:
        body.append(f"<h2>{esc(messages.EXPORT_TRENDS_NOTES)}</h2><ul>")
        body.extend(f"<li>{esc(n)}</li>" for n in s.trend_notes)
        body.append("</ul>")

    if s.notes is not None:
        body.append(f'<section class="later"><h2>{esc(messages.EXPORT_NOTES_TITLE)}</h2>')
        body.append(_words(s.notes) if s.notes else _p(messages.EXPORT_NO_NOTES))
        body.append("</section>")

    if s.private is not None:
        mine = s.private
        title = esc(messages.EXPORT_PRIVATE_TITLE.format(name=mine.name))
        body.append(f'<section class="later"><h2>{title}</h2>')
        for title, items in (
            (messages.EXPORT_PRIVATE_ANSWERS, mine.answers),
            (messages.EXPORT_JOURNAL, mine.journal),
        ):
            if items is None:
                continue
            body.append(f"<h3>{esc(title)}</h3>")
            body.append(_words(items) if items else _p(messages.EXPORT_NONE))
        if mine.safety is not None:
            body.append(f"<h3>{esc(messages.EXPORT_SAFETY_TITLE)}</h3>")
            body.append(_p(messages.EXPORT_SAFETY_INTRO.format(name=mine.name), "note"))
            body.append(_words(mine.safety) if mine.safety else _p(messages.EXPORT_NONE))
        if mine.damaged:
            body.append(_p(messages.EXPORT_DAMAGED.format(n=mine.damaged, name=mine.name), "note"))
        body.append("</section>")

    footer = [esc(messages.EXPORT_INCLUDED.format(what="; ".join(s.included)))]
    if s.left_out:
        footer.append(esc(messages.EXPORT_LEFT_OUT.format(what="; ".join(s.left_out))))
    footer.append(
        esc(messages.EXPORT_GENERATED.format(date=day(s.generated)))
        + " "
        + esc(messages.EXPORT_NOT_THERAPY)
    )
    body.append("<footer>" + "<br>".join(footer) + "</footer>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(s.title)}</title>\n<style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


__all__ = ["CSP", "DASH", "chart", "esc", "render"]
