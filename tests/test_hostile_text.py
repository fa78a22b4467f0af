"""Hostile and odd text where it enters outside the TUI (issue 7, part 5): the services' limits,
the command line (arguments, stdin, -o paths), JSON imports and user packs.

The promise checked everywhere: text is stored as typed minus what a terminal would execute;
output never carries an ESC or C1 byte from user input; a limit gives one clear line (exit 1 on
the command line), never a traceback or a silent cut; multi-line text keeps every line.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checkin_helpers
from hostile import leaks
from trustcheck.core.models import ItemKind
from trustcheck.core.packs import PACK_TEXT_LIMIT, validate_pack_text
from trustcheck.core.text import clean_paste, visible_controls
from trustcheck.paths import DATA_DIR_ENV
from trustcheck.services import Services, open_services
from trustcheck.services.checkin import COMMITMENT_LIMIT, TEXT_LIMIT, CheckinError
from trustcheck.services.export import ExportRequest, ExportService
from trustcheck.services.importer import ImportFileError, import_dump, parse_dump
from trustcheck.services.journal import ENTRY_LIMIT, JournalError, clean_tags
from trustcheck.services.profiles import NAME_LIMIT, ProfileError, normalise_name
from trustcheck.transfer.format import DumpError
from trustcheck.transfer.reader import from_json

MARKUP = [
    "[/]",
    "[bold]x[/bold]",
    "[@click=app.quit]x[/]",
    "[link=https://evil.example]y[/link]",
    "[on red]z",
]
ESCAPES = [
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]0;title\x07",
    "\x9b31m c1",
    "nul\x00 bel\x07 bs\x08 cr\r",
    "\x1b[2J\x1b[H",
]
ODD = [
    "\u202eevil\u202c",
    "\u2066iso\u2069",
    "zero\u200bwidth\ufeff",
    "e\u0301\u0308 combining",
    "👩‍👩‍👧 family 🇳🇿",
]
CORPUS = [*MARKUP, *ESCAPES, *ODD, " ".join(MARKUP + ESCAPES + ODD)]
#: A control character a terminal could act on (ESC, C1, BEL…): never in output or storage.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Text as hypothesis makes it, with the corpus mixed in; surrogates cannot be UTF-8 encoded.
texts = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=60),
    st.lists(st.sampled_from(CORPUS), min_size=1, max_size=4).map(" ".join),
)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def stored_ok(text: str) -> bool:
    return CONTROL.search(text.replace("\n", "").replace("\t", "")) is None


@pytest.fixture
def weak(tmp_path: Path) -> Iterator[Services]:
    svc = open_services(tmp_path / "weak", weak_kdf=True)
    yield svc
    svc.close()


# --- the services: what is stored, and the limits ------------------------------------------------


@FAST
@given(texts)
def test_a_name_is_one_clean_line_or_a_one_line_error(raw: str) -> None:
    try:
        name = normalise_name(raw)
    except ProfileError as exc:
        assert "\n" not in str(exc) and not CONTROL.search(str(exc))
        return
    assert name and len(name) <= NAME_LIMIT and "\n" not in name and stored_ok(name)


@FAST
@given(st.lists(texts, max_size=5))
def test_tags_are_clean_lines_or_a_one_line_error(raw: list[str]) -> None:
    try:
        tags = clean_tags(raw)
    except JournalError as exc:
        assert "\n" not in str(exc)
        return
    assert all(t and "\n" not in t and stored_ok(t) for t in tags)


@FAST
@given(st.text(st.characters(codec="utf-8")))
def test_a_paste_keeps_every_line_and_no_control(raw: str) -> None:
    cleaned = clean_paste(raw)
    assert stored_ok(cleaned)
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").count("\n")
    assert cleaned.count("\n") == lines  # every line kept, none added


def test_names_commitments_answers_and_journal_store_hostile_text_safely(
    weak: Services,
) -> None:
    alex, sam = weak.profiles.setup(["[b]Al\x1b[31m", "\u202eSam 👩‍👩‍👧"])
    assert alex.name == "[b]Al [31m" and sam.name == "\u202eSam 👩‍👩‍👧"
    checkins = weak.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([alex.id, sam.id]))
    text_item = next(i for i in checkins.pack.items if i.kind is ItemKind.TEXT)
    for n, raw in enumerate(CORPUS):
        multi = f"{raw}\nsecond line {n}\r\nthird\rfourth"
        checkins.save_answer(draft.id, alex.id, text_item.id, text=multi)
        stored = checkin_helpers.answers_of(checkins, draft.id, alex.id)[text_item.id].text or ""
        assert stored_ok(stored)
        assert stored.split("\n")[-3:] == [f"second line {n}", "third", "fourth"]
        commitment = checkins.add_commitment(draft, alex.id, f"{raw[:150]} {n}")
        assert stored_ok(commitment.text) and "\n" not in commitment.text
        checkins.remove_commitment(commitment.id)
    weak.keys.set_passphrase(alex.id, "open sesame")
    for raw in CORPUS:
        entry = weak.journal.add(alex.id, f"{raw}\nline two", tags=[raw[:40]])
        assert stored_ok(entry.text) and entry.text.endswith("\nline two")
        assert all(stored_ok(t) for t in entry.tags)
    listing = weak.journal.entries(alex.id, query="[@click=app.quit]")
    assert listing.entries and not listing.damaged


def test_every_limit_is_one_clear_line_and_stores_nothing(weak: Services) -> None:
    (robin,) = weak.profiles.setup(["Robin"])
    with pytest.raises(ProfileError, match=f"at most {NAME_LIMIT} characters"):
        weak.profiles.add("n" * (NAME_LIMIT + 1))
    checkins = weak.checkins
    draft = checkin_helpers.advance(checkins, checkins.start([robin.id]))
    text_item = next(i for i in checkins.pack.items if i.kind is ItemKind.TEXT)
    megabyte = "x" * 1_000_000
    for too_long in ("y" * (TEXT_LIMIT + 1), megabyte):
        with pytest.raises(CheckinError, match=f"longer than {TEXT_LIMIT} characters"):
            checkins.save_answer(draft.id, robin.id, text_item.id, text=too_long)
    assert text_item.id not in checkin_helpers.answers_of(checkins, draft.id, robin.id)
    exactly = "\n".join("z" * 99 for _ in range(TEXT_LIMIT // 100))
    checkins.save_answer(draft.id, robin.id, text_item.id, text=exactly)
    assert (
        checkin_helpers.answers_of(checkins, draft.id, robin.id)[text_item.id].text == exactly
    )  # not cut
    with pytest.raises(CheckinError, match=f"longer than {COMMITMENT_LIMIT} characters"):
        checkins.add_commitment(draft, robin.id, "c" * (COMMITMENT_LIMIT + 1))
    weak.keys.set_passphrase(robin.id, "open sesame")
    for too_long in ("j" * (ENTRY_LIMIT + 1), megabyte):
        with pytest.raises(JournalError, match=f"longer than {ENTRY_LIMIT} characters") as err:
            weak.journal.add(robin.id, too_long)
        assert "\n" not in str(err.value)
    entry = weak.journal.add(robin.id, "k" * ENTRY_LIMIT)  # 100 KB: exactly the limit
    assert len(entry.text) == ENTRY_LIMIT
    assert weak.journal.count(robin.id) == 1


# --- imports --------------------------------------------------------------------------------------


def export_json(services: Services) -> dict[str, Any]:
    result = ExportService(services).render(ExportRequest(fmt="json"))
    data = result.data if isinstance(result.data, str) else result.data.decode()
    loaded = json.loads(data)
    assert isinstance(loaded, dict)
    return dict(loaded)


def hostile_dump(tmp_path: Path) -> dict[str, Any]:
    """A real export, then names, answers and commitments edited to hostile text by hand."""
    svc = open_services(tmp_path / "source", weak_kdf=True)
    try:
        alex, sam = svc.profiles.setup(["Alex", "Sam"])
        checkins = svc.checkins
        draft = checkin_helpers.advance(checkins, checkins.start([alex.id, sam.id]))
        text_item = next(i for i in checkins.pack.items if i.kind is ItemKind.TEXT)
        checkins.save_answer(draft.id, alex.id, text_item.id, text="plain")
        checkins.add_commitment(draft, alex.id, "plain promise")
        data = export_json(svc)
    finally:
        svc.close()
    profiles = data["profiles"]
    assert isinstance(profiles, list)
    profiles[0]["name"] = "\x1b[31mAl\x1b]8;;http://x\x1b\\ex\x9b"
    profiles[1]["name"] = "[@click=app.quit]Sam[/] \u202e"
    (checkin,) = data["checkins"]
    for answer in checkin["answers"]:
        if answer["text"] is not None:
            answer["text"] = f"{' '.join(CORPUS)}\nsecond\x00 line\r\nthird"
    (commitment,) = data["commitments"]
    commitment["text"] = "promise \x1b]0;title\x07 [link=https://evil.example]y[/link]"
    return data


def test_an_import_stores_hostile_text_as_the_app_would(tmp_path: Path, weak: Services) -> None:
    dump = parse_dump(json.dumps(hostile_dump(tmp_path)), "hostile.json")
    import_dump(weak, dump)
    names = [p.name for p in weak.profiles.people()]
    assert names == ["[31mAl ]8;;http://x \\ex", "[@click=app.quit]Sam[/] \u202e"]
    checkin = weak.checkins.draft()
    assert checkin is not None
    alex = weak.profiles.people()[0]
    texts = [
        a.text
        for a in checkin_helpers.answers_of(weak.checkins, checkin.id, alex.id).values()
        if a.text
    ]
    assert texts and all(stored_ok(t) for t in texts)
    assert texts[0].split("\n")[-2:] == ["second line", "third"]
    (commitment,) = weak.checkins.new_commitments(checkin)
    assert stored_ok(commitment.text)
    assert "[link=https://evil.example]y[/link]" in commitment.text


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("\x1b\x07\x9b", "must not be empty"),
        ("n" * 41, "longer than 40 characters"),
        ("x" * 1_000_000, "longer than 40 characters"),
    ],
)
def test_an_import_with_a_bad_name_is_one_line(tmp_path: Path, name: str, why: str) -> None:
    data = hostile_dump(tmp_path)
    data["profiles"][0]["name"] = name
    with pytest.raises(DumpError, match=why) as err:
        from_json(json.dumps(data))
    assert "\n" not in str(err.value) and len(str(err.value)) < 300


def test_an_import_with_megabyte_text_is_one_line(tmp_path: Path) -> None:
    data = hostile_dump(tmp_path)
    data["commitments"][0]["text"] = "c" * 1_000_000
    with pytest.raises(ImportFileError, match="longer than 1000 characters") as err:
        parse_dump(json.dumps(data), "big.json")
    assert "\n" not in str(err.value)


# --- packs ----------------------------------------------------------------------------------------

PACK = """\
id = "odd"
version = 1
title = {title}
sources = [{source}]

[scale]
low = "low"
mid = "mid"
high = "high"

[[items]]
id = "odd.one"
area = "communication"
kind = "scale"
text = {text}
"""


def pack_text(title: str = "Odd", source: str = "A source", text: str = "A question") -> str:
    def quoted(value: str) -> str:  # a TOML basic string (JSON's escapes, without surrogates)
        return json.dumps(value, ensure_ascii=False)

    return PACK.format(title=quoted(title), source=quoted(source), text=quoted(text))


@pytest.mark.parametrize("raw", MARKUP + ODD)
def test_markup_and_odd_text_in_a_pack_is_kept_literally(raw: str) -> None:
    pack, problems = validate_pack_text(pack_text(raw, raw, raw), "odd.toml")
    assert problems == [] and pack is not None
    assert pack.title == raw and pack.sources == (raw,) and pack.items[0].text == raw


@pytest.mark.parametrize("raw", ESCAPES)
def test_control_characters_in_a_pack_are_refused_at_their_line(raw: str) -> None:
    pack, problems = validate_pack_text(pack_text(text=f"a {raw}"), "odd.toml")
    assert pack is None
    assert [(p.line, "contains a control character" in p.reason) for p in problems] == [(15, True)]


def test_an_over_long_pack_text_is_refused_at_its_line() -> None:
    pack, problems = validate_pack_text(pack_text(text="q" * 1_000_000), "odd.toml")
    assert pack is None
    assert [p.line for p in problems] == [15]
    assert f"longer than {PACK_TEXT_LIMIT} characters" in problems[0].reason
    ok, none = validate_pack_text(pack_text(text="q" * PACK_TEXT_LIMIT), "odd.toml")
    assert ok is not None and none == []


@FAST
@given(texts)
def test_any_text_in_a_pack_gives_a_pack_or_problems_never_a_crash(raw: str) -> None:
    pack, problems = validate_pack_text(pack_text(raw, raw, raw), "odd.toml")
    assert (pack is None) == bool(problems)
    for problem in problems:
        assert "\n" not in str(problem)


# --- the command line, as a real process ---------------------------------------------------------


def tc(data_dir: Path, *args: str, input: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """``python -m trustcheck --data-dir DATA_DIR ARGS``, output kept as raw bytes."""
    return subprocess.run(
        [sys.executable, "-m", "trustcheck", "--data-dir", str(data_dir), *args],
        input=input,
        capture_output=True,
        env={**os.environ, DATA_DIR_ENV: str(data_dir), "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )


def inert(raw: bytes) -> str:
    """The output decoded, asserting no ESC, C1 or other terminal control from user input."""
    text = raw.decode("utf-8")
    assert CONTROL.search(text.replace("\n", "").replace("\t", "")) is None, text[:500]
    return text


def ok(result: subprocess.CompletedProcess[bytes]) -> str:
    assert result.returncode == 0, (result.stdout[:500], result.stderr[:500])
    inert(result.stderr)
    return inert(result.stdout)


def one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    assert result.returncode == 1, (result.stdout[:500], result.stderr[:500])
    inert(result.stdout)
    err = inert(result.stderr)
    assert "Traceback" not in err and len(err.splitlines()) == 1, err[:2000]
    return err


HOSTILE_A = "\x1b]8;;http://x\x1b\\Al\x1b]8;;\x1b\\"
HOSTILE_B = "[@click=app.quit]Sam[/] \u202e\x9b31m"


def test_cli_names_journal_and_errors_never_print_control_sequences(tmp_path: Path) -> None:
    data = tmp_path / "data"
    out = ok(tc(data, "setup", HOSTILE_A, HOSTILE_B))
    assert "[@click=app.quit]Sam[/] <U+202E>" in out
    listed = ok(tc(data, "profile", "list"))
    assert listed.splitlines() == [
        visible_controls(normalise_name(n)) for n in (HOSTILE_A, HOSTILE_B)
    ]
    one_line(tc(data, "profile", "add", "Third"))  # at most two people
    assert "there is no profile" in one_line(tc(data, "profile", "remove", "\x1b[31mZ", "-y"))
    one_line(tc(data, "journal", "add", "--as", "\x1b]0;t\x07", "x"))

    alex = listed.splitlines()[0]
    ok(tc(data, "profile", "passwd", alex, "--passphrase-stdin", input=b"open sesame\n"))
    body = "\n".join(CORPUS) + "\nlast line"
    ok(
        tc(
            data, "journal", "add", "--as", alex, "--tag", "\x1b[2Jwork", "--tag", "[/]",
            "--passphrase-stdin", input=f"open sesame\n{body}".encode(),
        )
    )  # fmt: skip
    ok(
        tc(
            data,
            "journal",
            "add",
            "--as",
            alex,
            "--passphrase-stdin",
            "\x1b[31margument\x07",
            input=b"open sesame\n",
        )
    )
    listing = ok(
        tc(data, "journal", "list", "--as", alex, "--passphrase-stdin", input=b"open sesame\n")
    )
    assert "last line" in listing and "[link=https://evil.example]y[/link]" in listing
    assert "#[2Jwork" in listing and "<U+202E>evil" in listing and "[31margument" in listing

    too_long = "j" * (ENTRY_LIMIT + 1)
    err = one_line(
        tc(
            data,
            "journal",
            "add",
            "--as",
            alex,
            "--passphrase-stdin",
            too_long,
            input=b"open sesame\n",
        )
    )
    assert f"longer than {ENTRY_LIMIT} characters" in err
    megabyte = b"open sesame\n" + b"m" * 1_000_000
    err = one_line(tc(data, "journal", "add", "--as", alex, "--passphrase-stdin", input=megabyte))
    assert f"longer than {ENTRY_LIMIT} characters" in err
    err = one_line(tc(data, "profile", "add", "n" * 100_000))
    assert "at most 40 characters" in err


def test_cli_export_paths_and_formats_from_hostile_arguments(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok(tc(data, "demo", "--weeks", "2", "--no-open"))  # something in the period to export
    long_name = tmp_path / ("n" * 300 + "\x1b[31m.md")
    err = one_line(tc(data, "export", "-f", "md", "-o", str(long_name)))
    assert "File name too long" in err  # was a traceback from Path.exists()
    err = one_line(
        tc(data, "export", "-f", "md", "-o", str(tmp_path / "no\x1b]0;t\x07dir" / "x.md"))
    )
    assert "cannot write" in err
    one_line(tc(data, "export", "-f", "\x1b[31mmd", "-o", "-"))
    one_line(tc(data, "export", "-f", "md", "--since", "\x9b2026", "-o", "-"))
    target = tmp_path / "sum \u202emary [b].md"
    out = ok(tc(data, "export", "-f", "md", "-o", str(target)))
    assert target.is_file() and "<U+202E>" in out


def test_cli_packs_validate_hostile_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = tmp_path / "packs"
    folder.mkdir()
    literal = folder / "literal.toml"
    literal.write_text(pack_text(" ".join(MARKUP + ODD), "[link=https://evil.example]s[/link]"))
    assert "looks good" in ok(tc(data, "packs", "validate", str(literal)))
    escapes = folder / "escapes.toml"
    escapes.write_text(pack_text(text="\x1b]8;;http://x\x1b\\q\x9b"), encoding="utf-8")
    result = tc(data, "packs", "validate", str(escapes))
    assert result.returncode == 1
    assert "contains a control character" in inert(result.stdout)
    inert(result.stderr)
    big = folder / "big.toml"
    big.write_text(pack_text(text="q" * 1_000_000))
    result = tc(data, "packs", "validate", str(big))
    assert result.returncode == 1 and f"longer than {PACK_TEXT_LIMIT}" in inert(result.stdout)
    binary = folder / "binary.toml"
    binary.write_bytes(b'id = "x\x1b[31m"\ntitle = "\xff\xfe"\n')
    result = tc(data, "packs", "validate", str(binary))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    inert(result.stdout)
    inert(result.stderr)


def test_cli_import_of_hostile_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    source = tmp_path / "hostile \x1b[31m.json"
    source.write_text(json.dumps(hostile_dump(tmp_path)), encoding="utf-8")
    out = ok(tc(data, "import", str(source)))
    assert "hostile ␛[31m.json" in out
    names = ok(tc(data, "profile", "list")).splitlines()
    assert names == ["[31mAl ]8;;http://x \\ex", "[@click=app.quit]Sam[/] <U+202E>"]
    bad = tmp_path / "bad.json"
    dump = hostile_dump(tmp_path / "again")
    dump["profiles"][0]["name"] = "\x1b\x9b"
    bad.write_text(json.dumps(dump), encoding="utf-8")
    assert "must not be empty" in one_line(tc(tmp_path / "other", "import", str(bad)))


#: A stored name that went round the app's own cleaning (an edit of the database behind its
#: back): a clipboard write (OSC 52), a hyperlink, a bidi override, an Arabic letter mark, a word
#: joiner, a soft hyphen, tag characters, DEL and a C1 CSI (issue 16, section 3).
HOSTILE_NAME = (
    "Al\x1b]52;c;cm0gLXJmIH4=\x07ex\x1b]8;;http://x\x1b\\\\link\u202eevil\u061c\u2060\u00ad"
    "\U000e0041\U000e007f\x7f\x9b31m"
)


def test_a_hostile_stored_name_reaches_no_command_output_raw(tmp_path: Path) -> None:
    """`trends` (text and JSON) and the JSON and Markdown exports print a stored name with
    every control and format character made visible: no terminal sequence runs."""
    from trustcheck.services.demo import seed_demo

    data = tmp_path / "data"
    services = open_services(data, weak_kdf=True)
    try:
        seed_demo(services, weeks=6)
        alex = services.profiles.people()[0]
        import rawdb

        rawdb.database(services).conn.execute(
            "UPDATE profiles SET name = ? WHERE id = ?", (HOSTILE_NAME, alex.id)
        )
    finally:
        services.close()
    env = {**os.environ, DATA_DIR_ENV: str(data), "COLUMNS": "100", "LINES": "40"}
    for args in (
        ["trends"],
        ["trends", "--json"],
        ["export", "-f", "json", "-o", "-"],
        ["export", "-f", "md", "-o", "-"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "trustcheck", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            env=env,
            timeout=60,
        )
        assert result.returncode == 0, (args, result.stderr)
        found = leaks(result.stdout)
        if "md" in args:
            # The Markdown exporter's own word joiner, which keeps "http://" in user text from
            # becoming a link; the one in the name is spelled out like every other.
            assert "U+2060" in result.stdout  # "\\<U+2060\\>": escaped for Markdown too
            found.remove("U+2060")
        assert found == [], args
        assert "U+202E" in result.stdout or "\\u202e" in result.stdout.lower(), args
