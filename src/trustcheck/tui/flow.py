"""The check-in's one owner of navigation: which screen shows a stored step, and the moves
between them (start or resume, the next step, a turn opened past its gate, back home).

The step screens ask for a move through their app (``tui/navigation.py``), and the app hands
it here; no step screen imports another, nor this module, so this is the only place that knows
them all (an import-linter contract in ``pyproject.toml`` keeps it so). Imported when a
check-in is first opened, and each step's screen is imported when that step is first shown:
home's first frame pays for none of them, and opening a check-in only for its first screen
(the answering screen, with its text editor, is the heaviest, and comes after the gate).
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen

from trustcheck.core.models import Checkin, Step
from trustcheck.services import Services
from trustcheck.tui.screens.home import HomeScreen


def step_screen(services: Services, checkin: Checkin | None) -> Screen[None]:
    """The screen for a stored step, so a resumed check-in lands where it stopped.

    An answering step always opens behind its turn's gate (however it is reached: home,
    ``trustcheck checkin``, another window following): nothing of that person's answers shows
    before they press Enter.
    """
    if checkin is None or checkin.step is Step.OPEN:
        from trustcheck.tui.screens.open import OpenScreen

        return OpenScreen(services, checkin)
    if checkin.step in (Step.ANSWER_A, Step.ANSWER_B):
        from trustcheck.tui.screens.gate import TurnGateScreen

        return TurnGateScreen(services, checkin)
    if checkin.step is Step.HANDOVER:
        from trustcheck.tui.screens.handover import HandoverScreen

        return HandoverScreen(services, checkin)
    if checkin.step is Step.REVEAL:
        from trustcheck.tui.screens.reveal import RevealScreen

        return RevealScreen(services, checkin)
    if checkin.step is Step.COMMITMENTS:
        from trustcheck.tui.screens.commitments import CommitmentsScreen

        return CommitmentsScreen(services, checkin)
    from trustcheck.tui.screens.close import CloseScreen

    return CloseScreen(services, checkin)


def open_checkin(app: App[Any], services: Services) -> None:
    """Over home: the check-in in progress where it stopped, else this week's opening step."""
    app.push_screen(step_screen(services, services.checkins.draft()))


def show_step(app: App[Any], services: Services, checkin: Checkin) -> None:
    """The screen for ``checkin``'s stored step, in place of the current one."""
    app.switch_screen(step_screen(services, checkin))


def open_turn(app: App[Any], services: Services, checkin: Checkin) -> None:
    """In place of the turn's gate (or the hand-over, which is the second turn's gate): the
    private safety check when it comes first (issue 15), else the answering screen."""
    if safety_first(services, checkin):
        from trustcheck.tui.screens.safety import SafetyScreen

        app.switch_screen(SafetyScreen(services, checkin))
    else:
        open_answers(app, services, checkin)


def safety_first(services: Services, checkin: Checkin) -> bool:
    """Whether the private safety check opens this turn: before the person's other questions,
    so only while they have answered none of them and kept no safety note for this check-in.
    (Nothing about a person's answers shows here: the check is the same for a yes and a no.)"""
    person = services.checkins.answering(checkin)
    if person is None or services.safety.answered(checkin.id, person.id):
        return False
    return not services.checkins.turn_answers(checkin.id, person.id)


def open_answers(app: App[Any], services: Services, checkin: Checkin) -> None:
    """The answering screen of ``checkin``'s turn, in place of the safety check or the gate."""
    from trustcheck.tui.screens.answer import AnswerScreen

    app.switch_screen(AnswerScreen(services, checkin))


def leave_checkin(app: App[Any]) -> None:
    """Back to home, closing every check-in screen on the way (a review over its turn too)."""
    while len(app.screen_stack) > 1 and not isinstance(app.screen, HomeScreen):
        app.pop_screen()
