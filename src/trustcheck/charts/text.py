"""The figures of ``trustcheck trends`` as text: numbers, wrapped lines and the table."""

from __future__ import annotations

import math
import textwrap
from typing import Any

from trustcheck.core.models import AREA_TITLES, OVERALL
from trustcheck.core.trends import TrendReport
from trustcheck.messages import (
    TABLE_GAP,
    TABLE_KEPT,
    TABLE_LATEST,
    TABLE_MEAN,
    TABLE_SLOPE,
    TABLE_SLOPE_NOTE,
    TABLE_SLOPE_NOTE_SOLO,
    TABLE_TITLE,
)

DASH = "–"
_LABEL_WIDTH = 16


def num(value: float | None, digits: int = 1) -> str:
    if value is None or not math.isfinite(value):
        return DASH
    return f"{value:.{digits}f}"


def signed(value: float | None, digits: int = 2) -> str:
    if value is None or not math.isfinite(value):
        return DASH
    text = f"{value:+.{digits}f}"
    return "±0" if float(text) == 0 else text


def pct(value: float | None) -> str:
    return DASH if value is None or not math.isfinite(value) else f"{100 * value:.0f}%"


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def wrap(text: str, width: int, bullet: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=bullet,
        subsequent_indent=" " * len(bullet),
        break_long_words=True,
        break_on_hyphens=False,
    ) or [""]


def table(report: TrendReport, width: int) -> list[str]:
    """Latest, 8-week slope per week and mean of the range per person, and the latest gap."""
    persons = report.persons
    rows: list[tuple[str, list[tuple[str, str, str]], str]] = []

    def add(label: str, pick: Any, digits: int = 1) -> None:
        series = [pick(p) for p in persons]
        cells = [(num(s.latest, digits), signed(s.slope), num(s.mean, digits)) for s in series]
        gap = DASH
        if len(series) == 2 and series[0].latest is not None and series[1].latest is not None:
            gap = num(abs(series[0].latest - series[1].latest), digits)
        rows.append((label, cells, gap))

    add(AREA_TITLES.get("index", "Trust index"), lambda p: p.index)
    for area in persons[0].areas:
        add(AREA_TITLES.get(area, area), lambda p, a=area: p.areas[a])
    for module in report.modules:
        add(module.title, lambda p, k=module.key: p.modules[k])
    add(AREA_TITLES.get(OVERALL, "Overall trust"), lambda p: p.overall)
    kept_cells = []
    for p in persons:
        values = [v for _, v in p.commitments if v is not None]
        latest = values[-1] if values else None
        mean = math.fsum(values) / len(values) if values else None
        kept_cells.append((pct(latest), DASH, pct(mean)))
    rows.append((TABLE_KEPT, kept_cells, DASH))

    two = len(persons) == 2
    note = TABLE_SLOPE_NOTE if two else TABLE_SLOPE_NOTE_SOLO  # no "between you" for one person
    cell = 7
    person_width = 3 * cell
    full = _LABEL_WIDTH + len(persons) * (person_width + 2) + (cell + 2 if two else 0)
    out = [TABLE_TITLE]
    if full <= width:
        header = " " * _LABEL_WIDTH
        sub = " " * _LABEL_WIDTH
        for p in persons:
            header += "  " + fit(p.profile.name, person_width).ljust(person_width)
            sub += "  " + "".join(h.rjust(cell) for h in (TABLE_LATEST, TABLE_SLOPE, TABLE_MEAN))
        if two:
            header += "  " + " " * cell
            sub += "  " + TABLE_GAP.rjust(cell)
        out += [header.rstrip(), sub.rstrip()]
        for label, cells, gap in rows:
            line = fit(label, _LABEL_WIDTH).ljust(_LABEL_WIDTH)
            for c in cells:
                line += "  " + "".join(v.rjust(cell) for v in c)
            if two:
                line += "  " + gap.rjust(cell)
            out.append(line.rstrip())
        return out + wrap(note, width)
    # Narrow terminals: one block per person.
    cell = max(6, min(8, (width - 12) // 3))
    label_width = min(_LABEL_WIDTH, max(8, width - 3 * cell))
    for i, p in enumerate(persons):
        out.append(fit(p.profile.name, width))
        out.append(
            " " * label_width
            + "".join(h[:cell].rjust(cell) for h in (TABLE_LATEST, TABLE_SLOPE, TABLE_MEAN))
        )
        for label, cells, _ in rows:
            out.append(
                fit(label, label_width).ljust(label_width)
                + "".join(v.rjust(cell) for v in cells[i])
            )
    if two:
        gaps = ", ".join(f"{label} {gap}" for label, _, gap in rows if gap != DASH)
        out.extend(wrap(f"{TABLE_GAP}: {gaps or DASH}", width))
    return [fit(line, width) for line in out] + wrap(note, width)
