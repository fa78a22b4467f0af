"""The plotext axes shared by ``trustcheck trends`` and the Trends screen's charts.

plotext is never imported here: callers pass the module in (``import plotext as plt`` inside
the function that draws), so importing this costs nothing until a chart is drawn.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from trustcheck.core import stats
from trustcheck.core.clock import day_label
from trustcheck.core.stats import Point
from trustcheck.core.trends import MONTHS
from trustcheck.messages import CHART_EMPTY_PANEL

if TYPE_CHECKING:
    from types import ModuleType

_ESC = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")

#: Line and single-point markers per partner: solid for the first, dotted for the second.
_LINE_MARKERS = ("hd", "•")
_POINT_MARKERS = ("hd", "•")
_COLOURS = ("blue", "orange")

#: plotext draws into one global figure: whoever draws holds this (the TUI draws in workers).
PLOTTING = threading.Lock()


class PlotLine(NamedTuple):
    """One partner's line in a chart: x in weeks from the range start, y None for gaps."""

    xs: list[float]
    ys: list[float | None]
    person: int


def fresh_figure(plt: ModuleType | Any) -> None:
    """A blank figure: plotext keeps one global figure, and ``clear_figure`` only clears the
    *active* subplot, so select the master figure first or an earlier grid leaks in."""
    plt.main().clear_figure()
    plt.limitsize(False, False)  # our width and height, not the (maybe piped) terminal's
    plt.theme("clear")


def build_rows(plt: ModuleType | Any, color: bool) -> list[str]:
    """The figure drawn, as lines (every figure starts with :func:`fresh_figure`, so the drawn
    one is left as it is: clearing it here too cost a second figure reset per chart)."""
    text = str(plt.build())
    # plotext ends lines with a reset sequence even in its "clear" theme: drop every escape.
    if not color:
        text = _ESC.sub("", text)
    return [line.rstrip() if not color else line for line in text.splitlines()]


def chart_line(points: Sequence[Point], start: dt.date, person: int, width: int) -> PlotLine:
    """A series as a chart line, downsampled to ``width`` columns (``stats.downsample``)."""
    pts = stats.downsample(points, width)
    xs = [(w - start).days / 7 for w, _ in pts]
    return PlotLine(xs=xs, ys=[v for _, v in pts], person=person)


def y_limits(lines: Sequence[PlotLine], bounds: tuple[float, float]) -> tuple[float, float]:
    """The y range of the data, padded and rounded out to tenths of the scale, within bounds."""
    lo, hi = bounds
    values = [y for line in lines for y in line.ys if y is not None]
    if not values:
        return bounds
    step = (hi - lo) / 10
    bottom = max(lo, math.floor((min(values) - step / 2) / step) * step)
    top = min(hi, math.ceil((max(values) + step / 2) / step) * step)
    return (bottom, top) if top > bottom else bounds


def draw_lines(
    plt: ModuleType | Any,
    lines: Sequence[PlotLine],
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


def _x_max(lines: Sequence[PlotLine]) -> float:
    return max((line.xs[-1] for line in lines if line.xs), default=1.0)


def x_ticks(weeks: Sequence[dt.date], start: dt.date, width: int) -> tuple[list[float], list[str]]:
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
        candidates = [(first, day_label(first))]
    step = max(1, math.ceil(len(candidates) / room))
    chosen = candidates[::step]
    return [(d - start).days / 7 for d, _ in chosen], [label for _, label in chosen]
