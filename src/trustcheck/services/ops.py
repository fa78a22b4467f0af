"""Operations on the data folder: `doctor`, `backup`, `restore`.

Doctor only reads: it opens the database read-only (never migrating, never checkpointing) and
reports each check as ok or as a problem with a one-line hint.
"""

from __future__ import annotations

import datetime as dt
import shlex
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from trustcheck.paths import DB_FILENAME, user_packs_dir
from trustcheck.storage import migrations
from trustcheck.storage.backup import (
    BackupError,
    RestoreResult,
    backup_to,
    backups_dir,
    inspect,
    restore_from,
    side_files,
)
from trustcheck.storage.db import DIR_MODE, FILE_MODE

__all__ = [
    "MIN_FREE_BYTES",
    "BackupError",
    "Check",
    "DoctorReport",
    "RestoreResult",
    "backup",
    "doctor",
    "restore",
]

MIN_FREE_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the doctor's report; a problem carries a one-line hint."""

    label: str
    ok: bool
    detail: str
    hint: str | None = None
    #: Worth a look but not a problem: it does not make doctor fail.
    warning: bool = False


@dataclass
class DoctorReport:
    data_dir: Path
    checks: list[Check] = field(default_factory=list)

    @property
    def problems(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def good(self, label: str, detail: str) -> None:
        self.checks.append(Check(label, True, detail))

    def bad(self, label: str, detail: str, hint: str) -> None:
        self.checks.append(Check(label, False, detail, hint))

    def warn(self, label: str, detail: str, hint: str) -> None:
        self.checks.append(Check(label, True, detail, hint, warning=True))


def _q(path: Path) -> str:
    return shlex.quote(str(path))


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def doctor(
    data_dir: Path,
    *,
    full: bool = False,
    min_free: int = MIN_FREE_BYTES,
    today: dt.date | None = None,
) -> DoctorReport:
    """Check the data folder and its database; change nothing. With ``today``, a support line last
    checked more than 12 months before it is a warning."""
    report = DoctorReport(data_dir)
    db_path = data_dir / DB_FILENAME
    known = migrations.schema_version()
    if not data_dir.exists():
        report.good("data folder", f"{data_dir} (not created yet: nothing stored so far)")
    elif not data_dir.is_dir():
        report.bad(
            "data folder",
            f"{data_dir} is not a folder",
            "move that file away, or choose another folder with --data-dir",
        )
    else:
        report.good("data folder", str(data_dir))
        _permissions(report, data_dir, db_path)
        _database(report, db_path, known, full=full)
    _packs(report)
    _resources(report, today)
    _disk(report, data_dir, min_free)
    return report


def _permissions(report: DoctorReport, data_dir: Path, db_path: Path) -> None:
    wrong: list[tuple[Path, int, int]] = []
    folders = [data_dir]
    files = [db_path, *side_files(db_path)]
    backups = backups_dir(data_dir)
    if backups.is_dir():
        folders.append(backups)
        files.extend(p for p in sorted(backups.iterdir()) if p.is_file())
    for path, want in [*((f, DIR_MODE) for f in folders), *((f, FILE_MODE) for f in files)]:
        try:
            mode = stat.S_IMODE(path.lstat().st_mode)
        except OSError:
            continue  # not there: nothing to protect
        if mode & ~want:
            wrong.append((path, mode, want))
    if not wrong:
        report.good("permissions", "folders 0700, files 0600 (only you can read them)")
    for path, mode, want in wrong:
        report.bad(
            "permissions",
            f"{path} is {mode:04o}, should be {want:04o} (others can read it)",
            f"run: chmod {want:o} {_q(path)}",
        )


def _database(report: DoctorReport, db_path: Path, known: int, *, full: bool) -> None:
    if not db_path.exists() or (db_path.is_file() and db_path.stat().st_size == 0):
        report.good("database", f"{db_path} (none yet: it is created on first use)")
        return
    found = inspect(db_path, full=full)
    if found.error is not None:
        report.bad(
            "database",
            f"{db_path} cannot be read: {found.error}",
            "restore a backup with `trustcheck restore FILE` (it keeps a copy of this file)",
        )
        return
    report.good("database", str(db_path))
    version = found.version or 0
    if not found.is_trustcheck:
        report.bad(
            "schema",
            f"no trustcheck tables (schema {version})",
            "this is not a trustcheck database: choose the right folder with --data-dir",
        )
    elif found.missing_tables:
        report.bad(
            "schema",
            f"version {version}, but tables are missing: {', '.join(sorted(found.missing_tables))}",
            "restore a backup with `trustcheck restore FILE` (it keeps a copy of this file)",
        )
    elif version > known:
        report.bad(
            "schema",
            f"version {version}, written by a newer trustcheck (this one knows up to {known})",
            "update trustcheck; this file is left untouched until then",
        )
    elif version < known:
        report.good(
            "schema",
            f"version {version}; this trustcheck writes {known} "
            "(upgraded on next use, after an automatic backup)",
        )
    else:
        report.good("schema", f"version {version} (this trustcheck writes {known})")
    name = "integrity check" if full else "quick check"
    if not found.integrity:
        report.good(name, "ok")
    for problem in found.integrity:
        report.bad(
            name,
            problem,
            "the file is damaged: restore a backup with `trustcheck restore FILE`",
        )
    if found.damaged_values:
        report.bad(
            "dates and times",
            f"unreadable values: {', '.join(found.damaged_values)}",
            "the file was changed outside trustcheck: restore a backup with "
            "`trustcheck restore FILE`",
        )
    elif not found.integrity:
        report.good("dates and times", "all readable")
    if not found.foreign_keys:
        report.good("foreign keys", "ok")
    for problem in found.foreign_keys:
        report.bad(
            "foreign keys",
            problem,
            "links between records are broken: restore a backup with `trustcheck restore FILE`",
        )
    if found.wal:
        report.good("journal mode", "WAL")
    else:
        report.bad(
            "journal mode",
            "not WAL (two windows at once may wait on each other)",
            "start trustcheck once: it switches the database back to WAL",
        )


def _packs(report: DoctorReport) -> None:
    from trustcheck.core.packs import PackError, load_pack
    from trustcheck.services.packs import load_builtin_packs

    try:
        builtin = load_builtin_packs()
    except PackError as err:
        for problem in err.problems[:5]:
            report.bad("built-in packs", str(problem), "reinstall trustcheck")
    else:
        report.good("built-in packs", f"{len(builtin)} valid")
    folder = user_packs_dir()
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    broken = 0
    for path in files:
        try:
            load_pack(path)
        except PackError as err:
            broken += 1
            report.bad(
                "user packs",
                str(err),
                f"fix it, or check it with `trustcheck packs validate {_q(path)}`",
            )
    if not broken:
        report.good("user packs", f"{len(files)} valid in {folder}" if files else "none")


def _resources(report: DoctorReport, today: dt.date | None) -> None:
    """The support lines: the shipped list, a file of the person's own (announced: it can only
    add), and any line last checked more than 12 months ago."""
    from trustcheck import messages
    from trustcheck.core.packs import PackError
    from trustcheck.core.resources import add_user_resources, load_resources
    from trustcheck.paths import builtin_resources_file, user_resources_file

    try:
        resources = load_resources(builtin_resources_file())
    except PackError as err:
        for problem in err.problems[:5]:
            report.bad(
                messages.DOCTOR_RESOURCES, str(problem), messages.DOCTOR_RESOURCES_BROKEN_HINT
            )
        return
    report.good(
        messages.DOCTOR_RESOURCES,
        messages.DOCTOR_RESOURCES_SHIPPED.format(
            n=len(resources.resources), places=len(resources.locales)
        ),
    )
    own = user_resources_file()
    if not own.exists():
        report.good(messages.DOCTOR_RESOURCES_OWN, messages.DOCTOR_RESOURCES_NONE)
    else:
        resources = add_user_resources(resources, own)
        for problem in resources.user_problems:
            report.bad(
                messages.DOCTOR_RESOURCES_OWN, str(problem), messages.DOCTOR_RESOURCES_REFUSED_HINT
            )
        if not resources.user_problems:
            report.good(
                messages.DOCTOR_RESOURCES_OWN,
                messages.DOCTOR_RESOURCES_IN_USE.format(path=own, n=len(resources.added)),
            )
    if today is None:
        return
    stale = resources.stale(today)
    if not stale:
        report.good(messages.DOCTOR_RESOURCES_STALE, messages.DOCTOR_RESOURCES_FRESH)
    places = {loc.id: loc.name for loc in resources.locales}
    for res in stale:
        hint = (
            messages.DOCTOR_RESOURCES_OLD_HINT_OWN.format(path=_q(own))
            if res.added
            else messages.DOCTOR_RESOURCES_OLD_HINT_SHIPPED
        )
        report.warn(
            messages.DOCTOR_RESOURCES_STALE,
            messages.DOCTOR_RESOURCES_OLD.format(
                name=res.name, place=places.get(res.locale, res.locale), date=res.last_checked
            ),
            hint,
        )


def _disk(report: DoctorReport, data_dir: Path, min_free: int) -> None:
    where = data_dir
    while not where.exists() and where != where.parent:
        where = where.parent
    try:
        free = shutil.disk_usage(where).free
    except OSError as exc:
        report.bad("free disk", f"cannot tell: {exc.strerror}", "check the disk is mounted")
        return
    if free < min_free:
        report.bad(
            "free disk",
            f"{_size(free)} free, under {_size(min_free)}",
            "free some space: saving answers and backups needs room",
        )
    else:
        report.good("free disk", f"{_size(free)} free")


def backup(data_dir: Path, target: Path, *, force: bool = False) -> tuple[Path, int]:
    """Write a backup of ``data_dir``'s database to ``target``; the file and its schema."""
    return backup_to(data_dir, target, overwrite=force)


def restore(data_dir: Path, source: Path) -> RestoreResult:
    """Replace ``data_dir``'s database with the backup ``source`` (see ``restore_from``)."""
    return restore_from(data_dir, source)


def app_backups(data_dir: Path) -> list[Path]:
    """The copies trustcheck made itself (``storage.backup.app_backups``), oldest first."""
    from trustcheck.storage.backup import app_backups as found

    return found(data_dir)


def delete_backups(paths: list[Path]) -> int:
    """Delete copies listed by :func:`app_backups`; how many were deleted."""
    from trustcheck.storage.backup import delete_files

    return delete_files(paths)
