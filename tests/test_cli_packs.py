"""`trustcheck packs list` and `trustcheck packs validate FILE` (issue 6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustcheck.cli.commands import app
from trustcheck.core.clock import FixedClock
from trustcheck.paths import CONFIG_DIR_ENV, DATA_DIR_ENV, builtin_packs_dir
from trustcheck.services import open_services

GOOD = (
    'id = "sleep"\nversion = 1\ntitle = "Sleep"\nmodule = true\n'
    '[[items]]\nid = "sleep.note"\narea = "open"\nkind = "text"\ntext = "How I slept."\n'
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_DIR_ENV, str(folder))
    return folder


def test_list_shows_builtin_and_user_packs_and_what_is_on(config_dir: Path) -> None:
    (config_dir / "packs").mkdir(parents=True)
    (config_dir / "packs" / "sleep.toml").write_text(GOOD, encoding="utf-8")
    (config_dir / "packs" / "broken.toml").write_text("id = \n", encoding="utf-8")
    data_dir = Path(os.environ[DATA_DIR_ENV])
    services = open_services(data_dir)
    try:
        services.packs.set_enabled("jealousy", True)
    finally:
        services.close()
    code, out, _ = run("packs", "list")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].split() == ["id", "version", "title", "from", "on/off"]
    by_id = {line.split()[0]: line for line in lines[1:] if line and not line.startswith(" ")}
    assert by_id["weekly"].split()[-2:] == ["built-in", "always"]
    assert by_id["jealousy"].endswith("on") and by_id["betrayal"].endswith("off")
    assert str(config_dir / "packs" / "sleep.toml") in by_id["sleep"]
    assert by_id["sleep"].endswith("off") and " 1 " in by_id["sleep"]
    assert by_id["broken"].endswith("refused")
    # Each module says how many questions it adds to a turn (issue 15 §3).
    assert "Jealousy (adds up to 8 questions)" in by_id["jealousy"]
    assert "After a betrayal (adds up to 10 questions)" in by_id["betrayal"]
    assert "adds up to" not in by_id["weekly"]
    assert f"{config_dir / 'packs' / 'broken.toml'}:1: TOML syntax error" in out
    assert f"Your own packs go in {config_dir / 'packs'}" in out


def test_validate_a_good_pack() -> None:
    code, out, _ = run("packs", "validate", str(builtin_packs_dir() / "betrayal.toml"))
    assert code == 0
    assert "looks good — pack 'betrayal' version 2, 26 items" in out


BAD = (
    'id = "m"\n'  # 1
    "version = 1\n"  # 2
    'title = "M"\n'  # 3
    "[[items]]\n"  # 4
    'id = "a"\n'  # 5
    'area = "nowhere"\n'  # 6
    'kind = "text"\n'  # 7
    'text = "A"\n'  # 8
    "reverse = true\n"  # 9
    "[[items]]\n"  # 10
    'id = "a"\n'  # 11
    'area = "open"\n'  # 12
    'kind = "essay"\n'  # 13
    'text = ""\n'  # 14
    "[[items]]\n"  # 15
    'area = "open"\n'  # 16
    'kind = "text"\n'  # 17
    'text = "C"\n'  # 18
)


def test_validate_reports_every_problem_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD, encoding="utf-8")
    code, out, err = run("packs", "validate", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:6: item 'a': unknown area 'nowhere' (one of: communication, security, "
        "closeness, reliability, openness, overall, open)",
        f"{path}:9: item 'a': reverse = true is only for scale items",
        f"{path}:11: duplicate item id 'a' (first at line 5)",
        f"{path}:13: item 'a': unknown kind 'essay' (one of: scale, rating, text, choice)",
        f"{path}:14: item 'a': text is empty",
        f"{path}:15: item 3 has no 'id'",
    ]
    assert "6 problem(s) found" in err


def test_validate_toml_syntax_and_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "syntax.toml"
    path.write_text('id = "m"\nversion = = 1\n', encoding="utf-8")
    code, out, _ = run("packs", "validate", str(path))
    assert code == 1 and out.startswith(f"{path}:2: TOML syntax error")
    code, out, _ = run("packs", "validate", str(tmp_path / "missing.toml"))
    assert code == 1 and "cannot read the file" in out


def test_validate_refuses_a_builtin_id(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD.replace('"sleep"', '"weekly"', 1), encoding="utf-8")
    code, out, _ = run("packs", "validate", str(path))
    assert code == 1 and f"{path}:1: pack id 'weekly' is a built-in pack's" in out


def test_validate_refuses_new_wording_under_an_answered_version(
    tmp_path: Path, config_dir: Path, clock: FixedClock
) -> None:
    (config_dir / "packs").mkdir(parents=True)
    path = config_dir / "packs" / "sleep.toml"
    path.write_text(GOOD, encoding="utf-8")
    services = open_services(Path(os.environ[DATA_DIR_ENV]), clock)
    try:
        [robin] = services.profiles.setup(["Robin"])
        services.packs.set_enabled("sleep", True)
        draft = services.checkins.start([robin.id])
        services.checkins.save_answer(draft.id, robin.id, "sleep.note", text="ok", pack_id="sleep")
    finally:
        services.close()
    path.write_text(GOOD.replace("How I slept.", "How I rested."), encoding="utf-8")
    code, out, _ = run("packs", "validate", str(path))
    assert code == 1
    assert out.startswith(f"{path}:5: item 'sleep.note' changed its text since it was answered")
    assert "version = 2" in out
    code, out, _ = run("packs", "list")
    assert "refused" in out and "item 'sleep.note' changed its text" in out
    path.write_text(GOOD.replace("How I slept.", "How I rested.").replace("= 1", "= 2", 1))
    code, out, _ = run("packs", "validate", str(path))
    assert code == 0, out


def test_packs_validate_list_and_doctor_read_a_deeply_nested_pack_as_one_problem(
    tmp_path: Path,
) -> None:
    """Issue 16, section 4: no RecursionError traceback from a hostile pack file."""
    import os
    import subprocess
    import sys

    packs = tmp_path / "config" / "packs"
    packs.mkdir(parents=True)
    deep = packs / "deep.toml"
    deep.write_text('id = "x"\nversion = 1\nv = ' + "[" * 5000 + "]" * 5000 + "\n")
    env = {**os.environ, "TRUSTCHECK_CONFIG_DIR": str(tmp_path / "config")}
    data = str(tmp_path / "data")
    for args in (["packs", "validate", str(deep)], ["packs", "list"], ["doctor"]):
        result = subprocess.run(
            [sys.executable, "-m", "trustcheck", "--data-dir", data, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert "Traceback" not in result.stdout + result.stderr, args
        assert "nested too deeply to read" in result.stdout + result.stderr, args


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "folder"])
@pytest.mark.parametrize("command", [["import"], ["packs", "validate"]])
def test_a_special_file_is_refused_at_once_in_one_line(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    """Issue 16, section 5: `/dev/zero` exhausted memory and a FIFO hung: only a regular file,
    up to a limit, is read."""
    import os
    import subprocess
    import sys

    if kind == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)
    elif kind == "folder":
        path = tmp_path / "folder"
        path.mkdir()
    else:
        path = Path(kind)
    data = str(tmp_path / "d")
    result = subprocess.run(
        [sys.executable, "-m", "trustcheck", "--data-dir", data, *command, str(path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "not a regular file" in result.stdout + result.stderr or (
        "directory" in result.stdout + result.stderr
    )
