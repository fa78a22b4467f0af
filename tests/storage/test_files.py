"""The one atomic writer (storage/files.py): a file is the old one or the whole new one."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from trustcheck.storage.files import TargetExists, atomic_target, write_atomic


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_target(target, overwrite=True) as tmp:
        tmp.write_bytes(b"half of the new")
        raise RuntimeError("killed midway")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_an_existing_file_is_never_replaced_unasked(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    write_atomic(target, b"first")
    with pytest.raises(TargetExists):
        write_atomic(target, b"second")
    assert target.read_bytes() == b"first"
    write_atomic(target, b"second", overwrite=True)
    assert target.read_bytes() == b"second"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_a_target_that_appears_while_writing_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    with pytest.raises(TargetExists), atomic_target(target) as tmp:
        tmp.write_bytes(b"ours")
        target.write_bytes(b"theirs")  # another program got there first
    assert target.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]
