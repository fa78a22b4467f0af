"""The sentinel check shared by the tests of private text at rest: read every byte on disk."""

from __future__ import annotations

from pathlib import Path


def files_holding(data_dir: Path, *needles: str) -> list[str]:
    """Every file under ``data_dir`` holding any needle as UTF-8 or UTF-16-LE bytes."""
    patterns = [n.encode(enc) for n in needles for enc in ("utf-8", "utf-16-le")]
    found: list[str] = []
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert files, "the data folder is empty"
    for path in files:
        data = path.read_bytes()
        found.extend(f"{path.name}: {p!r}" for p in patterns if p in data)
    return found
