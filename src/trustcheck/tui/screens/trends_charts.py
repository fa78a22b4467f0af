"""What the Trends screen shows: the report of a range and area and its charts (the main chart,
the small multiples and the switched-on modules' own areas), built off the UI thread by
:func:`prepare`.

Nothing here touches a widget, so :func:`prepare` runs in a worker thread, started as the screen
mounts: reading the history (the first time), building the report and plotting all happen while
the screen is composed and painted. Reports come from the trends service's cache, charts drawn
before for the same report and size from ``widgets.chart.PLOTS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Protocol

from textual.content import Content

from trustcheck import messages
from trustcheck.core.models import AREA_TITLES, AREAS
from trustcheck.core.stats import Point
from trustcheck.core.trends import PersonTrends, TrendReport
from trustcheck.tui.widgets.chart import GAP, PLOTS, ChartSpec, Mark, Trace, build_chart

PANEL_MIN_WIDTH = 36
PANEL_HEIGHT = 9


def _kept(points: Sequence[Point]) -> tuple[Point, ...]:
    return tuple(Point(w, None if v is None else 100.0 * v) for w, v in points)


@dataclass(frozen=True, slots=True)
class Drawing:
    """The charts of one report at one size, drawn by :func:`draw`."""

    report: TrendReport
    main: Content
    panels: tuple[Content, ...]
    columns: int
    modules: tuple[Content, ...]
    module_columns: int
    marked: bool


class Reports(Protocol):
    """What :func:`prepare` needs of ``services.trends``."""

    def report(self, weeks: int | None = None, area: str | None = None) -> TrendReport: ...


def prepare(
    reports: Reports,
    weeks: int | None,
    area: str | None,
    width: int,
    height: int,
    showing: TrendReport | None = None,
) -> Drawing | TrendReport:
    """The report of the last ``weeks`` weeks for ``area`` with its charts at this size, or the
    report alone when it has no trend to draw (fewer than two check-ins in the range) or when it
    is ``showing``, the report already on the screen at this size (nothing to draw again)."""
    report = reports.report(weeks=weeks, area=area)
    if report is showing or not (report.has_trend and report.persons):
        return report
    return draw(report, width, height)


def draw(report: TrendReport, width: int, height: int) -> Drawing:
    """Every chart of ``report`` (which has a trend) at this size: run in a worker thread, so it
    touches no widget; charts drawn before for this report and size come from ``PLOTS``."""
    main, panels = chart_specs(report)
    modules = module_specs(report)
    columns = columns_for(panels, width)
    panel_width = (width - (columns - 1)) // columns
    module_columns = columns_for(modules, width)
    module_width = (width - (module_columns - 1)) // module_columns
    return Drawing(
        report,
        main=PLOTS.get(report, ("main", width, height), partial(build_chart, main, width, height)),
        panels=tuple(
            PLOTS.get(
                report,
                (spec.title, panel_width, PANEL_HEIGHT),
                partial(build_chart, spec, panel_width, PANEL_HEIGHT),
            )
            for spec in panels
        ),
        columns=columns,
        modules=tuple(
            PLOTS.get(
                report,
                # Module titles are the user's words: kept apart from the core panels.
                ("#module-panels", spec.title, module_width, PANEL_HEIGHT),
                partial(build_chart, spec, module_width, PANEL_HEIGHT),
            )
            for spec in modules
        ),
        module_columns=module_columns,
        marked=any(spec.marks for spec in (main, *panels)),
    )


def columns_for(panels: Sequence[object], width: int) -> int:
    return max(1, min(len(panels), width // PANEL_MIN_WIDTH))


def _traces(
    report: TrendReport, pick: Callable[[PersonTrends], Sequence[Point]]
) -> tuple[Trace, ...]:
    return tuple(Trace(pick(p), i) for i, p in enumerate(report.persons))


def chart_specs(report: TrendReport) -> tuple[ChartSpec, list[ChartSpec]]:
    """The main chart and the small multiples of ``report`` (which has a trend)."""
    assert report.start is not None
    persons = report.persons
    area = report.area
    start, weeks = report.start, report.weeks

    def marks(area_name: str) -> tuple[Mark, ...]:
        out = []
        for change in report.changes:
            since = change.since
            if change.area != area_name or not start <= since <= weeks[-1]:
                continue
            arrow = "↑" if change.change.verdict == "rise" else "↓"
            out.append(Mark(since, f"{arrow} {change.profile.name[:12]}"))
        return tuple(out)

    def area_spec(name: str) -> ChartSpec:
        return ChartSpec(
            title=AREA_TITLES.get(name, name),
            traces=_traces(report, lambda p: p.areas[name].points),
            bounds=(0.0, 100.0),
            start=start,
            weeks=weeks,
            marks=marks(name),
            empty=messages.CHART_EMPTY_PANEL,
        )

    index = ChartSpec(
        title=messages.CHART_INDEX if area else "",
        traces=_traces(report, lambda p: p.index.points),
        bounds=(0.0, 100.0),
        start=start,
        weeks=weeks,
    )
    overall = ChartSpec(
        title=messages.CHART_OVERALL,
        traces=_traces(report, lambda p: p.overall.points),
        bounds=(0.0, 10.0),
        start=start,
        weeks=weeks,
    )
    kept = ChartSpec(
        title=messages.CHART_COMMITMENTS,
        traces=_traces(report, lambda p: _kept(p.commitments)),
        bounds=(0.0, 100.0),
        start=start,
        weeks=weeks,
    )
    panels: list[ChartSpec] = []
    if area is None:
        main = index
        panels.extend(area_spec(a) for a in AREAS if a in persons[0].areas)
    else:
        main = replace(area_spec(area), title="")
        panels.append(index)
    panels += [overall, kept]
    if report.gap is not None:
        panels.append(
            ChartSpec(
                title=messages.CHART_GAP,
                traces=(Trace(report.gap.points, GAP),),
                bounds=(0.0, 100.0),
                start=start,
                weeks=weeks,
            )
        )
    return main, panels


def module_specs(report: TrendReport) -> list[ChartSpec]:
    """The switched-on modules' own areas, if scored."""
    assert report.start is not None

    def pick(key: tuple[str, str]) -> Callable[[PersonTrends], Sequence[Point]]:
        return lambda p: p.modules[key].points

    return [
        ChartSpec(
            title=m.title,
            traces=_traces(report, pick(m.key)),
            bounds=(0.0, 100.0),
            start=report.start,
            weeks=report.weeks,
            empty=messages.CHART_EMPTY_PANEL,
        )
        for m in report.modules
    ]
