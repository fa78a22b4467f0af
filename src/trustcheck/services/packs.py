"""Which packs exist, which modules a couple has switched on, who plays which role, and the
wording of every pack version that was answered (issue 6).

Built-in packs come from ``data/packs``; anyone can add their own in the config folder
(``paths.user_packs_dir()``). Settings live in the ``settings`` table (``services.settings``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from trustcheck import messages
from trustcheck.core.errors import UserError
from trustcheck.core.models import Item, Pack
from trustcheck.core.packs import (
    PackProblem,
    load_user_packs,
    pack_from_snapshot,
    pack_snapshot,
    read_builtin_packs,
    read_builtin_version,
    read_weekly_pack,
    wording_changes,
)
from trustcheck.core.schedule import (
    DAYS,
    Reminder,
    parse_day,
    parse_time,
    reminder_from,
)
from trustcheck.paths import builtin_packs_dir
from trustcheck.storage import peek
from trustcheck.storage.repos.pack_versions import PackVersionRepo
from trustcheck.storage.repos.settings import SettingsRepo

#: Comma-separated ids of the module packs switched on for this couple.
MODULES_SETTING = "modules"
#: ``role.<pack id>.<profile id>``: the role a person has in a module (its ``[roles]``).
ROLE_SETTING = "role.{pack}.{profile}"
#: ``phase.<pack id>``: the phase (0-based) a couple is in, in a module with ``phases``.
PHASE_SETTING = "phase.{pack}"
#: Country code of the safety resources shown (``data/resources.toml``); empty = elsewhere.
LOCALE_SETTING = "safety_locale"
#: Seconds without a key press after which an open journal locks itself (read by the journal).
IDLE_SETTING = "journal_idle_seconds"
#: The couple's check-in day (``mon`` … ``sun``) and time (``HH:MM``): home and ``status`` say
#: "due" from then on, and ``trustcheck remind --ics`` puts it in a calendar.
DAY_SETTING, TIME_SETTING = peek.DAY_SETTING, peek.TIME_SETTING
UID_SETTING = "calendar_uid"
#: Set by ``trustcheck demo``: home says the folder holds demo data, and its passphrases.
DEMO_SETTING = "demo_data"
#: The journal's idle lock may be set from 10 seconds to 24 hours.
IDLE_RANGE = (10, 86_400)

BUILTIN = "built-in"


def load_builtin_packs() -> dict[str, Pack]:
    """Every pack shipped with trustcheck (``data/packs``), by id; read once per process."""
    return read_builtin_packs(builtin_packs_dir())


def weekly_pack() -> Pack:
    """The weekly core pack every check-in uses, as shipped (only ``weekly.toml`` is read)."""
    return read_weekly_pack(builtin_packs_dir())


class PackSettingError(UserError, ValueError):
    """A setting that cannot be stored; the message is one line for the user."""


class PackEntry(NamedTuple):
    """One pack as ``trustcheck packs list`` and the settings screen show it."""

    id: str
    version: int | None
    title: str
    source: str  # "built-in" or the file it came from
    module: bool
    enabled: bool
    #: Why the pack is refused (empty when it can be used).
    problems: tuple[str, ...] = ()
    pack: Pack | None = None

    @property
    def usable(self) -> bool:
        return self.pack is not None and not self.problems


class PackService:
    """The catalogue of packs, the per-couple module switches and roles, and pack versions."""

    def __init__(
        self,
        weekly: Pack,
        settings: SettingsRepo,
        versions: PackVersionRepo,
        now: Callable[[], dt.datetime],
        *,
        user_dir: Path | None = None,
    ) -> None:
        self.weekly = weekly
        self._settings = settings
        self._versions = versions
        self._now = now
        self._user_dir = user_dir
        self._loaded: tuple[list[Pack], list[Pack], list[PackProblem]] | None = None
        self._snapshotted: set[tuple[str, int]] = set()
        # A version's wording, once found, never changes (stored once, shipped once).
        self._answered: dict[tuple[str, int], Pack] = {}

    # --- loading ------------------------------------------------------------------------------
    def user_dir(self) -> Path:
        if self._user_dir is not None:
            return self._user_dir
        from trustcheck.paths import user_packs_dir

        return user_packs_dir()

    def _load(self) -> tuple[list[Pack], list[Pack], list[PackProblem]]:
        if self._loaded is None:
            builtin = dict(load_builtin_packs())
            builtin[self.weekly.id] = self.weekly  # a test (or import) may bring its own weekly
            user, problems = load_user_packs(self.user_dir(), builtin)
            self._loaded = (list(builtin.values()), user, problems)
        return self._loaded

    def refresh(self) -> None:
        """Read the pack files again (after a user pack was added or edited)."""
        self._loaded = None
        self._answered.clear()

    def stored_snapshot(self, pack_id: str, version: int) -> str | None:
        """The wording stored when ``version`` of the pack was first answered here, if it was."""
        return self._versions.get(pack_id, version)

    def version_problems(self, pack: Pack) -> list[str]:
        """Why ``pack`` may not be used: its wording differs from the same version's answers."""
        stored = self._versions.get(pack.id, pack.version)
        if stored is None:
            return []
        return [
            messages.PACK_NEEDS_VERSION.format(reason=reason, version=pack.version + 1)
            for reason in wording_changes(pack, stored)
        ]

    def entries(self) -> list[PackEntry]:
        """Every pack: built-in first, then the user's (refused ones too, with their reasons)."""
        builtin, user, problems = self._load()
        on = self.enabled_ids()
        out: list[PackEntry] = []
        for pack in [*builtin, *user]:
            source = pack.path if pack in user else BUILTIN
            enabled = pack.id in on or not pack.module
            out.append(
                PackEntry(
                    id=pack.id,
                    version=pack.version,
                    title=pack.title,
                    source=source,
                    module=pack.module,
                    enabled=enabled,
                    problems=tuple(self.version_problems(pack)),
                    pack=pack,
                )
            )
        by_file: dict[str, list[str]] = {}
        for problem in problems:
            by_file.setdefault(problem.file, []).append(str(problem))
        for file, reasons in by_file.items():
            out.append(
                PackEntry(
                    id=Path(file).stem,
                    version=None,
                    title="",
                    source=file,
                    module=False,
                    enabled=False,
                    problems=tuple(reasons),
                )
            )
        return out

    def modules(self) -> list[Pack]:
        """Every usable module pack, built-in first."""
        return [e.pack for e in self.entries() if e.module and e.usable and e.pack is not None]

    def get(self, pack_id: str) -> Pack:
        """A usable pack by id (the weekly one included); KeyError if there is none."""
        if pack_id == self.weekly.id:
            return self.weekly
        for entry in self.entries():
            if entry.id == pack_id and entry.usable and entry.pack is not None:
                return entry.pack
        raise KeyError(pack_id)

    # --- modules and roles --------------------------------------------------------------------
    def enabled_ids(self) -> list[str]:
        raw = self._settings.get(MODULES_SETTING) or ""
        return [p for p in raw.split(",") if p]

    def enabled_modules(self) -> list[Pack]:
        """The switched-on modules that can be used, in catalogue order."""
        on = set(self.enabled_ids())
        return [p for p in self.modules() if p.id in on]

    def set_enabled(self, pack_id: str, enabled: bool) -> None:
        ids = [p for p in self.enabled_ids() if p != pack_id]
        if enabled:
            if pack_id not in {p.id for p in self.modules()}:
                raise PackSettingError(messages.PACK_NOT_A_MODULE.format(pack=pack_id))
            ids.append(pack_id)
        self._settings.set(MODULES_SETTING, ",".join(ids))

    def role(self, pack_id: str, profile_id: int) -> str | None:
        return self._settings.get(ROLE_SETTING.format(pack=pack_id, profile=profile_id)) or None

    def set_role(self, pack_id: str, profile_id: int, role: str | None) -> None:
        """Store who is who in a module (e.g. after a betrayal); None clears it."""
        if role is not None:
            pack = self.get(pack_id)
            if role not in dict(pack.roles):
                raise PackSettingError(messages.PACK_UNKNOWN_ROLE.format(role=role))
        self._settings.set(ROLE_SETTING.format(pack=pack_id, profile=profile_id), role or "")

    def phase(self, pack_id: str) -> int:
        """The phase (0-based) the couple is in, in a module with phases; 0 until they move on."""
        raw = self._settings.get(PHASE_SETTING.format(pack=pack_id)) or "0"
        try:
            return max(int(raw), 0)
        except ValueError:
            return 0

    def set_phase(self, pack_id: str, phase: int) -> None:
        self._settings.set(PHASE_SETTING.format(pack=pack_id), str(max(phase, 0)))

    def questions_added(self, pack: Pack) -> int:
        """How many questions a module adds to a person's turn now: the most any role is asked
        (in a module with phases, in the couple's current phase)."""
        roles: list[str | None] = [None, *(role for role, _ in pack.roles)]
        return max(len(self.phase_items(pack, role)) for role in roles)

    def phase_items(self, pack: Pack, role: str | None) -> tuple[Item, ...]:
        """What a person with ``role`` answers in ``pack`` now: their role's items of the
        couple's current phase, and the items outside the phases."""
        return pack.in_phase(pack.for_role(role), self.phase(pack.id))

    # --- versions -----------------------------------------------------------------------------
    def unsaved_snapshot(self, pack: Pack) -> str | None:
        """The wording of ``pack``'s version to store with an answer, or None when this process
        already stored it (it is stored the first time a version is answered; storing it again
        changes nothing). Call :meth:`snapshot_saved` once it is written."""
        if (pack.id, pack.version) in self._snapshotted:
            return None
        return pack_snapshot(pack)

    def snapshot_saved(self, pack: Pack) -> None:
        """``pack``'s version is stored: later answers need not carry its wording."""
        self._snapshotted.add((pack.id, pack.version))

    def answered(self, pack_id: str, version: int) -> Pack | None:
        """The pack as it was when ``version`` was answered: its stored wording, else the
        current pack when it has that version (answers stored before snapshots existed), else
        that version as trustcheck shipped it (``data/packs/versions``: v1 answers of an older
        database, the demo or an import after the weekly pack moved on). Found once per
        version: a summary asks for it for every statement it lists."""
        found = self._answered.get((pack_id, version))
        if found is None:
            found = self._find_answered(pack_id, version)
            if found is not None:
                self._answered[(pack_id, version)] = found
        return found

    def _find_answered(self, pack_id: str, version: int) -> Pack | None:
        stored = self._versions.get(pack_id, version)
        if stored is not None:
            return pack_from_snapshot(stored)
        try:
            current = self.get(pack_id)
        except KeyError:
            current = None
        if current is not None and current.version == version:
            return current
        return read_builtin_version(builtin_packs_dir(), pack_id, version)

    # --- other settings shown on the settings screen ------------------------------------------
    def locale(self) -> str | None:
        return self._settings.get(LOCALE_SETTING) or None

    def set_locale(self, locale: str | None) -> None:
        self._settings.set(LOCALE_SETTING, locale or "")

    def idle_seconds(self) -> int | None:
        """The journal's idle lock time as stored, in seconds; None when unset, or when what is
        stored is not a whole number from 10 s to 24 h (an edited ``inf`` would switch the lock
        off, ``1e-9`` would keep a processor busy): then the default applies."""
        raw = self._settings.get(IDLE_SETTING)
        if raw is None or not raw.strip().isdigit():
            return None
        seconds = int(raw.strip())
        return seconds if IDLE_RANGE[0] <= seconds <= IDLE_RANGE[1] else None

    def idle_lock_seconds(self) -> float | None:
        """:meth:`idle_seconds` for the lock's timer."""
        seconds = self.idle_seconds()
        return None if seconds is None else float(seconds)

    def reminder(self) -> Reminder | None:
        """The couple's chosen check-in day and time; None when not chosen (or not valid as
        stored: settings are validated when read)."""
        return reminder_from(self._settings.get(DAY_SETTING), self._settings.get(TIME_SETTING))

    def set_reminder(self, day: str | None, time: str | None) -> Reminder | None:
        """Choose the check-in day and time from what was typed (both, or neither to clear)."""
        if not (day or "").strip() and not (time or "").strip():
            self._settings.set(DAY_SETTING, "")
            self._settings.set(TIME_SETTING, "")
            return None
        if not (day or "").strip() or not (time or "").strip():
            raise PackSettingError(messages.REMINDER_BOTH)
        try:
            chosen = Reminder(parse_day(day or ""), parse_time(time or ""))
        except ValueError as exc:
            raise PackSettingError(str(exc)) from None
        self._settings.set(DAY_SETTING, DAYS[chosen.weekday])
        self._settings.set(TIME_SETTING, f"{chosen.at:%H:%M}")
        return chosen

    def is_demo(self) -> bool:
        """Whether this folder was filled by ``trustcheck demo`` (home shows a banner)."""
        return self._settings.get(DEMO_SETTING) == "1"

    def mark_demo(self) -> None:
        self._settings.set(DEMO_SETTING, "1")

    def calendar_uid(self) -> str:
        """The check-in's calendar event UID, made once per data folder (``remind --ics``), so a
        newer calendar file updates the same event instead of adding a second."""
        uid = self._settings.get(UID_SETTING)
        if not uid:
            import uuid

            uid = f"{uuid.uuid4()}@trustcheck"
            self._settings.set(UID_SETTING, uid)
        return uid

    def set_idle_seconds(self, raw: str) -> int:
        """Store the journal's idle lock time from what was typed (10 s to 24 h)."""
        try:
            seconds = int(raw.strip())
        except ValueError:
            raise PackSettingError(messages.SETTINGS_IDLE_BAD) from None
        if not IDLE_RANGE[0] <= seconds <= IDLE_RANGE[1]:
            raise PackSettingError(messages.SETTINGS_IDLE_BAD)
        self._settings.set(IDLE_SETTING, str(seconds))
        return seconds
