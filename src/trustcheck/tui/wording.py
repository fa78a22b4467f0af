"""Wording the TUI needs beyond ``trustcheck.messages`` (to be merged there by the lead).

Same rules as ``messages``: warm, plain, blame-free; placeholders filled with ``str.format`` and the
result always shown as plain text, never as markup.
"""

from __future__ import annotations

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
