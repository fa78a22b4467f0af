"""Every user-facing sentence in one place, so the wording stays warm, plain and consistent.

Placeholders are filled with ``str.format``; user text passed in is never treated as markup.
The words of the conversation itself (ground rules, gap prompts, the guides) are content, in
``data/guides.toml`` (read by :mod:`trustcheck.content`).
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
SETUP_FIRST_NAME_EMPTY = "please write your name first (the second name is optional)"
PROFILE_NAME_TOO_LONG = "a name can be at most {limit} characters"
PROFILE_LIMIT = "trustcheck is for one or two people; there are already two profiles"
DRAFT_EXISTS = "a check-in is already in progress; finish or discard it first"
DEMO_NOT_EMPTY = "{path} already holds data; demo only fills an empty data folder"
NO_PROFILES = "no one is set up yet: run `trustcheck setup` (or just `trustcheck`) first"
COMMITMENT_EMPTY = "a commitment needs a few words"
COMMITMENT_LIMIT = "up to three commitments each keeps them small and doable"
TEXT_TOO_LONG = "that is longer than {limit} characters; please shorten it"

# --- the check-in -----------------------------------------------------------------------------
HANDOVER_TITLE = "Thank you, {name}."
HANDOVER_BODY = (
    "Your answers are saved and hidden until the reveal.\n\nPlease pass the keyboard to {next}."
)
HANDOVER_READY = (
    "{next}'s turn. {name}, please look away. {next}, press Enter when you're ready."
)
ANSWER_HEADER = "{name} is answering — {partner}, please look away for a moment."
ANSWER_HEADER_SOLO = "{name}, take your time."
REVEAL_INTRO = "Here is what you each said. Gaps are things to talk about, not verdicts."
REVEAL_INTRO_SOLO = "Here is what you said this week, beside last time."
NO_PREVIOUS = "first check-in — no earlier week to compare"
COMMITMENTS_HELP = (
    "Small and concrete works best: “I will text when I'm running late”, not “be better”."
)
REVIEW_PROMPT = "{to}, how did {owner}'s commitment go?"
REVIEW_PROMPT_SOLO = "How did your commitment go?"
REVIEW_LABELS = {"kept": "Kept", "partly": "Partly", "not_yet": "Not yet"}
CLOSE_NEXT = "Your next check-in is due in the {week}."
CLOSE_THANKS = "Thank you both for showing up for this."
CLOSE_THANKS_SOLO = "Thank you for taking this time for yourself."
# --- each turn's gate, the review before the hand-over ------------------------------------------
GATE_TITLE = "{name}'s turn."
GATE_LOOK_AWAY = "{partner}, please look away."
GATE_READY = "{name}, press Enter when you're ready."
GATE_TITLE_SOLO = "Your turn, {name}."
GATE_READY_SOLO = "Press Enter when you're ready."
GATE_NOTE = "Nothing of your answers shows until you press Enter."
GATE_BUTTON = "I'm ready"
TURN_REVIEW_TITLE = "{name}, your answers"
TURN_REVIEW_INTRO = (
    "Before you hand over, look through what you said. To change an answer, or who sees it, "
    "choose it and press Enter. After the hand-over your answers stay hidden until the reveal."
)
TURN_REVIEW_INTRO_SOLO = (
    "Look through what you said. To change an answer, or who sees it, choose it and press Enter."
)
TURN_REVIEW_DONE = "These are my answers"
REVIEW_VALUE = "{value} of {top}"
REVIEW_SKIPPED = "skipped"
REVIEW_NOT_ANSWERED = "not answered yet"
REVIEW_SEALED = "sealed with your passphrase (unlock to read it here)"
REVIEW_EMPTY = "left empty"
REVIEW_WHO: dict[str, str] = {
    "shared": "Shared",
    "therapy": "For therapy",
    "private": "Private",
}

# --- stopping: pause or discard ---------------------------------------------------------------
STOP_TITLE = "Stop for now?"
STOP_BODY = (
    "Pause keeps every answer: resume later from home (c), exactly where you were. "
    "Discard deletes this check-in's answers for good."
)
STOP_PAUSE = "Pause (keep everything)"
STOP_DISCARD = "Discard this check-in…"
STOP_KEEP = "Keep going"
STOP_KEYS = "p pause  ·  d discard  ·  esc keep going"
DISCARD_ANSWERS = "{name}'s {n} answers"
DISCARD_ANSWERS_SOLO = "your {n} answers"
DISCARD_ONE_ANSWER = "{name}'s 1 answer"
DISCARD_MORE = "{name}'s {n}"
DISCARD_ONE_ANSWER_SOLO = "your 1 answer"
DISCARD_COMMITMENTS = "{n} new commitments"
DISCARD_ONE_COMMITMENT = "1 new commitment"
DISCARD_QUESTION = "Discard {what}? This cannot be undone."
DISCARD_NOTHING = "Discard this check-in? Nothing has been answered yet."
DISCARD_YES = "Discard"
DISCARD_NO = "Keep them"
DISCARDED_NOTE = "The check-in was discarded."
PAUSED_NOTE = "Paused. Everything is kept: press c on home to pick up where you left off."

# --- home -------------------------------------------------------------------------------------
STATUS_DUE = "This week's check-in is due."
STATUS_IN_PROGRESS = (
    "A check-in is in progress — pick up where you left off (c), or discard it (d)."
)
STATUS_TURN = (
    "A check-in is in progress: it is {name}'s turn. Resume it (c), or discard it (d)."
)
STATUS_PAUSED_EARLIER = (
    "A check-in from the {week} is paused: resume it (c), or discard it (d)."
)
HOME_DISCARD = "Discard it"
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
RATING_INVALID = "the rating “{value}” is not a whole number from 0 to 10; nothing was saved"
TOO_MANY_TAGS = "up to {limit} tags per entry"
WHO_NEEDED = "there are two of you here: say whose journal with --as NAME"
JOURNAL_DAMAGED_AT = "the entry of {when} is damaged or was modified; the others still open"
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
SETUP_RESTORE_BOTH = "Bring them back"
SETUP_RESTORE_DECLINED = (
    "Nothing was set up. Write another name, or press Continue again to bring them back."
)

# --- home -------------------------------------------------------------------------------------
HOME_TITLE = "trustcheck"
HOME_WHO_COUPLE = "{a} and {b}"
HOME_WHO_SOLO = "{name}, on your own"
HOME_WEEK = "This week: {week}"
HOME_CHECK_IN = "Check in"
HOME_RESUME = "Resume"
HOME_COMMITMENTS_TITLE = "Commitments from the last check-in"
HOME_NO_COMMITMENTS = "No commitments yet — you can set a few small ones at the end of a check-in."
HOME_NO_COMMITMENTS_LAST = (
    "None were set at the last check-in — you can set a few small ones at the end of the next one."
)
HOME_COMMITMENT = "{owner} → {to}:"
HOME_COMMITMENT_SOLO = "You:"
HOME_NOT_REVIEWED = "to talk about next time"

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
REVEAL_TITLE_SOLO = "Your week"
REVEAL_TALK_TITLE_SOLO = "Thinking about it"
REVEAL_AREA = "Area"
REVEAL_GAP = "Gap"
REVEAL_SINCE = "{name}\nsince last"
REVEAL_SINCE_SOLO = "Since\nlast time"
REVEAL_INDEX = "Trust index"
REVEAL_OVERALL = "Overall (0–10)"
REVEAL_MISSING = "—"
REVEAL_LEGEND_GAP = "◆ largest gap — a topic to talk about"
REVEAL_LEGEND_GAP_TIE = "◆ largest gaps, a tie — topics to talk about (start with either)"
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
HELP_TITLE = "How trustcheck works"
HELP_WHAT = (
    "A guided weekly check-in for one or two people: each of you answers alone, then you look at "
    "the answers side by side and talk. Every answer is saved the moment you give it, and what "
    "you write is kept as you type; if you close the app, the check-in picks up where you left off."
)
HELP_WHAT_SOLO = (
    "A guided weekly check-in on your own: you answer, then look at this week beside the last one. "
    "Every answer is saved the moment you give it; if you close the app, the check-in picks up "
    "where you left off."
)
HELP_CLOSE = "Close"
HELP_KEYS_TITLE = "Keys on this screen"
#: What a key does, by the name of its action: help lists the keys of the screen it was opened
#: from, read from that screen's bindings (so it cannot drift); these add the why to the what.
#: An action without an entry here is shown with its footer label.
HELP_ACTIONS: dict[str, str] = {
    "choose": "answer the question with that number (t is 10 on the overall rating)",
    "digit": "the overall rating, 0 to 10: 1 then 0 is 10; a lone 1 counts after a pause or Enter",
    "commit": "take the number typed so far",
    "unlock_draft": "bring back a private draft kept sealed (asks for your passphrase)",
    "pick": "choose the option with that number",
    "skip": "skip a rated question: stored as skipped, never as a middle value",
    "back": "from a rated question, back to the previous one, never out of your own turn",
    "forward": "from a rated question, on to the next one, keeping the stored answer",
    "save_text": "save a written answer and go on (left empty, the question is skipped)",
    "back_text": "from a written answer, back to the previous question, keeping what you wrote",
    "toggle_visibility": "who sees a written answer: Shared, For therapy or Private",
    "abandon": "stop: pause (everything kept, resume exactly here) or discard this check-in "
    "(asks twice and names what is lost)",
    "discard": "discard a check-in in progress (asks first and names what is lost)",
    "done": "done with the review: on to the hand-over",
    "stop": "stop: pause (everything kept) or discard this check-in (asks twice)",
    "quit": "quit: a check-in in progress, and what you were writing, are kept for later",
    "hide": "hide: lock journals and private answers at once",
    "help": "this help",
    "checkin": "check in this week",
    "resume": "resume the check-in in progress",
    "journal": "open a private journal",
    "trends": "trends: trust over time",
    "export": "export a summary to bring to therapy",
    "guides": "conversation guides: speaker and listener, and a calm talk after a fight",
    "settings": "settings: modules, roles, helplines for your country, journal lock time",
    "about": "about trustcheck, and the research behind the questions",
    "range": "trends over 8 weeks, 6 months, 1 year or everything",
    "area": "focus one area, next or previous (all areas again at the end)",
    "new": "a new journal entry",
    "search": "search inside the unlocked journal",
    "save": "save",
    "delete": "delete the highlighted journal entry (asks first)",
    "ready": "continue when the right person has the keyboard",
    "start": "start the check-in",
    "next": "continue to the next step",
    "finish": "continue (commitments typed but not added are added)",
}

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

# --- help and crashes -------------------------------------------------------------------------
CRASH_REPORTED = (
    "trustcheck stopped because of an unexpected error ({kind}). Nothing was lost: every answer "
    "is saved the moment it is given, and what you were writing is kept as a draft. A report "
    "without any of your text is in {path}"
)
CRASH_UNREPORTED = (
    "trustcheck stopped because of an unexpected error ({kind}). Nothing was lost: every answer "
    "is saved the moment it is given, and what you were writing is kept as a draft. (The error "
    "report could not be written.)"
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
TABLE_SLOPE_NOTE_SOLO = "slope: change per week over the last 8 weeks (Theil–Sen)"
TABLE_MEAN = "mean"
TABLE_GAP = "gap"
TABLE_KEPT = "Commitments kept"
CHANGES_TITLE = "Changes beyond the usual ups and downs"
NOTES_TITLE = "Notes"
RANGE_WEEKS = "{n} weeks"
RANGE_ONE_WEEK = "1 week"
RANGE_CHECKINS = "{n} check-ins"
RANGE_ONE_CHECKIN = "1 check-in"

# --- export and import (issue 5) --------------------------------------------------------------
EXPORT_TITLE = "trustcheck summary"
EXPORT_TITLE_FOR = "trustcheck summary · {names}"
EXPORT_NO_PERIOD = "No completed check-ins yet, so there is nothing to sum up."
EXPORT_HOW_TO_READ = (
    "How to read this: each score (0–100; overall trust 0–10) is how that person saw their "
    "week; higher means more of it. Gaps and changes are things to talk about, not verdicts."
)
EXPORT_NOT_THERAPY = "trustcheck is not therapy and not a diagnosis; no score here is a cut-off."
EXPORT_INDEX_TITLE = "Trust index over the period (0–100)"
EXPORT_INDEX_LATEST = "{name}: latest {latest}, mean {mean}"
EXPORT_AREAS_TITLE = "Areas at the start and the end of the period (0–100)"
EXPORT_AREA = "Area"
EXPORT_START = "start"
EXPORT_END = "end"
EXPORT_AREA_NOTE = "start: each person's first check-in in the period; end: their latest."
EXPORT_CHANGES_TITLE = "Changes beyond the usual ups and downs"
EXPORT_NO_CHANGES = "No change stood out beyond the usual ups and downs."
EXPORT_PROVISIONAL = "provisional"
EXPORT_GAPS_TITLE = "Where you see things most differently"
EXPORT_GAP_ROW = "{area}: {a} and {b}, a gap of {gap} on average"
EXPORT_NO_GAPS = "No gaps to show (one person, or no week you both answered)."
EXPORT_COMMITMENTS_TITLE = "Commitments kept"
EXPORT_COMMITMENTS_ROW = "{name}: {kept} kept, {partly} partly, {not_yet} not yet ({share})"
EXPORT_NO_COMMITMENTS = "{name}: no commitments reviewed in this period"
EXPORT_TOPICS_TITLE = "Topics to bring to therapy"
EXPORT_REPEATED = "again in {n} later weeks"
EXPORT_NO_TOPICS = "No topics were marked “for therapy” in this period."
EXPORT_NOTES_TITLE = "Shared notes"
EXPORT_NO_NOTES = "No shared notes in this period."
EXPORT_PRIVATE_TITLE = "{name}'s private notes (shared by {name} for this summary)"
EXPORT_PRIVATE_ANSWERS = "Private answers"
EXPORT_JOURNAL = "Journal entries"
EXPORT_NONE = "none in this period"
EXPORT_TRENDS_NOTES = "Notes"
EXPORT_INCLUDED = "Included: {what}."
EXPORT_LEFT_OUT = "Left out: {what}."
EXPORT_WHAT_SCORES = "ratings and scores of completed check-ins"
EXPORT_WHAT_TOPICS = "topics marked for therapy"
EXPORT_WHAT_COMMITMENTS = "commitments and how they went"
EXPORT_WHAT_NOTES = "shared notes"
EXPORT_WHAT_PRIVATE = "{name}'s private answers and journal entries"
EXPORT_WHAT_OTHERS_PRIVATE = "{name}'s private answers, journal entries and safety answers"
EXPORT_GENERATED = "Made with trustcheck on {date}."
EXPORT_PAGE = "Page {n}"
EXPORT_WROTE = "Wrote {path}."
EXPORT_EXISTS = "{path} already exists: choose another name, or add --force to replace it"
EXPORT_REPLACE_QUESTION = "{path} already exists. Replace it?"
EXPORT_NOT_REPLACED = "{path} was left as it was; nothing was written"
EXPORT_UNKNOWN_FORMAT = "there is no export format {name!r}; choose one of: {formats}"
EXPORT_STDOUT_BINARY = "a {fmt} export cannot go to standard output; give a file with -o FILE"
EXPORT_WEEKS_AND_SINCE = "choose either --weeks or --since, not both"
EXPORT_BAD_SINCE = "--since: {value!r} is not a date like 2026-09-01"
EXPORT_SINCE_FUTURE = "--since {value} is after the last check-in week; nothing to export"
EXPORT_JSON_PERIOD = "a JSON export always holds everything; leave out --weeks and --since"
EXPORT_WRITE_FAILED = "cannot write {path}: {reason}"
EXPORT_DAMAGED = (
    "{n} of {name}'s private records could not be opened (damaged or modified); they were left out"
)
EXPORT_PROGRESS = "Exporting"
EXPORT_DIALOG_TITLE = "A summary to bring to therapy"
EXPORT_DIALOG_FORMAT = "Format"
EXPORT_DIALOG_PERIOD = "Weeks (empty: everything)"
EXPORT_DIALOG_NOTES = "Include shared notes"
EXPORT_DIALOG_PRIVATE = "Also include my private notes:"
EXPORT_DIALOG_PRIVATE_NONE = "nobody's"
EXPORT_DIALOG_PREVIEW = "Preview"
EXPORT_DIALOG_PATH = "Save to"
EXPORT_DIALOG_WRITE = "Save"
EXPORT_DIALOG_SAVED = "Saved to {path}"
EXPORT_DIALOG_BAD_WEEKS = "weeks: a whole number of at least 1, or empty"
EXPORT_DIALOG_NO_PREVIEW = "A {fmt} file has no text preview; below is the same summary as text."
EXPORT_DIALOG_KEYS = "ctrl+s saves · Esc closes"
IMPORT_NOT_EMPTY = (
    "{path} already holds data; import only fills an empty data folder (choose a new one with "
    "--data-dir)"
)
IMPORT_BAD_FILE = "cannot import {path}: {reason}; nothing was imported"
IMPORT_UNREADABLE = "cannot read {path}: {reason}"
IMPORT_DONE = (
    "Imported {profiles} people, {checkins} check-ins and {commitments} commitments from {path}."
)
IMPORT_PRIVATE_DONE = "{name}'s private notes were sealed again with the passphrase just chosen."
IMPORT_PRIVATE_PASSPHRASE = "New passphrase for {name}'s private notes"
IMPORT_PRIVATE_AGAIN = "The same passphrase again"
IMPORT_PROGRESS = "Importing"
IMPORT_CLASH = "the file clashes with itself ({reason}); nothing was imported"

# --- trends in the app (the Trends screen and the home trend line) -----------------------------
TRENDS_SCREEN_TITLE = "Trust trends"
TRENDS_RANGES: tuple[tuple[str, int | None], ...] = (
    ("8 weeks", 8),
    ("6 months", 26),
    ("1 year", 52),
    ("All", None),
)
TRENDS_ALL_AREAS = "All areas"
TRENDS_RANGE_LINE = "{start} – {end} · {span}, {count}"
TRENDS_LATEST = "Latest {what}: {values}"
TRENDS_LATEST_GAP = "gap between you {gap}"
TRENDS_INDEX_WORDS = "trust index"
TRENDS_MARK_LEGEND = "│ ↑ / ↓ marks where a reliable change began"
TRENDS_NO_CHANGES = "No change beyond the usual ups and downs so far."
HOME_TREND_TITLE = "Trust index over the last 26 weeks (0–100)"
HOME_TRENDS = "Trends"

# === doctor, backup and restore; two windows at once ===========================================

# --- conflicts between two windows (one line each) ----------------------------------------------
JOURNAL_CONFLICT = (
    "this entry was changed in another window since you opened it; nothing was saved — "
    "reopen it to see the newer version"
)
JOURNAL_GONE = "this entry was deleted in another window; nothing was saved"
CHECKIN_MOVED_ON = "this check-in moved on in another window"
CHECKIN_GONE = "this check-in was finished or stopped in another window"
CHECKIN_STARTED_ELSEWHERE = "this week's check-in was started in another window: here it is"

# --- backup and restore -----------------------------------------------------------------------
BACKUP_NOTHING = "there is nothing to back up yet: no database in {path}"
BACKUP_EXISTS = "{path} already exists; choose another name, or add --force to replace it"
BACKUP_NO_FOLDER = "cannot write the backup: the folder {path} does not exist"
BACKUP_IS_LIVE = "{path} is the database itself; choose a file outside the data folder"
BACKUP_FAILED = "could not write the backup {path} ({reason}); nothing was written"
BACKUP_DONE = "Backed up {path} (schema {version})."
MIGRATION_BACKUP_FAILED = (
    "could not make a backup of {path} before upgrading it ({reason}); it was left untouched"
)
RESTORE_MISSING = "{path} does not exist or is not a file"
RESTORE_NOT_TRUSTCHECK = "{path} is not a trustcheck backup ({reason}); nothing was restored"
RESTORE_NEWER = (
    "{path} was written by a newer trustcheck (schema {found}, this one knows up to {known}); "
    "nothing was restored — please update trustcheck"
)
RESTORE_DAMAGED = "{path} is damaged ({reason}); nothing was restored"
RESTORE_IS_LIVE = "{path} is the database itself; nothing to restore"
RESTORE_FAILED = "could not restore into {path} ({reason}); your data was left as it was"
RESTORE_SAFETY = "Your data as it was is kept in {path}."
RESTORE_DONE = "Restored {source} into {path} (schema {version})."
RESTORE_MIGRATED = "Restored {source} into {path} and upgraded it from schema {old} to {version}."

# --- doctor -----------------------------------------------------------------------------------
DOCTOR_PROBLEMS = "doctor found {n} problem(s); see the hints above"
DOCTOR_ALL_GOOD = "Everything looks fine."

# === modules, packs, safety, settings, about and guides (issue 6) ===============================

# --- packs (`trustcheck packs …`) -------------------------------------------------------------
PACK_NEEDS_VERSION = (
    "{reason} since it was answered; answers keep the words they were given under, "
    "so please give the pack version = {version}"
)
PACK_NOT_A_MODULE = "there is no module pack called {pack!r}"
PACK_UNKNOWN_ROLE = "there is no role called {role!r} in that module"
PACKS_COL_ID = "id"
PACKS_COL_VERSION = "version"
PACKS_COL_TITLE = "title"
PACKS_COL_FROM = "from"
PACKS_COL_ON = "on/off"
PACKS_ON = "on"
PACKS_OFF = "off"
PACKS_ALWAYS = "always"
PACKS_REFUSED = "refused"
PACKS_REFUSED_NOTE = "  refused: {reason}"
PACKS_USER_DIR = "Your own packs go in {path}"
PACKS_VALID = "{file}: looks good — pack '{id}' version {version}, {n} items"
PACKS_PROBLEMS = "{n} problem(s) found"

# --- the check-in, with modules ---------------------------------------------------------------
PROGRESS_MODULE = "{n} of {total}  ·  {module}  ·  {area}"
PRIVATE_ITEM_NOTE = (
    "Only for you: this answer is sealed with your passphrase and never shown to your partner."
)
PRIVATE_VALUE_STORED = "Kept private: sealed with your passphrase. Choose again to replace it."
PRIVATE_ITEM_NEEDS_UNLOCK = (
    "This answer is kept private, so it needs your passphrase. You can also skip it."
)
MODULE_INTRO = "{module}: {description}"

# --- the safety check -------------------------------------------------------------------------
SAFETY_TITLE = "A private question, just for you"
SAFETY_QUESTION = (
    "Since the last check-in, have you felt afraid of your partner, or been hurt or threatened?"
)
SAFETY_PRIVACY = (
    "Your answer is never shown to your partner, at the reveal or in an export (unless you "
    "choose to include it yourself). It is kept sealed with your passphrase."
)
SAFETY_YES = "Yes"
SAFETY_NO = "No"
SAFETY_SKIP = "Skip"
SAFETY_KEYS = "y yes  ·  n no  ·  s skip  ·  ctrl+l hides this screen at once"
SAFETY_UNLOCK = "{name}, unlock to keep your answer sealed"
SAFETY_NOT_STORED = "Nothing was stored: without your passphrase your answer stays with you only."
SAFETY_STORED = "Your answer is kept sealed, for you alone."
SAFETY_HELP_TITLE = "Thank you for telling us"
SAFETY_HELP_BODY = (
    "You deserve to feel safe. What happened is not your fault, and you do not have to sort it "
    "out alone or right now."
)
SAFETY_NEXT_TITLE = "What you could do next"
SAFETY_NEXT_STEPS: tuple[str, ...] = (
    "If you are in danger right now, call {emergency}.",
    "Consider pausing the joint check-ins for now: they are made for two people who feel safe "
    "with each other.",
    "Talk to someone trained to help, on your own: a helpline below, a doctor, or a therapist "
    "you see alone (not a couples session).",
    "If you can, think about a safe place and a person you trust that you could reach quickly.",
)
SAFETY_RESOURCES_TITLE = "People who can help ({place})"
SAFETY_RESOURCE_CHECKED = "source: {source} · last checked {date}"
SAFETY_RESOURCES_BROKEN = "The list of helplines could not be read ({reason})."
SAFETY_HIDE_NOTE = "ctrl+l hides this screen at once. Enter goes on with the check-in."
SAFETY_CONTINUE = "Continue"

# --- settings ---------------------------------------------------------------------------------
SETTINGS_TITLE = "Settings"
SETTINGS_MODULES = "Modules"
SETTINGS_MODULES_HINT = (
    "Optional question sets for harder topics. Switched-on modules follow the weekly questions "
    "in each check-in."
)
SETTINGS_NO_MODULES = "No modules are available."
SETTINGS_ROLES = "Roles in “{module}”"
SETTINGS_ROLES_HINT = "Each of you sees questions worded for your own place in what happened."
SETTINGS_ROLES_HINT_SOLO = "The questions are worded for your own place in what happened."
SETTINGS_ROLE_FOR = "{name}:"
SETTINGS_ROLE_UNSET = "Not set (only shared questions)"
SETTINGS_LOCALE = "Where you are (for the list of helplines)"
SETTINGS_IDLE = "Lock an open journal after this many seconds without a key press"
SETTINGS_IDLE_BAD = "choose a whole number of seconds from 10 to 86400"
SETTINGS_SAVED = "Settings saved."
SETTINGS_CLOSE = "Done"
SETTINGS_PRIVATE_MODULE = "(private: only ever for each of you alone)"
SETTINGS_PEOPLE = "People"
SETTINGS_PEOPLE_HINT = (
    "Removing someone hides them from now on. Their journal and past check-ins are kept, "
    "and you can bring them back here."
)
SETTINGS_ADD_PARTNER = "Add your partner"
SETTINGS_RENAME = "Rename"
SETTINGS_REMOVE = "Remove"
SETTINGS_RESTORE = "Bring back"
SETTINGS_REMOVED_ROW = "{name} (removed {date})"
SETTINGS_REMOVE_ASK = (
    "Remove {name}? Their journal and past check-ins are kept, and you can bring them back "
    "here later."
)
SETTINGS_REMOVE_YES = "Remove {name}"
SETTINGS_REMOVE_TITLE = "To remove {name}, enter {name}'s passphrase"
SETTINGS_REMOVE_BUTTON = "Remove"
SETTINGS_REMOVING = "Checking…"
SETTINGS_RESTORE_YES = "Bring {name} back"
SETTINGS_NAME_PARTNER = "Your partner's name"
SETTINGS_NAME_RENAME = "A new name for {name}"
SETTINGS_NAME_SAVE = "Save"
SETTINGS_ADDED = "{name} added."
SETTINGS_REMOVED = "{name} removed. You can bring them back below."
SETTINGS_RESTORED = "{name} is back, with their journal and past check-ins."
SETTINGS_RENAMED = "Renamed {old} to {new}."
SETTINGS_NOTHING_CHANGED = "Nothing was changed."
SETTINGS_PRIVATE_MODULE_SOLO = "(private: sealed with your passphrase)"

# --- about ------------------------------------------------------------------------------------
ABOUT_TITLE = "About trustcheck"
ABOUT_WHAT = (
    "trustcheck is a private, local-first weekly check-in on trust for couples (or for one "
    "person). It helps you notice how things feel, put it into words, and start a conversation. "
    "Everything stays on this computer."
)
ABOUT_NOT = (
    "It is not therapy, not a diagnosis and not an emergency service. Its scores compare you "
    "with your own earlier weeks only; they are not clinical measures and say nothing about "
    "whether a relationship is good or bad. If you are in danger, contact local emergency "
    "services."
)
ABOUT_CREDITS_TITLE = "The research behind the questions"
ABOUT_CREDITS_NOTE = (
    "Every question is worded by trustcheck. The packs measure constructs that this research "
    "describes; they do not reproduce any published questionnaire."
)
ABOUT_PACK = "{title} (version {version})"
ABOUT_CLOSE = "Close"
HELP_ABOUT = "About trustcheck and the research behind it (a)"

# --- conversation guides ----------------------------------------------------------------------
GUIDES_TITLE = "Conversation guides"
GUIDES_PICK = "Choose a guide. Each one takes a few minutes, one step at a time."
GUIDE_NEXT = "Next"
GUIDE_BACK = "Back"
GUIDE_DONE = "Done"
GUIDE_STEP = "Step {n} of {total}"
GUIDE_KEYS = "enter / → next  ·  ← back  ·  escape closes"
REVEAL_MODULES_TITLE = "Modules"
SAFETY_NO_LOCALE = "your local emergency number"

# --- home: more places to go ------------------------------------------------------------------

# --- hostile and odd text (issue 7, part 5) --------------------------------------------------
PASTE_TOO_LONG = "that paste is longer than this field's {limit} characters; nothing was pasted"
PASTE_ONE_LINE = "this field takes one line; the paste had several, so nothing was pasted"
PASTE_REFUSED = "that paste does not fit this field; nothing was pasted"
FIELD_FULL = "this field holds at most {limit} characters"

# --- modules in trends, private module answers, safety answers in an export (issue 6) ---------
TRENDS_MODULES_TITLE = "Modules (not part of the trust index)"
#: A sealed rating as its author reads it back: "6 of 7 — between “Partly true” and …".
PRIVATE_VALUE = "{value} of {top} — {label}"
PRIVATE_VALUE_BETWEEN = "between “{low}” and “{high}”"
EXPORT_MODULES_TITLE = "Modules"
EXPORT_MODULES_NOTE = (
    "Scores (0–100) of the modules you switched on, at the first and latest check-in of the "
    "period. They are not part of the trust index. Private modules are never shown here."
)
EXPORT_MODULE_VALUES = "{name} {start} → {end}"
EXPORT_WHAT_OWN_SAFETY = "{name}'s answers to the private safety question"
EXPORT_SAFETY_TITLE = "The private safety question"
EXPORT_SAFETY_INTRO = (
    "{name} chose to include their own answers to the question each person is asked alone: "
    "“Since the last check-in, have you felt afraid of your partner, or been hurt or "
    "threatened?” A yes is worth talking through with a professional, on your own first if "
    "that feels safer."
)
EXPORT_SAFETY_YES = "Yes: I felt afraid, or was hurt or threatened"
EXPORT_SAFETY_NO = "No"

# --- drafts of written answers and the 0–10 rating (issue 12) -------------------------------
DRAFT_KEPT = "Draft kept as you type. ctrl+n saves it as your answer."
DRAFT_SEALED = "Private draft kept, sealed with your passphrase. ctrl+n saves it as your answer."
DRAFT_RESUMED = "Your draft is back. ctrl+n saves it as your answer."
DRAFT_NOT_KEPT_LOCKED = (
    "Not kept yet: this draft is private and you are locked, so nothing is written. "
    "ctrl+o unlocks to keep it."
)
DRAFT_SEALED_HIDDEN = "Your private draft is kept sealed. ctrl+o unlocks to bring it back here."
DRAFT_DAMAGED = "Your private draft could not be opened (it was damaged or changed)."
UNLOCK_DRAFT = "{name}, unlock to bring back your private draft"
RATING_PENDING = "{value} — type 0 now for 10, or press Enter for {value}."
RATING_KEYS_HINT = "Type 0–10 (1 then 0 is 10; t is 10 as well)."
