"""``trustcheck trends`` as text: the trust index chart, the small multiples, the table, the
real changes and the notes (see the package's docstring)."""

from __future__ import annotations

import math

from trustcheck.charts.plot import (
    PLOTTING,
    build_rows,
    chart_line,
    draw_lines,
    fresh_figure,
    x_ticks,
    y_limits,
)
from trustcheck.charts.text import fit, table, wrap
from trustcheck.core.clock import day_label
from trustcheck.core.models import AREA_TITLES, AREAS, OVERALL
from trustcheck.core.stats import Point
from trustcheck.core.trends import PersonTrends, TrendReport
from trustcheck.messages import (
    CHANGES_TITLE,
    CHART_COMMITMENTS,
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
)

MIN_WIDTH = 30
_PANEL_MIN_WIDTH = 38
_PANEL_HEIGHT = 9


def render_trends(report: TrendReport, *, width: int = 80, height: int = 24, color: bool) -> str:
    """The whole ``trustcheck trends`` output for ``report``, no line wider than ``width``.

    The trust index of both partners, small multiples per area with overall trust, commitments
    kept and the gap, then a table of figures, the real changes with their method, and notes.
    Charts are drawn only when the range holds two or more check-ins; otherwise the notes say why.
    """
    width = max(width, MIN_WIDTH)
    lines: list[str] = []
    names = [p.profile.name for p in report.persons]
    title = CHART_TITLE + (" · " + " and ".join(names) if names else "")
    lines.extend(wrap(title, width))
    if report.start is not None and report.end is not None:
        n = len(report.weeks)
        span = RANGE_ONE_WEEK if n == 1 else RANGE_WEEKS.format(n=n)
        count = (
            RANGE_ONE_CHECKIN if report.checkins == 1 else RANGE_CHECKINS.format(n=report.checkins)
        )
        dates = f"{day_label(report.start)} – {day_label(report.end)}"
        lines.extend(wrap(f"{dates} ({span}, {count})", width))
    lines.append("")
    if report.has_trend and report.persons:
        lines.extend(_charts(report, width, height, color))
        lines.append("")
    if report.checkins >= 1 and report.persons:
        lines.extend(table(report, width))
        lines.append("")
    if report.changes:
        lines.append(CHANGES_TITLE)
        for change in report.changes:
            lines.extend(wrap(change.sentence, width, "• "))
        lines.extend(wrap(report.method, width))
        lines.append("")
    if report.notes:
        lines.append(NOTES_TITLE)
        for note in report.notes:
            lines.extend(wrap(note, width, "• "))
        lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _charts(report: TrendReport, width: int, height: int, color: bool) -> list[str]:
    with PLOTTING:  # plotext's one global figure
        return _plotted(report, width, height, color)


def _plotted(report: TrendReport, width: int, height: int, color: bool) -> list[str]:
    # plotext costs ~30–70 ms to import: only the charts pay it, never `trustcheck --help`.
    import plotext as plt

    assert report.start is not None
    start = report.start
    persons = report.persons
    legend = "   ".join(
        (CHART_LEGEND_A if i == 0 else CHART_LEGEND_B).format(name=p.profile.name)
        for i, p in enumerate(persons)
    )
    out = wrap(legend, width)
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

    fresh_figure(plt)
    plt.plotsize(width, main_height)
    plt.title(CHART_INDEX)
    index_lines = [chart_line(p.index.points, start, i, plot_width) for i, p in enumerate(persons)]
    draw_lines(
        plt,
        index_lines,
        y_limits(index_lines, (0.0, 100.0)),
        x_ticks(report.weeks, start, width),
        color,
    )
    out.extend(build_rows(plt, color))

    fresh_figure(plt)
    plt.subplots(rows, columns)
    plt.plotsize(width, rows * _PANEL_HEIGHT)
    panelx_ticks = x_ticks(report.weeks, start, width // columns)
    for k, (name, panel_series, bounds) in enumerate(panels):
        plt.subplot(k // columns + 1, k % columns + 1)
        plt.title(name)
        lines = [chart_line(points, start, i, panel_plot_width) for i, points in panel_series]
        draw_lines(plt, lines, y_limits(lines, bounds), panelx_ticks, color)
    out.extend(build_rows(plt, color))
    return [fit(line, width) for line in out]


def _kept_percent(p: PersonTrends) -> tuple[Point, ...]:
    return tuple(Point(w, None if v is None else 100.0 * v) for w, v in p.commitments)
