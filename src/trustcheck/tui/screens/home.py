"""Home: who is here, this week's check-in, and the last commitments."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from trustcheck import messages
from trustcheck.core.clock import week_label
from trustcheck.core.models import Commitment, Profile
from trustcheck.core.text import visible_controls
from trustcheck.services import Services
from trustcheck.services.checkin import WeekState
from trustcheck.tui.text import plain, say, score

TREND_WEEKS = 26
TREND_STYLES = ("$primary", "$warning")


class HomeScreen(Screen[None]):
    DEFAULT_CSS = """
    HomeScreen VerticalScroll {
        padding: 1 2;
    }
    HomeScreen #who {
        color: $text-muted;
    }
    HomeScreen #status-box {
        height: auto;
        margin-top: 1;
        padding: 0 2;
        border: round $primary 50%;
    }
    HomeScreen #status {
        text-style: bold;
    }
    HomeScreen #status-box Button {
        margin-top: 1;
    }
    HomeScreen .commitment {
        padding-left: 2;
    }
    HomeScreen .review {
        padding-left: 4;
        color: $text-muted;
    }
    HomeScreen #commitments {
        height: auto;
    }
    HomeScreen #journal-box {
        height: auto;
        margin-top: 1;
        padding: 0 2;
        border: round $primary 30%;
    }
    HomeScreen #journal-box Static {
        width: 1fr;
        height: auto;
        padding-top: 1;
        color: $text-muted;
    }
    HomeScreen #journal-box Button {
        margin: 0 0 0 2;
    }
    HomeScreen #trend-box {
        height: auto;
        margin-top: 1;
        padding: 0 2;
        border: round $primary 30%;
    }
    HomeScreen #trend {
        width: 1fr;
        height: auto;
        padding-top: 1;
    }
    HomeScreen #trend-box Button {
        margin: 0 0 0 2;
    }
    HomeScreen #not-therapy {
        margin-top: 2;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "checkin", "Check in"),
        Binding("c", "resume", "Resume"),
        Binding("j", "journal", "Journal"),
        Binding("t", "trends", "Trends"),
        Binding("e", "export", "Export"),
        Binding("g", "guides", "Guides"),
        Binding("s", "settings", "Settings"),
        Binding("a", "about", "About", show=False),
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._last_checkin: int | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(messages.HOME_TITLE, classes="title", markup=False)
            yield Static(id="who")
            with Vertical(id="status-box"):
                yield Static(id="status")
                yield Static(id="week", classes="muted")
                yield Button(messages.HOME_CHECK_IN, id="go", variant="primary")
            with Horizontal(id="trend-box"):
                yield Static(id="trend")
                yield Button(messages.HOME_TRENDS, id="trends")
            with Horizontal(id="journal-box"):
                yield Static(id="journal-hint")
                yield Button(messages.HOME_JOURNAL, id="journal")
            yield Static(messages.HOME_COMMITMENTS_TITLE, classes="section", markup=False)
            yield Vertical(id="commitments")
            yield Static(messages.NOT_THERAPY, id="not-therapy", markup=False)
        yield Footer()

    async def on_screen_resume(self) -> None:
        await self.refresh_status()

    async def refresh_status(self) -> None:
        services = self.services
        people = services.profiles.people()
        if len(people) == 1:
            who = say(messages.HOME_WHO_SOLO, name=people[0].name)
        else:
            who = say(messages.HOME_WHO_COUPLE, a=people[0].name, b=people[1].name)
        self.query_one("#who", Static).update(who)
        hint = messages.HOME_JOURNAL_HINT_SOLO if len(people) == 1 else messages.HOME_JOURNAL_HINT
        self.query_one("#journal-hint", Static).update(plain(hint))

        status = services.checkins.status()
        self.state = status.state
        last = status.last.id if status.last else None
        if last != self._last_checkin:  # a check-in was completed: new trends
            self._last_checkin = last
            services.trends.refresh()
        # After the first paint: with 20 years of history loading it takes ~60 ms.
        self.call_after_refresh(self._show_trend)
        if status.state is WeekState.IN_PROGRESS:
            text = messages.STATUS_IN_PROGRESS
        elif status.state is WeekState.DONE:
            text = messages.STATUS_DONE.format(week=week_label(status.next_due))
        else:
            text = messages.STATUS_DUE
        self.query_one("#status", Static).update(plain(text))
        self.query_one("#week", Static).update(
            say(messages.HOME_WEEK, week=week_label(status.week))
        )
        button = self.query_one("#go", Button)
        resume = status.state is WeekState.IN_PROGRESS
        button.label = messages.HOME_RESUME if resume else messages.HOME_CHECK_IN
        # One check-in a week: once this week's is done there is nothing to start until the next.
        button.display = status.state is not WeekState.DONE
        if button.display:
            button.focus()
        else:
            self.query_one("#journal", Button).focus()

        names = {p.id: p.name for p in people}
        box = self.query_one("#commitments", Vertical)
        await box.remove_children()
        commitments = services.checkins.open_commitments()
        rows: list[Static] = []
        for c in commitments:
            rows.extend(self._commitment_rows(c, names, solo=len(people) == 1))
        if not rows:
            rows.append(Static(messages.HOME_NO_COMMITMENTS, classes="muted", markup=False))
        await box.mount_all(rows)
        self.refresh_bindings()

    def _show_trend(self) -> None:
        """Both trust indexes over the last 26 weeks as sparklines, once there are two check-ins."""
        from trustcheck.charts import render_sparkline  # after the first frame, as is this

        report = self.services.trends.report(weeks=TREND_WEEKS)
        box = self.query_one("#trend-box", Horizontal)
        box.display = report.has_trend and bool(report.persons)
        if not box.display:
            return
        names = [visible_controls(p.profile.name) for p in report.persons]
        pad = max(len(n) for n in names)
        lines = [plain(messages.HOME_TREND_TITLE, "$foreground-muted")]
        for i, (name, person) in enumerate(zip(names, report.persons, strict=True)):
            spark = render_sparkline(person.index.values(), TREND_WEEKS, low=0, high=100)
            lines.append(
                Content.assemble(
                    f"{name:<{pad}}  ",
                    (spark, TREND_STYLES[i % 2]),
                    f"  {score(person.index.latest)}",
                )
            )
        self.query_one("#trend", Static).update(Content("\n").join(lines))

    def _commitment_rows(self, c: Commitment, names: dict[int, str], *, solo: bool) -> list[Static]:
        if solo or c.owner_id == c.to_id:
            who = messages.HOME_COMMITMENT_SOLO
        else:
            who = messages.HOME_COMMITMENT.format(
                owner=names.get(c.owner_id, "?"), to=names.get(c.to_id, "?")
            )
        review = messages.REVIEW_LABELS[c.review.value] if c.review else messages.HOME_NOT_REVIEWED
        return [
            Static(plain(f"{who} {c.text}"), classes="commitment"),
            Static(plain(review), classes="review"),
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_progress = getattr(self, "state", None) is WeekState.IN_PROGRESS
        if action == "checkin":
            return getattr(self, "state", None) is WeekState.DUE
        if action == "resume":
            return in_progress
        return True

    @on(Button.Pressed, "#go")
    def action_checkin(self) -> None:
        from trustcheck.tui.screens.step import step_screen

        self.app.push_screen(step_screen(self.services, self.services.checkins.draft()))

    def action_resume(self) -> None:
        self.action_checkin()

    @on(Button.Pressed, "#trends")
    def action_trends(self) -> None:
        # Imported here: the screen and its chart widgets cost ~4 ms the first frame need not pay.
        from trustcheck.tui.screens.trends import TrendsScreen

        self.app.push_screen(TrendsScreen(self.services))

    # The screens below are imported when opened: the first frame of home need not pay for them.
    def action_export(self) -> None:
        from trustcheck.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.services))

    def action_guides(self) -> None:
        from trustcheck.tui.screens.guides import GuidesScreen

        self.app.push_screen(GuidesScreen())

    def action_settings(self) -> None:
        from trustcheck.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen(self.services))

    def action_about(self) -> None:
        from trustcheck.tui.screens.about import AboutScreen

        self.app.push_screen(AboutScreen(self.services))

    @on(Button.Pressed, "#journal")
    def action_journal(self) -> None:
        from trustcheck.tui.screens.unlock import WhoseJournalScreen

        people = self.services.profiles.people()
        if len(people) == 1:
            self._open_journal(people[0])
        else:
            self.app.push_screen(WhoseJournalScreen(people), self._open_journal)

    def _open_journal(self, person: Profile | None) -> None:
        if person is None:
            return
        from trustcheck.tui.screens.journal import JournalScreen
        from trustcheck.tui.screens.unlock import with_key

        services = self.services

        def unlocked(ok: bool) -> None:
            if ok:
                self.app.push_screen(JournalScreen(services, person))

        with_key(self.app, services, person, unlocked)
