"""Trends as terminal text: the charts and figures of ``trustcheck trends`` and the Trends screen.

The one-line sparkline (home, and the Markdown summary) lives in ``trustcheck.export.sparkline``.

Charts are drawn by plotext, imported lazily (see :func:`render_trends`). Partners are told apart
by line style and marker, never by colour alone, so monochrome and NO_COLOR output stays readable.
Every figure shown is a number or a dash: a gap is never drawn as zero and never printed as NaN.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from trustcheck.core import stats
from trustcheck.core.clock import day_label
from trustcheck.core.models import AREA_TITLES, AREAS, OVERALL
from trustcheck.core.stats import Point
from trustcheck.core.trends import MONTHS, PersonTrends, TrendReport
from trustcheck.messages import (
    CHANGES_TITLE,
    CHART_COMMITMENTS,
    CHART_EMPTY_PANEL,
    CHART_GAP,
    CHART_INDEX,
    CHART_LEGEND_A,
    CHART_LEGEND_B,
    CHART_OVERALL,
    CHART_TITLE,
    NOTES_TITLE,
    RANGE_CHECKINS,
    RANGE_ONE_CHECKIN,
    RANGE_ONE_WEEK,
    RANGE_WEEKS,
    TABLE_GAP,
    TABLE_KEPT,
    TABLE_LATEST,
    TABLE_MEAN,
    TABLE_SLOPE,
    TABLE_SLOPE_NOTE,
    TABLE_SLOPE_NOTE_SOLO,
    TABLE_TITLE,
)

if TYPE_CHECKING:
    from types import ModuleType


DASH = "–"
_ESC = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")

#: Line and single-point markers per partner: solid for the first, dotted for the second.
_LINE_MARKERS = ("hd", "•")
_POINT_MARKERS = ("hd", "•")
_COLOURS = ("blue", "orange")

MIN_WIDTH = 30
_PANEL_MIN_WIDTH = 38
_PANEL_HEIGHT = 9
_LABEL_WIDTH = 16


@dataclass(frozen=True, slots=True)
class _Line:
    """One partner's line in a chart: x in weeks from the range start, y None for gaps."""

    xs: list[float]
    ys: list[float | None]
    person: int


# --- numbers and words ----------------------------------------------------------------------------


def _num(value: float | None, digits: int = 1) -> str:
    if value is None or not math.isfinite(value):
        return DASH
    return f"{value:.{digits}f}"


def _signed(value: float | None, digits: int = 2) -> str:
    if value is None or not math.isfinite(value):
        return DASH
    text = f"{value:+.{digits}f}"
    return "±0" if float(text) == 0 else text


def _pct(value: float | None) -> str:
    return DASH if value is None or not math.isfinite(value) else f"{100 * value:.0f}%"


def _date(day: dt.date) -> str:
    return day_label(day)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _wrap(text: str, width: int, bullet: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=bullet,
        subsequent_indent=" " * len(bullet),
        break_long_words=True,
        break_on_hyphens=False,
    ) or [""]


# --- the report -----------------------------------------------------------------------------------


def render_trends(report: TrendReport, *, width: int = 80, height: int = 24, color: bool) -> str:
    """The whole ``trustcheck trends`` output for ``report``, no line wider than ``width``.

    The trust index of both partners, small multiples per area with overall trust, commitments
    kept and the gap, then a table of figures, the reliable changes with their method, and notes.
    Charts are drawn only when the range holds two or more check-ins; otherwise the notes say why.
    """
    width = max(width, MIN_WIDTH)
    lines: list[str] = []
    names = [p.profile.name for p in report.persons]
    title = CHART_TITLE + (" · " + " and ".join(names) if names else "")
    lines.extend(_wrap(title, width))
    if report.start is not None and report.end is not None:
        n = len(report.weeks)
        span = RANGE_ONE_WEEK if n == 1 else RANGE_WEEKS.format(n=n)
        count = (
            RANGE_ONE_CHECKIN if report.checkins == 1 else RANGE_CHECKINS.format(n=report.checkins)
        )
        lines.extend(_wrap(f"{_date(report.start)} – {_date(report.end)} ({span}, {count})", width))
    lines.append("")
    if report.has_trend and report.persons:
        lines.extend(_charts(report, width, height, color))
        lines.append("")
    if report.checkins >= 1 and report.persons:
        lines.extend(_table(report, width))
        lines.append("")
    if report.changes:
        lines.append(CHANGES_TITLE)
        for change in report.changes:
            lines.extend(_wrap(change.sentence, width, "• "))
        lines.extend(_wrap(report.method, width))
        lines.append("")
    if report.notes:
        lines.append(NOTES_TITLE)
        for note in report.notes:
            lines.extend(_wrap(note, width, "• "))
        lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _charts(report: TrendReport, width: int, height: int, color: bool) -> list[str]:
    # plotext costs ~30–70 ms to import: only the charts pay it, never `trustcheck --help`.
    import plotext as plt

    assert report.start is not None
    start = report.start
    persons = report.persons
    legend = "   ".join(
        (CHART_LEGEND_A if i == 0 else CHART_LEGEND_B).format(name=p.profile.name)
        for i, p in enumerate(persons)
    )
    out = _wrap(legend, width)
    main_height = min(max(height - 6, 10), 18)
    plot_width = width - 6  # the y labels take about six cells

    # Small multiples: each area, overall trust, commitments kept and the gap, as panels.
    panels: list[tuple[str, list[tuple[int, tuple[Point, ...]]], tuple[float, float]]]
    panels = []
    areas = [report.area] if report.area else [a for a in AREAS if a in persons[0].areas]
    for area in areas:
        series = [(i, p.areas[area].points) for i, p in enumerate(persons)]
        panels.append((AREA_TITLES.get(area, area), series, (0.0, 100.0)))
    for module in report.modules:  # switched-on modules' own areas, only when scored
        series = [(i, p.modules[module.key].points) for i, p in enumerate(persons)]
        panels.append((module.title, series, (0.0, 100.0)))
    overall = [(i, p.overall.points) for i, p in enumerate(persons)]
    panels.append((AREA_TITLES.get(OVERALL, CHART_OVERALL), overall, (0.0, 10.0)))
    kept = [(i, _kept_percent(p)) for i, p in enumerate(persons)]
    panels.append((CHART_COMMITMENTS, kept, (0.0, 100.0)))
    if report.gap is not None:
        panels.append((CHART_GAP, [(0, report.gap.points)], (0.0, 100.0)))
    columns = max(1, min(len(panels), width // _PANEL_MIN_WIDTH))
    rows = math.ceil(len(panels) / columns)
    panel_plot_width = max(width // columns - 6, 1)

    _fresh(plt)
    plt.plotsize(width, main_height)
    plt.title(CHART_INDEX)
    index_lines = [_line(p.index.points, start, i, plot_width) for i, p in enumerate(persons)]
    _draw(
        plt,
        index_lines,
        _ylim(index_lines, (0.0, 100.0)),
        _ticks(report.weeks, start, width),
        color,
    )
    out.extend(_build(plt, color))

    _fresh(plt)
    plt.subplots(rows, columns)
    plt.plotsize(width, rows * _PANEL_HEIGHT)
    panel_ticks = _ticks(report.weeks, start, width // columns)
    for k, (name, panel_series, bounds) in enumerate(panels):
        plt.subplot(k // columns + 1, k % columns + 1)
        plt.title(name)
        lines = [_line(points, start, i, panel_plot_width) for i, points in panel_series]
        _draw(plt, lines, _ylim(lines, bounds), panel_ticks, color)
    out.extend(_build(plt, color))
    return [_fit(line, width) for line in out]


def _kept_percent(p: PersonTrends) -> tuple[Point, ...]:
    return tuple(Point(w, None if v is None else 100.0 * v) for w, v in p.commitments)


def _fresh(plt: ModuleType | Any) -> None:
    """A blank figure: plotext keeps one global figure, and ``clear_figure`` only clears the
    *active* subplot, so select the master figure first or an earlier grid leaks in."""
    plt.main().clear_figure()
    plt.limitsize(False, False)  # our width and height, not the (maybe piped) terminal's
    plt.theme("clear")


def _build(plt: ModuleType | Any, color: bool) -> list[str]:
    text = str(plt.build())
    plt.main().clear_figure()
    # plotext ends lines with a reset sequence even in its "clear" theme: drop every escape.
    if not color:
        text = _ESC.sub("", text)
    return [line.rstrip() if not color else line for line in text.splitlines()]


def _line(points: Sequence[Point], start: dt.date, person: int, width: int) -> _Line:
    """A series as a chart line, downsampled to ``width`` columns (``stats.downsample``)."""
    pts = stats.downsample(points, width)
    return _Line(xs=[(w - start).days / 7 for w, _ in pts], ys=[v for _, v in pts], person=person)


def _ylim(lines: Sequence[_Line], bounds: tuple[float, float]) -> tuple[float, float]:
    """The y range of the data, padded and rounded out to tenths of the scale, within bounds."""
    lo, hi = bounds
    values = [y for line in lines for y in line.ys if y is not None]
    if not values:
        return bounds
    step = (hi - lo) / 10
    bottom = max(lo, math.floor((min(values) - step / 2) / step) * step)
    top = min(hi, math.ceil((max(values) + step / 2) / step) * step)
    return (bottom, top) if top > bottom else bounds


def _draw(
    plt: ModuleType | Any,
    lines: Sequence[_Line],
    ylim: tuple[float, float],
    ticks: tuple[list[float], list[str]],
    color: bool,
) -> None:
    """Each line as runs of present points (a gap stays a gap); a lone point as a marker."""
    drawn = False
    for line in lines:
        colour = _COLOURS[line.person % 2] if color else None
        run_x: list[float] = []
        run_y: list[float] = []
        for x, y in [*zip(line.xs, line.ys, strict=True), (math.inf, None)]:
            if y is not None:
                run_x.append(x)
                run_y.append(y)
                continue
            if len(run_x) == 1:
                plt.scatter(run_x, run_y, marker=_POINT_MARKERS[line.person % 2], color=colour)
            elif run_x:
                plt.plot(run_x, run_y, marker=_LINE_MARKERS[line.person % 2], color=colour)
            drawn = drawn or bool(run_x)
            run_x, run_y = [], []
    xs, labels = ticks
    if xs:
        plt.xlim(min(xs[0], 0.0), max(xs[-1], _x_max(lines)))
    plt.ylim(*ylim)
    plt.yticks([ylim[0], (ylim[0] + ylim[1]) / 2, ylim[1]])
    plt.xticks(xs, labels)
    if not drawn:
        plt.text(CHART_EMPTY_PANEL, (xs[0] + xs[-1]) / 2 if xs else 0.5, sum(ylim) / 2)


def _x_max(lines: Sequence[_Line]) -> float:
    return max((line.xs[-1] for line in lines if line.xs), default=1.0)


def _ticks(weeks: Sequence[dt.date], start: dt.date, width: int) -> tuple[list[float], list[str]]:
    """Date labels for the x axis that fit ``width`` cells: years, months, or days."""
    if not weeks:
        return [], []
    first, last = weeks[0], weeks[-1]
    room = max(2, width // 9)
    days = (last - first).days
    candidates: list[tuple[dt.date, str]]
    if days > 2 * 365:
        candidates = [(dt.date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1)]
    elif days > 10 * 7:
        candidates = []
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            candidates.append((dt.date(y, m, 1), MONTHS[m - 1][:3] + (f" {y}" if m == 1 else "")))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        candidates = [c for c in candidates if first <= c[0] <= last]
    else:
        candidates = [(w, f"{w.day} {MONTHS[w.month - 1][:3]}") for w in weeks]
    if not candidates:
        candidates = [(first, _date(first))]
    step = max(1, math.ceil(len(candidates) / room))
    chosen = candidates[::step]
    return [(d - start).days / 7 for d, _ in chosen], [label for _, label in chosen]


def _table(report: TrendReport, width: int) -> list[str]:
    """Latest, 8-week slope per week and mean of the range per person, and the latest gap."""
    persons = report.persons
    rows: list[tuple[str, list[tuple[str, str, str]], str]] = []

    def add(label: str, pick: Any, digits: int = 1) -> None:
        series = [pick(p) for p in persons]
        cells = [(_num(s.latest, digits), _signed(s.slope), _num(s.mean, digits)) for s in series]
        gap = DASH
        if len(series) == 2 and series[0].latest is not None and series[1].latest is not None:
            gap = _num(abs(series[0].latest - series[1].latest), digits)
        rows.append((label, cells, gap))

    add(AREA_TITLES.get("index", "Trust index"), lambda p: p.index)
    for area in persons[0].areas:
        add(AREA_TITLES.get(area, area), lambda p, a=area: p.areas[a])
    for module in report.modules:
        add(module.title, lambda p, k=module.key: p.modules[k])
    add(AREA_TITLES.get(OVERALL, "Overall trust"), lambda p: p.overall)
    kept_cells = []
    for p in persons:
        values = [v for _, v in p.commitments if v is not None]
        latest = values[-1] if values else None
        mean = math.fsum(values) / len(values) if values else None
        kept_cells.append((_pct(latest), DASH, _pct(mean)))
    rows.append((TABLE_KEPT, kept_cells, DASH))

    two = len(persons) == 2
    note = TABLE_SLOPE_NOTE if two else TABLE_SLOPE_NOTE_SOLO  # no "between you" for one person
    cell = 7
    person_width = 3 * cell
    full = _LABEL_WIDTH + len(persons) * (person_width + 2) + (cell + 2 if two else 0)
    out = [TABLE_TITLE]
    if full <= width:
        header = " " * _LABEL_WIDTH
        sub = " " * _LABEL_WIDTH
        for p in persons:
            header += "  " + _fit(p.profile.name, person_width).ljust(person_width)
            sub += "  " + "".join(h.rjust(cell) for h in (TABLE_LATEST, TABLE_SLOPE, TABLE_MEAN))
        if two:
            header += "  " + " " * cell
            sub += "  " + TABLE_GAP.rjust(cell)
        out += [header.rstrip(), sub.rstrip()]
        for label, cells, gap in rows:
            line = _fit(label, _LABEL_WIDTH).ljust(_LABEL_WIDTH)
            for c in cells:
                line += "  " + "".join(v.rjust(cell) for v in c)
            if two:
                line += "  " + gap.rjust(cell)
            out.append(line.rstrip())
        return out + _wrap(note, width)
    # Narrow terminals: one block per person.
    cell = max(6, min(8, (width - 12) // 3))
    label_width = min(_LABEL_WIDTH, max(8, width - 3 * cell))
    for i, p in enumerate(persons):
        out.append(_fit(p.profile.name, width))
        out.append(
            " " * label_width
            + "".join(h[:cell].rjust(cell) for h in (TABLE_LATEST, TABLE_SLOPE, TABLE_MEAN))
        )
        for label, cells, _ in rows:
            out.append(
                _fit(label, label_width).ljust(label_width)
                + "".join(v.rjust(cell) for v in cells[i])
            )
    if two:
        gaps = ", ".join(f"{label} {gap}" for label, _, gap in rows if gap != DASH)
        out.extend(_wrap(f"{TABLE_GAP}: {gaps or DASH}", width))
    return [_fit(line, width) for line in out] + _wrap(note, width)
