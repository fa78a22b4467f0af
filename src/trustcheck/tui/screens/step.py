"""What every check-in step shares: the services, the draft, moving on, and stopping.

A step screen moves on by asking its app (``tui/navigation.py``); which screen shows the next
step is decided by ``tui/flow.py`` alone. No step screen imports another one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from trustcheck import messages
from trustcheck.core.models import Checkin
from trustcheck.services import Services
from trustcheck.services.checkin import CheckinMovedOn
from trustcheck.tui.navigation import navigator
from trustcheck.tui.screens.stop import Stop, StopDialog, ask_to_discard


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
        navigator(self.app).show_step(checkin)

    def move_on(
        self, checkin: Checkin, show: Callable[[Checkin], None] | None = None
    ) -> None:
        """Store the next step and show it (with ``show``, else its own screen); if another
        window moved the draft on, follow it."""
        try:
            moved = self.services.checkins.advance_from(checkin)
        except CheckinMovedOn as exc:
            self.follow_moved_on(exc)
            return
        (show or self.go_to)(moved)

    def follow_moved_on(self, moved_on: CheckinMovedOn) -> None:
        """Another window moved the draft on (or ended it): say so, and show where it is now."""
        self.app.notify(str(moved_on), severity="warning", markup=False)
        if moved_on.current is None:
            self.go_home()
        else:
            self.go_to(moved_on.current)

    def open_turn(self, checkin: Checkin) -> None:
        """Show the answering screen of ``checkin``'s turn in place of this one (its gate)."""
        navigator(self.app).open_turn(checkin)

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
    navigator(app).leave_checkin()


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
