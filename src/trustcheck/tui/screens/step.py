"""What every check-in step shares: the services, the draft, moving on, and stopping."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from trustcheck import messages
from trustcheck.core.models import Checkin, Step
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinMovedOn
from trustcheck.tui.screens.stop import Stop, StopDialog, ask_to_discard


def step_screen(services: Services, checkin: Checkin | None) -> Screen[None]:
    """The screen for a stored step, so a resumed check-in lands where it stopped.

    An answering step always opens behind its turn's gate (however it is reached: home,
    ``trustcheck checkin``, another window following): nothing of that person's answers shows
    before they press Enter.
    """
    # Imported here: every step screen imports this module.
    from trustcheck.tui.screens.close import CloseScreen
    from trustcheck.tui.screens.commitments import CommitmentsScreen
    from trustcheck.tui.screens.gate import TurnGateScreen
    from trustcheck.tui.screens.handover import HandoverScreen
    from trustcheck.tui.screens.open import OpenScreen
    from trustcheck.tui.screens.reveal import RevealScreen

    if checkin is None or checkin.step is Step.OPEN:
        return OpenScreen(services, checkin)
    if checkin.step in (Step.ANSWER_A, Step.ANSWER_B):
        return TurnGateScreen(services, checkin)
    if checkin.step is Step.HANDOVER:
        return HandoverScreen(services, checkin)
    if checkin.step is Step.REVEAL:
        return RevealScreen(services, checkin)
    if checkin.step is Step.COMMITMENTS:
        return CommitmentsScreen(services, checkin)
    return CloseScreen(services, checkin)


class StepScreen(Screen[None]):
    """A step of the check-in. The home screen lies beneath; stopping pops back to it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "abandon", "Stop"),
        Binding("ctrl+q", "app.quit", "Quit (saved)", priority=True),
        Binding("f1", "app.help", "Help", show=False),
    ]

    def __init__(self, services: Services, checkin: Checkin | None) -> None:
        super().__init__()
        self.services = services
        self.checkin = checkin

    def go_to(self, checkin: Checkin) -> None:
        """Show the screen for the (stored) step of ``checkin`` in place of this one."""
        self.app.switch_screen(step_screen(self.services, checkin))

    def move_on(
        self, checkin: Checkin, show: Callable[[Checkin], None] | None = None
    ) -> None:
        """Store the next step and show it (with ``show``, else its own screen); if another
        window moved the draft on, follow it."""
        try:
            moved = self.services.checkins.advance_from(checkin)
        except CheckinMovedOn as exc:
            self.app.notify(str(exc), severity="warning", markup=False)
            if exc.current is None:
                self.go_home()
            else:
                self.go_to(exc.current)
            return
        (show or self.go_to)(moved)

    def go_home(self) -> None:
        leave_to_home(self.app)

    def action_abandon(self) -> None:
        checkin = self.checkin
        if checkin is None:
            self.go_home()  # nothing started yet, nothing to stop
            return
        ask_to_stop(self.app, self.services, checkin)


def leave_to_home(app: App[Any]) -> None:
    """Back to home, closing every check-in screen on the way (a review over its turn too)."""
    # Imported here: home imports this module's screens lazily, and this one is loaded after it.
    from trustcheck.tui.screens.home import HomeScreen

    while len(app.screen_stack) > 1 and not isinstance(app.screen, HomeScreen):
        app.pop_screen()


def ask_to_stop(app: App[Any], services: Services, checkin: Checkin) -> None:
    """esc during a check-in: pause (keep everything, resume exactly here) or discard (asks once
    more, naming what is lost), or keep going."""

    def decided(choice: Stop | None) -> None:
        if choice is Stop.PAUSE:
            leave_to_home(app)
            app.notify(messages.PAUSED_NOTE, markup=False, timeout=4)
        elif choice is Stop.DISCARD:
            ask_to_discard(app, services, checkin, lambda: leave_to_home(app))

    app.push_screen(StopDialog(), decided)
