"""Step 4, reveal: both partners' area scores side by side, the gaps, the changes, their words."""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from trustcheck import messages
from trustcheck.content import conversation
from trustcheck.core.models import Checkin, Visibility
from trustcheck.services import Services
from trustcheck.services.checkin import Reveal
from trustcheck.services.reveal_grid import BOLD, MARKED, PLAIN, reveal_grid
from trustcheck.services.reveal_grid import reveal_legend as legend_lines
from trustcheck.tui.screens.step import StepScreen
from trustcheck.tui.text import plain, rich_plain, score
from trustcheck.tui.widgets.footer import Footer

#: The Rich style of each kind of cell the reveal grid marks.
STYLES = {PLAIN: "", MARKED: "bold underline", BOLD: "bold"}


def reveal_table(reveal: Reveal) -> Table:
    """The side-by-side table (``services.reveal_grid`` says what each cell holds). Names are
    data: they go in as ``Text``, never markup."""
    grid = reveal_grid(reveal)
    n = len(reveal.people)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold")
    for i, title in enumerate(grid.header):
        head = rich_plain(title)
        if i == 0:
            table.add_column(head, no_wrap=True)
        elif i <= n:  # each person's score
            table.add_column(head, justify="right", min_width=5, max_width=16)
        elif n == 2 and i == n + 1:  # the gap
            table.add_column(head, justify="right", no_wrap=True, min_width=8)
        else:  # each person's change since last time
            table.add_column(head, justify="right", no_wrap=True, min_width=8, max_width=16)
    for row in grid.areas:
        table.add_row(*(Text(c.text, style=STYLES[c.style]) for c in row))
    table.add_section()
    for row in grid.summary:
        table.add_row(*(Text(c.text, style=STYLES[c.style]) for c in row))
    return table


def module_table(reveal: Reveal) -> Table:
    """Switched-on modules' own areas, one row each (private modules are never among them)."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column(messages.REVEAL_AREA, no_wrap=True)
    for person in reveal.people:
        table.add_column(rich_plain(person.name), justify="right", min_width=5, max_width=16)
    for row in reveal.modules:
        title = row.pack.area_heading(row.area)
        table.add_row(rich_plain(title), *(Text(score(v)) for v in row.now))
    return table


def reveal_legend(reveal: Reveal) -> Static:
    """What the table's marks mean (the largest gap, the biggest change) and its scale."""
    return Static(plain("\n".join(legend_lines(reveal))), classes="legend")


def open_answers(reveal: Reveal, none: str) -> ComposeResult:
    """The answers shared at a reveal, under their prompts (``none``: said when there are none).
    The reveal and a past week (history) show them alike."""
    if not reveal.open_answers:
        yield Static(none, classes="muted", markup=False)
        return
    seen: list[str] = []
    for answer in reveal.open_answers:
        if answer.item.id not in seen:
            seen.append(answer.item.id)
            yield Static(plain(answer.item.text), classes="prompt-title")
        therapy = answer.visibility is Visibility.THERAPY
        # The author on a line of their own, the answer indented under them: every line of a
        # multi-line answer lines up, and nobody's words look like someone else's.
        yield Static(
            Content.assemble(
                plain(answer.profile.name, "bold"),
                (f"  {messages.REVEAL_THERAPY_MARK}" if therapy else "", "italic"),
            ),
            classes="open-author",
        )
        yield Static(plain(answer.text), classes="open-answer")


class RevealScreen(StepScreen):
    AUTO_FOCUS = "#reveal-scroll"

    DEFAULT_CSS = """
    RevealScreen VerticalScroll {
        padding: 1 2;
    }
    RevealScreen #table {
        margin: 1 0 0 0;
        width: auto;
    }
    RevealScreen .legend {
        color: $text-muted;
    }
    RevealScreen #talk {
        margin-top: 1;
        padding: 0 1;
        border: round $primary 50%;
        border-title-color: $text;
        height: auto;
    }
    RevealScreen #prompt {
        text-style: bold;
        margin-top: 1;
    }
    RevealScreen .prompt-title {
        margin-top: 1;
        text-style: bold;
    }
    RevealScreen .open-author {
        padding-left: 2;
    }
    RevealScreen .open-answer {
        padding-left: 4;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n,enter", "next", "Continue", key_display="enter"),
        Binding("g", "guides", "Guides"),
    ]

    def __init__(self, services: Services, checkin: Checkin) -> None:
        super().__init__(services, checkin)
        self.turn = checkin
        self.reveal = services.checkins.reveal(checkin)

    def compose(self) -> ComposeResult:
        reveal = self.reveal
        couple = len(reveal.people) == 2
        with VerticalScroll(id="reveal-scroll"):
            title = messages.REVEAL_TITLE if couple else messages.REVEAL_TITLE_SOLO
            yield Static(title, classes="title", markup=False)
            yield Static(plain(messages.REVEAL_INTRO if couple else messages.REVEAL_INTRO_SOLO))
            yield Static(reveal_table(reveal), id="table")
            yield reveal_legend(reveal)
            with Vertical(id="talk") as talk:
                talk.border_title = (
                    messages.REVEAL_TALK_TITLE if couple else messages.REVEAL_TALK_TITLE_SOLO
                )
                if couple:
                    yield Static(plain(conversation().speaker_listener))
                yield Static(plain(reveal.prompt), id="prompt")
            if reveal.modules:
                yield Static(messages.REVEAL_MODULES_TITLE, classes="section", markup=False)
                yield Static(module_table(reveal), id="modules")
            yield Static(messages.REVEAL_OPEN_TITLE, classes="section", markup=False)
            yield from self._open_answers()
        yield Footer()

    def _open_answers(self) -> ComposeResult:
        yield from open_answers(self.reveal, messages.REVEAL_NO_OPEN)

    def action_guides(self) -> None:
        from trustcheck.tui.screens.guides import GuidesScreen

        self.app.push_screen(GuidesScreen())

    def action_next(self) -> None:
        self.move_on(self.turn)
