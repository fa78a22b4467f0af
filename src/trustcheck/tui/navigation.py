"""What a screen asks of its app to move through the check-in (the app's side: ``tui/flow.py``).

The step screens never import one another, nor the module that decides which screen shows a step:
they ask here, and the app hands each request to ``tui/flow.py``, the one owner of the check-in's
navigation. So the screens know no screen of another step, and nothing of ours imports in a circle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.app import App

    from trustcheck.core.models import Checkin


@runtime_checkable
class Navigator(Protocol):
    """The check-in's moves, as the app offers them."""

    def open_checkin(self) -> None:
        """Over home: the screen of the check-in in progress (where it stopped), else Start."""

    def show_step(self, checkin: Checkin) -> None:
        """In place of the current screen: the screen for ``checkin``'s stored step."""

    def open_turn(self, checkin: Checkin) -> None:
        """In place of the current screen: ``checkin``'s turn past its gate (the person said they
        are ready): the private safety check first, when it comes before their questions, else
        the answering screen."""

    def open_answers(self, checkin: Checkin) -> None:
        """In place of the current screen (the safety check): the answering screen of the turn."""

    def leave_checkin(self) -> None:
        """Back to home, closing every check-in screen on the way (a review over a turn too)."""


def navigator(app: App[Any]) -> Navigator:
    """``app`` as the check-in's navigator (the trustcheck app is one)."""
    if not isinstance(app, Navigator):
        raise TypeError(f"{type(app).__name__} does not navigate the check-in")
    return app
