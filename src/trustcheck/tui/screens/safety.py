"""The private safety check (CONTENT.md, "Care and safety"; issue 15), behind each person's own turn
gate and before their other questions: the safety question, then a short set on coercive control.

The same phases follow whatever is answered, with the same keys, so nothing the partner could see
or hear afterwards (how many screens, which keys) tells a yes from a no:

1. the question (y / n; s skips the whole check and stores nothing);
2. the control set, one question at a time (y / n / s);
3. after a yes, the calm help screen (support lines, what to do next); after a no, a neutral one
   of the same shape. Both offer the same discreet choice: go on (enter), or end this week's
   joint part (e), which shows only "We'll stop here for this week";
4. only then, and only if the person wants: keep a sealed note of the answers (k, which may ask
   for a passphrase) or keep nothing (d).

ctrl+l hides the screen at once (back to the neutral gate of the turn; nothing is kept).

A few lines over 400 on purpose: every phase is one screen with one set of keys, so that a yes
and a no look alike from outside, and they read best together.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.core.models import Checkin, Profile
from trustcheck.services import Services
from trustcheck.services.errors import CryptoError
from trustcheck.services.safety import CONTROL_TOPICS, SafetyAnswer, SafetyCheck
from trustcheck.tui.navigation import navigator
from trustcheck.tui.screens.step import StepScreen
from trustcheck.tui.screens.support import emergency_number, support_lines
from trustcheck.tui.screens.unlock import with_key
from trustcheck.tui.text import say
from trustcheck.tui.widgets.footer import Footer


class Phase(StrEnum):
    QUESTION = "question"
    CONTROL = "control"
    AFTER = "after"
    KEEP = "keep"


#: Which keys each phase takes (the others are hidden from the footer and do nothing).
_PHASE_ACTIONS: dict[Phase, set[str]] = {
    Phase.QUESTION: {"answer", "skip_this"},
    Phase.CONTROL: {"answer", "skip_this"},
    Phase.AFTER: {"go_on", "end_week"},
    Phase.KEEP: {"keep", "dont_keep"},
}
_ALL_ACTIONS = set().union(*_PHASE_ACTIONS.values())


class SafetyScreen(StepScreen):
    """The private check of the person whose turn it is, in place of their turn's gate."""

    DEFAULT_CSS = """
    SafetyScreen {
        align: center middle;
    }
    SafetyScreen #safety-box {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 3;
        border: round $primary 50%;
    }
    SafetyScreen .title {
        text-style: bold;
        margin-bottom: 1;
    }
    SafetyScreen .muted {
        color: $text-muted;
        margin-top: 1;
    }
    SafetyScreen .section {
        text-style: bold;
        margin-top: 1;
    }
    SafetyScreen .step, SafetyScreen .resource {
        padding-left: 2;
    }
    SafetyScreen .resource.muted {
        margin-top: 0;
        margin-bottom: 1;
    }
    SafetyScreen Horizontal {
        height: auto;
        margin-top: 1;
    }
    SafetyScreen Horizontal Button {
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('yes')", messages.SAFETY_YES),
        Binding("n", "answer('no')", messages.SAFETY_NO),
        # Not "skip": help explains that one as a rated question's skip, stored as skipped.
        Binding("s", "skip_this", messages.SAFETY_SKIP),
        Binding("enter,g", "go_on", messages.SAFETY_GO_ON, key_display="enter"),
        # One of the two is offered (check_action): the words for two people, or for one.
        Binding("e", "end_week('joint')", messages.SAFETY_END_WEEK),
        Binding("e", "end_week('solo')", messages.SAFETY_END_WEEK_SOLO),
        Binding("k", "keep", messages.SAFETY_KEEP),
        Binding("d", "dont_keep", messages.SAFETY_DONT_KEEP),
        # A priority binding so nothing focused can swallow it.
        Binding("ctrl+l", "hide", "Hide", priority=True),
    ]

    #: No focus on arrival: a stray Enter presses no button before the question is read.
    AUTO_FOCUS = ""

    def __init__(self, services: Services, checkin: Checkin) -> None:
        super().__init__(services, checkin)
        self.turn = checkin
        person = services.checkins.answering(checkin)
        assert person is not None, "the safety check is shown at an answering step"
        self.person: Profile = person
        self.phase = Phase.QUESTION
        self.answer: SafetyAnswer | None = None
        self.control: dict[str, SafetyAnswer | None] = {}
        self.topic = 0  # the control question shown
        self.end_week = False
        #: True while a phase is being drawn, or a passphrase is asked: keys are not taken.
        self.busy = False

    # --- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with VerticalScroll(id="safety-box"):
            yield from self._question_widgets()
        yield Footer()

    @property
    def total(self) -> int:
        return 1 + len(CONTROL_TOPICS)

    def _question_widgets(self) -> list[Widget]:
        return [
            Static(messages.SAFETY_TITLE, classes="title", markup=False),
            Static(say(messages.SAFETY_STEP, n="1", total=str(self.total)), classes="muted"),
            Static(messages.SAFETY_QUESTION, id="question", markup=False),
            Static(messages.SAFETY_PRIVACY, classes="muted", markup=False),
            Horizontal(
                Button(messages.SAFETY_YES, id="yes"),
                Button(messages.SAFETY_NO, id="no"),
                Button(messages.SAFETY_SKIP_ALL, id="skip"),
            ),
            Static(messages.SAFETY_KEYS, classes="muted", markup=False),
        ]

    def _control_widgets(self) -> list[Widget]:
        topic = CONTROL_TOPICS[self.topic]
        n = str(self.topic + 2)
        return [
            Static(messages.CONTROL_TITLE, classes="title", markup=False),
            Static(say(messages.SAFETY_STEP, n=n, total=str(self.total)), classes="muted"),
            Static(messages.CONTROL_INTRO, markup=False),
            Static(messages.CONTROL_QUESTIONS[topic], id="question", markup=False),
            Horizontal(
                Button(messages.SAFETY_YES, id="yes"),
                Button(messages.SAFETY_NO, id="no"),
                Button(messages.SAFETY_SKIP, id="skip"),
            ),
            Static(messages.CONTROL_KEYS, classes="muted", markup=False),
        ]

    def _after_widgets(self) -> list[Widget]:
        """The calm help screen after any yes; a neutral one of the same shape otherwise. The
        week's choice comes right after what to do next (it is one of those things), then the
        support lines: on both, so that even from across the room the two look alike (and a
        no that was hard to say still has them in reach)."""
        solo = self.turn.solo
        week: list[Widget] = [
            Static(messages.SAFETY_WEEK_TITLE, classes="section", markup=False),
            Static(
                messages.SAFETY_WEEK_BODY_SOLO if solo else messages.SAFETY_WEEK_BODY, markup=False
            ),
            Horizontal(
                Button(messages.SAFETY_GO_ON, id="go-on", variant="primary"),
                Button(
                    messages.SAFETY_END_WEEK_SOLO if solo else messages.SAFETY_END_WEEK,
                    id="end-week",
                ),
            ),
            Static(
                messages.SAFETY_AFTER_KEYS_SOLO if solo else messages.SAFETY_AFTER_KEYS,
                classes="muted",
                markup=False,
            ),
        ]
        if not self.concerning:
            return [
                Static(messages.SAFETY_CLEAR_TITLE, classes="title", markup=False),
                Static(messages.SAFETY_CLEAR_BODY, markup=False),
                *week,
                *support_lines(self.services),
            ]
        widgets: list[Widget] = [
            Static(messages.SAFETY_HELP_TITLE, classes="title", markup=False),
            Static(messages.SAFETY_HELP_BODY, markup=False),
            Static(messages.SAFETY_NEXT_TITLE, classes="section", markup=False),
        ]
        emergency = emergency_number(self.services)
        for step in messages.SAFETY_NEXT_STEPS:
            widgets.append(Static(say("• " + step, emergency=emergency), classes="step"))
        return [*widgets, *week, *support_lines(self.services)]

    def _keep_widgets(self) -> list[Widget]:
        return [
            Static(messages.SAFETY_KEEP_TITLE, classes="title", markup=False),
            Static(messages.SAFETY_KEEP_BODY, markup=False),
            Horizontal(
                Button(messages.SAFETY_DONT_KEEP, id="dont-keep", variant="primary"),
                Button(messages.SAFETY_KEEP, id="keep"),
            ),
            Static(messages.SAFETY_KEEP_KEYS, classes="muted", markup=False),
            Static(messages.SAFETY_HIDE_NOTE, classes="muted", markup=False),
        ]

    async def _show(self, phase: Phase) -> None:
        self.busy = True
        self.phase = phase
        widgets = {
            Phase.QUESTION: self._question_widgets,
            Phase.CONTROL: self._control_widgets,
            Phase.AFTER: self._after_widgets,
            Phase.KEEP: self._keep_widgets,
        }[phase]()
        box = self.query_one("#safety-box", VerticalScroll)
        await box.remove_children()
        await box.mount_all(widgets)
        box.scroll_home(animate=False)
        self.set_focus(None)
        self.busy = False
        self.refresh_bindings()

    @property
    def concerning(self) -> bool:
        """Any yes, to the question or the control set."""
        return self.answer is SafetyAnswer.YES or SafetyAnswer.YES in self.control.values()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        words = "solo" if self.turn.solo else "joint"
        if action == "end_week" and parameters and parameters[0] != words:
            return False
        if action in _ALL_ACTIONS:
            return action in _PHASE_ACTIONS[self.phase] and not self.busy
        return super().check_action(action, parameters)

    # --- the questions --------------------------------------------------------------------------
    @on(Button.Pressed, "#yes")
    async def _yes(self) -> None:
        await self.action_answer("yes")

    @on(Button.Pressed, "#no")
    async def _no(self) -> None:
        await self.action_answer("no")

    @on(Button.Pressed, "#skip")
    async def _skip(self) -> None:
        await self.action_skip_this()

    async def action_answer(self, raw: str) -> None:
        if self.busy or self.phase not in (Phase.QUESTION, Phase.CONTROL):
            return
        answer = SafetyAnswer(raw)
        if self.phase is Phase.QUESTION:
            self.answer = answer
        else:
            self.control[CONTROL_TOPICS[self.topic]] = answer
        await self._next_question()

    async def action_skip_this(self) -> None:
        if self.busy:
            return
        if self.phase is Phase.QUESTION:
            self._to_answers()  # the whole check skipped: nothing shown, nothing stored
        elif self.phase is Phase.CONTROL:
            self.control[CONTROL_TOPICS[self.topic]] = None
            await self._next_question()

    async def _next_question(self) -> None:
        if self.phase is Phase.QUESTION:
            self.topic = 0
            await self._show(Phase.CONTROL)
        elif self.topic + 1 < len(CONTROL_TOPICS):
            self.topic += 1
            await self._show(Phase.CONTROL)
        else:
            await self._show(Phase.AFTER)

    # --- after: go on, or end this week's joint part --------------------------------------------
    @on(Button.Pressed, "#go-on")
    async def action_go_on(self) -> None:
        if self.busy or self.phase is not Phase.AFTER:
            return
        self.end_week = False
        await self._show(Phase.KEEP)

    @on(Button.Pressed, "#end-week")
    async def _end_week_pressed(self) -> None:
        await self.action_end_week()

    async def action_end_week(self, kind: str = "joint") -> None:
        if self.busy or self.phase is not Phase.AFTER:
            return
        self.end_week = True
        await self._show(Phase.KEEP)

    # --- keeping a sealed note, only if wanted --------------------------------------------------
    @on(Button.Pressed, "#dont-keep")
    def action_dont_keep(self) -> None:
        if self.busy or self.phase is not Phase.KEEP:
            return
        self._done()

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        if self.busy or self.phase is not Phase.KEEP or self.answer is None:
            return
        check = SafetyCheck(self.answer, dict(self.control))
        self.busy = True

        def keyed(unlocked: bool) -> None:
            self.busy = False
            stored = False
            if unlocked:
                try:
                    self.services.safety.record(self.turn.id, self.person.id, check)
                    stored = True
                except CryptoError:
                    stored = False
            # Nothing stays unlocked behind this screen: the turn starts locked, as at its gate.
            self.services.keys.lock(self.person.id)
            self.app.refresh_bindings()
            note = messages.SAFETY_STORED if stored else messages.SAFETY_NOT_STORED
            self.app.notify(note, markup=False, timeout=4)
            self._done()

        with_key(self.app, self.services, self.person, keyed, title=messages.SAFETY_UNLOCK)

    def _done(self) -> None:
        self.answer = None
        self.control = {}
        if not self.end_week:
            self._to_answers()
            return
        self.services.checkins.end_for_this_week(self.turn)
        app = self.app
        self.go_home()
        app.push_screen(WeekStoppedScreen())

    def _to_answers(self) -> None:
        navigator(self.app).open_answers(self.turn)

    def action_hide(self) -> None:
        """Gone at once, nothing kept: back to the turn's neutral gate."""
        self.answer = None
        self.control = {}
        self.services.keys.lock(self.person.id)
        self.go_to(self.turn)


class WeekStoppedScreen(ModalScreen[None]):
    """One neutral sentence, the same whoever ended the week's joint part and why."""

    DEFAULT_CSS = """
    WeekStoppedScreen {
        align: center middle;
    }
    WeekStoppedScreen > VerticalScroll {
        width: 56;
        max-width: 95%;
        height: auto;
        padding: 1 3;
        border: round $primary;
        background: $surface;
    }
    WeekStoppedScreen #stopped {
        text-style: bold;
    }
    WeekStoppedScreen .muted {
        color: $text-muted;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(messages.WEEK_STOPPED, id="stopped", markup=False)
            yield Static(messages.WEEK_STOPPED_KEYS, classes="muted", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
