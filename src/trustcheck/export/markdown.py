"""The summary as Markdown, to paste into a note or an email.

User text can never become markup: every character Markdown gives meaning to is escaped, line
starts that would open a list, heading or quote are escaped, and bare web or mail addresses are
broken with a word joiner (U+2060) so no renderer turns them into links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from trustcheck import messages
from trustcheck.export.fmt import (
    DASH,
    clean,
    day,
    gap_line,
    item_gap_line,
    module_line,
    num,
    share,
    when,
)
from trustcheck.export.model import Summary, TextItem
from trustcheck.export.sparkline import render_sparkline
from trustcheck.messages.outcomes import commitment_line

# Everything with inline meaning in CommonMark or GFM (emphasis, code, links, images, raw HTML,
# entities, tables, strikethrough, math in some renderers).
_INLINE = re.compile(r"([\\`*_{}\[\]()<>#!|~&$])")
# At the start of a line: lists, setext underlines, ordered lists ("1." / "1)").
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")
_WJ = "\u2060"
# Bare addresses that GFM's autolink extension would link.
_AUTOLINK = re.compile(r"(://|(?i:www)\.|@)")


def escape(text: str) -> str:
    """One line of user text as literal Markdown (no links, images, HTML or formatting)."""
    text = clean(text).replace("\n", " ").replace("\t", " ")
    text = _INLINE.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: _break(m.group()), text)
    return _LINE_START.sub(_escape_start, text)


def _escape_start(m: re.Match[str]) -> str:
    if m.group(2):
        return m.group(1) + "\\" + m.group(2)
    return m.group(1) + m.group(3) + "\\" + m.group(4)


def _break(found: str) -> str:
    if found == "://":
        return ":" + _WJ + "//"
    if found == "@":
        return "@" + _WJ
    return found[:-1] + _WJ + "."


def block(text: str, indent: str = "  ") -> str:
    """Multi-line user text as hard-broken lines, each escaped, indented under a list item."""
    lines = [escape(line.strip()) for line in clean(text).split("\n")]
    return ("  \n" + indent).join(line for line in lines if line)


def _items(items: Iterable[TextItem]) -> list[str]:
    out = []
    for item in items:
        head = f"- **{escape(item.name)}**, {when(item)}"
        if item.label:
            head += f" — {escape(item.label)}"
        if item.meta:
            head += f" ({escape(item.meta)})"
        out.append(head + "  \n  " + block(item.text))
    return out


def _sparkline_tables(s: Summary) -> list[str]:
    """Overall trust (0–10) and each area (0–100) week by week, as block-character lines."""
    out = [f"### {messages.EXPORT_OVERALL_TITLE}", "", "| | | latest |", "| --- | --- | ---: |"]
    for p in s.persons:
        values = [v for _, v in p.overall]
        spark = render_sparkline(values, 52, low=0.0, high=10.0)
        latest = next((v for v in reversed(values) if v is not None), None)
        out.append(f"| {escape(p.name)} | `{spark}` | {num(latest)} |")
    out.append("")
    if s.persons and s.persons[0].areas:
        out += [f"### {messages.EXPORT_MULTIPLES_TITLE}", ""]
        out.append("| | " + " | ".join(escape(p.name) for p in s.persons) + " |")
        out.append("| --- |" + " --- |" * len(s.persons))
        for k, (title, _) in enumerate(s.persons[0].areas):
            cells = [
                f"`{render_sparkline([v for _, v in p.areas[k][1]], 26, low=0.0, high=100.0)}`"
                for p in s.persons
                if k < len(p.areas)
            ]
            out.append(f"| {escape(title)} | " + " | ".join(cells) + " |")
        out.append("")
    return out


def render(summary: Summary) -> str:
    """The whole summary as Markdown text."""
    s = summary
    out = [f"# {escape(s.title)}", ""]
    if s.start is None:
        out += [messages.EXPORT_NO_PERIOD, ""]
    else:
        out += [f"**{escape(s.period)}**", ""]
    if s.headline:
        out += [f"**{escape(s.headline)}**", "", f"*{escape(messages.EXPORT_HEADLINE_NOTE)}*", ""]
    out += [f"*{messages.EXPORT_HOW_TO_READ}*", ""]

    if s.persons and s.start is not None:
        out += [f"## {messages.EXPORT_INDEX_TITLE}", ""]
        out += ["| | | latest | mean |", "| --- | --- | ---: | ---: |"]
        for p in s.persons:
            spark = f"`{p.sparkline}`" if p.sparkline.strip() else DASH
            out.append(f"| {escape(p.name)} | {spark} | {num(p.latest)} | {num(p.mean)} |")
        out.append("")
        out += _sparkline_tables(s)

    if s.areas and s.start is not None:
        out += [f"## {messages.EXPORT_AREAS_TITLE}", ""]
        header = f"| {messages.EXPORT_AREA} |"
        rule = "| --- |"
        for name in s.names:
            header += (
                f" {escape(name)} {messages.EXPORT_START} | {escape(name)} {messages.EXPORT_END} |"
            )
            rule += " ---: | ---: |"
        out += [header, rule]
        for row in s.areas:
            cells = [row.title]
            for i in range(len(s.names)):
                mark = row.marks[i] if i < len(row.marks) else ""
                cells += [num(row.start[i]), (num(row.end[i]) + f" {mark}").rstrip()]
            out.append("| " + " | ".join(cells) + " |")
        out += ["", messages.EXPORT_AREA_NOTE, ""]

    if s.modules and s.start is not None:
        out += [f"## {messages.EXPORT_MODULES_TITLE}", ""]
        out += [f"- {escape(module_line(row, s.names))}" for row in s.modules]
        out += ["", messages.EXPORT_MODULES_NOTE, ""]

    out += [f"## {messages.EXPORT_CHANGES_TITLE}", ""]
    if s.changes:
        out += [f"- {escape(c.sentence)}" for c in s.changes]
        out += ["", s.method]  # our wording: no user text in it
    else:
        out.append(messages.EXPORT_NO_CHANGES)
    out.append("")

    if len(s.names) == 2:
        out += [f"## {messages.EXPORT_GAPS_TITLE}", ""]
        if s.gaps:
            names = tuple(escape(n) for n in s.names)
            out += [f"- {gap_line(g, names)}" for g in s.gaps]
        else:
            out.append(messages.EXPORT_NO_GAPS)
        out.append("")
        if s.item_gaps:
            out += [f"### {messages.EXPORT_ITEM_GAPS_TITLE}", ""]
            out += [f"- {escape(item_gap_line(g, s.names))}" for g in s.item_gaps]
            out.append("")

    out += [f"## {messages.EXPORT_COMMITMENTS_TITLE}", ""]
    for k in s.kept:
        if k.reviewed:
            line = messages.EXPORT_COMMITMENTS_ROW.format(
                name=escape(k.name), kept=k.kept, partly=k.partly, not_yet=k.not_yet, share=share(k)
            )
        else:
            line = messages.EXPORT_NO_COMMITMENTS.format(name=escape(k.name))
        out.append(f"- {line}")
    out.append("")
    if s.commitments:
        out += [f"*{messages.EXPORT_COMMITMENTS_RATED}*", ""]
        out += [f"- {escape(commitment_line(c))}" for c in s.commitments]
        if s.earlier_commitments:
            out.append(escape(messages.EXPORT_COMMITMENTS_EARLIER.format(n=s.earlier_commitments)))
        out.append("")

    out += [f"## {messages.EXPORT_TOPICS_TITLE}", ""]
    out += _items(s.topics) if s.topics else [messages.EXPORT_NO_TOPICS]
    out.append("")

    if s.trend_notes:
        out += [f"## {messages.EXPORT_TRENDS_NOTES}", ""]
        out += [f"- {escape(n)}" for n in s.trend_notes]
        out.append("")

    if s.notes is not None:
        out += ["---", "", f"## {messages.EXPORT_NOTES_TITLE}", ""]
        out += _items(s.notes) if s.notes else [messages.EXPORT_NO_NOTES]
        out.append("")

    if s.private is not None:
        mine = s.private
        out += ["---", "", f"## {escape(messages.EXPORT_PRIVATE_TITLE.format(name=mine.name))}", ""]
        for title, items in (
            (messages.EXPORT_PRIVATE_ANSWERS, mine.answers),
            (messages.EXPORT_JOURNAL, mine.journal),
        ):
            if items is None:
                continue
            out += [f"### {title}", ""]
            out += _items(items) if items else [messages.EXPORT_NONE]
            out.append("")
        if mine.safety is not None:
            out += [f"### {escape(messages.EXPORT_SAFETY_TITLE)}", ""]
            out += [escape(messages.EXPORT_SAFETY_INTRO.format(name=mine.name)), ""]
            out += _items(mine.safety) if mine.safety else [messages.EXPORT_NONE]
            out.append("")
        if mine.damaged:
            out += [escape(messages.EXPORT_DAMAGED.format(n=mine.damaged, name=mine.name)), ""]

    out += ["---", ""]
    out.append(escape(messages.EXPORT_INCLUDED.format(what="; ".join(s.included))) + "  ")
    if s.left_out:
        out.append(escape(messages.EXPORT_LEFT_OUT.format(what="; ".join(s.left_out))) + "  ")
    out.append(
        escape(messages.EXPORT_GENERATED.format(date=day(s.generated)))
        + " "
        + escape(messages.EXPORT_NOT_THERAPY)
    )
    return "\n".join(out) + "\n"
