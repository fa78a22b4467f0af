"""Hostile and odd text on every TUI field (issue 7, part 5).

Pastes into one-line fields keep every line (joined) or are refused with a visible message;
pastes into editors keep every line but no ESC/C1 control character; nothing the person typed
becomes a live link, a click action or a raw terminal sequence on screen. The existing
``test_hostile_text.py`` covers markup in names, answers and commitments on the check-in
screens; this file covers the fields themselves, the journal, settings (user packs), the export
dialog and setup.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, Select, TextArea

import checkin_helpers
from hostile import CONTROL, ESCAPES, HOSTILE, MARKUP, ODD, assert_inert
from trustcheck import messages
from trustcheck.core.clock import FixedClock
from trustcheck.core.models import ItemKind, Profile
from trustcheck.services import Services
from trustcheck.tui.app import TrustcheckApp, build_app
from trustcheck.tui.screens.about import AboutScreen
from trustcheck.tui.screens.answer import AnswerScreen
from trustcheck.tui.screens.export import ExportScreen
from trustcheck.tui.screens.home import HomeScreen
from trustcheck.tui.screens.journal import JournalScreen
from trustcheck.tui.screens.settings import SettingsScreen
from trustcheck.tui.screens.setup import SetupScreen
from trustcheck.tui.widgets.editor_area import EditorArea
from trustcheck.tui.widgets.fields import LineInput, TagsInput
from trustcheck.tui.widgets.passphrase import PassphraseInput
from trustcheck.tui.widgets.text_answer import TextAnswer

from .conftest import fill_turn, run_async, screen_text, seed_previous_week

SIZE = (120, 40)
PASS = "opensesame"

def notified(app: App[None]) -> list[str]:
    """The notifications on screen now (a toast wraps, so its words are checked here)."""
    return [n.message for n in app._notifications]


def no_control(text: str) -> bool:
    return CONTROL.search(text.replace("\n", "").replace("\t", "")) is None


class Fields(App[None]):
    """The field widgets on their own: fast, and exactly what a screen mounts."""

    def compose(self) -> ComposeResult:
        yield LineInput(id="line", max_length=40)
        yield TagsInput(id="tags")
        yield PassphraseInput(id="pass")
        yield EditorArea(id="editor")


@run_async
async def test_one_line_fields_keep_every_line_of_a_paste() -> None:
    app = Fields()
    async with app.run_test(size=SIZE) as pilot:
        line = app.query_one("#line", LineInput)
        line.focus()
        await pilot.pause()
        app.post_message(events.Paste("Alex\r\nand Sam\n"))
        await pilot.pause()
        assert line.value == "Alex and Sam"  # not just "Alex"

        line.value = ""
        app.post_message(events.Paste("a\x1b[31mb\x9bc\x00d\n\x1b]0;t\x07e"))
        await pilot.pause()
        assert no_control(line.value) and "a" in line.value and "e" in line.value

        tags = app.query_one("#tags", TagsInput)
        tags.focus()
        await pilot.pause()
        app.post_message(events.Paste("work\n\ncalm\nhome\n"))
        await pilot.pause()
        assert tags.value == "work, calm, home"
        assert_inert(app)


@run_async
async def test_an_over_long_paste_is_refused_with_a_message_not_cut() -> None:
    app = Fields()
    async with app.run_test(size=SIZE) as pilot:
        line = app.query_one("#line", LineInput)
        line.focus()
        line.value = "Al"
        line.cursor_position = 2
        await pilot.pause()
        app.post_message(events.Paste("x" * 100_000))
        await pilot.pause()
        assert line.value == "Al"  # neither cut to 40 nor half-pasted
        assert notified(app) == [messages.PASTE_TOO_LONG.format(limit=40)]

        line.value = "y" * 40
        line.cursor_position = 40
        await pilot.press("z")
        assert line.value == "y" * 40
        assert messages.FIELD_FULL.format(limit=40) in notified(app)


@run_async
async def test_a_passphrase_paste_is_kept_exactly_or_refused_visibly() -> None:
    app = Fields()
    async with app.run_test(size=SIZE) as pilot:
        field = app.query_one("#pass", PassphraseInput)
        field.focus()
        await pilot.pause()
        app.post_message(events.Paste("  two  spaces\tand tab\n"))  # a trailing newline only
        await pilot.pause()
        assert field.value == "  two  spaces\tand tab"
        field.value = ""
        app.post_message(events.Paste("first line\nsecond line"))
        await pilot.pause()
        assert field.value == ""  # not "first line"
        assert notified(app) == [messages.PASTE_ONE_LINE]
        assert "first line" not in screen_text(app)


@run_async
async def test_the_editor_keeps_every_line_and_no_control_sequence() -> None:
    app = Fields()
    async with app.run_test(size=SIZE) as pilot:
        editor = app.query_one("#editor", EditorArea)
        editor.focus()
        await pilot.pause()
        pasted = f"one\r\ntwo {HOSTILE}\nthree\rfour\n"
        app.post_message(events.Paste(pasted))
        await pilot.pause()
        text = editor.text
        assert text.split("\n")[0] == "one" and text.split("\n")[-3:] == ["three", "four", ""]
        assert no_control(text)
        assert MARKUP in text and "👩‍👩‍👧" in text  # markup and emoji kept as typed
        assert_inert(app)

        editor.load_text("")
        big = "\n".join(f"line {n} " + "w" * 90 for n in range(10_000))  # ~1 MB
        app.post_message(events.Paste(big))
        await pilot.pause()
        assert editor.text == big  # a 1 MB paste keeps every line
        assert_inert(app)


@run_async
async def test_setup_names_from_a_paste_and_odd_names_shown_literally(services: Services) -> None:
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SetupScreen)
        first = app.screen.query_one("#name-a", Input)
        assert isinstance(first, LineInput)
        first.focus()
        await pilot.pause()
        app.post_message(events.Paste("[b]Al\x1b[31m[/]\nex\n"))
        await pilot.pause()
        assert first.value == "[b]Al[31m[/] ex"
        app.screen.query_one("#name-b", Input).value = "\u202eSam 👩‍👩‍👧"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        names = [p.name for p in services.profiles.people()]
        assert names == ["[b]Al[31m[/] ex", "\u202eSam 👩‍👩‍👧"]
        text = screen_text(app)
        assert "[b]Al[31m[/] ex" in text and "<U+202E>Sam" in text
        assert_inert(app)


@run_async
async def test_setup_too_long_name_gives_a_message(services: Services) -> None:
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen.query_one("#name-a", Input)
        first.focus()
        await pilot.pause()
        app.post_message(events.Paste("N" * 41))
        await pilot.pause()
        assert first.value == ""
        assert notified(app) == [messages.PASTE_TOO_LONG.format(limit=40)]


async def open_journal(app: TrustcheckApp, pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("j")
    app.screen.query_one(PassphraseInput).value = PASS
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, JournalScreen)


@run_async
async def test_journal_paste_save_list_and_search_with_hostile_text(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    services.keys.set_passphrase(robin.id, PASS)
    services.keys.lock(robin.id)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(app, pilot)
        await pilot.press("ctrl+n")
        editor = app.screen.query_one("#entry-text", TextArea)
        assert isinstance(editor, EditorArea)
        editor.focus()
        await pilot.pause()
        app.post_message(events.Paste(f"{HOSTILE}\nsecond line\nthird line"))
        await pilot.pause()
        tags = app.screen.query_one("#tags", Input)
        tags.focus()
        await pilot.pause()
        app.post_message(events.Paste("[/]\n\x1b[2Jcalm\n"))
        await pilot.pause()
        assert tags.value == "[/], [2Jcalm"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (entry,) = services.journal.entries(robin.id).entries
        assert entry.text.endswith("second line\nthird line")
        assert MARKUP in entry.text and no_control(entry.text)
        assert entry.tags == ("[/]", "[2Jcalm")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        text = screen_text(app)
        assert "[link=https://evil.example]y[/link]" in text
        assert_inert(app)

        search = app.screen.query_one("#search", Input)
        search.focus()
        await pilot.pause()
        app.post_message(events.Paste("[@click=app.quit]q[/]\n"))
        await pilot.pause()
        assert search.value == "[@click=app.quit]q[/]"
        await pilot.pause()
        assert table.row_count == 1  # found, literally
        assert_inert(app)


@run_async
async def test_journal_over_long_entry_is_a_message_and_the_text_stays(
    services: Services, solo: list[Profile]
) -> None:
    (robin,) = solo
    services.keys.set_passphrase(robin.id, PASS)
    services.keys.lock(robin.id)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(app, pilot)
        await pilot.press("ctrl+n")
        editor = app.screen.query_one("#entry-text", TextArea)
        big = "\n".join("w" * 99 for _ in range(1_100))  # 110 000 characters
        editor.load_text(big)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "longer than 100000 characters" in screen_text(app)
        assert editor.text == big  # nothing cut; the person can shorten it
        assert services.journal.count(robin.id) == 0


@run_async
async def test_open_answer_paste_keeps_lines_and_reveal_shows_them_literally(
    services: Services, couple: list[Profile]
) -> None:
    alex, sam = couple
    checkins = services.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([alex.id, sam.id]))
    items = checkins.pack.items
    text_index = next(n for n, i in enumerate(items) if i.kind is ItemKind.TEXT)
    fill_turn(services, draft.id, alex.id, base=4, upto=text_index)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # through the turn's gate
        assert isinstance(app.screen, AnswerScreen)
        answer = app.screen.query_one(TextAnswer)
        area = answer.query_one(TextArea)
        assert isinstance(area, EditorArea)
        area.focus()
        await pilot.pause()
        app.post_message(events.Paste(f"first {ESCAPES}\nsecond {MARKUP}\nthird {ODD}"))
        await pilot.pause()
        assert area.text.count("\n") >= 2 and no_control(area.text)
        assert_inert(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        stored = (
            checkin_helpers.answers_of(checkins, draft.id, alex.id)[items[text_index].id].text or ""
        )
        assert stored.startswith("first ") and "\nsecond " in stored and "\nthird " in stored
        assert no_control(stored)


USER_PACK = """\
id = "hostile"
version = 1
title = "[link=https://evil.example]Pack[/link] \u202eeltit"
description = "A [@click=app.quit]module[/] for tests."
module = true
sources = ["[@click=app.quit]source[/] [link=https://evil.example]cite[/link] \u2066x\u2069"]

[roles]
hurt = "[/]"
hurting = "[@click=app.quit]I caused it[/] [link=https://evil.example]y[/link]"

[scale]
low = "[b]low[/b]"
mid = "mid"
high = "high"

[[items]]
id = "hostile.one"
area = "communication"
kind = "scale"
who = "hurt"
text = "[link=https://evil.example]Question[/link] \u202eevil"
"""


def write_user_pack(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.toml").write_text(USER_PACK, encoding="utf-8")


@run_async
async def test_user_pack_roles_titles_and_sources_are_literal_in_settings_and_about(
    services: Services, couple: list[Profile], tmp_path: Path
) -> None:
    write_user_pack(tmp_path)
    services.packs.refresh()
    assert any(e.id == "hostile" and not e.problems for e in services.packs.entries())
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SettingsScreen(services))  # crashed: a role title "[/]" is bad markup
        await pilot.pause()
        await app.workers.wait_for_complete()  # the catalogue, read as settings opens
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        text = screen_text(app)
        assert "[link=https://evil.example]Pack[/link] <U+202E>eltit" in text
        assert_inert(app)
        select = app.screen.query_one(f"#role-1-{couple[0].id}", Select)  # the user pack's
        select.scroll_visible(animate=False)
        select.focus()
        await pilot.pause()
        await pilot.press("enter")  # open the role list
        await pilot.pause()
        text = screen_text(app)
        assert "[/]" in text and "[@click=app.quit]I caused it[/]" in text
        assert_inert(app)
        await pilot.press("escape")
        await pilot.pause()

        app.push_screen(AboutScreen(services))
        await pilot.pause()
        app.screen.query_one("#about").scroll_end(animate=False)
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]source[/]" in text and "<U+2066>x<U+2069>" in text
        assert_inert(app)


@run_async
async def test_export_path_paste_and_an_impossible_name_give_a_message(
    services: Services, couple: list[Profile], clock: FixedClock, tmp_path: Path
) -> None:
    seed_previous_week(services, clock, couple)  # something to export
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = ExportScreen(services, folder=tmp_path)
        app.push_screen(screen)
        await pilot.pause()
        path = screen.query_one("#path", Input)
        path.focus()
        path.value = ""
        await pilot.pause()
        app.post_message(events.Paste(f"{tmp_path}/\x1b]0;x\x07{'n' * 300}\n.md"))
        await pilot.pause()
        assert no_control(path.value) and path.value.endswith(" .md")
        screen.action_save()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "File name too long" in screen_text(app)  # not a silent failed worker
        assert_inert(app)


@run_async
async def test_a_multi_line_commitment_paste_is_kept_whole(
    services: Services, couple: list[Profile]
) -> None:
    from trustcheck.core.models import Step
    from trustcheck.tui.screens.commitments import CommitmentsScreen

    alex, sam = couple
    checkins = services.checkins
    draft = checkins.start([alex.id, sam.id])
    fill_turn(services, draft.id, alex.id, base=4)
    fill_turn(services, draft.id, sam.id, base=5)
    checkin_helpers.go_to(checkins, draft, Step.REVEAL)
    app = build_app(services, start="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, CommitmentsScreen)
        field = app.screen.query(Input).first()
        assert isinstance(field, LineInput)
        field.focus()
        await pilot.pause()
        app.post_message(events.Paste("Text when late\n\x1b[31mand [@click=app.quit]call[/]\n"))
        await pilot.pause()
        assert field.value == "Text when late [31mand [@click=app.quit]call[/]"
        await pilot.press("enter")
        await pilot.pause()
        (made,) = checkins.new_commitments(checkins.get(draft.id))
        assert made.text == "Text when late [31mand [@click=app.quit]call[/]"
        assert "[@click=app.quit]call[/]" in screen_text(app)
        assert_inert(app)
        app.post_message(events.Paste("c" * 201))
        await pilot.pause()
        assert field.value == "" and notified(app) == [messages.PASTE_TOO_LONG.format(limit=200)]
