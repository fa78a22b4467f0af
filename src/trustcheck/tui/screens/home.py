"""Home: who is here, this week's check-in, and the last commitments.

A little over 400 lines, about 100 of them its styles and keys: the rest is one screen (what it
shows, and the key that leaves it for each other screen), which reads best whole.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.core.clock import day_time_label, week_label
from trustcheck.core.models import Commitment, Profile
from trustcheck.core.text import visible_controls
from trustcheck.services import Services
from trustcheck.services.week import Status, WeekState
from trustcheck.tui.text import plain, say, score
from trustcheck.tui.widgets.footer import Footer

TREND_WEEKS = 26
TREND_STYLES = ("$primary", "$warning")
#: The class of the button home focuses first (see HomeScreen.AUTO_FOCUS).
FIRST_FOCUS = "-first-focus"


class HomeScreen(Screen[None]):
    # Textual focuses the button that has this class as the screen mounts, before the first frame:
    # the check-in button, or the journal's once this week's check-in is done. With the default
    # ("*") the scroll container took focus first and gave it up a frame later, restyling every
    # widget inside it twice.
    AUTO_FOCUS = f".{FIRST_FOCUS}"
    DEFAULT_CSS = """
    HomeScreen VerticalScroll {
        padding: 1 2;
    }
    HomeScreen #demo-banner {
        color: $warning;
        text-style: bold;
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
        margin: 1 2 0 0;
    }
    HomeScreen #status-buttons {
        height: auto;
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
    HomeScreen #history-box {
        height: auto;
        margin-top: 1;
        padding: 0 2;
        border: round $primary 30%;
    }
    HomeScreen #history-box Static {
        width: 1fr;
        height: auto;
        padding-top: 1;
        color: $text-muted;
    }
    HomeScreen #history-box Button {
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
        # Not in the footer (it would push Help and Quit off an 80-column one): the status box
        # names it and shows a button for it.
        Binding("d", "discard", "Discard", show=False),
        Binding("j", "journal", "Journal"),
        Binding("t", "trends", "Trends"),
        # Not in the footer (it would push Help and Quit off an 80-column one): the box under
        # the commitments names it and shows a button for it.
        Binding("h", "history", "Past check-ins", show=False),
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
        # compose() read and showed this week's status: the first resume need not read it again.
        self._fresh = False

    def compose(self) -> ComposeResult:
        # Built with its content from one read, not filled in (and remounted) after mounting:
        # the first frame waits for no second layout pass.
        people, status = self.services.profiles.people(), self.services.week.status()
        self._set_status(status)
        self._fresh = True
        solo = len(people) == 1
        can_start = self._can_start(status)
        go = Button(self._go_label(status), id="go", variant="primary")
        go.display = can_start
        go.set_class(can_start, FIRST_FOCUS)
        discard = Button(messages.HOME_DISCARD, id="discard")
        discard.display = status.state is WeekState.IN_PROGRESS
        journal = Button(messages.HOME_JOURNAL, id="journal")
        journal.set_class(not can_start, FIRST_FOCUS)
        with VerticalScroll():
            yield Static(messages.HOME_TITLE, classes="title", markup=False)
            if self.services.packs.is_demo():
                yield Static(messages.HOME_DEMO_BANNER, id="demo-banner", markup=False)
            yield Static(self._who(people), id="who")
            with Vertical(id="status-box"):
                yield Static(self._status_text(status), id="status")
                yield Static(self._week_text(status), id="week", classes="muted")
                with Horizontal(id="status-buttons"):
                    yield go
                    yield discard
            trend = self._trend()
            with Horizontal(id="trend-box") as box:
                box.display = trend is not None
                yield Static(trend or "", id="trend")
                yield Button(messages.HOME_TRENDS, id="trends")
            with Horizontal(id="journal-box"):
                yield Static(self._journal_hint(solo), id="journal-hint")
                yield journal
            yield Static(messages.HOME_COMMITMENTS_TITLE, classes="section", markup=False)
            yield Vertical(*self._commitments(people), id="commitments")
            with Horizontal(id="history-box"):
                yield Static(messages.HOME_HISTORY_HINT, id="history-hint", markup=False)
                yield Button(messages.HOME_HISTORY, id="history")
            yield Static(messages.NOT_THERAPY, id="not-therapy", markup=False)
        yield Footer()

    async def on_screen_resume(self) -> None:
        if not self._fresh:
            await self.refresh_status()
            return
        self._fresh = False
        # The footer's keys need no refresh of our own: compose() set the state they depend on,
        # and Textual refreshes them as the screen is shown (each refresh rebuilds all eight).
        if self.focused is None:  # not focused as it mounted (the terminal had no focus)
            self._focus_first()

    async def refresh_status(self) -> None:
        services = self.services
        people = services.profiles.people()
        self.query_one("#who", Static).update(self._who(people))
        self.query_one("#journal-hint", Static).update(self._journal_hint(len(people) == 1))

        status = services.week.status()
        self._set_status(status)
        # After the first paint (trends keep their own cache, dropped when the data changes).
        self.call_after_refresh(self._show_trend)
        self.query_one("#status", Static).update(self._status_text(status))
        self.query_one("#week", Static).update(self._week_text(status))
        button = self.query_one("#go", Button)
        button.label = self._go_label(status)
        button.display = self._can_start(status)
        self.query_one("#discard", Button).display = status.state is WeekState.IN_PROGRESS
        self._focus_first()

        box = self.query_one("#commitments", Vertical)
        await box.remove_children()
        await box.mount_all(self._commitments(people))
        self.refresh_bindings()

    # --- what home shows ----------------------------------------------------------------------
    def _set_status(self, status: Status) -> None:
        self.state = status.state

    @staticmethod
    def _who(people: list[Profile]) -> Content:
        if len(people) == 1:
            return say(messages.HOME_WHO_SOLO, name=people[0].name)
        return say(messages.HOME_WHO_COUPLE, a=people[0].name, b=people[1].name)

    @staticmethod
    def _journal_hint(solo: bool) -> Content:
        return plain(messages.HOME_JOURNAL_HINT_SOLO if solo else messages.HOME_JOURNAL_HINT)

    @staticmethod
    def _status_text(status: Status) -> Content:
        if status.paused_earlier and status.draft is not None:
            text = messages.STATUS_PAUSED_EARLIER.format(week=week_label(status.draft.week))
        elif status.state is WeekState.IN_PROGRESS and status.turn is not None:
            # Whose turn it is, never what they answered.
            text = messages.STATUS_TURN.format(name=status.turn.name)
        elif status.state is WeekState.IN_PROGRESS:
            text = messages.STATUS_IN_PROGRESS
        elif status.state is WeekState.DONE and status.due_at is not None:
            text = messages.STATUS_DONE_UNTIL.format(when=day_time_label(status.due_at))
        elif status.state is WeekState.DONE:
            text = messages.STATUS_DONE.format(week=week_label(status.next_due))
        elif status.state is WeekState.UPCOMING and status.due_at is not None:
            # The couple's chosen day and time has not come: they may still start early.
            text = messages.STATUS_UPCOMING.format(when=day_time_label(status.due_at))
        else:
            text = messages.STATUS_DUE
        return plain(text)

    @staticmethod
    def _week_text(status: Status) -> Content:
        return say(messages.HOME_WEEK, week=week_label(status.week))

    @staticmethod
    def _go_label(status: Status) -> str:
        resume = status.state is WeekState.IN_PROGRESS
        return messages.HOME_RESUME if resume else messages.HOME_CHECK_IN

    @staticmethod
    def _can_start(status: Status) -> bool:
        # One check-in a week: once this week's is done there is nothing to start until the next.
        return status.state is not WeekState.DONE

    def _focus_first(self) -> None:
        go, journal = self.query_one("#go", Button), self.query_one("#journal", Button)
        go.set_class(go.display, FIRST_FOCUS)
        journal.set_class(not go.display, FIRST_FOCUS)
        (go if go.display else journal).focus()

    def _commitments(self, people: list[Profile]) -> list[Static]:
        """The commitments set at the last check-in, or a line saying there are none."""
        names = {p.id: p.name for p in people}
        rows: list[Static] = []
        for c in self.services.week.open_commitments():
            rows.extend(self._commitment_rows(c, names, solo=len(people) == 1))
        if not rows:
            had = self.services.week.had_commitments()
            none = messages.HOME_NO_COMMITMENTS_LAST if had else messages.HOME_NO_COMMITMENTS
            rows.append(Static(none, classes="muted", markup=False))
        return rows

    def _show_trend(self) -> None:
        """Home's trend line again (the data may have changed while home was covered)."""
        trend = self._trend()
        self.query_one("#trend-box", Horizontal).display = trend is not None
        if trend is not None:
            self.query_one("#trend", Static).update(trend)

    def _trend(self) -> Content | None:
        """Both trust indexes over the last 26 weeks as sparklines, once there are two
        check-ins (None before). Only those weeks are read (``TrendsService.recent``): part of
        home's one read, so the first frame is the whole of home."""
        from trustcheck.export.sparkline import render_sparkline

        report = self.services.trends.recent(TREND_WEEKS)
        if not (report.has_trend and report.persons):
            return None
        names = [visible_controls(p.profile.name) for p in report.persons]
        pad = max(len(n) for n in names)
        lines = [plain(messages.HOME_TREND_TITLE, "$foreground-muted")]
        for i, (name, person) in enumerate(zip(names, report.persons, strict=True)):
            spark = render_sparkline(person.values(), TREND_WEEKS, low=0, high=100)
            lines.append(
                Content.assemble(
                    f"{name:<{pad}}  ",
                    (spark, TREND_STYLES[i % 2]),
                    f"  {score(person.latest)}",
                )
            )
        return Content("\n").join(lines)

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
            return getattr(self, "state", None) in (WeekState.DUE, WeekState.UPCOMING)
        if action in ("resume", "discard"):
            return in_progress
        return True

    @on(Button.Pressed, "#go")
    def action_checkin(self) -> None:
        from trustcheck.tui.navigation import navigator

        navigator(self.app).open_checkin()

    def action_resume(self) -> None:
        self.action_checkin()

    @on(Button.Pressed, "#discard")
    def action_discard(self) -> None:
        """Discard the check-in in progress: asks once more, naming what is lost."""
        from trustcheck.tui.screens.stop import ask_to_discard

        draft = self.services.checkins.draft()
        if draft is None:
            return
        ask_to_discard(self.app, self.services, draft, self._discarded)

    def _discarded(self) -> None:
        self.run_worker(self.refresh_status(), exclusive=True, group="home-status")

    @on(Button.Pressed, "#trends")
    def action_trends(self) -> None:
        # Imported here: the screen and its chart widgets cost ~4 ms the first frame need not pay.
        from trustcheck.tui.screens.trends import open_trends

        open_trends(self.app, self.services)

    # The screens below are imported when opened: the first frame of home need not pay for them.
    @on(Button.Pressed, "#history")
    def action_history(self) -> None:
        from trustcheck.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.services))

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
