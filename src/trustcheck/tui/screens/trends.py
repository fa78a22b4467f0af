"""Trends: each partner's trust index over time and the gap between them, small multiples per
area, overall trust and commitments kept, with real changes marked and said in words.

The report comes from ``services.trends`` (cached there until a check-in completes); the charts
are drawn once per report and size (``widgets.chart.PLOTS``), so switching back to a range draws
nothing, and a repaint never plots. The report is read and the charts drawn in one worker thread
(``trends_charts.prepare``) started as the screen mounts, so that work runs while the screen is
composed and painted rather than after it: the screen takes keys meanwhile, and the charts appear
together, with the words about them, when drawn.

The screen is built once and then kept while the app runs (:func:`open_trends` installs it, as
Textual keeps any installed screen when it is closed). Opening it again from home starts it as a
new one would (six months, every area, at the top; Help shown over it leaves the person's place
alone), and showing it asks the service for the report: when nothing has changed it is the
report already shown, and the screen is shown again as it was, with nothing mounted or drawn;
after a check-in, the new report is drawn into the same widgets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content, Span
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from trustcheck import messages
from trustcheck.core.clock import day_label
from trustcheck.core.models import AREA_TITLES, AREAS
from trustcheck.core.trends import TrendReport
from trustcheck.services import Services
from trustcheck.tui.screens.trends_charts import Drawing, prepare
from trustcheck.tui.text import plain, score
from trustcheck.tui.widgets.chart import STYLES, Chart
from trustcheck.tui.widgets.choices import Choices
from trustcheck.tui.widgets.footer import Footer

DEFAULT_RANGE = 1  # 6 months
AREA_CHOICES: tuple[str | None, ...] = (None, *AREAS)
PANELS = 8  # five areas, overall trust, commitments kept, the gap
PADDING = 3  # the scroll area's left and right padding


#: What the screen asks to be shown: the range (weeks), the area and the charts' width and height.
_Asked = tuple[int | None, str | None, int, int]


#: The name the kept Trends screen is installed under (see :func:`open_trends`).
SCREEN_NAME = "trends"


def _date(day: dt.date) -> str:
    return day_label(day)


def open_trends(app: App[object], services: Services) -> None:
    """Show the Trends screen: built the first time, then kept while the app runs, so opening it
    again mounts nothing and draws only what changed (see the module's docstring)."""
    if app.is_screen_installed(SCREEN_NAME):
        screen = app.get_screen(SCREEN_NAME)
        assert isinstance(screen, TrendsScreen)
        screen.start_afresh()
    else:
        app.install_screen(TrendsScreen(services), SCREEN_NAME)
    app.push_screen(SCREEN_NAME)


class TrendsScreen(Screen[None]):
    DEFAULT_CSS = """
    TrendsScreen #trends {
        padding: 0 1 0 2;
        scrollbar-gutter: stable;
    }
    TrendsScreen Choices {
        margin-top: 1;
    }
    TrendsScreen #range-line {
        margin-top: 1;
    }
    TrendsScreen #notes {
        margin-top: 1;
    }
    TrendsScreen #charts {
        height: auto;
    }
    TrendsScreen #main-title {
        margin-top: 1;
    }
    TrendsScreen #latest {
        margin-bottom: 1;
    }
    TrendsScreen #changes {
        margin-bottom: 1;
    }
    TrendsScreen #module-title {
        margin-top: 1;
    }
    TrendsScreen #panels, TrendsScreen #module-panels {
        height: auto;
        grid-size: 2;
        grid-rows: auto;
        grid-gutter: 1 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "range(0)", "Range", key_display="1–4"),
        Binding("2", "range(1)", show=False),
        Binding("3", "range(2)", show=False),
        Binding("4", "range(3)", show=False),
        Binding("a", "area(1)", "Area"),
        Binding("A", "area(-1)", "Area back", show=False),
        Binding("escape,q", "back", "Back"),
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, services: Services, *, range_index: int = DEFAULT_RANGE) -> None:
        super().__init__()
        self.services = services
        self.weeks = messages.TRENDS_RANGES[range_index][1]
        self.area: str | None = None
        self.report: TrendReport | None = None
        self._range_index = range_index
        #: The worker preparing what was asked last (see :meth:`show`).
        self.drawing: Worker[Drawing | TrendReport] | None = None
        self._asked: _Asked | None = None  # the range, area and size asked for last
        self._shown_asked: _Asked | None = None  # ... and those of what is shown
        self._shown: tuple[int, int, int] | None = None  # the report and size shown

    @property
    def up_to_date(self) -> bool:
        """Whether what is shown is the range, area and size asked for last (charts drawn)."""
        return self._asked is not None and self._shown_asked == self._asked

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="trends"):
            yield Static(messages.TRENDS_SCREEN_TITLE, classes="title", markup=False)
            yield Choices(
                [label for label, _ in messages.TRENDS_RANGES], self._range_index, id="ranges"
            )
            yield Choices(
                [messages.TRENDS_ALL_AREAS, *(AREA_TITLES.get(a, a) for a in AREAS)], id="areas"
            )
            yield Static(id="range-line", classes="muted")
            yield Static(id="notes")
            with Vertical(id="charts") as charts:
                charts.display = False  # until the first drawing is shown
                yield Static(id="main-title")
                yield Chart(id="main")
                yield Static(id="latest")
                yield Static(id="changes")
                yield Grid(*(Chart(classes="panel") for _ in range(PANELS)), id="panels")
                # Switched-on modules' own areas, if any (their charts mounted when drawn).
                yield Static(plain(messages.TRENDS_MODULES_TITLE, "bold"), id="module-title")
                yield Grid(id="module-panels")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def on_screen_resume(self) -> None:
        """Shown again (opened from home, or uncovered by Help): what is shown is kept if it is
        still the report and size asked for; the data or the size may have changed."""
        self.show()

    def start_afresh(self) -> None:
        """Opened again from home: on the default range and every area, at the top, as a new
        screen would open (Help over it leaves the person's place as it was)."""
        if self._range_index != DEFAULT_RANGE or self.area is not None:
            self._range_index = DEFAULT_RANGE
            self.weeks = messages.TRENDS_RANGES[DEFAULT_RANGE][1]
            self.area = None
            self.query_one("#ranges", Choices).mark(DEFAULT_RANGE)
            self.query_one("#areas", Choices).mark(0)
        self.query_one("#trends", VerticalScroll).scroll_home(animate=False)

    def on_resize(self, event: Resize) -> None:
        self.show()

    # --- switching -------------------------------------------------------------------------------
    def action_range(self, index: int) -> None:
        self.query_one("#ranges", Choices).choose(index)

    def action_area(self, step: int) -> None:
        areas = self.query_one("#areas", Choices)
        areas.choose(areas.active + step)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Choices.Chosen, "#ranges")
    def _range_chosen(self, event: Choices.Chosen) -> None:
        self._range_index = event.index
        self.weeks = messages.TRENDS_RANGES[event.index][1]
        self.show()

    @on(Choices.Chosen, "#areas")
    def _area_chosen(self, event: Choices.Chosen) -> None:
        self.area = AREA_CHOICES[event.index]
        self.show()

    # --- showing ---------------------------------------------------------------------------------
    def _chart_width(self) -> int:
        scroll = self.query_one("#trends", VerticalScroll)
        return max(self.app.size.width - PADDING - scroll.styles.scrollbar_size_vertical, 20)

    def show(self) -> None:
        """Show the report for the chosen range and area; nothing is redrawn if nothing changed.

        The report is read and its charts plotted in a worker thread (``trends_charts.prepare``),
        started at once, so the screen answers keys meanwhile; the charts and the words about
        them are shown together when drawn.
        """
        width = self._chart_width()
        height = min(max(self.app.size.height - 11, 10), 22)
        asked = (self.weeks, self.area, width, height)
        if asked == self._asked and self.drawing is not None and not self.drawing.is_finished:
            return  # under way already (the screen's first Resize asks for the same again)
        self._asked = asked
        # What is on the screen, if at this size: the worker draws nothing if it is still current.
        showing = self.report if self._shown == (id(self.report), width, height) else None
        # Exclusive: a drawing still under way for another range or size is never shown.
        self.drawing = self.run_worker(
            partial(prepare, self.services.trends, self.weeks, self.area, width, height, showing),
            thread=True,
            exclusive=True,
            group="trends-draw",
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self.drawing or event.state is not WorkerState.SUCCESS:
            return
        asked = self._asked
        assert asked is not None
        result = event.worker.result
        report = result.report if isinstance(result, Drawing) else result
        assert isinstance(report, TrendReport)
        key = (id(report), asked[2], asked[3])
        if key != self._shown or report is not self.report:  # else it is on the screen already
            self._shown = key
            self.report = report
            if isinstance(result, Drawing):
                self._show_drawing(result)
            else:  # no trend to draw in this range
                self._show_words(report)
                self.query_one("#charts", Vertical).display = False
        self._shown_asked = asked

    def _show_drawing(self, drawing: Drawing) -> None:
        report = drawing.report
        self._show_words(report)  # with the charts, so the range line always says what they show
        self.query_one("#charts", Vertical).display = True
        area = report.area
        title = messages.CHART_INDEX if area is None else AREA_TITLES.get(area, area)
        self.query_one("#main-title", Static).update(self._legend(report, title))
        self.query_one("#main", Chart).update(drawing.main)
        self.query_one("#latest", Static).update(self._latest(report))
        self.query_one("#changes", Static).update(self._changes(report, drawing.marked))
        self._fill_panels("#panels", drawing.panels, drawing.columns)
        # One more group of small multiples: the switched-on modules' own areas, if scored.
        title_widget = self.query_one("#module-title", Static)
        grid = self.query_one("#module-panels", Grid)
        title_widget.display = grid.display = bool(drawing.modules)
        if drawing.modules:
            self._fill_panels("#module-panels", drawing.modules, drawing.module_columns)

    def _show_words(self, report: TrendReport) -> None:
        line = ""
        if report.start is not None and report.end is not None:
            n = len(report.weeks)
            span = messages.RANGE_ONE_WEEK if n == 1 else messages.RANGE_WEEKS.format(n=n)
            count = (
                messages.RANGE_ONE_CHECKIN
                if report.checkins == 1
                else messages.RANGE_CHECKINS.format(n=report.checkins)
            )
            line = messages.TRENDS_RANGE_LINE.format(
                start=_date(report.start), end=_date(report.end), span=span, count=count
            )
        range_line = self.query_one("#range-line", Static)
        range_line.update(plain(line))
        range_line.display = bool(line)
        notes = self.query_one("#notes", Static)
        notes.update(plain("\n".join(f"• {note}" for note in report.notes)))
        notes.display = bool(report.notes)

    def _fill_panels(self, grid_id: str, panels: Sequence[Content], columns: int) -> None:
        grid = self.query_one(grid_id, Grid)
        grid.styles.grid_size_columns = columns
        missing = len(panels) - len(grid.children)
        if missing > 0:
            grid.mount_all(Chart(classes="panel") for _ in range(missing))
        for k, chart in enumerate(grid.query_children(Chart)):
            chart.display = k < len(panels)
            if k < len(panels):
                chart.update(panels[k])

    def _legend(self, report: TrendReport, title: str) -> Content:
        """The main chart's title and, in words, which line is whose."""
        parts: list[Content] = [plain(title, "bold")]
        for i, p in enumerate(report.persons):
            template = messages.CHART_LEGEND_A if i == 0 else messages.CHART_LEGEND_B
            parts.append(_with_glyphs(plain(template.format(name=p.profile.name)), STYLES[i]))
        return Content("   ").join(parts)

    def _latest(self, report: TrendReport) -> Content:
        area = report.area
        what = messages.TRENDS_INDEX_WORDS if area is None else area
        values = []
        for p in report.persons:
            series = p.index if area is None else p.areas[area]
            values.append(f"{p.profile.name} {score(series.latest)}")
        latest = [p.index if area is None else p.areas[area] for p in report.persons]
        if len(latest) == 2 and latest[0].latest is not None and latest[1].latest is not None:
            gap = abs(latest[0].latest - latest[1].latest)
            values.append(messages.TRENDS_LATEST_GAP.format(gap=score(gap)))
        return plain(messages.TRENDS_LATEST.format(what=what, values=" · ".join(values)))

    def _changes(self, report: TrendReport, marked: bool) -> Content:
        if not report.changes:
            return plain(messages.TRENDS_NO_CHANGES, "$foreground-muted")
        lines = [plain(messages.CHANGES_TITLE, "bold")]
        lines += [plain(f"• {c.sentence}") for c in report.changes]
        lines.append(plain(report.method, "$foreground-muted"))
        if marked:
            lines.append(plain(messages.TRENDS_MARK_LEGEND, "$foreground-muted"))
        return Content("\n").join(lines)


def _with_glyphs(text: Content, style: str) -> Content:
    """Style the sample line glyphs (━, •••) of a legend entry like the partner's line."""
    plain_text = text.plain
    spans = list(text.spans)
    for glyph in ("━", "•••"):
        at = plain_text.rfind(glyph)
        if at >= 0:
            spans.append(Span(at, at + len(glyph), style))
    return Content(plain_text, spans=spans)
