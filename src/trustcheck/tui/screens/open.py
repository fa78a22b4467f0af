"""Step 1, open: who is checking in, the week, the ground rules."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from trustcheck import messages
from trustcheck.content import conversation
from trustcheck.core.clock import week_label
from trustcheck.core.models import Checkin, Profile, Step
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinError, CheckinMovedOn
from trustcheck.tui.screens.step import StepScreen
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.footer import Footer


class OpenScreen(StepScreen):
    """Who checks in, the week, the ground rules, and Start.

    A window left here follows a check-in that another window starts (or moves on) by itself,
    without a key (README, "two terminals"). It looks once every ``FOLLOW_EVERY`` seconds, and
    that poll is the design, not a stopgap: the other window is another process, and neither
    SQLite nor the terminal tells this one when it writes (no cross-process notification; a
    file watch would be platform-specific, a new dependency, and woken by every other write,
    journal and answers alike). A look is one indexed ``SELECT`` (the draft, if any), made only
    while this screen shows: the timer is paused under a dialog or help. Keys need no look of
    their own: Start, like every later move, already follows the other window.
    """

    DEFAULT_CSS = """
    OpenScreen VerticalScroll {
        padding: 1 2;
    }
    OpenScreen #who-list {
        height: auto;
        max-height: 5;
        width: 60;
        max-width: 100%;
        margin-bottom: 1;
    }
    OpenScreen #rules {
        padding: 0 2;
        margin-bottom: 1;
    }
    OpenScreen #start {
        margin-top: 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "start", "Start"),
    ]

    #: How often (seconds) a window waiting here looks for a check-in started in another window.
    FOLLOW_EVERY: ClassVar[float] = 1.0

    def __init__(self, services: Services, checkin: Checkin | None) -> None:
        super().__init__(services, checkin)
        self.people: list[Profile] = services.profiles.people()
        self._follow_timer: Timer | None = None
        # The choices of who checks in, in the order shown: both first.
        self.choices: list[list[Profile]] = []
        if checkin is None and len(self.people) == 2:
            self.choices = [self.people, [self.people[0]], [self.people[1]]]

    def compose(self) -> ComposeResult:
        week = self.services.checkins.this_week() if self.checkin is None else self.checkin.week
        with VerticalScroll():
            yield Static(messages.OPEN_TITLE, classes="title", markup=False)
            yield Static(say(messages.OPEN_WEEK, week=week_label(week)), classes="muted")
            if self.choices:
                yield Static(messages.OPEN_WHO, classes="section", markup=False)
                a, b = self.people
                yield OptionList(
                    Option(say(messages.OPEN_BOTH, a=a.name, b=b.name)),
                    Option(say(messages.OPEN_ONLY, name=a.name)),
                    Option(say(messages.OPEN_ONLY, name=b.name)),
                    id="who-list",
                )
            else:
                names = [p.name for p in self._fixed_people()]
                yield Static(say(messages.OPEN_FIXED, names=" and ".join(names)), classes="section")
            yield Static(messages.OPEN_RULES_TITLE, classes="section", markup=False)
            solo = not self.choices and len(self._fixed_people()) == 1
            words = conversation()
            rules = words.ground_rules_solo if solo else words.ground_rules
            yield Static(plain("\n".join(f"•  {rule}" for rule in rules)), id="rules")
            yield Static(plain(self._cost()), id="cost", classes="muted")
            with Vertical(classes="buttons"):
                yield Button(messages.OPEN_START, id="start", variant="primary")
            yield Static(plain(messages.NOT_THERAPY), classes="muted small")
        yield Footer()

    def _cost(self) -> str:
        """The modules switched on, the questions each adds, and about how long it all takes:
        said plainly when it goes past the usual 15–25 minutes."""
        from trustcheck.core.cost import fits_the_promise

        people = self.people if self.choices else self._fixed_people()
        cost = self.services.checkins.cost([p.id for p in people])
        lines = []
        if cost.modules:
            each = "; ".join(
                messages.MODULE_COST.format(title=title, n=n) for title, n in cost.modules
            )
            lines.append(messages.MODULES_ON.format(modules=each))
        words = messages.CHECKIN_FITS if fits_the_promise(cost.minutes) else messages.CHECKIN_LONGER
        lines.append(words.format(minutes=cost.minutes))
        return "\n".join(lines)

    def _fixed_people(self) -> list[Profile]:
        if self.checkin is not None:
            return list(self.services.checkins.people(self.checkin))
        return self.people

    def on_mount(self) -> None:
        # Two windows on one folder: this one follows a check-in another window starts or moves
        # on, rather than waiting to be told when Start is pressed (README, "two terminals").
        self._follow_timer = self.set_interval(self.FOLLOW_EVERY, self.follow_elsewhere)
        if self.choices:
            option_list = self.query_one(OptionList)
            option_list.highlighted = 0
            option_list.focus()
        else:
            self.query_one("#start", Button).focus()

    def on_screen_suspend(self) -> None:
        if self._follow_timer is not None:
            self._follow_timer.pause()  # nothing to follow while another screen is over this one

    def on_screen_resume(self) -> None:
        if self._follow_timer is not None:
            self._follow_timer.resume()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._start(self.choices[event.option_index])

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if self.choices:
            highlighted = self.query_one(OptionList).highlighted
            self._start(self.choices[highlighted or 0])
        else:
            self._start(self._fixed_people())

    def follow_elsewhere(self) -> None:
        """Go to the check-in another window started or moved on from here, if there is one."""
        if not self.is_current:
            return
        draft = self.services.checkins.draft()
        if draft is None or draft.step is Step.OPEN:
            return
        if self.checkin is not None and draft.id != self.checkin.id:
            return  # not the one shown here (it was stopped meanwhile): Start says so
        moved = (
            messages.CHECKIN_STARTED_ELSEWHERE
            if self.checkin is None
            else messages.CHECKIN_MOVED_ON
        )
        self.app.notify(moved, severity="warning", markup=False)
        self.go_to(draft)

    def _start(self, people: list[Profile]) -> None:
        checkins = self.services.checkins
        try:
            checkin = self.checkin or checkins.start([p.id for p in people])
        except CheckinMovedOn as exc:
            self.follow_moved_on(exc)
            return
        except CheckinError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.checkin = checkin
        self.move_on(checkin)
