"""Charts as text: plotext draws them once per data and size, a ``Static`` shows the result.

Not textual-plotext's ``PlotextPlot``, which rebuilds its plot on every render: here a chart is
built by :func:`build_chart` into ``Content`` and kept in a :class:`PlotCache` keyed by the report
(a new report object means the data or the range changed) and the chart's name and size.

Partners are told apart by marker (solid blocks for the first, dots for the second) as well as
by colour; the colours are theme variables, so NO_COLOR and monochrome terminals (Textual's
filters) lose nothing a reader needs.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from textual.content import Content, Span
from textual.widgets import Static

from trustcheck.charts.plot import (  # the CLI's axes, shared
    PLOTTING,
    build_rows,
    chart_line,
    fresh_figure,
    x_ticks,
    y_limits,
)
from trustcheck.core.stats import Point
from trustcheck.core.text import visible_controls

#: Line markers: the first partner solid (half blocks), the second dotted, the gap a fine line.
MARKERS = ("hd", "•", "braille")
#: Styles per role, as theme variables (NO_COLOR turns them grey, the markers stay).
STYLES = ("bold $primary", "bold $warning", "$foreground-muted")
AXIS_STYLE = "$foreground-muted"
MARK_STYLE = "bold $accent"
GAP = 2  # the role of the gap series
#: The y labels and frame take about six cells of a chart's width.
Y_LABELS = 6

_ROLE_CHARS = (
    re.compile("[▖▗▘▙▚▛▜▝▞▟▀▄▌▐█]+"),
    re.compile("•+"),
    re.compile("[\u2801-\u28ff]+"),
)


@dataclass(frozen=True, slots=True)
class Trace:
    """One line of a chart: a weekly series (None = gap) drawn in the style of ``role``."""

    points: Sequence[Point]
    role: int


@dataclass(frozen=True, slots=True)
class Mark:
    """A vertical marker at ``week`` with a short label (where the 4 weeks of a change began)."""

    week: dt.date
    label: str


@dataclass(frozen=True, slots=True)
class ChartSpec:
    title: str
    traces: tuple[Trace, ...]
    bounds: tuple[float, float]
    start: dt.date
    weeks: tuple[dt.date, ...]
    marks: tuple[Mark, ...] = ()
    empty: str = "no scores"


def build_chart(spec: ChartSpec, width: int, height: int) -> Content:
    """``spec`` drawn by plotext ``width`` × ``height`` cells (its title line, if any, included).

    Each series is downsampled to the plot's width (``stats.downsample`` through the CLI's
    ``chart_line``); a run of gaps stays a gap and a lone point is drawn as a marker.
    """
    # plotext costs ~15 ms to import: only a chart pays it (home and the CLI's --help never do).
    import plotext as plt

    with PLOTTING:  # plotext's one global figure: one chart at a time, in any thread
        return _build_chart(plt, spec, width, height)


def _build_chart(plt: Any, spec: ChartSpec, width: int, height: int) -> Content:
    width = max(width, 20)
    plot_width = max(width - Y_LABELS, 1)
    fresh_figure(plt)
    plt.plotsize(width, max(height - bool(spec.title), 5))
    lines = [chart_line(t.points, spec.start, t.role, plot_width) for t in spec.traces]
    ylim = y_limits(lines, spec.bounds)
    drawn = False
    for line in lines:
        marker = MARKERS[line.person % len(MARKERS)]
        run_x: list[float] = []
        run_y: list[float] = []
        for x, y in [*zip(line.xs, line.ys, strict=True), (float("inf"), None)]:
            if y is not None:
                run_x.append(x)
                run_y.append(y)
                continue
            if len(run_x) == 1:
                plt.scatter(run_x, run_y, marker=marker)
            elif run_x:
                plt.plot(run_x, run_y, marker=marker)
            drawn = drawn or bool(run_x)
            run_x, run_y = [], []
    xs, labels = x_ticks(spec.weeks, spec.start, width)
    last = max((line.xs[-1] for line in lines if line.xs), default=1.0)
    x_lo, x_hi = (min(xs[0], 0.0), max(xs[-1], last)) if xs else (0.0, last)
    if xs:
        plt.xlim(x_lo, x_hi)
    plt.ylim(*ylim)
    plt.yticks([ylim[0], (ylim[0] + ylim[1]) / 2, ylim[1]])
    plt.xticks(xs, labels)
    step = (ylim[1] - ylim[0]) / max(height - 5, 1)
    column = (x_hi - x_lo) / plot_width
    for k, mark in enumerate(spec.marks):
        x = (mark.week - spec.start).days / 7
        plt.vline(x)
        # The label beside the line, on the side with room for it.
        left = x > (x_lo + x_hi) / 2
        y = ylim[1] - k * step
        plt.text(
            mark.label, x - column if left else x + column, y, alignment="right" if left else "left"
        )
    if not drawn:
        plt.text(spec.empty, (xs[0] + xs[-1]) / 2 if xs else 0.5, sum(ylim) / 2)
    rows = build_rows(plt, False)
    return _styled(spec.title, rows, [m.label for m in spec.marks])


def _styled(title: str, rows: list[str], labels: list[str]) -> Content:
    """The title in bold, the frame muted, each partner's marks in their style, labels accented."""
    text_rows = [visible_controls(title), *rows] if title else rows
    text = "\n".join(text_rows)
    spans = [Span(0, len(title), "bold")] if title else []
    offset = len(text_rows[0]) + 1 if title else 0
    for row in rows:
        spans.append(Span(offset, offset + len(row), AXIS_STYLE))
        for role, pattern in enumerate(_ROLE_CHARS):
            spans.extend(
                Span(offset + m.start(), offset + m.end(), STYLES[role])
                for m in pattern.finditer(row)
            )
        for label in labels:
            at = row.find(label)
            if at >= 0:
                spans.append(Span(offset + at, offset + at + len(label), MARK_STYLE))
        offset += len(row) + 1
    return Content(text, spans=spans)


class PlotCache:
    """Built charts per report: a report object is one data version and range, so a new one
    (after new data or another range) gets new charts and the oldest are dropped."""

    def __init__(self, keep: int = 32) -> None:
        self.keep = keep
        self.builds = 0
        self._entries: OrderedDict[int, tuple[object, dict[Hashable, Content]]] = OrderedDict()
        # Charts are drawn in worker threads: one reader or writer of the entries at a time.
        self._lock = threading.RLock()

    def has(self, owner: object, key: Hashable) -> bool:
        with self._lock:
            entry = self._entries.get(id(owner))
            return entry is not None and entry[0] is owner and key in entry[1]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def get(self, owner: object, key: Hashable, build: Callable[[], Content]) -> Content:
        with self._lock:
            return self._get(owner, key, build)

    def _get(self, owner: object, key: Hashable, build: Callable[[], Content]) -> Content:
        entry = self._entries.get(id(owner))
        if entry is None or entry[0] is not owner:
            # Holding ``owner`` keeps its id from being reused while the entry lives.
            entry = self._entries[id(owner)] = (owner, {})
            while len(self._entries) > self.keep:
                self._entries.popitem(last=False)
        self._entries.move_to_end(id(owner))
        charts = entry[1]
        content = charts.get(key)
        if content is None:
            content = charts[key] = build()
            self.builds += 1
        return content


#: One cache for the app's lifetime: reopening the Trends screen on unchanged data draws nothing.
PLOTS = PlotCache()


class Chart(Static):
    """Shows a built chart; it never draws on its own, so a repaint costs no plotting."""

    DEFAULT_CSS = """
    Chart {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
