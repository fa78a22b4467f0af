"""The summary as a PDF (fpdf2), to print and hand over.

Charts are drawn with fpdf2's own lines, so they stay sharp at any zoom; text is set in DejaVu
Sans (shipped in ``data/fonts``, Bitstream Vera licence), which covers Latin, Greek, Cyrillic
and many symbols. fpdf2 costs ~200 ms to import, so only this module imports it, and only the
pdf path imports this module.

Longer than 400 lines: the page layout and the charts draw through one fpdf2 document, with its
fonts and its text shaping (``_Doc.shown``), and read best beside it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from trustcheck import messages
from trustcheck.core.clock import week_start
from trustcheck.core.stats import Point
from trustcheck.export.fmt import (
    clean,
    day,
    gap_line,
    item_gap_line,
    module_line,
    month_ticks,
    num,
    share,
)
from trustcheck.export.model import PersonSummary, Summary, TextItem
from trustcheck.messages.outcomes import commitment_line

FONT_FILE = "DejaVuSans.ttf"
FONT_BOLD_FILE = "DejaVuSans-Bold.ttf"
_FAMILY = "DejaVu"
#: Partners are told apart by line style as well as colour (a grey print stays readable).
_COLOURS = ((31, 95, 153), (184, 92, 0))
_GREY = (110, 110, 110)
_TEXT = (34, 34, 34)
#: What joins or modifies an emoji (ZWJ, variation selectors, skin tones, tag characters): part
#: of the run a missing emoji is replaced as.
_EMOJI_GLUE = re.compile(r"[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
#: A heading keeps this much of what follows on its page (mm): never alone at the foot.
_KEEP_WITH_HEADING = 22.0
#: An answer's name line keeps two lines of its text with it.
_KEEP_WITH_NAME = 14.0


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return code >= 0x1F000 or 0x2600 <= code <= 0x27BF or unicodedata.category(char) == "So"


class _Doc(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(format="A4", unit="mm")
        self.footer_text = footer_text
        #: Code points the embedded font can draw (set once the font is added).
        self.covered: frozenset[int] = frozenset()

    def use_font(self, font_dir: Path) -> None:
        self.add_font(_FAMILY, "", font_dir / FONT_FILE)
        self.add_font(_FAMILY, "B", font_dir / FONT_BOLD_FILE)
        font = self.fonts[_FAMILY.lower()]
        assert isinstance(font, TTFFont)  # added from a .ttf file just above
        self.covered = frozenset(font.cmap)

    def shown(self, text: str) -> str:
        """User text as this PDF can show it: safe (``clean``), and every run of characters the
        font lacks replaced visibly, ``[emoji]`` or ``[text not shown]``, never dropped."""
        out: list[str] = []
        run: list[str] = []

        def close_run() -> None:
            if run:
                missing = [c for c in run if ord(c) not in self.covered]
                if not missing:
                    out.extend(run)
                elif any(_is_emoji(c) for c in missing):
                    out.append(messages.EXPORT_PDF_EMOJI)
                else:
                    out.append(messages.EXPORT_PDF_NOT_SHOWN)
                run.clear()

        for char in text:
            if _EMOJI_GLUE.match(char):
                if run:
                    run.append(char)  # part of the emoji being replaced
                elif ord(char) in self.covered:
                    out.append(char)
                # else: a presentation hint with no glyph of its own; there is nothing to see
            elif ord(char) in self.covered or char in "\n\t":
                close_run()
                out.append(char)
            else:
                run.append(char)
        close_run()
        return clean("".join(out))

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(_FAMILY, size=7.5)
        self.set_text_color(*_GREY)
        self.cell(
            0, 4, f"{self.footer_text} · {messages.EXPORT_PAGE.format(n=self.page_no())}", align="C"
        )


def render(summary: Summary, font_dir: Path) -> bytes:
    """The whole summary as PDF bytes. ``font_dir`` holds the shipped DejaVu Sans files.

    Characters the font lacks (CJK, many emoji) are replaced visibly (:meth:`_Doc.shown`).
    fpdf2 would log each missing glyph, and so the user's text, to stderr: its warnings are
    silenced.
    """
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    s = summary
    pdf = _Doc("")
    pdf.use_font(font_dir)
    pdf.footer_text = pdf.shown(f"{s.title} · {s.period}" if s.start else s.title)
    pdf.set_title(clean(s.title))
    pdf.set_producer("trustcheck")
    pdf.set_creation_date(dt.datetime.combine(s.generated, dt.time(), tzinfo=dt.UTC))
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    w = pdf.epw

    def heading(text: str, size: float = 11.5) -> None:
        if pdf.will_page_break(2.5 + 6 + _KEEP_WITH_HEADING):  # never alone at the foot
            pdf.add_page()
        pdf.ln(2.5)
        pdf.set_font(_FAMILY, "B", size)
        pdf.set_text_color(*_TEXT)
        pdf.multi_cell(w, 6, pdf.shown(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        pdf.set_draw_color(220, 220, 220)
        pdf.set_line_width(0.2)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + w, pdf.get_y())
        pdf.ln(1)

    def para(text: str, size: float = 9.5, colour: tuple[int, int, int] = _TEXT) -> None:
        pdf.set_font(_FAMILY, "", size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(
            w, size * 0.5, pdf.shown(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )

    def bullets(lines: Iterable[str]) -> None:
        for line in lines:
            para("• " + line)

    pdf.set_font(_FAMILY, "B", 16)
    pdf.set_text_color(*_TEXT)
    pdf.multi_cell(w, 8, pdf.shown(s.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_font(_FAMILY, "B", 10.5)
    pdf.multi_cell(
        w,
        6,
        pdf.shown(s.period if s.start else messages.EXPORT_NO_PERIOD),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
        align="L",
    )
    if s.headline:
        pdf.set_font(_FAMILY, "B", 11)
        pdf.set_text_color(*_TEXT)
        pdf.multi_cell(
            w, 5.6, pdf.shown(s.headline), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
        )
        para(messages.EXPORT_HEADLINE_NOTE, 7.5, _GREY)
    para(messages.EXPORT_HOW_TO_READ, 8.5, _GREY)

    if s.persons and s.start is not None:
        heading(messages.EXPORT_INDEX_TITLE)
        _chart(pdf, [(p.name, p.index) for p in s.persons], pdf.l_margin, pdf.get_y() + 1, w, 44)
        for p in s.persons:
            para(
                messages.EXPORT_INDEX_LATEST.format(
                    name=p.name, latest=num(p.latest), mean=num(p.mean)
                ),
                8.5,
            )
        heading(messages.EXPORT_OVERALL_TITLE, 10)
        overall = [(p.name, p.overall) for p in s.persons]
        _chart(pdf, overall, pdf.l_margin, pdf.get_y() + 1, w, 34, high=10.0)
        heading(messages.EXPORT_MULTIPLES_TITLE, 10)
        _multiples(pdf, s.persons, w)

    if s.areas and s.start is not None:
        heading(messages.EXPORT_AREAS_TITLE)
        _area_table(pdf, s, w)
        para(messages.EXPORT_AREA_NOTE, 7.5, _GREY)

    if s.modules and s.start is not None:
        heading(messages.EXPORT_MODULES_TITLE)
        bullets(module_line(row, s.names) for row in s.modules)
        para(messages.EXPORT_MODULES_NOTE, 7.5, _GREY)

    heading(messages.EXPORT_CHANGES_TITLE)
    if s.changes:
        bullets(c.sentence for c in s.changes)
        para(s.method, 7.5, _GREY)
    else:
        para(messages.EXPORT_NO_CHANGES)

    if len(s.names) == 2:
        heading(messages.EXPORT_GAPS_TITLE)
        if s.gaps:
            bullets(gap_line(g, s.names) for g in s.gaps)
        else:
            para(messages.EXPORT_NO_GAPS)
        if s.item_gaps:
            heading(messages.EXPORT_ITEM_GAPS_TITLE, 10)
            bullets(item_gap_line(g, s.names) for g in s.item_gaps)

    heading(messages.EXPORT_COMMITMENTS_TITLE)
    bullets(
        messages.EXPORT_COMMITMENTS_ROW.format(
            name=k.name, kept=k.kept, partly=k.partly, not_yet=k.not_yet, share=share(k)
        )
        if k.reviewed
        else messages.EXPORT_NO_COMMITMENTS.format(name=k.name)
        for k in s.kept
    )
    if s.commitments:
        para(messages.EXPORT_COMMITMENTS_RATED, 7.5, _GREY)
        bullets(commitment_line(c) for c in s.commitments)
        if s.earlier_commitments:
            para(messages.EXPORT_COMMITMENTS_EARLIER.format(n=s.earlier_commitments), 8, _GREY)

    heading(messages.EXPORT_TOPICS_TITLE)
    if s.topics:
        _words(pdf, s.topics, w)
    else:
        para(messages.EXPORT_NO_TOPICS)

    if s.trend_notes:
        heading(messages.EXPORT_TRENDS_NOTES)
        bullets(s.trend_notes)

    pdf.ln(3)
    para(messages.EXPORT_INCLUDED.format(what="; ".join(s.included)), 7.5, _GREY)
    if s.left_out:
        para(messages.EXPORT_LEFT_OUT.format(what="; ".join(s.left_out)), 7.5, _GREY)
    para(
        messages.EXPORT_GENERATED.format(date=day(s.generated)) + " " + messages.EXPORT_NOT_THERAPY,
        7.5,
        _GREY,
    )

    if s.notes is not None:
        pdf.add_page()
        heading(messages.EXPORT_NOTES_TITLE)
        if s.notes:
            _words(pdf, s.notes, w)
        else:
            para(messages.EXPORT_NO_NOTES)

    if s.private is not None:
        mine = s.private
        pdf.add_page()
        heading(messages.EXPORT_PRIVATE_TITLE.format(name=mine.name))
        for title, items in (
            (messages.EXPORT_PRIVATE_ANSWERS, mine.answers),
            (messages.EXPORT_JOURNAL, mine.journal),
        ):
            if items is None:
                continue
            heading(title, 10)
            if items:
                _words(pdf, items, w)
            else:
                para(messages.EXPORT_NONE)
        if mine.safety is not None:
            heading(messages.EXPORT_SAFETY_TITLE, 10)
            para(messages.EXPORT_SAFETY_INTRO.format(name=mine.name), 8.5, _GREY)
            if mine.safety:
                _words(pdf, mine.safety, w)
            else:
                para(messages.EXPORT_NONE)
        if mine.damaged:
            para(messages.EXPORT_DAMAGED.format(n=mine.damaged, name=mine.name), 8, _GREY)
    return bytes(pdf.output())


def by_week(items: Iterable[TextItem]) -> list[tuple[dt.date, list[tuple[str, list[TextItem]]]]]:
    """Items grouped by week (oldest first), and within a week by question, each question once
    in the order first met: a question is printed once a week, not once an answer."""
    weeks: dict[dt.date, dict[str, list[TextItem]]] = {}
    for item in sorted(items, key=lambda i: week_start(i.when)):
        weeks.setdefault(week_start(item.when), {}).setdefault(item.label, []).append(item)
    return [(week, list(labels.items())) for week, labels in weeks.items()]


def _words(pdf: _Doc, items: Sequence[TextItem], w: float) -> None:
    for week, questions in by_week(items):
        if pdf.will_page_break(6 + _KEEP_WITH_NAME):
            pdf.add_page()
        pdf.set_font(_FAMILY, "B", 9)
        pdf.set_text_color(*_GREY)
        pdf.multi_cell(
            w,
            5,
            messages.EXPORT_WEEK_OF.format(date=day(week)),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            align="L",
        )
        for label, answers in questions:
            if label:
                pdf.set_font(_FAMILY, "", 8.5)
                pdf.set_text_color(*_GREY)
                pdf.multi_cell(
                    w, 4.4, pdf.shown(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
                )
            for item in answers:
                head = item.name if item.weekly else f"{item.name}, {day(item.when)}"
                if item.meta:
                    head += f" ({item.meta})"
                if pdf.will_page_break(4.4 + _KEEP_WITH_NAME):  # the name keeps its words
                    pdf.add_page()
                pdf.set_font(_FAMILY, "B", 8.5)
                pdf.set_text_color(*_TEXT)
                pdf.multi_cell(
                    w, 4.4, pdf.shown(head), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
                )
                pdf.set_font(_FAMILY, "", 9.5)
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(
                    w - 4, 4.8, pdf.shown(item.text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
                )
                pdf.ln(1.2)
        pdf.ln(1.5)


def _area_table(pdf: _Doc, s: Summary, w: float) -> None:
    columns = 2 * len(s.names)
    first = w - columns * 24 if columns else w
    first = max(first, 40)
    cell = (w - first) / columns if columns else 0
    pdf.set_font(_FAMILY, "B", 8)
    pdf.set_text_color(*_TEXT)
    pdf.cell(first, 5, messages.EXPORT_AREA)
    for name in s.names:
        for label in (messages.EXPORT_START, messages.EXPORT_END):
            pdf.cell(cell, 5, pdf.shown(f"{name} {label}")[:22], align="R")
    pdf.ln(5)
    pdf.set_font(_FAMILY, "", 9)
    for row in s.areas:
        pdf.cell(first, 5, row.title)
        for i in range(len(s.names)):
            mark = row.marks[i] if i < len(row.marks) else ""
            pdf.cell(cell, 5, num(row.start[i]), align="R")
            pdf.cell(cell, 5, (num(row.end[i]) + f" {mark}").rstrip(), align="R")
        pdf.ln(5)


def _chart(
    pdf: _Doc,
    lines: Sequence[tuple[str, Sequence[Point]]],
    x0: float,
    y0: float,
    w: float,
    h: float,
    *,
    high: float = 100.0,
    legend: bool = True,
) -> None:
    """Weekly series from 0 to ``high`` as lines with a dated x-axis (a missing week leaves a
    gap, never a zero); ``lines`` is (name, points) per person."""
    left, bottom = 9.0, (11.0 if legend else 6.0)
    pw, ph = w - left, h - bottom
    n = max((len(points) for _, points in lines), default=0)

    def x(i: int) -> float:
        return x0 + left + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return y0 + ph * (1 - max(0.0, min(high, v)) / high)

    pdf.set_font(_FAMILY, "", 7 if legend else 6)
    pdf.set_text_color(*_GREY)
    pdf.set_line_width(0.15)
    pdf.set_draw_color(215, 215, 215)
    for level in (0, high / 2, high):
        pdf.line(x0 + left, y(level), x0 + w, y(level))
        pdf.set_xy(x0, y(level) - 2)
        pdf.cell(left - 1.5, 4, num(level), align="R")
    weeks = [week for week, _ in max((points for _, points in lines), key=len, default=())]
    for i, tick in month_ticks(weeks, most=max(2, int(w // 28))):
        pdf.line(x(i), y0 + ph, x(i), y0 + ph + 1)
        pdf.set_xy(x(i) - 1, y0 + ph + 0.8)
        pdf.cell(20, 3.2, tick)
    for k, (name, points) in enumerate(lines):
        colour = _COLOURS[k % 2]
        pdf.set_draw_color(*colour)
        pdf.set_fill_color(*colour)
        pdf.set_line_width(0.6 if legend else 0.4)
        if k % 2:
            pdf.set_dash_pattern(dash=1.6, gap=1.0)
        run: list[tuple[float, float]] = []
        for i, (_, value) in enumerate([*points, (None, None)]):
            if value is not None:
                run.append((x(i), y(value)))
                continue
            if len(run) == 1:
                pdf.circle(run[0][0], run[0][1], 0.8, style="F")
            elif run:
                pdf.polyline(run)
            run = []
        if legend:
            lx = x0 + left + k * 60
            ly = y0 + h - 2
            pdf.line(lx, ly, lx + 9, ly)
            pdf.set_dash_pattern()
            pdf.set_xy(lx + 11, ly - 2)
            pdf.set_text_color(*_TEXT)
            pdf.cell(45, 4, pdf.shown(name)[:40])
        pdf.set_dash_pattern()
    pdf.set_xy(pdf.l_margin, y0 + h + 1)


def _multiples(pdf: _Doc, persons: Sequence[PersonSummary], w: float) -> None:
    """One small dated chart per area, three to a row, both partners in each."""
    if not persons or not persons[0].areas:
        return
    cols, gap, h = 3, 4.0, 30.0
    cw = (w - gap * (cols - 1)) / cols
    areas = persons[0].areas
    for row in range(0, len(areas), cols):
        if pdf.will_page_break(h + 6):
            pdf.add_page()
        top = pdf.get_y()
        for c, (title, _) in enumerate(areas[row : row + cols]):
            k = row + c
            x0 = pdf.l_margin + c * (cw + gap)
            pdf.set_xy(x0, top)
            pdf.set_font(_FAMILY, "B", 7.5)
            pdf.set_text_color(*_TEXT)
            pdf.cell(cw, 4, pdf.shown(title))
            lines = [(p.name, p.areas[k][1]) for p in persons if k < len(p.areas)]
            _chart(pdf, lines, x0, top + 4.5, cw, h - 4.5, legend=False)
        pdf.set_xy(pdf.l_margin, top + h + 2)
