"""The weekly check-in: its steps, gates, stopping, drafts and the 0–10 rating."""

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
NOT_THIS_WEEK_REFUSED = "this question can be answered or skipped, but not “didn't come up”"
#: A conditional item ("When I raised something hard, …") can be answered this way (issue 14).
NOT_THIS_WEEK_KEY = "Didn't come up"
NOT_THIS_WEEK_SAVED = "Saved: didn't come up this week."
REVIEW_NOT_THIS_WEEK = "didn't come up this week"
TURN_REVIEW_SAME = (
    "You gave every statement the same answer this week. That can be just how it was; if some "
    "felt different, you can change them here. Only you see this."
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
# ``trustcheck status``: one line for a shell prompt or a login message (whose turn, never what).
STATUS_UPCOMING = "This week's check-in is on {when}."
STATUS_DONE_UNTIL = "This week's check-in is done. The next one is on {when}."
STATUS_LINE_TURN = "A check-in is in progress: it is {name}'s turn."
STATUS_LINE_TOGETHER = "A check-in is in progress."
STATUS_LINE_PAUSED = (
    "A check-in from the {week} is paused: open trustcheck to resume or discard it."
)
STATUS_LINE_NOBODY = "Nobody is set up yet: run `trustcheck setup`, or just `trustcheck`."
STATUS_DONE = "This week's check-in is done. The next one is due in the {week}."
NOT_THERAPY = (
    "trustcheck is not therapy, not a diagnosis and not an emergency service. "
    "If you are in danger, contact local emergency services."
)

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
HOME_DEMO_BANNER = "Demo data · passphrases: demo"
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
REVIEW_TITLE = "Commitments to look back on"
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
