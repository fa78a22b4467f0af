"""Passphrases, the private journal, and private answers in the check-in."""

# --- passphrases and the journal --------------------------------------------------------------
NO_PASSPHRASE = "this profile has no passphrase yet: set one with `trustcheck profile passwd NAME`"
OLD_PASSPHRASE_NEEDED = "to change a passphrase, enter the current one first"
PASSPHRASE_EMPTY = "a passphrase cannot be empty"
PASSPHRASE_SHORT = "a passphrase needs at least {n} characters you can see"
PASSPHRASE_WEAK = (
    "that passphrase would be easy to guess; try three or four ordinary words that do not "
    "usually go together, a short sentence only you would think of"
)
PASSPHRASES_DIFFER = "the two passphrases differ; nothing was changed"
PASSPHRASE_CHANGED_ELSEWHERE = (
    "this passphrase was changed in another window just now; nothing was changed here"
)
PASSPHRASE_CHANGED = (
    "Passphrase changed for {name}: {n} private records are sealed again with a new key, so the "
    "old passphrase opens nothing written from now on."
)
OLD_BACKUPS_KEEP_OLD_KEY = (
    "{n} older backup(s) in {folder} still open with the old passphrase (a backup is a copy of "
    "everything as it was)."
)
DELETE_OLD_BACKUPS = "Delete those older backups now?"
OLD_BACKUPS_DELETED = "Deleted {n} older backup(s)."
JOURNAL_EMPTY = "an entry needs a few words"
RATING_RANGE = "a rating is a whole number from 0 to 10"
RATING_INVALID = "the rating “{value}” is not a whole number from 0 to 10; nothing was saved"
TOO_MANY_TAGS = "up to {limit} tags per entry"
WHO_NEEDED = "there are two of you here: say whose journal with --as NAME"
JOURNAL_NONE_YET = "No entries yet."
JOURNAL_NO_NUMBER = (
    "there is no entry {n}: your journal holds {count} (see `trustcheck journal list`)"
)
JOURNAL_NUMBER_DAMAGED = "entry {n} is damaged or was modified, and cannot be opened"
JOURNAL_DELETE_ASK = "Delete the entry of {when}? It cannot be brought back."
JOURNAL_DELETE_YES_NEEDED = "add --yes to delete without being asked (no terminal to ask at)"
JOURNAL_DELETED = "Deleted the entry of {when}."
JOURNAL_NOT_DELETED = "Nothing was deleted."
JOURNAL_NONE_FOUND = "No entries match."
JOURNAL_FROM_AND_SINCE = "--since is the same as --from: give one of them"
JOURNAL_FROM_AFTER_TO = "--from {start} is after --to {end}: nothing could match"
JOURNAL_DAMAGED_UNDATED = (
    "an entry whose date was changed outside trustcheck cannot be opened; the others still open"
)
JOURNAL_DAMAGED_AT = "the entry of {when} is damaged or was modified; the others still open"
DAMAGED_SUMMARY = "{n} of the entries could not be opened: damaged or modified"
PRIVATE_NEEDS_UNLOCK = "unlock your journal to keep an answer private"

# === the private journal and private answers in the app ========================================

# --- home -------------------------------------------------------------------------------------
HOME_JOURNAL = "Journal"
HOME_JOURNAL_HINT = "A private journal for each of you, locked with your own passphrase."
HOME_JOURNAL_HINT_SOLO = "A private journal, locked with your passphrase."

# --- whose journal, passphrases, unlocking ----------------------------------------------------
CANCEL = "Cancel"
JOURNAL_WHOSE = "Whose journal?"
JOURNAL_WHOSE_HINT = "Each journal opens only with its owner's passphrase."
UNLOCK_JOURNAL = "Unlock {name}'s journal"
UNLOCK_PRIVATE = "{name}, unlock to keep this answer private"
UNLOCK_TO_CHANGE = "{name}, unlock to change your private answer"
UNLOCK_PROMPT = "Passphrase"
UNLOCK_BUTTON = "Unlock"
UNLOCKING = "Unlocking…"
WRONG_PASSPHRASE = "wrong passphrase"
UNLOCK_KEYS = "Enter unlocks · Esc cancels"
SET_PASSPHRASE_TITLE = "A passphrase for {name}"
SET_PASSPHRASE_BODY = (
    "Your journal and private answers are locked with a passphrase that only you know. "
    "Choose one you will remember: nobody, not even trustcheck, can open them without it, "
    "unless you keep a recovery code (below)."
)
SET_PASSPHRASE_NEW = "New passphrase (a few words that do not usually go together)"
SET_PASSPHRASE_AGAIN = "The same passphrase again"
SET_PASSPHRASE_BUTTON = "Set passphrase"
SETTING_PASSPHRASE = "Setting it up…"

# --- the recovery code ------------------------------------------------------------------------
RECOVERY_OFFER_CHECK = "Also make a one-time recovery code"
RECOVERY_OFFER_HINT = "Optional: shown once, with what it means to keep it."
RECOVERY_MEANS = (
    "Keep it like a spare house key. Anyone who has this code can open your journal and your "
    "private answers and set a new passphrase, so keep it away from this computer: on paper, "
    "somewhere only you can reach. It works once; after that you can make a new one."
)
RECOVERY_CODE_TITLE = "{name}'s recovery code"
RECOVERY_CODE_DONE = "I have written it down"
RECOVERY_CODE_ASK = "Make a one-time recovery code, in case you forget your passphrase?"
RECOVERY_CODE_SHOWN = (
    "Your recovery code, shown only this once (trustcheck keeps only a locked copy of your key "
    "that it opens, never the code):"
)
RECOVERY_CODE_REPLACES = "A new recovery code for {name}: the earlier one no longer works."
RECOVERY_FORGOT_BUTTON = "Forgot passphrase"
RECOVERY_MAKE_TITLE = "A new recovery code for {name}"
RECOVERY_MAKE_ASK = (
    "{name}'s passphrase first. A new code replaces any earlier one, which then stops working."
)
RECOVERY_MAKE_BUTTON = "Make the code"
RECOVERY_MAKING = "Making the code…"
RECOVERY_MADE = "A new recovery code for {name} was made; an earlier one no longer works."
RECOVERY_TITLE = "Set a new passphrase for {name} with the recovery code"
RECOVERY_ENTER = "Type your recovery code (letters and digits; dashes and case do not matter)."
RECOVERY_PROMPT = "Recovery code"
RECOVERY_CHECKING = "Checking the code…"
RECOVERY_CODE_FITS = "The code fits. Now choose a new passphrase."
RECOVERY_KEYS = "Enter goes on · Esc cancels, nothing changed"
RECOVERY_BUTTON = "Go on"
RECOVERY_SETTING = "Setting your new passphrase…"
RECOVERY_DONE = (
    "New passphrase set for {name} with the recovery code, which is now used up: the old "
    "passphrase opens nothing from now on."
)
NO_RECOVERY_CODE = (
    "there is no recovery code for this person: without the passphrase their journal cannot be "
    "opened; nothing was changed"
)
WRONG_RECOVERY_CODE = "that recovery code does not fit; nothing was changed"
RECOVERY_CODE_USED_ELSEWHERE = (
    "this recovery code was used, or the passphrase changed, in another window just now; "
    "nothing was changed here"
)
RECOVERY_OLD_BACKUPS = (
    "{n} older backup(s) in {folder} still open with the old passphrase or the used code (a "
    "backup is a copy of everything as it was)."
)
RECOVERY_NOT_IMPORTED = (
    "A recovery code does not travel in an export: {name} can make a new one with "
    "`trustcheck profile recovery {name}`."
)

# --- the journal ------------------------------------------------------------------------------
JOURNAL_TITLE = "{name}'s journal"
JOURNAL_LOCK_NOTE = "Only you can read this. ctrl+l locks it at once."
JOURNAL_SEARCH = "Search your entries (/)"
JOURNAL_COL_DATE = "Date"
JOURNAL_COL_RATING = "Rating"
JOURNAL_COL_TAGS = "Tags"
JOURNAL_COL_THERAPY = "Therapy"
JOURNAL_COL_TEXT = "Entry"
JOURNAL_THERAPY_MARK = "⚑"
JOURNAL_NO_RATING = "—"
JOURNAL_NO_ENTRIES = "No entries yet. Press ctrl+n to write the first one."
JOURNAL_NO_MATCHES = "No entries match your search."
JOURNAL_DAMAGED_ONE = "1 entry could not be opened: damaged or modified. The others are here."
JOURNAL_DAMAGED_MANY = "{n} entries could not be opened: damaged or modified. The others are here."
JOURNAL_MORE = "Showing the newest {shown} of {total}. Move down for more, or search."
JOURNAL_IDLE_LOCKED = "The journal locked itself after a while without activity."
JOURNAL_PRIVATE_KEY = "Private answers"
JOURNAL_PRIVATE_BACK = "Entries"
JOURNAL_PRIVATE_TITLE = "From check-ins (private)"
JOURNAL_PRIVATE_NOTE = "What you kept private in check-ins, newest first. Only you can read it."
JOURNAL_PRIVATE_NONE = "No private check-in answers yet."
JOURNAL_PRIVATE_DAMAGED = "(could not be opened: damaged or modified)"
ENTRY_NEW = "New entry"
JOURNAL_DRAFT_KEPT = "Your unsaved entry was kept as a draft. Here it is: ctrl+s saves it."
ENTRY_EDIT = "Entry of {date}"
ENTRY_RATING = "Rating"
ENTRY_VIEW_RATING = "rating {rating}/10"
ENTRY_VIEW_THERAPY = "⚑ for therapy"
ENTRY_VIEW_NO_DETAILS = "no rating, no tags"
ENTRY_VIEW_KEYS = "e edits · del deletes · Esc back to the list"
ENTRY_RATING_PLACEHOLDER = "0–10"
ENTRY_TAGS = "Tags"
ENTRY_TAGS_PLACEHOLDER = "comma, separated"
ENTRY_THERAPY = "Bring to therapy"
ENTRY_SAVED = "Entry saved."
ENTRY_DELETED = "Entry deleted."
ENTRY_DELETE_QUESTION = "Delete the entry of {date}? It cannot be brought back."
ENTRY_DELETE_YES = "Delete it"
ENTRY_DELETE_NO = "Keep it"
ENTRY_DISCARD_QUESTION = "Leave this entry without saving? What you wrote here would be lost."
ENTRY_DISCARD_YES = "Leave without saving"
ENTRY_DISCARD_NO = "Keep writing"

# --- private answers in the check-in ----------------------------------------------------------
VISIBILITY_PRIVATE = "Private (only me)"
#: One line under the choice that says what the chosen visibility does (by Visibility value).
VISIBILITY_EXPLAIN: dict[str, str] = {
    "shared": "Shared: your partner sees it at the reveal.",
    "therapy": "For therapy: shared with your partner, and listed in the therapy summary.",
    "private": "Private: only you, sealed with your passphrase and kept in your journal.",
}
VISIBILITY_EXPLAIN_SOLO: dict[str, str] = {
    "shared": "Shared: shown at the end of this check-in, and in exports with notes.",
    "therapy": "For therapy: shown at the end, and listed in the therapy summary.",
    "private": "Private: sealed with your passphrase and kept in your journal only.",
}
PRIVATE_STORED = (
    "Kept private: sealed with your passphrase. Write here to replace it, or go on to keep it."
)

# --- journal export and edit (issue 17 §4) ------------------------------------------------------
JOURNAL_EXPORT_TITLE = "{name}'s journal"
JOURNAL_EXPORT_NOTE = "{n} entries, oldest first, exported on {day} by their author for themselves."
JOURNAL_EXPORT_FORMATS = "choose -f md or -f json for a journal"
JOURNAL_EXPORT_WROTE = "Wrote {path}: {n} entries of {name}'s journal."
JOURNAL_EDIT_NO_MEMORY = (
    "there is no memory-only folder here (/dev/shm) for your editor to work in, and your entry "
    "must not touch the disk in the clear: edit it in the app instead (j on home)"
)
JOURNAL_EDIT_UNCHANGED = "Nothing changed in the entry of {when}."
JOURNAL_EDITED = "Saved the changes to the entry of {when}."
JOURNAL_EDITOR_FAILED = "the editor ({editor}) did not finish cleanly; the entry was left as it was"
