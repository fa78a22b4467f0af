"""Every user-facing sentence in one place, so the wording stays warm, plain and consistent.

Placeholders are filled with ``str.format``; user text passed in is never treated as markup.
"""

from __future__ import annotations

# --- errors (one line each) -------------------------------------------------------------------
DATA_DIR_UNUSABLE = "cannot use the data folder {path}: {reason}"
DB_UNUSABLE = "cannot open the database {path}: {reason}"
DB_NEWER = (
    "{path} was written by a newer trustcheck (schema {found}, this one knows up to {known}); "
    "it was left untouched — please update trustcheck"
)
DB_CORRUPT = "{path} is not a readable trustcheck database ({reason}); it was left untouched"
PROFILE_EXISTS = "there is already a profile called {name!r}"
PROFILE_UNKNOWN = "there is no profile called {name!r}"
PROFILE_NAME_EMPTY = "a name cannot be empty"
PROFILE_NAME_TOO_LONG = "a name can be at most {limit} characters"
PROFILE_LIMIT = "trustcheck is for one or two people; there are already two profiles"
DRAFT_EXISTS = "a check-in is already in progress; finish or abandon it first"
DEMO_NOT_EMPTY = "{path} already holds data; demo only fills an empty data folder"
NO_PROFILES = "no one is set up yet: run `trustcheck setup` (or just `trustcheck`) first"
COMMITMENT_EMPTY = "a commitment needs a few words"
COMMITMENT_LIMIT = "up to three commitments each keeps them small and doable"
TEXT_TOO_LONG = "that is longer than {limit} characters; please shorten it"

# --- the check-in -----------------------------------------------------------------------------
GROUND_RULES = (
    "Speak for yourself: “I felt…”, not “you always…”.",
    "Listen to understand, not to answer.",
    "It is fine to skip a question, to pause, or to stop for today.",
    "This is a conversation starter, not a test. There are no grades.",
)
HANDOVER_TITLE = "Thank you, {name}."
HANDOVER_BODY = (
    "Your answers are saved and hidden.\n\n"
    "Please pass the keyboard to {next}.\n"
    "{name}, you can look away while {next} answers."
)
HANDOVER_READY = "{next}, press Enter when you are ready."
ANSWER_HEADER = "{name} is answering — {partner}, please look away for a moment."
ANSWER_HEADER_SOLO = "{name}, take your time."
REVEAL_INTRO = "Here is what you each said. Gaps are things to talk about, not verdicts."
REVEAL_INTRO_SOLO = "Here is what you said this week, beside last time."
NO_PREVIOUS = "first check-in — no earlier week to compare"
SPEAKER_LISTENER = (
    "Take turns. The speaker says “I feel … about … and I need …”. "
    "The listener sums up what they heard before replying. Then swap."
)
GAP_PROMPTS: dict[str, str] = {
    "communication": "What helps each of you feel heard when something hard comes up?",
    "security": "What moments this week left one of you unsure where you stand? What would help?",
    "closeness": "When did you feel close this week, and when did you miss each other?",
    "reliability": "Which small promise mattered most this week, and how did it go?",
    "openness": "Is there something that felt hard to share? What would make it easier?",
}
NO_GAP = "You see this week in much the same way. What made that possible?"
COMMITMENTS_HELP = (
    "Small and concrete works best: “I will text when I'm running late”, not “be better”."
)
REVIEW_PROMPT = "{to}, how did {owner}'s commitment go?"
REVIEW_PROMPT_SOLO = "How did your commitment go?"
REVIEW_LABELS = {"kept": "Kept", "partly": "Partly", "not_yet": "Not yet"}
CLOSE_NEXT = "Your next check-in is due in the {week}."
CLOSE_THANKS = "Thank you both for showing up for this."
CLOSE_THANKS_SOLO = "Thank you for taking this time for yourself."
ABANDON_QUESTION = (
    "Stop this check-in? What you have answered so far stays stored, marked as not finished."
)

# --- home -------------------------------------------------------------------------------------
STATUS_DUE = "This week's check-in is due."
STATUS_IN_PROGRESS = "A check-in is in progress — pick up where you left off."
STATUS_DONE = "This week's check-in is done. The next one is due in the {week}."
NOT_THERAPY = (
    "trustcheck is not therapy, not a diagnosis and not an emergency service. "
    "If you are in danger, contact local emergency services."
)

# --- passphrases and the journal --------------------------------------------------------------
NO_PASSPHRASE = "this profile has no passphrase yet: set one with `trustcheck profile passwd NAME`"
OLD_PASSPHRASE_NEEDED = "to change a passphrase, enter the current one first"
PASSPHRASE_EMPTY = "a passphrase cannot be empty"
PASSPHRASE_SHORT = "a passphrase needs at least {n} characters"
PASSPHRASES_DIFFER = "the two passphrases differ; nothing was changed"
JOURNAL_EMPTY = "an entry needs a few words"
RATING_RANGE = "a rating is a whole number from 0 to 10"
TOO_MANY_TAGS = "up to {limit} tags per entry"
WHO_NEEDED = "there are two of you here: say whose journal with --as NAME"
DAMAGED_SUMMARY = "{n} of the entries could not be opened: damaged or modified"
PRIVATE_NEEDS_UNLOCK = "unlock your journal to keep an answer private"

# === the app's screens =========================================================================

# --- first run --------------------------------------------------------------------------------
SETUP_TITLE = "Welcome to trustcheck"
SETUP_INTRO = (
    "A short, guided check-in on trust, once a week, for the two of you at one keyboard. "
    "Everything stays on this computer."
)
SETUP_SOLO_HINT = "On your own? Leave the second name empty: trustcheck works for one person too."
SETUP_NAME_A = "Your name"
SETUP_NAME_B = "Your partner's name (optional)"
SETUP_CONTINUE = "Continue"

# --- home -------------------------------------------------------------------------------------
HOME_TITLE = "trustcheck"
HOME_WHO_COUPLE = "{a} and {b}"
HOME_WHO_SOLO = "{name}, on your own"
HOME_WEEK = "This week: {week}"
HOME_CHECK_IN = "Check in"
HOME_RESUME = "Resume"
HOME_COMMITMENTS_TITLE = "Commitments from the last check-in"
HOME_NO_COMMITMENTS = "No commitments yet — you can set a few small ones at the end of a check-in."
HOME_COMMITMENT = "{owner} → {to}:"
HOME_COMMITMENT_SOLO = "You:"
HOME_NOT_REVIEWED = "to talk about next time"
ABANDONED_NOTE = "Check-in stopped. What you answered is kept, marked as not finished."

# --- open -------------------------------------------------------------------------------------
OPEN_TITLE = "This week's check-in"
OPEN_WEEK = "It covers the {week}."
OPEN_WHO = "Who is checking in?"
OPEN_BOTH = "Both of us: {a} and {b}"
OPEN_ONLY = "Only {name}"
OPEN_FIXED = "Checking in: {names}"
OPEN_RULES_TITLE = "Before you start"
OPEN_START = "Start"

# --- answering --------------------------------------------------------------------------------
PROGRESS = "{n} of {total}  ·  {area}"
ANSWER_SAVED = "Saved: {value}"
ANSWER_SKIPPED = "Skipped — choose a number to answer after all."
TEXT_HINT = "Write as much or as little as you like. Leave it empty to skip."
VISIBILITY_LABEL = "Who sees this:"
VISIBILITY_SHARED = "Shared"
VISIBILITY_THERAPY = "For therapy"
OPTIONAL = "optional"

# --- hand-over --------------------------------------------------------------------------------
HANDOVER_BUTTON = "I'm ready"

# --- reveal -----------------------------------------------------------------------------------
REVEAL_TITLE = "Side by side"
REVEAL_AREA = "Area"
REVEAL_GAP = "Gap"
REVEAL_SINCE = "{name}\nsince last"
REVEAL_SINCE_SOLO = "Since\nlast time"
REVEAL_INDEX = "Trust index"
REVEAL_OVERALL = "Overall (0–10)"
REVEAL_MISSING = "—"
REVEAL_LEGEND_GAP = "◆ largest gap — a topic to talk about"
REVEAL_LEGEND_CHANGE = "▲ biggest change since last time"
REVEAL_SCALE_NOTE = "Areas are scored 0–100; higher means more of it (more secure, closer …)."
REVEAL_TALK_TITLE = "Talking about it"
REVEAL_OPEN_TITLE = "In your own words"
REVEAL_NO_OPEN = "No shared open answers this week."
REVEAL_THERAPY_MARK = "(for therapy)"

# --- commitments ------------------------------------------------------------------------------
COMMITMENTS_TITLE = "Commitments"
REVIEW_TITLE = "Last time's commitments"
NEW_TITLE = "For the coming week"
NEW_FOR = "{name}'s commitments"
NEW_FOR_SOLO = "Your commitments"
NEW_PLACEHOLDER = "I will …"
NEW_ADD = "Add"
NEW_REMOVE = "Remove"
NEW_NONE = "None yet (that is fine too)."
CONTINUE = "Continue"

# --- close ------------------------------------------------------------------------------------
CLOSE_TITLE = "This week, in short"
CLOSE_INDEX = "{name}: trust index {index}, overall trust {overall}"
CLOSE_REVIEWED = "Reviewed from last time"
CLOSE_NEW = "New commitments"
CLOSE_NONE = "none"
CLOSE_HOME = "Back to the start"

# --- dialogs and help -------------------------------------------------------------------------
CONFIRM_YES = "Yes"
CONFIRM_NO = "No"
ABANDON_YES = "Stop the check-in"
ABANDON_NO = "Keep going"
HELP_TITLE = "How trustcheck works"
HELP_WHAT = (
    "A guided weekly check-in for one or two people: each of you answers alone, then you look at "
    "the answers side by side and talk. Every answer is saved the moment you give it; if you close "
    "the app, the check-in picks up where you left off."
)
HELP_KEYS: tuple[tuple[str, str], ...] = (
    ("c", "check in, or resume a check-in in progress (home)"),
    ("1–7", "answer a statement; 0–9 and t (= 10) for the overall rating"),
    ("s", "skip a question (stored as skipped, never as a middle value)"),
    ("← / backspace", "back to the previous question"),
    ("ctrl+n", "save a written answer and go on; continue on other steps"),
    ("ctrl+b", "back, while writing"),
    ("ctrl+t", "switch a written answer between Shared and For therapy"),
    ("escape", "stop the check-in (asks first; answers are kept)"),
    ("ctrl+q", "quit — a check-in in progress is kept for later"),
    ("? / f1", "this help"),
)
HELP_CLOSE = "Close"
CRASH = (
    "trustcheck stopped because of an unexpected error ({kind}). Your answers so far are saved; "
    "start trustcheck again to pick up where you left off."
)

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
UNLOCK_PROMPT = "Passphrase"
UNLOCK_BUTTON = "Unlock"
UNLOCKING = "Unlocking…"
WRONG_PASSPHRASE = "wrong passphrase"
UNLOCK_KEYS = "Enter unlocks · Esc cancels"
SET_PASSPHRASE_TITLE = "A passphrase for {name}"
SET_PASSPHRASE_BODY = (
    "Your journal and private answers are locked with a passphrase that only you know. "
    "Choose one you will remember: it cannot be recovered if it is forgotten, and nobody, "
    "not even trustcheck, can open them without it."
)
SET_PASSPHRASE_NEW = "New passphrase (at least 4 characters)"
SET_PASSPHRASE_AGAIN = "The same passphrase again"
SET_PASSPHRASE_BUTTON = "Set passphrase"
SETTING_PASSPHRASE = "Setting it up…"

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
ENTRY_NEW = "New entry"
ENTRY_EDIT = "Entry of {date}"
ENTRY_RATING = "Rating"
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
PRIVATE_STORED = (
    "Kept private: sealed with your passphrase. Write here to replace it, or go on to keep it."
)

# --- help and crashes -------------------------------------------------------------------------
# Rows that replace (same key) or extend HELP_KEYS in the help screen.
HELP_KEYS_JOURNAL: tuple[tuple[str, str], ...] = (
    ("ctrl+t", "who sees a written answer: Shared, For therapy or Private (only you)"),
    ("j", "open a private journal (home)"),
    ("ctrl+n", "save a written answer and go on; in the journal, a new entry"),
    ("enter / delete", "edit or delete the highlighted journal entry (asks first)"),
    ("/", "search inside the unlocked journal"),
    ("ctrl+s", "save a journal entry"),
    (
        "ctrl+l",
        "hide: lock journals and private answers at once (an open journal also locks "
        "itself after a few minutes without a key press)",
    ),
)
CRASH_REPORTED = (
    "trustcheck stopped because of an unexpected error ({kind}). Nothing was lost: every answer "
    "is saved the moment it is given. A report without any of your text is in {path}"
)
CRASH_UNREPORTED = (
    "trustcheck stopped because of an unexpected error ({kind}). Nothing was lost: every answer "
    "is saved the moment it is given. (The error report could not be written.)"
)

# --- trends -----------------------------------------------------------------------------------
TRENDS_NO_CHECKINS = "No check-ins yet: your trends appear here after your first two check-ins."
TRENDS_NONE_IN_RANGE = "No check-ins in the last {weeks} weeks; the latest was in {when}."
TRENDS_ONE_CHECKIN = "One check-in so far: trends need at least two."
TRENDS_ONE_IN_RANGE = "Only one check-in in this range: trends need at least two."
TRENDS_SOLO = "Solo mode: these are your own trends, so there is no gap between partners to show."
TRENDS_SKIPPED_AREA = "{name} skipped {area} in every check-in in this range."
TRENDS_PERSON_ABSENT = "{name} has no check-ins in this range."
TRENDS_PAUSE = "No check-ins between {start} and {end}; the trend line starts afresh after it."
TRENDS_RISEN = "risen"
TRENDS_FALLEN = "fallen"
TRENDS_CHANGE = "{name}'s {area} has {direction} reliably since {when}, from {n} check-ins."
TRENDS_CHANGE_PROVISIONAL = (
    "{name}'s {area} has {direction} reliably since {when} — provisional, from {n} check-ins."
)
TRENDS_METHOD = "How: {method}; provisional until {n} check-ins."
TRENDS_UNKNOWN_AREA = "there is no area called {area!r}; choose one of: {areas}"
TRENDS_BAD_WEEKS = "a range needs at least one week"
CHART_TITLE = "Trust trends"
CHART_INDEX = "Trust index (0–100)"
CHART_OVERALL = "Overall trust (0–10)"
CHART_COMMITMENTS = "Commitments kept (% per 4 weeks)"
CHART_GAP = "Gap between you (trust index)"
CHART_LEGEND_A = "{name}: solid line ━"
CHART_LEGEND_B = "{name}: dotted line •••"
CHART_EMPTY_PANEL = "no scores"
TABLE_TITLE = "Figures"
TABLE_LATEST = "latest"
TABLE_SLOPE = "slope"
TABLE_SLOPE_NOTE = (
    "slope: change per week over the last 8 weeks (Theil–Sen); gap: latest, between you"
)
TABLE_MEAN = "mean"
TABLE_GAP = "gap"
TABLE_KEPT = "Commitments kept"
CHANGES_TITLE = "Changes beyond the usual ups and downs"
NOTES_TITLE = "Notes"
RANGE_WEEKS = "{n} weeks"
RANGE_ONE_WEEK = "1 week"
RANGE_CHECKINS = "{n} check-ins"
RANGE_ONE_CHECKIN = "1 check-in"
