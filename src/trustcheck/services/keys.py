"""Passphrases and the keys they unlock: who can read which private text, in this process.

Each profile may have a passphrase. It wraps a random data key (``storage.crypto``); unlocking puts
that key in the session's key ring until it is locked again (hand-over, idle time, hide key, exit).

A person may also keep a one-time **recovery code** (issue 17, section 4): a second wrap of the same
data key, under a code shown once and never stored. Using it (:meth:`KeyService.open_recovery`, then
:meth:`KeyService.finish_recovery`) sets a new passphrase and uses the code up. A passphrase change
keeps the code working: the new data key is sealed to the code's public half, which needs no code
(``storage.crypto.RecoveryWrap``). Making a new code replaces the old one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from trustcheck import messages
from trustcheck.core.errors import UserError
from trustcheck.core.text import visible_length
from trustcheck.storage import crypto
from trustcheck.storage.errors import ConflictError
from trustcheck.storage.repos.keys import KeyRepo
from trustcheck.storage.repos.sealed import SealedRecord, SealedRepo

MIN_PASSPHRASE = 4


class PassphraseError(UserError, ValueError):
    """A passphrase that cannot be used; the message is one line for the user."""


class Recovery:
    """A recovery code that fitted, held between the code and the new passphrase: the data key it
    opened, and the stored wraps it was opened from (so it is used once, and a change made
    meanwhile in another window is noticed). Shows nothing of the key."""

    __slots__ = ("_data_key", "_recovery", "_wrapped", "profile_id")

    def __init__(self, profile_id: int, data_key: bytes, wrapped: str, recovery: str) -> None:
        self.profile_id = profile_id
        self._data_key = data_key
        self._wrapped = wrapped
        self._recovery = recovery

    def __repr__(self) -> str:  # never show key material
        return f"Recovery(profile_id={self.profile_id}, <hidden>)"


class KeyService:
    def __init__(self, repo: KeyRepo, sealed: SealedRepo, *, weak_kdf: bool = False) -> None:
        self._repo = repo
        self._sealed = sealed
        # The ring checks, on each use of a key, that its passphrase was not changed since.
        self.ring = crypto.KeyRing(stored=repo.get)
        # Tests use cheap Argon2id parameters; production code never sets this.
        self._weak = weak_kdf
        #: Called just before a key is dropped (with its profile id; None: every key), so what
        #: is being written can be sealed while the key is still here (a check-in draft).
        self._before_lock: list[Callable[[int | None], None]] = []

    def _params(self) -> crypto.KdfParams:
        return crypto.KdfParams.for_tests() if self._weak else crypto.KdfParams.production()

    def new_key(self, profile_id: int, passphrase: str) -> tuple[bytes, crypto.WrappedKey]:
        """A fresh data key for a profile, wrapped under ``passphrase`` at the current cost.

        Nothing is stored: the caller writes the wrapped key with the records it seals (import).
        """
        check_passphrase(passphrase)
        return crypto.create_key(passphrase, profile_id, self._params(), allow_weak=self._weak)

    def has_passphrase(self, profile_id: int) -> bool:
        return self._repo.get(profile_id) is not None

    def _wrapped(self, profile_id: int) -> crypto.WrappedKey:
        stored = self._repo.get(profile_id)
        if stored is None:
            raise PassphraseError(messages.NO_PASSPHRASE)
        return crypto.WrappedKey.from_json(stored, allow_weak=self._weak)

    def set_passphrase(self, profile_id: int, new: str, old: str | None = None) -> int:
        """Set a first passphrase, or change it (``old`` required); how many private records
        were sealed again.

        A change rotates the data key: every private record of the person is sealed again under
        a new key, in one transaction with the new wrapped key, so the old passphrase (and any
        older copy of the old wrapped key) opens nothing written from then on. A record that
        was damaged already stays as it was. A recovery code keeps working: its wrap moves to
        the new key in the same transaction.
        """
        check_passphrase(new)
        stored = self._repo.get(profile_id)
        if stored is None:
            data_key, wrapped = crypto.create_key(
                new, profile_id, self._params(), allow_weak=self._weak
            )
            text = wrapped.to_json()
            self._repo.set(profile_id, text)
            self.ring.add(profile_id, data_key, text)
            return 0
        if old is None:
            raise PassphraseError(messages.OLD_PASSPHRASE_NEEDED)
        old_data_key = crypto.unwrap_key(
            old, profile_id, self._wrapped(profile_id), allow_weak=self._weak
        )
        return self._rotate(profile_id, stored, old_data_key, new, self._keep_recovery)

    def _keep_recovery(self, profile_id: int, data_key: bytes, stored: str | None) -> str | None:
        """The recovery wrap, moved to the new data key: a passphrase change keeps the code.
        A damaged wrap (it could open nothing) is dropped."""
        if stored is None:
            return None
        try:
            wrap = crypto.RecoveryWrap.from_json(stored, allow_weak=self._weak)
            moved = crypto.rewrap_recovery(wrap, data_key, profile_id, allow_weak=self._weak)
        except crypto.DamagedKeyData:
            return None
        return moved.to_json()

    def _rotate(
        self,
        profile_id: int,
        stored: str,
        old_data_key: bytes,
        new: str,
        recovery: Callable[[int, bytes, str | None], str | None],
        *,
        unlock: bool = False,
    ) -> int:
        """A new data key under ``new``, every record sealed again under it, and the recovery
        wrap as ``recovery(profile_id, new data key, stored wrap)`` says, in one transaction.
        The new key is held if the person was unlocked already, or ``unlock``."""
        old_key = crypto.RecordKey(old_data_key)
        data_key, wrapped = crypto.create_key(
            new, profile_id, self._params(), allow_weak=self._weak
        )
        new_key = crypto.RecordKey(data_key)

        def reseal(record: SealedRecord) -> bytes:
            table, record_id = record.table, record.record_id
            try:
                text = crypto.open_sealed(
                    old_key, record.body, profile_id=profile_id, table=table, record_id=record_id
                )
            except crypto.DamagedRecord:
                return record.body  # unreadable before, unreadable after: left as it was
            return crypto.seal(
                new_key, text, profile_id=profile_id, table=table, record_id=record_id
            )

        text = wrapped.to_json()
        resealed = self._sealed.rotate(
            profile_id, stored, text, reseal, lambda now: recovery(profile_id, data_key, now)
        )
        if unlock or self.ring.is_unlocked(profile_id):
            self.ring.add(profile_id, data_key, text)
        return resealed

    # ------------------------------------------------------------------ recovery codes

    def has_recovery_code(self, profile_id: int) -> bool:
        return self._repo.get_recovery(profile_id) is not None

    def make_recovery_code(self, profile_id: int) -> str:
        """A new one-time recovery code for an unlocked profile, its wrap stored (an earlier
        code stops working); the code itself is returned to be shown once, never stored."""
        code = crypto.new_recovery_code()
        wrap = self.ring.wrap_for_recovery(
            profile_id, code, self._params(), allow_weak=self._weak
        )
        stored = self._repo.get(profile_id)
        if stored is None:
            raise PassphraseError(messages.NO_PASSPHRASE)
        self._repo.set_recovery(profile_id, stored, wrap.to_json())
        return code

    def open_recovery(self, profile_id: int, code: str) -> Recovery:
        """Check a recovery code (one slow key derivation, like a passphrase); nothing changes.

        :class:`WrongRecoveryCode` (one line) if it does not fit, :class:`PassphraseError` if
        the person keeps no recovery code.
        """
        stored = self._repo.get(profile_id)
        recovery = self._repo.get_recovery(profile_id)
        if stored is None or recovery is None:
            raise PassphraseError(messages.NO_RECOVERY_CODE)
        wrap = crypto.RecoveryWrap.from_json(recovery, allow_weak=self._weak)
        try:
            data_key = crypto.unwrap_recovery(code, profile_id, wrap, allow_weak=self._weak)
        except crypto.WrongRecoveryCode:
            raise crypto.WrongRecoveryCode(messages.WRONG_RECOVERY_CODE) from None
        return Recovery(profile_id, data_key, stored, recovery)

    def finish_recovery(self, recovery: Recovery, new: str) -> int:
        """Set ``new`` as the passphrase with an opened recovery code, and use the code up.

        As a passphrase change: a new data key, every record sealed again, so the forgotten
        passphrase opens nothing from now on; the person is unlocked. How many records were
        sealed again. :class:`ConflictError` (nothing changed) if the code was used, or the
        passphrase changed, in another window meanwhile.
        """
        check_passphrase(new)

        def used_up(profile_id: int, data_key: bytes, now: str | None) -> str | None:
            if now != recovery._recovery:
                raise ConflictError(messages.RECOVERY_CODE_USED_ELSEWHERE)
            return None

        return self._rotate(
            recovery.profile_id, recovery._wrapped, recovery._data_key, new, used_up, unlock=True
        )

    def unlock(self, profile_id: int, passphrase: str) -> None:
        """Derive the key and hold it; ``WrongPassphrase`` if the passphrase does not fit."""
        stored = self._repo.get(profile_id)
        self.ring.unlock(
            profile_id, passphrase, self._wrapped(profile_id), allow_weak=self._weak, stored=stored
        )

    def is_unlocked(self, profile_id: int) -> bool:
        return self.ring.is_unlocked(profile_id)

    def any_unlocked(self) -> bool:
        """Whether anyone's key is held now (a removed person is locked first, so only people
        in use can be)."""
        return self.ring.any_unlocked()

    def before_lock(self, callback: Callable[[int | None], None]) -> Callable[[], None]:
        """Call ``callback`` before any key is dropped (hide key, idle lock, hand-over, exit);
        returns the function that stops it. A failing callback never keeps a key unlocked."""
        self._before_lock.append(callback)

        def stop() -> None:
            if callback in self._before_lock:
                self._before_lock.remove(callback)

        return stop

    def _locking(self, profile_id: int | None) -> None:
        for callback in list(self._before_lock):
            try:
                callback(profile_id)
            except Exception:  # locking must happen whatever a callback does
                continue

    def lock(self, profile_id: int) -> None:
        if self.ring.is_unlocked(profile_id):
            self._locking(profile_id)
        self.ring.lock(profile_id)

    def lock_all(self) -> None:
        self._locking(None)
        self.ring.lock_all()


def check_passphrase(passphrase: str) -> None:
    """A usable passphrase: at least four characters you can see after NFC (a zero-width,
    control or other invisible character, or a space, does not count)."""
    visible = visible_length(unicodedata.normalize("NFC", passphrase))
    if not visible:
        raise PassphraseError(messages.PASSPHRASE_EMPTY)
    if visible < MIN_PASSPHRASE:
        raise PassphraseError(messages.PASSPHRASE_SHORT.format(n=MIN_PASSPHRASE))


#: zxcvbn's score (0–4) a new passphrase needs: 3 is "safely unguessable" (about 10⁸ guesses or
#: more), decades at the 10 guesses a second Argon2id allows here.
MIN_STRENGTH = 3


def check_strength(passphrase: str, names: Sequence[str] = ()) -> None:
    """Refuse a passphrase that is easy to guess, with a kind hint (:class:`PassphraseError`).

    Asked wherever a person chooses a passphrase (the app's form, ``profile passwd``, an
    import), after :func:`check_passphrase`. Estimated by zxcvbn (Dropbox's estimator: common
    passwords, names, dates, keyboard patterns and repeats), with the people's names and the
    app's own name as words a guesser would try first.
    """
    check_passphrase(passphrase)
    from zxcvbn import zxcvbn

    text = unicodedata.normalize("NFC", passphrase)
    result = zxcvbn(text, user_inputs=[*names, "trustcheck"])
    if int(result["score"]) < MIN_STRENGTH:
        raise PassphraseError(messages.PASSPHRASE_WEAK)
