"""Step 6, close: the week in short, and when the next check-in is due."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from trustcheck import messages
from trustcheck.core.clock import week_label
from trustcheck.core.models import Checkin, CheckinStatus, CommitmentState
from trustcheck.services import Services
from trustcheck.services.commitments import how_it_went, latest_open
from trustcheck.tui.screens.step import StepScreen
from trustcheck.tui.text import plain, say
from trustcheck.tui.widgets.commitments import waiting_words
from trustcheck.tui.widgets.footer import Footer


class CloseScreen(StepScreen):
    AUTO_FOCUS = "#home"

    DEFAULT_CSS = """
    CloseScreen VerticalScroll {
        padding: 1 2;
    }
    CloseScreen .line {
        padding-left: 2;
    }
    CloseScreen #next {
        margin-top: 1;
        text-style: bold;
    }
    CloseScreen #thanks {
        margin-top: 1;
    }
    CloseScreen Button {
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,ctrl+n", "home", "Home", key_display="enter"),
        Binding("escape", "home", "Home", show=False),
    ]

    def __init__(self, services: Services, checkin: Checkin) -> None:
        super().__init__(services, checkin)
        checkins = services.checkins
        if checkin.status is CheckinStatus.IN_PROGRESS:
            self.summary = checkins.complete(checkin)  # resumed at the last step
        else:
            self.summary = checkins.summary(checkin)

    def compose(self) -> ComposeResult:
        summary = self.summary
        names = {p.id: p.name for p in summary.people}
        solo = len(summary.people) == 1
        with VerticalScroll():
            yield Static(messages.CLOSE_TITLE, classes="title", markup=False)
            for person, index, overall in zip(
                summary.people, summary.index, summary.overall, strict=False
            ):
                yield Static(
                    say(
                        messages.CLOSE_INDEX,
                        name=person.name,
                        index=messages.REVEAL_MISSING if index is None else f"{index:.1f}",
                        overall=messages.REVEAL_MISSING if overall is None else f"{overall}/10",
                    ),
                    classes="line",
                )
            yield Static(messages.CLOSE_REVIEWED, classes="section", markup=False)
            if not summary.looked_back:
                yield Static(messages.CLOSE_NONE, classes="line muted", markup=False)
            shown, waiting = latest_open(summary.looked_back)
            for o in shown:
                c = o.commitment
                owner = "" if solo else f"{names.get(c.owner_id, '')}: "
                how = how_it_went(o, names)
                if o.state is CommitmentState.OPEN:
                    how = messages.CLOSE_COMES_BACK.format(how=how)
                yield Static(plain(f"{owner}{c.text} — {how}"), classes="line")
            if waiting:
                yield Static(plain(waiting_words(waiting)), classes="line muted")
            yield Static(messages.CLOSE_NEW, classes="section", markup=False)
            if not summary.new_commitments:
                yield Static(messages.CLOSE_NONE, classes="line muted", markup=False)
            for c in summary.new_commitments:
                owner = "" if solo else f"{names.get(c.owner_id, '')}: "
                yield Static(plain(f"{owner}{c.text}"), classes="line")
            yield Static(say(messages.CLOSE_NEXT, week=week_label(summary.next_due)), id="next")
            yield Static(
                plain(messages.CLOSE_THANKS_SOLO if solo else messages.CLOSE_THANKS), id="thanks"
            )
            yield Button(messages.CLOSE_HOME, id="home", variant="primary")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "abandon"  # it is finished: escape just goes home

    @on(Button.Pressed, "#home")
    def action_home(self) -> None:
        self.go_home()
