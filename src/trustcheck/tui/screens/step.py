"""What every check-in step shares: the services, the draft, moving on, and stopping."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from trustcheck import messages
from trustcheck.core.models import Checkin, Step
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinMovedOn
from trustcheck.tui.screens.confirm import ConfirmDialog


def step_screen(services: Services, checkin: Checkin | None) -> Screen[None]:
    """The screen for a stored step, so a resumed check-in lands where it stopped."""
    # Imported here: every step screen imports this module.
    from trustcheck.tui.screens.answer import AnswerScreen
    from trustcheck.tui.screens.close import CloseScreen
    from trustcheck.tui.screens.commitments import CommitmentsScreen
    from trustcheck.tui.screens.handover import HandoverScreen
    from trustcheck.tui.screens.open import OpenScreen
    from trustcheck.tui.screens.reveal import RevealScreen

    if checkin is None or checkin.step is Step.OPEN:
        return OpenScreen(services, checkin)
    if checkin.step in (Step.ANSWER_A, Step.ANSWER_B):
        return AnswerScreen(services, checkin)
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

    def move_on(self, checkin: Checkin) -> None:
        """Store the next step and show it; if another window moved the draft on, follow it."""
        try:
            moved = self.services.checkins.advance_from(checkin)
        except CheckinMovedOn as exc:
            self.app.notify(str(exc), severity="warning", markup=False)
            if exc.current is None:
                self.go_home()
            else:
                self.go_to(exc.current)
            return
        self.go_to(moved)

    def go_home(self) -> None:
        self.app.pop_screen()

    def action_abandon(self) -> None:
        checkin = self.checkin
        if checkin is None:
            self.go_home()  # nothing started yet, nothing to stop
            return

        def decided(stop: bool | None) -> None:
            if stop:
                self.services.checkins.abandon(checkin)
                self.go_home()
                self.app.notify(messages.ABANDONED_NOTE, markup=False)

        self.app.push_screen(
            ConfirmDialog(messages.ABANDON_QUESTION, messages.ABANDON_YES, messages.ABANDON_NO),
            decided,
        )
