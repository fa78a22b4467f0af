"""One-line errors, and how odd or hostile text is named."""

# --- errors (one line each) -------------------------------------------------------------------
DATA_DIR_UNUSABLE = "cannot use the data folder {path}: {reason}"
DB_UNUSABLE = "cannot open the database {path}: {reason}"
DB_NEWER = (
    "{path} was written by a newer trustcheck (schema {found}, this one knows up to {known}); "
    "it was left untouched — please update trustcheck"
)
DB_BUSY = (
    "another trustcheck window is saving and did not finish in time; nothing was changed here: "
    "try again in a moment"
)
DISK_FULL = "the disk is full; nothing was changed: free some space and try again"
DB_IO_ERROR = (
    "could not write to {path}: a disk I/O error (the disk may be full or failing, or a "
    "file-size limit such as `ulimit -f` was reached); nothing was changed"
)
DB_WRITE_FAILED = "could not save to {path} ({reason}); nothing was changed"
DB_DAMAGED_VALUE = (
    "a stored date or time is damaged ('{value}'); nothing was changed. "
    "`trustcheck doctor` lists every damaged value; `trustcheck restore FILE` brings back a backup"
)
DB_CORRUPT = "{path} is not a readable trustcheck database ({reason}); it was left untouched"
PROFILE_EXISTS = "there is already a profile called {name!r}"
PROFILE_UNKNOWN = "there is no profile called {name!r}; the people here are {names}"
PROFILE_UNKNOWN_NOBODY = "there is no profile called {name!r}: no one is set up yet"
PROFILE_UNKNOWN_REMOVED = (
    "{name} was removed on {date}: bring them back with `trustcheck profile restore {name}`"
)
PROFILE_WAS_REMOVED = (
    "{name} was removed on {date}: to bring them back with their journal and past check-ins, "
    "run `trustcheck profile restore {name}` (or `profile add --new` for someone else)"
)
PROFILE_RESTORE_ASK = (
    "{name} was removed on {date}. Bring {name} back, with their journal and past check-ins?"
)
PROFILE_NOT_REMOVED = "no one called {name!r} was removed; removed: {names}"
PROFILE_NOT_REMOVED_NOBODY = "no one called {name!r} was removed; no one has been removed"
PROFILE_IS_HERE = "{name} is here already; nothing to restore"
PROFILE_REMOVE_IN_CHECKIN = (
    "{name} is part of the check-in in progress; finish it or discard it first, then remove them"
)
PROFILE_REMOVE_NEEDS_PASSPHRASE = (
    "{name} has a passphrase: removing them needs it (type it at a terminal, "
    "or give it with --passphrase-stdin)"
)
PROFILE_REMOVE_CONFIRM = (
    "Remove {name}? Their journal and past check-ins are kept; "
    "`trustcheck profile restore {name}` brings them back."
)
PROFILE_REMOVE_PASSPHRASE = "{name}'s passphrase (to remove them)"
PROFILE_REMOVED = "Removed {name}. `trustcheck profile restore {name}` brings them back."
PROFILE_RESTORED = "{name} is back, with their journal and past check-ins."
PROFILE_RENAMED = "Renamed {old} to {new}."
PROFILE_NOTHING_CHANGED = "nothing was changed"
PROFILE_NAME_EMPTY = "a name cannot be empty"
TEXT_NOT_UTF8 = (
    "{what} holds bytes that are not UTF-8 text: check your terminal's character set, "
    "and type it again"
)
SETUP_FIRST_NAME_EMPTY = "please write your name first (the second name is optional)"
PROFILE_NAME_TOO_LONG = "a name can be at most {limit} characters"
PROFILE_LIMIT = "trustcheck is for one or two people; there are already two profiles"
DRAFT_EXISTS = "a check-in is already in progress; finish or discard it first"
DEMO_NOT_EMPTY = "{path} already holds data; demo only fills an empty data folder"
NO_PROFILES = "no one is set up yet: run `trustcheck setup` (or just `trustcheck`) first"
COMMITMENT_EMPTY = "a commitment needs a few words"
COMMITMENT_LIMIT = "up to three commitments each keeps them small and doable"
TEXT_TOO_LONG = "that is longer than {limit} characters; please shorten it"

# --- hostile and odd text (issue 7, part 5) --------------------------------------------------
PASTE_TOO_LONG = "that paste is longer than this field's {limit} characters; nothing was pasted"
PASTE_ONE_LINE = "this field takes one line; the paste had several, so nothing was pasted"
PASTE_REFUSED = "that paste does not fit this field; nothing was pasted"
FIELD_FULL = "this field holds at most {limit} characters"
