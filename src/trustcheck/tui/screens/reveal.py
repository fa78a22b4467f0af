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
from trustcheck.core.history import change_label
from trustcheck.core.models import AREA_TITLES, Checkin, Visibility
from trustcheck.services import Services
from trustcheck.services.checkin import Reveal
from trustcheck.tui.screens.step import StepScreen
from trustcheck.tui.text import plain, rich_plain, score
from trustcheck.tui.widgets.footer import Footer

GAP_MARK = "◆"
CHANGE_MARK = "▲"
HIGHLIGHT = "bold underline"


def change_text(value: float | None) -> str:
    """``↑ 5.6`` / ``↓ 2.0`` / ``= 0.0``, or a dash when either week is missing (the one wording
    of a change, ``core.history.change_label``, which ``trustcheck history`` prints too)."""
    return change_label(value, messages.REVEAL_MISSING)


def reveal_table(reveal: Reveal) -> Table:
    """The side-by-side table. Names are data: they go in as ``Text``, never markup."""
    people = reveal.people
    couple = len(people) == 2
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column(messages.REVEAL_AREA, no_wrap=True)
    for person in people:
        table.add_column(rich_plain(person.name), justify="right", min_width=5, max_width=16)
    if couple:
        table.add_column(messages.REVEAL_GAP, justify="right", no_wrap=True, min_width=8)
    if reveal.has_previous:
        for person in people:
            header = (
                messages.REVEAL_SINCE.format(name=person.name)
                if couple
                else messages.REVEAL_SINCE_SOLO
            )
            table.add_column(
                rich_plain(header), justify="right", no_wrap=True, min_width=8, max_width=16
            )

    biggest_row, biggest_person = reveal.biggest_change or (None, -1)
    for row in reveal.rows:
        is_gap = any(row.area == tied.area for tied in reveal.largest_gaps)
        style = HIGHLIGHT if is_gap else ""
        cells: list[Text] = [Text(AREA_TITLES[row.area], style=style)]
        cells += [Text(score(v), style=style) for v in row.now]
        if couple:
            gap = score(row.gap)
            cells.append(Text(f"{GAP_MARK} {gap}" if is_gap else gap, style=style))
        if reveal.has_previous:
            for i in range(len(people)):
                text = change_text(row.change(i))
                if biggest_row is not None and row.area == biggest_row.area and i == biggest_person:
                    cells.append(Text(f"{CHANGE_MARK} {text}", style=HIGHLIGHT))
                else:
                    cells.append(Text(text))
        table.add_row(*cells)

    table.add_section()
    _summary_row(table, reveal, messages.REVEAL_INDEX, reveal.index_now, reveal.index_before)
    overall_now = tuple(None if v is None else float(v) for v in reveal.overall_now)
    overall_before = tuple(None if v is None else float(v) for v in reveal.overall_before)
    _summary_row(table, reveal, messages.REVEAL_OVERALL, overall_now, overall_before, digits=0)
    return table


def _summary_row(
    table: Table,
    reveal: Reveal,
    title: str,
    now: tuple[float | None, ...],
    before: tuple[float | None, ...],
    digits: int = 1,
) -> None:
    def fmt(value: float | None) -> str:
        return messages.REVEAL_MISSING if value is None else f"{value:.{digits}f}"

    cells = [Text(title, style="bold"), *(Text(fmt(v), style="bold") for v in now)]
    if len(now) == 2:
        a, b = now
        cells.append(Text(fmt(None if a is None or b is None else abs(a - b))))
    if reveal.has_previous:
        for value, old in zip(now, before, strict=False):
            delta = None if value is None or old is None else value - old
            cells.append(Text(change_text(delta)))
    table.add_row(*cells)


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
    legend = []
    if len(reveal.largest_gaps) > 1:
        legend.append(messages.REVEAL_LEGEND_GAP_TIE)
    elif reveal.largest_gap is not None:
        legend.append(messages.REVEAL_LEGEND_GAP)
    if reveal.biggest_change is not None:
        legend.append(messages.REVEAL_LEGEND_CHANGE)
    if not reveal.has_previous:
        legend.append(messages.NO_PREVIOUS)
    legend.append(messages.REVEAL_SCALE_NOTE)
    return Static(plain("\n".join(legend)), classes="legend")


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

    def on_mount(self) -> None:
        self.query_one("#reveal-scroll", VerticalScroll).focus()

    def action_guides(self) -> None:
        from trustcheck.tui.screens.guides import GuidesScreen

        self.app.push_screen(GuidesScreen())

    def action_next(self) -> None:
        self.move_on(self.turn)
