"""Trends as terminal text: the charts and figures of ``trustcheck trends`` and the Trends screen.

The one-line sparkline (home, and the Markdown summary) lives in ``trustcheck.export.sparkline``;
nothing below the screens and commands imports this package (an import-linter layer says so).

* ``report``: the whole ``trustcheck trends`` output (:func:`render_trends`).
* ``plot``: the plotext axes, lines and ticks, shared with the Trends screen's charts.
* ``text``: numbers, wrapping and the table of figures.

Charts are drawn by plotext, imported lazily (see :func:`render_trends`). Partners are told apart
by line style and marker, never by colour alone, so monochrome and NO_COLOR output stays readable.
Every figure shown is a number or a dash: a gap is never drawn as zero and never printed as NaN.
"""

from __future__ import annotations

from trustcheck.charts.report import MIN_WIDTH, render_trends

__all__ = ["MIN_WIDTH", "render_trends"]
