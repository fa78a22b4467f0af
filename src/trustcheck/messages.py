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
DAMAGED_SUMMARY = "{n} entries could not be opened: they are damaged or were modified"
PRIVATE_NEEDS_UNLOCK = "unlock your journal to keep an answer private"
