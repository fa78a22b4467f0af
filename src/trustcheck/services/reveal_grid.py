"""The reveal's side-by-side table as words, for every place that shows it: the reveal and a
past week in the app (drawn as a Rich table) and ``trustcheck history`` (printed as columns).
One place decides what each cell says and which cells are marked (the largest gap, the biggest
change since last time); each front end only draws them."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from trustcheck import messages
from trustcheck.core.history import change_label
from trustcheck.core.models import AREA_TITLES

if TYPE_CHECKING:
    from trustcheck.services.checkin_reveal import Reveal

GAP_MARK = "◆"
CHANGE_MARK = "▲"

#: How a cell stands out: not at all, as the largest gap's row or the biggest change, or bold
#: (the summary rows' titles and scores).
PLAIN, MARKED, BOLD = "", "marked", "bold"


class Cell(NamedTuple):
    text: str
    style: str = PLAIN


class RevealGrid(NamedTuple):
    """``header``: the column titles (names are user text: each front end makes them inert);
    ``areas``: a row per area; ``summary``: the trust index and overall rows, after a rule."""

    header: tuple[str, ...]
    areas: tuple[tuple[Cell, ...], ...]
    summary: tuple[tuple[Cell, ...], ...]


def _score(value: float | None, digits: int = 1) -> str:
    return messages.REVEAL_MISSING if value is None else f"{value:.{digits}f}"


def _change(value: float | None) -> str:
    return change_label(value, messages.REVEAL_MISSING)


def reveal_grid(reveal: Reveal) -> RevealGrid:
    """What the side-by-side table says, cell by cell."""
    people = reveal.people
    couple = len(people) == 2
    header = [messages.REVEAL_AREA, *(p.name for p in people)]
    if couple:
        header.append(messages.REVEAL_GAP)
    if reveal.has_previous:
        header += [
            messages.REVEAL_SINCE.format(name=p.name) if couple else messages.REVEAL_SINCE_SOLO
            for p in people
        ]

    gaps = {tied.area for tied in reveal.largest_gaps}
    biggest_row, biggest_person = reveal.biggest_change or (None, -1)
    areas = []
    for row in reveal.rows:
        style = MARKED if row.area in gaps else PLAIN
        cells = [Cell(AREA_TITLES[row.area], style), *(Cell(_score(v), style) for v in row.now)]
        if couple:
            gap = _score(row.gap)
            cells.append(Cell(f"{GAP_MARK} {gap}" if style else gap, style))
        if reveal.has_previous:
            for i in range(len(people)):
                text = _change(row.change(i))
                if biggest_row is not None and row.area == biggest_row.area and i == biggest_person:
                    cells.append(Cell(f"{CHANGE_MARK} {text}", MARKED))
                else:
                    cells.append(Cell(text))
        areas.append(tuple(cells))

    overall_now = tuple(None if v is None else float(v) for v in reveal.overall_now)
    overall_before = tuple(None if v is None else float(v) for v in reveal.overall_before)
    summary = (
        _summary(reveal, messages.REVEAL_INDEX, reveal.index_now, reveal.index_before, 1),
        _summary(reveal, messages.REVEAL_OVERALL, overall_now, overall_before, 0),
    )
    return RevealGrid(tuple(header), tuple(areas), summary)


def _summary(
    reveal: Reveal,
    title: str,
    now: tuple[float | None, ...],
    before: tuple[float | None, ...],
    digits: int,
) -> tuple[Cell, ...]:
    cells = [Cell(title, BOLD), *(Cell(_score(v, digits), BOLD) for v in now)]
    if len(now) == 2:
        a, b = now
        cells.append(Cell(_score(None if a is None or b is None else abs(a - b), digits)))
    if reveal.has_previous:
        for value, old in zip(now, before, strict=False):
            cells.append(Cell(_change(None if value is None or old is None else value - old)))
    return tuple(cells)


def reveal_legend(reveal: Reveal) -> list[str]:
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
    return legend
