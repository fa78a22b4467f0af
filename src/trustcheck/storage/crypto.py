"""Encryption at rest for private text: key derivation, key wrapping and record sealing.

What this module does (and nothing else: no SQL, no files, no cipher code of our own):

* Every profile has one random 256-bit **data key**. It never touches the disk in the clear: it is
  stored *wrapped* (AES-256-GCM) under a **wrapping key** derived from the person's passphrase
  with Argon2id (:func:`derive_key`). What the storage layer keeps per profile is a
  :class:`WrappedKey` (``WrappedKey.to_json()``, one TEXT column).
* Changing a passphrase re-wraps that one key (:func:`rewrap_key`); the data key, and so every
  record sealed with it, stays the same.
* Each private record is **sealed** on its own with AES-256-GCM (:func:`seal`): a fresh random
  96-bit nonce per write, and the record's identity (table, profile, record id) as associated
  data, so a ciphertext copied onto another record, table or profile does not open
  (:class:`DamagedRecord`) instead of showing the wrong text.
* :class:`KeyRing` holds the keys of the profiles unlocked in this process, and forgets them on
  :meth:`KeyRing.lock`.

Why these choices: AES-GCM and Argon2id come from the ``cryptography`` package (OpenSSL), so
nothing here is hand-rolled. A 96-bit random nonce under one key is safe for far more writes than
a person makes in a lifetime (the usual 2**32 limit is ~80,000 journal entries a day for 150
years). Argon2id is memory-hard, which makes guessing a weak passphrase from a stolen database
costly on GPUs; its parameters are stored with the wrapped key, and bounded on read
(:meth:`KdfParams.validate`) so a tampered row can neither hang the program (huge memory or
iterations) nor make it derive a cheap key.

``cryptography`` is imported lazily, inside the functions that need it, so importing this module
(for the error classes or :class:`KdfParams`) keeps ``trustcheck --help`` fast.

Limits, stated honestly: AEAD per record cannot tell that a record was *deleted*, or that an
edited record was rolled back to an older ciphertext of the same record; and Python cannot
guarantee that key bytes are erased from memory (see :class:`KeyRing`).

Why this file is longer than the house's ~400 lines: it is the one place a security review
reads, and it reads best whole. Wrapping and sealing share its bounds, input checks and the
associated-data format (``_key_ad``, ``_record_ad_prefix``); split apart, those private rules
would cross module lines, where a change to one side could miss the other. It holds no SQL
and no files, only the sections marked below, in the order a key is made and used.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from trustcheck.storage.errors import StorageError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

__all__ = [
    "DATA_KEY_BYTES",
    "CryptoError",
    "DamagedKeyData",
    "DamagedRecord",
    "KdfParams",
    "KdfParamsError",
    "KeyRing",
    "ProfileLocked",
    "RecordKey",
    "RecoveryWrap",
    "WrappedKey",
    "WrongPassphrase",
    "WrongRecoveryCode",
    "create_key",
    "derive_key",
    "new_recovery_code",
    "open_many",
    "open_sealed",
    "record_label",
    "recovery_code_shape",
    "rewrap_key",
    "rewrap_recovery",
    "seal",
    "unwrap_key",
    "unwrap_recovery",
    "wrap_for_recovery",
]

# --------------------------------------------------------------------------- constants

#: Length of a data key and of a derived wrapping key (AES-256).
DATA_KEY_BYTES = 32
#: AES-GCM nonce length: 96 bits, random per encryption.
NONCE_BYTES = 12
#: AES-GCM authentication tag length.
TAG_BYTES = 16
#: Argon2id salt length.
SALT_BYTES = 16

#: First byte of every sealed record. Bump it (and keep opening the old one) if the format changes.
RECORD_FORMAT_VERSION = 1
#: Version of the wrapped-key JSON document.
WRAPPED_KEY_VERSION = 1

# Bounds on stored Argon2id parameters: anything outside is refused before any work is done.
MIN_MEMORY_KIB = 8 * 1024  # 8 MiB: below this a guess is cheap on a GPU
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB: above this a tampered row could exhaust memory
MIN_ITERATIONS = 1
MAX_ITERATIONS = 10
MIN_LANES = 1
MAX_LANES = 8
#: Argon2 itself needs at least 8 KiB per lane; weak (test) parameters may go down to that.
ARGON2_MIN_KIB_PER_LANE = 8

# Production parameters. Measured on the 2-core development machine (cryptography 50, OpenSSL
# Argon2id): 64 MiB, 3 passes, 1 lane took a median of ~150 ms per derivation; the budget is
# 100-250 ms. One lane keeps the time the same whether or not OpenSSL can use a second thread.
PRODUCTION_MEMORY_KIB = 64 * 1024
PRODUCTION_ITERATIONS = 3
PRODUCTION_LANES = 1

# Cheap parameters for tests only (well under a millisecond). Accepted only with allow_weak=True.
TEST_MEMORY_KIB = 64
TEST_ITERATIONS = 1
TEST_LANES = 1

# A stored JSON document longer than this is refused before parsing.
_MAX_JSON_CHARS = 4096

_TABLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

#: How a damaged record is named in messages; tables not listed are named generically.
_RECORD_LABELS = {
    "journal": "journal entry",
    "journal_entries": "journal entry",
    "journal_drafts": "journal draft of profile",
    "answers": "private answer",
    "private_answers": "private answer",
    "safety_answers": "safety answer",
}


# --------------------------------------------------------------------------- errors


class CryptoError(StorageError):
    """Base for every encryption problem; one line a person can act on (CLI: exit 1)."""


class WrongPassphrase(CryptoError):
    """The passphrase does not unwrap the profile's key.

    AES-GCM cannot tell a wrong passphrase from a modified wrapped key; both land here, which is
    what a person can act on (try again) without leaking anything.
    """

    def __init__(self, message: str = "wrong passphrase") -> None:
        super().__init__(message)


class DamagedRecord(CryptoError):
    """A sealed record does not open: modified, truncated, or moved from another record.

    Only this record is affected; the message says so, and names the record.
    """

    def __init__(self, *, profile_id: int, table: str, record_id: int | str) -> None:
        self.profile_id = profile_id
        self.table = table
        self.record_id = record_id
        super().__init__(
            f"{record_label(table, record_id)} is damaged or was modified; the others still open"
        )


class DamagedKeyData(CryptoError):
    """The stored wrapped key (or its JSON) is malformed, so no passphrase can open it."""


class KdfParamsError(DamagedKeyData):
    """Stored key-derivation parameters are malformed or outside the accepted bounds."""


class ProfileLocked(CryptoError):
    """A private record was needed for a profile whose key is not unlocked in this process."""

    def __init__(self, profile_id: int) -> None:
        self.profile_id = profile_id
        super().__init__("this profile is locked; enter its passphrase first")


def record_label(table: str, record_id: int | str) -> str:
    """How a record is named to a person, e.g. ``journal entry 12``."""
    label = _RECORD_LABELS.get(table)
    if label is None:
        return f"record {record_id} in {table}"
    return f"{label} {record_id}"


# --------------------------------------------------------------------------- helpers


def _b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64decode(value: object, what: str, error: type[DamagedKeyData]) -> bytes:
    """Strict base64 (no stray characters): a tampered row fails here, not later."""
    if not isinstance(value, str):
        raise error(f"stored key data is damaged: {what} is not text")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise error(f"stored key data is damaged: {what} is not valid base64") from None


def _is_int(value: object) -> bool:
    # bool is an int subclass; a JSON `true` must not pass as iterations=1.
    return isinstance(value, int) and not isinstance(value, bool)


def _load_json_object(text: object, what: str, error: type[DamagedKeyData]) -> dict[str, Any]:
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise error(f"stored {what} is damaged: not UTF-8 text") from None
    if not isinstance(text, str):
        raise error(f"stored {what} is damaged: not text")
    if len(text) > _MAX_JSON_CHARS:
        raise error(f"stored {what} is damaged: too long")
    import json  # here, not at the top: only key data is JSON, and starting up reads none

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError, over-long integers
        raise error(f"stored {what} is damaged: not valid JSON") from None
    if not isinstance(data, dict):
        raise error(f"stored {what} is damaged: not a JSON object")
    return data


def _encode_passphrase(passphrase: str) -> bytes:
    """NFC, then UTF-8: "é" typed composed or decomposed derives the same key.

    ``surrogatepass`` keeps a passphrase read from a non-UTF-8 terminal (lone surrogates from
    ``surrogateescape``) deterministic instead of crashing.
    """
    if not isinstance(passphrase, str):
        raise TypeError("passphrase must be str")
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


def _check_profile_id(profile_id: int) -> None:
    if type(profile_id) is not int:  # exact int: no bool, no IntEnum whose str() differs
        raise TypeError("profile_id must be int")


# Set on first use of AES-GCM, so the hot loop in open_many needs no import statement.
_invalid_tag: type[Exception] | None = None


def _aesgcm(key: bytes | bytearray) -> AESGCM:
    """An AES-256-GCM instance from the ``cryptography`` package (imported lazily)."""
    global _invalid_tag
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    _invalid_tag = InvalidTag
    if len(key) != DATA_KEY_BYTES:
        raise ValueError(f"key must be {DATA_KEY_BYTES} bytes")
    return AESGCM(bytes(key))


def _key_ad(profile_id: int) -> bytes:
    """Associated data of a wrapped key: binds it to its profile (no swapping keys between rows)."""
    return f"trustcheck/v{WRAPPED_KEY_VERSION}/key/profile:{profile_id}".encode("ascii")


def _record_ad_prefix(profile_id: int, table: str) -> str:
    """Associated data of a sealed record is this prefix + its record id (see _check_table)."""
    return f"trustcheck/v{RECORD_FORMAT_VERSION}/{table}/{profile_id}/"


_checked_tables: set[str] = set()


def _check_table(table: str) -> None:
    """Refuse table names that could make two different records share associated data.

    The associated data is ``trustcheck/v1/{table}/{profile_id}/{record_id}``. The table may not
    contain ``/`` (it must be a lowercase SQL identifier) and the profile id is an int, so the
    record id is everything after the fourth ``/`` and the encoding is unambiguous. An int record
    id and its decimal string are deliberately the same identity.
    """
    if table in _checked_tables:
        return
    if not isinstance(table, str) or _TABLE_NAME.fullmatch(table) is None:
        raise ValueError(f"table must be a lowercase SQL identifier, got {table!r}")
    _checked_tables.add(table)


def _check_record_id(record_id: int | str) -> None:
    kind = type(record_id)
    if kind is not int and kind is not str:
        raise TypeError("record_id must be int or str")
    if kind is str and not record_id:
        raise ValueError("record_id must not be empty")


# --------------------------------------------------------------------------- KDF parameters


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored next to the wrapped key they produced.

    ``memory_kib`` is the memory cost in KiB (Argon2's ``m``), ``iterations`` the passes (``t``),
    ``lanes`` the parallelism (``p``), ``salt`` 16 random bytes per wrap.
    """

    memory_kib: int
    iterations: int
    lanes: int
    salt: bytes

    @classmethod
    def production(cls) -> KdfParams:
        """Parameters for real profiles (~150 ms here; budget 100-250 ms), with a fresh salt."""
        return cls(
            memory_kib=PRODUCTION_MEMORY_KIB,
            iterations=PRODUCTION_ITERATIONS,
            lanes=PRODUCTION_LANES,
            salt=os.urandom(SALT_BYTES),
        )

    @classmethod
    def for_tests(cls) -> KdfParams:
        """Deliberately weak, sub-millisecond parameters for the test suite, with a fresh salt.

        They are refused everywhere unless the caller passes ``allow_weak=True`` explicitly, so a
        row tampered to these values cannot weaken a real profile; production code never passes
        it.
        """
        return cls(
            memory_kib=TEST_MEMORY_KIB,
            iterations=TEST_ITERATIONS,
            lanes=TEST_LANES,
            salt=os.urandom(SALT_BYTES),
        )

    def validate(self, *, allow_weak: bool = False) -> None:
        """Raise :class:`KdfParamsError` unless every value is within the accepted bounds.

        Bounds: memory 8 MiB..1 GiB, iterations 1..10, lanes 1..8, salt exactly 16 bytes. The
        upper bounds stop a tampered row from hanging the program or exhausting memory; the
        lower bound stops a cheap key. ``allow_weak`` lowers the memory floor to Argon2's own
        minimum (8 KiB per lane) for tests; every other bound still applies.
        """
        for name in ("memory_kib", "iterations", "lanes"):
            if not _is_int(getattr(self, name)):
                raise KdfParamsError(
                    f"stored key settings are damaged: {name} is not a whole number"
                )
        if not isinstance(self.salt, bytes):
            raise KdfParamsError("stored key settings are damaged: salt is not bytes")
        if len(self.salt) != SALT_BYTES:
            raise KdfParamsError(
                f"stored key settings are damaged: salt must be {SALT_BYTES} bytes"
            )
        if not MIN_LANES <= self.lanes <= MAX_LANES:
            raise KdfParamsError(
                f"stored key settings are out of range: lanes must be {MIN_LANES}..{MAX_LANES}"
            )
        if not MIN_ITERATIONS <= self.iterations <= MAX_ITERATIONS:
            raise KdfParamsError(
                "stored key settings are out of range: "
                f"iterations must be {MIN_ITERATIONS}..{MAX_ITERATIONS}"
            )
        floor = ARGON2_MIN_KIB_PER_LANE * self.lanes if allow_weak else MIN_MEMORY_KIB
        if not floor <= self.memory_kib <= MAX_MEMORY_KIB:
            raise KdfParamsError(
                "stored key settings are out of range: "
                f"memory_kib must be {floor}..{MAX_MEMORY_KIB}"
            )

    def to_json(self) -> str:
        """Compact JSON for storage; the salt is base64."""
        import json

        return json.dumps(
            {
                "kdf": "argon2id",
                "memory_kib": self.memory_kib,
                "iterations": self.iterations,
                "lanes": self.lanes,
                "salt": _b64encode(self.salt),
            },
            separators=(",", ":"),
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str | bytes, *, allow_weak: bool = False) -> KdfParams:
        """Parse and validate stored parameters; anything odd raises :class:`KdfParamsError`."""
        return cls._from_dict(_load_json_object(text, "key settings", KdfParamsError), allow_weak)

    @classmethod
    def _from_dict(cls, data: dict[str, Any], allow_weak: bool) -> KdfParams:
        expected = {"kdf", "memory_kib", "iterations", "lanes", "salt"}
        if set(data) != expected:
            raise KdfParamsError("stored key settings are damaged: unexpected or missing fields")
        if data["kdf"] != "argon2id":
            raise KdfParamsError("stored key settings are damaged: unknown key derivation")
        params = cls(
            memory_kib=data["memory_kib"],
            iterations=data["iterations"],
            lanes=data["lanes"],
            salt=_b64decode(data["salt"], "salt", KdfParamsError),
        )
        params.validate(allow_weak=allow_weak)
        return params


def derive_key(passphrase: str, params: KdfParams, *, allow_weak: bool = False) -> bytes:
    """Derive a 256-bit wrapping key from a passphrase with Argon2id.

    The passphrase is NFC-normalised and UTF-8 encoded first. ``params`` are validated before any
    work (see :meth:`KdfParams.validate`), so a tampered row is refused rather than run.
    """
    params.validate(allow_weak=allow_weak)
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(
        salt=params.salt,
        length=DATA_KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(_encode_passphrase(passphrase))


# --------------------------------------------------------------------------- wrapped keys


@dataclass(frozen=True)
class WrappedKey:
    """What is stored per profile: the data key encrypted under the passphrase-derived key.

    ``ciphertext`` is AES-256-GCM of the 32-byte data key (48 bytes with the tag), with
    associated data ``trustcheck/v1/key/profile:<id>``.
    """

    params: KdfParams
    nonce: bytes
    ciphertext: bytes

    def validate(self, *, allow_weak: bool = False) -> None:
        """Raise :class:`DamagedKeyData` / :class:`KdfParamsError` if the shape is wrong."""
        self.params.validate(allow_weak=allow_weak)
        if not isinstance(self.nonce, bytes) or len(self.nonce) != NONCE_BYTES:
            raise DamagedKeyData("stored key data is damaged: bad nonce")
        if (
            not isinstance(self.ciphertext, bytes)
            or len(self.ciphertext) != DATA_KEY_BYTES + TAG_BYTES
        ):
            raise DamagedKeyData("stored key data is damaged: bad length")

    def to_json(self) -> str:
        """Compact JSON for one TEXT column (``profiles.wrapped_key``)."""
        import json

        return json.dumps(
            {
                "v": WRAPPED_KEY_VERSION,
                "kdf": json.loads(self.params.to_json()),
                "nonce": _b64encode(self.nonce),
                "ciphertext": _b64encode(self.ciphertext),
            },
            separators=(",", ":"),
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str | bytes, *, allow_weak: bool = False) -> WrappedKey:
        """Parse and validate a stored wrapped key; anything odd raises :class:`DamagedKeyData`."""
        data = _load_json_object(text, "key data", DamagedKeyData)
        if set(data) != {"v", "kdf", "nonce", "ciphertext"}:
            raise DamagedKeyData("stored key data is damaged: unexpected or missing fields")
        if not _is_int(data["v"]) or data["v"] != WRAPPED_KEY_VERSION:
            raise DamagedKeyData("stored key data has an unknown format version")
        if not isinstance(data["kdf"], dict):
            raise KdfParamsError("stored key settings are damaged: not a JSON object")
        wrapped = cls(
            params=KdfParams._from_dict(data["kdf"], allow_weak),
            nonce=_b64decode(data["nonce"], "nonce", DamagedKeyData),
            ciphertext=_b64decode(data["ciphertext"], "ciphertext", DamagedKeyData),
        )
        wrapped.validate(allow_weak=allow_weak)
        return wrapped


def _wrap(
    data_key: bytes, passphrase: str, profile_id: int, params: KdfParams, allow_weak: bool
) -> WrappedKey:
    wrapping_key = derive_key(passphrase, params, allow_weak=allow_weak)
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = _aesgcm(wrapping_key).encrypt(nonce, data_key, _key_ad(profile_id))
    return WrappedKey(params=params, nonce=nonce, ciphertext=ciphertext)


def create_key(
    passphrase: str, profile_id: int, params: KdfParams, *, allow_weak: bool = False
) -> tuple[bytes, WrappedKey]:
    """Make a new random data key for a profile and wrap it under the passphrase.

    Returns the data key (to unlock the profile right away) and the :class:`WrappedKey` to store.
    Pass ``KdfParams.production()``; only tests pass weak params with ``allow_weak=True``.
    Passphrase-strength policy (e.g. refusing an empty one) belongs to the caller.
    """
    _check_profile_id(profile_id)
    data_key = os.urandom(DATA_KEY_BYTES)
    return data_key, _wrap(data_key, passphrase, profile_id, params, allow_weak)


def unwrap_key(
    passphrase: str, profile_id: int, wrapped: WrappedKey, *, allow_weak: bool = False
) -> bytes:
    """Recover a profile's data key; :class:`WrongPassphrase` if the passphrase does not fit.

    Raises :class:`KdfParamsError` / :class:`DamagedKeyData` (before deriving anything) if the
    stored key is malformed or its parameters are out of bounds.
    """
    _check_profile_id(profile_id)
    wrapped.validate(allow_weak=allow_weak)
    from cryptography.exceptions import InvalidTag

    wrapping_key = derive_key(passphrase, wrapped.params, allow_weak=allow_weak)
    aead = _aesgcm(wrapping_key)
    try:
        data_key = aead.decrypt(wrapped.nonce, wrapped.ciphertext, _key_ad(profile_id))
    except InvalidTag:
        raise WrongPassphrase() from None
    if len(data_key) != DATA_KEY_BYTES:  # only reachable if we wrote it wrong ourselves
        raise DamagedKeyData("stored key data is damaged: bad length")
    return data_key


def rewrap_key(
    old_passphrase: str,
    new_passphrase: str,
    profile_id: int,
    wrapped: WrappedKey,
    new_params: KdfParams,
    *,
    allow_weak: bool = False,
) -> WrappedKey:
    """Change a profile's passphrase: unwrap with the old one, wrap the *same* data key anew.

    Records sealed under the data key keep opening. ``new_params`` should be a fresh
    ``KdfParams.production()`` (new salt, current cost), never the stored ones reused, so an
    upgrade of the cost applies on the next passphrase change. Raises :class:`WrongPassphrase`
    if ``old_passphrase`` does not fit; nothing is changed in that case.
    """
    data_key = unwrap_key(old_passphrase, profile_id, wrapped, allow_weak=allow_weak)
    return _wrap(data_key, new_passphrase, profile_id, new_params, allow_weak)


# --------------------------------------------------------------------------- recovery codes

#: The characters of a recovery code: digits and capital letters without 0, 1, I and O, so
#: nothing on paper reads as two different characters. 32 of them: 5 bits each.
RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
#: 7 groups of 4: 28 characters, 140 bits from ``secrets`` (at least the 128 asked for).
RECOVERY_GROUPS = 7
RECOVERY_GROUP_LENGTH = 4
RECOVERY_LENGTH = RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH
#: Version of the recovery-wrap JSON document.
RECOVERY_WRAP_VERSION = 1
_X25519_BYTES = 32


class WrongRecoveryCode(CryptoError):
    """The recovery code does not open the profile's recovery wrap (or that wrap was modified)."""

    def __init__(self, message: str = "that recovery code does not fit") -> None:
        super().__init__(message)


def new_recovery_code() -> str:
    """A fresh one-time recovery code from :mod:`secrets`, as ``ABCD-EFGH-…`` (7 groups of 4)."""
    import secrets

    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    size = RECOVERY_GROUP_LENGTH
    return "-".join(raw[i : i + size] for i in range(0, RECOVERY_LENGTH, size))


def recovery_code_shape(text: str) -> str | None:
    """``text`` as the 28 characters of a recovery code (case, spaces and dashes ignored), or
    None when it cannot be one (wrong length or a character the codes never use)."""
    code = "".join(ch for ch in text.upper() if ch not in " -\t")
    if len(code) != RECOVERY_LENGTH or any(ch not in RECOVERY_ALPHABET for ch in code):
        return None
    return code


def _recovery_ad(profile_id: int, ephemeral: bytes, public: bytes) -> bytes:
    """Associated data (and HKDF info) of a recovery wrap: its profile and both public keys."""
    head = f"trustcheck/v{RECOVERY_WRAP_VERSION}/recovery/profile:{profile_id}/"
    return head.encode("ascii") + ephemeral + public


@dataclass(frozen=True)
class RecoveryWrap:
    """A second wrap of a profile's data key, opened by its recovery code (never stored).

    The code (Argon2id, the passphrase's parameters and a salt of its own) gives an X25519 key
    pair; only its ``public`` half is stored. The data key is sealed to that public key (a
    one-time ``ephemeral`` key pair, X25519, HKDF-SHA256, AES-256-GCM), so a passphrase change,
    which makes a new data key, can seal the new key to the same code without knowing it: the
    code keeps working until it is used or replaced.
    """

    params: KdfParams
    public: bytes
    ephemeral: bytes
    nonce: bytes
    ciphertext: bytes

    def validate(self, *, allow_weak: bool = False) -> None:
        """Raise :class:`DamagedKeyData` / :class:`KdfParamsError` if the shape is wrong."""
        self.params.validate(allow_weak=allow_weak)
        for name in ("public", "ephemeral"):
            value = getattr(self, name)
            if not isinstance(value, bytes) or len(value) != _X25519_BYTES:
                raise DamagedKeyData(f"stored recovery data is damaged: bad {name} key")
        if not isinstance(self.nonce, bytes) or len(self.nonce) != NONCE_BYTES:
            raise DamagedKeyData("stored recovery data is damaged: bad nonce")
        if (
            not isinstance(self.ciphertext, bytes)
            or len(self.ciphertext) != DATA_KEY_BYTES + TAG_BYTES
        ):
            raise DamagedKeyData("stored recovery data is damaged: bad length")

    def to_json(self) -> str:
        """Compact JSON for one TEXT column (``profiles.recovery_wrapped_key``)."""
        import json

        return json.dumps(
            {
                "v": RECOVERY_WRAP_VERSION,
                "kdf": json.loads(self.params.to_json()),
                "public": _b64encode(self.public),
                "ephemeral": _b64encode(self.ephemeral),
                "nonce": _b64encode(self.nonce),
                "ciphertext": _b64encode(self.ciphertext),
            },
            separators=(",", ":"),
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str | bytes, *, allow_weak: bool = False) -> RecoveryWrap:
        """Parse and validate a stored recovery wrap; anything odd: :class:`DamagedKeyData`."""
        data = _load_json_object(text, "recovery data", DamagedKeyData)
        if set(data) != {"v", "kdf", "public", "ephemeral", "nonce", "ciphertext"}:
            raise DamagedKeyData("stored recovery data is damaged: unexpected or missing fields")
        if not _is_int(data["v"]) or data["v"] != RECOVERY_WRAP_VERSION:
            raise DamagedKeyData("stored recovery data has an unknown format version")
        if not isinstance(data["kdf"], dict):
            raise KdfParamsError("stored key settings are damaged: not a JSON object")
        wrap = cls(
            params=KdfParams._from_dict(data["kdf"], allow_weak),
            public=_b64decode(data["public"], "public key", DamagedKeyData),
            ephemeral=_b64decode(data["ephemeral"], "ephemeral key", DamagedKeyData),
            nonce=_b64decode(data["nonce"], "nonce", DamagedKeyData),
            ciphertext=_b64decode(data["ciphertext"], "ciphertext", DamagedKeyData),
        )
        wrap.validate(allow_weak=allow_weak)
        return wrap


def _raw_public(key: Any) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return bytes(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def _recovery_aead(shared: bytes, ad: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.hashes import SHA256
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    hkdf = HKDF(algorithm=SHA256(), length=DATA_KEY_BYTES, salt=None, info=ad)
    return _aesgcm(hkdf.derive(shared))


def _seal_to(
    data_key: bytes | bytearray, public: bytes, profile_id: int, params: KdfParams
) -> RecoveryWrap:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

    if len(data_key) != DATA_KEY_BYTES:
        raise ValueError(f"data key must be {DATA_KEY_BYTES} bytes")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw_public(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    ad = _recovery_ad(profile_id, ephemeral_public, public)
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = _recovery_aead(shared, ad).encrypt(nonce, bytes(data_key), ad)
    return RecoveryWrap(params, public, ephemeral_public, nonce, ciphertext)


def _code_key(code: str, params: KdfParams, allow_weak: bool) -> tuple[Any, bool]:
    """The X25519 private key a recovery code derives (Argon2id, like a passphrase)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    shaped = recovery_code_shape(code)
    # A code of the wrong shape still costs one derivation: every attempt takes the same time.
    secret = derive_key(shaped or code, params, allow_weak=allow_weak)
    return X25519PrivateKey.from_private_bytes(secret), shaped is not None


def wrap_for_recovery(
    code: str,
    data_key: bytes | bytearray,
    profile_id: int,
    params: KdfParams,
    *,
    allow_weak: bool = False,
) -> RecoveryWrap:
    """Wrap ``data_key`` under a recovery code (from :func:`new_recovery_code`)."""
    _check_profile_id(profile_id)
    if recovery_code_shape(code) is None:
        raise ValueError("not a recovery code")
    private, _ = _code_key(code, params, allow_weak)
    return _seal_to(data_key, _raw_public(private.public_key()), profile_id, params)


def rewrap_recovery(
    wrap: RecoveryWrap, data_key: bytes | bytearray, profile_id: int, *, allow_weak: bool = False
) -> RecoveryWrap:
    """The same recovery code, now opening ``data_key`` (a passphrase change made a new one).

    Needs no code: the new key is sealed to the code's stored public key.
    """
    _check_profile_id(profile_id)
    wrap.validate(allow_weak=allow_weak)
    return _seal_to(data_key, wrap.public, profile_id, wrap.params)


def unwrap_recovery(
    code: str, profile_id: int, wrap: RecoveryWrap, *, allow_weak: bool = False
) -> bytes:
    """The data key a recovery code opens; :class:`WrongRecoveryCode` if it does not fit.

    Every attempt, a mistyped one too, runs one Argon2id derivation first, so guessing codes is
    as slow as guessing passphrases.
    """
    _check_profile_id(profile_id)
    wrap.validate(allow_weak=allow_weak)
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    private, shaped = _code_key(code, wrap.params, allow_weak)
    if not shaped or _raw_public(private.public_key()) != wrap.public:
        raise WrongRecoveryCode()
    shared = private.exchange(X25519PublicKey.from_public_bytes(wrap.ephemeral))
    ad = _recovery_ad(profile_id, wrap.ephemeral, wrap.public)
    try:
        data_key = _recovery_aead(shared, ad).decrypt(wrap.nonce, wrap.ciphertext, ad)
    except InvalidTag:
        raise WrongRecoveryCode() from None
    if len(data_key) != DATA_KEY_BYTES:  # only reachable if we wrote it wrong ourselves
        raise DamagedKeyData("stored recovery data is damaged: bad length")
    return data_key


# --------------------------------------------------------------------------- record sealing


class RecordKey:
    """A data key ready to seal and open records: one AES-GCM instance, set up once.

    Creating an ``AESGCM`` per record roughly doubles the raw decryption cost of many records
    (measured: ~18 ms vs ~8 ms for 12,500 records of 200 bytes, against a 20 ms budget), so
    :class:`KeyRing` keeps one per profile.
    """

    __slots__ = ("_aead",)

    def __init__(self, data_key: bytes | bytearray) -> None:
        self._aead = _aesgcm(data_key)

    def __repr__(self) -> str:  # never show key material
        return "RecordKey(<hidden>)"


def _record_key(data_key: bytes | bytearray | RecordKey) -> RecordKey:
    return data_key if isinstance(data_key, RecordKey) else RecordKey(data_key)


#: Shortest possible blob: version byte, nonce, tag (empty text).
_MIN_BLOB = 1 + NONCE_BYTES + TAG_BYTES


def seal(
    data_key: bytes | bytearray | RecordKey,
    plaintext: str,
    *,
    profile_id: int,
    table: str,
    record_id: int | str,
) -> bytes:
    """Encrypt one record's private text for storage (a BLOB column).

    Blob layout: ``version (1 byte) || nonce (12 bytes) || AES-GCM ciphertext+tag``, with
    associated data ``trustcheck/v1/{table}/{profile_id}/{record_id}``. The nonce is fresh and
    random (``os.urandom(12)``) on every call, so re-saving the same text never repeats one. The
    record id must be known before sealing: insert the row first (text NULL) and update it in the
    same transaction, or choose the id in advance.

    Text is encoded as UTF-8 with ``surrogatepass``, so any ``str`` (even lone surrogates from a
    non-UTF-8 terminal) round-trips exactly instead of crashing; cleaning text is the caller's job.
    """
    _check_profile_id(profile_id)
    _check_table(table)
    _check_record_id(record_id)
    if not isinstance(plaintext, str):
        raise TypeError("plaintext must be str")
    aead = _record_key(data_key)._aead
    nonce = os.urandom(NONCE_BYTES)
    ad = (_record_ad_prefix(profile_id, table) + str(record_id)).encode("utf-8", "surrogatepass")
    ciphertext = aead.encrypt(nonce, plaintext.encode("utf-8", "surrogatepass"), ad)
    return bytes((RECORD_FORMAT_VERSION,)) + nonce + ciphertext


def open_many(
    data_key: bytes | bytearray | RecordKey,
    rows: Iterable[tuple[int | str, object]],
    *,
    profile_id: int,
    table: str,
) -> list[str | DamagedRecord]:
    """Open many records of one profile and table, e.g. a journal listing.

    ``rows`` are ``(record_id, blob)`` pairs, the blob as read from the database (anything that is
    not bytes counts as damaged). Each result is the text, or a :class:`DamagedRecord`
    (returned, not raised) for a record that does not open, so one bad row does not hide the
    others. This is the fast path: the identity checks run once, not per record (measured
    ~13-14 ms for 12,500 records of ~200 bytes on the dev machine; budget 20 ms).
    """
    _check_profile_id(profile_id)
    _check_table(table)
    aead = _record_key(data_key)._aead
    invalid_tag = _invalid_tag
    assert invalid_tag is not None  # set by _aesgcm when the key was made
    prefix = _record_ad_prefix(profile_id, table)
    version = RECORD_FORMAT_VERSION
    out: list[str | DamagedRecord] = []
    append = out.append
    for record_id, blob in rows:
        if type(record_id) is not int:  # inline fast path; _check_record_id does the rest
            _check_record_id(record_id)
        if not isinstance(blob, bytes):  # sqlite gives bytes; TEXT or NULL here means tampering
            blob = bytes(blob) if isinstance(blob, bytearray | memoryview) else b""
        if len(blob) < _MIN_BLOB or blob[0] != version:
            append(DamagedRecord(profile_id=profile_id, table=table, record_id=record_id))
            continue
        try:
            body = aead.decrypt(
                blob[1:13], blob[13:], (prefix + str(record_id)).encode("utf-8", "surrogatepass")
            )
            append(body.decode("utf-8", "surrogatepass"))
        except (invalid_tag, UnicodeDecodeError):
            append(DamagedRecord(profile_id=profile_id, table=table, record_id=record_id))
    return out


def open_sealed(
    data_key: bytes | bytearray | RecordKey,
    blob: object,
    *,
    profile_id: int,
    table: str,
    record_id: int | str,
) -> str:
    """Decrypt a record sealed by :func:`seal` for exactly this profile, table and record id.

    Raises :class:`DamagedRecord` (naming the record) if the blob is not bytes, was modified or
    truncated, has an unknown format version, or was sealed for another record, table, profile
    or key. Never returns garbage. For many records use :func:`open_many`.
    """
    (result,) = open_many(data_key, [(record_id, blob)], profile_id=profile_id, table=table)
    if isinstance(result, DamagedRecord):
        raise result
    return result


# --------------------------------------------------------------------------- key ring


class KeyRing:
    """The data keys of the profiles unlocked in this process, and nothing else.

    The storage/services layer unlocks a profile once per session (one Argon2id derivation) and
    seals/opens its records through the ring; :meth:`lock` forgets the key (e.g. at the hand-over
    screen, so partner B's turn cannot read partner A's private text).

    Erasure, honestly: :meth:`lock` overwrites the ring's own ``bytearray`` copy of the key with
    zeros and drops every reference. That is best effort only. Python cannot guarantee erasure:
    the immutable ``bytes`` returned by :func:`unwrap_key`/:func:`create_key`, the passphrase
    string, and copies made by the interpreter or inside OpenSSL are freed but not wiped, and the
    memory may have been swapped to disk. The real protection at rest is the encryption; locking
    narrows the window in which a running process holds a usable key.
    """

    def __init__(self, stored: Callable[[int], str | None] | None = None) -> None:
        self._raw: dict[int, bytearray] = {}
        self._keys: dict[int, RecordKey] = {}
        #: The stored wrapped key each held key came from, and how to read the stored one now:
        #: a key whose wrapped key was replaced meanwhile (the passphrase was changed in another
        #: window, which seals everything under a new key) is dropped, never used.
        self._from: dict[int, str] = {}
        self._stored = stored

    def add(self, profile_id: int, data_key: bytes | bytearray, wrapped: str | None = None) -> None:
        """Hold an already-known data key (e.g. right after :func:`create_key`), unwrapped from
        the stored ``wrapped`` key text (checked on each use when the ring can read it)."""
        _check_profile_id(profile_id)
        if len(data_key) != DATA_KEY_BYTES:
            raise ValueError(f"data key must be {DATA_KEY_BYTES} bytes")
        self.lock(profile_id)
        raw = bytearray(data_key)
        self._raw[profile_id] = raw
        self._keys[profile_id] = RecordKey(raw)
        if wrapped is not None:
            self._from[profile_id] = wrapped

    def unlock(
        self,
        profile_id: int,
        passphrase: str,
        wrapped: WrappedKey,
        *,
        allow_weak: bool = False,
        stored: str | None = None,
    ) -> None:
        """Unwrap a profile's key with its passphrase and hold it; :class:`WrongPassphrase`.
        ``stored`` is the wrapped key's text as stored (see :meth:`add`)."""
        data_key = unwrap_key(passphrase, profile_id, wrapped, allow_weak=allow_weak)
        self.add(profile_id, data_key, stored)

    def is_unlocked(self, profile_id: int) -> bool:
        return profile_id in self._keys

    def any_unlocked(self) -> bool:
        """Whether anyone's key is held (no database read: the hide key asks on every key)."""
        return bool(self._keys)

    def key(self, profile_id: int) -> RecordKey:
        """The profile's record key; :class:`ProfileLocked` if it is not unlocked, or if its
        passphrase was changed since (in another window): then it is locked here too."""
        try:
            key = self._keys[profile_id]
        except KeyError:
            raise ProfileLocked(profile_id) from None
        came_from = self._from.get(profile_id)
        if came_from is not None and self._stored is not None:
            stored = self._stored(profile_id)
            if stored != came_from:
                self.lock(profile_id)
                raise ProfileLocked(profile_id)
        return key

    def seal(self, profile_id: int, plaintext: str, *, table: str, record_id: int | str) -> bytes:
        """:func:`seal` with this profile's held key."""
        return seal(
            self.key(profile_id),
            plaintext,
            profile_id=profile_id,
            table=table,
            record_id=record_id,
        )

    def open(self, profile_id: int, blob: object, *, table: str, record_id: int | str) -> str:
        """:func:`open_sealed` with this profile's held key."""
        return open_sealed(
            self.key(profile_id), blob, profile_id=profile_id, table=table, record_id=record_id
        )

    def open_many(
        self, profile_id: int, rows: Iterable[tuple[int | str, object]], *, table: str
    ) -> list[str | DamagedRecord]:
        """:func:`open_many` with this profile's held key (the fast path for listings)."""
        return open_many(self.key(profile_id), rows, profile_id=profile_id, table=table)

    def wrap_for_recovery(
        self, profile_id: int, code: str, params: KdfParams, *, allow_weak: bool = False
    ) -> RecoveryWrap:
        """:func:`wrap_for_recovery` of this profile's held key (checked as by :meth:`key`)."""
        self.key(profile_id)
        return wrap_for_recovery(
            code, self._raw[profile_id], profile_id, params, allow_weak=allow_weak
        )

    def lock(self, profile_id: int) -> None:
        """Forget one profile's key (zeroing the ring's own copy, best effort). Idempotent."""
        self._keys.pop(profile_id, None)
        self._from.pop(profile_id, None)
        raw = self._raw.pop(profile_id, None)
        if raw is not None:
            raw[:] = bytes(len(raw))

    def lock_all(self) -> None:
        """Forget every key, e.g. when the app closes or after a period of inactivity."""
        for profile_id in list(self._raw):
            self.lock(profile_id)

    def __repr__(self) -> str:  # never show key material
        return f"KeyRing(unlocked={sorted(self._keys)})"
