"""Commitments that follow through (issue 17, section 3): looking back on each one in two voices,
keeping one for another week (in its words or new ones) and letting one go. Kind and plain: how
a commitment went is two people's views side by side, never a score, and letting one go is not
a failure."""

# --- the review step ----------------------------------------------------------------------------
#: Above the earlier commitments, for a couple.
REVIEW_TWO_VOICES = (
    "Each of you says how it went for you: two views side by side, not a score. "
    "Then keep it for another week, change its words, or let it go."
)
REVIEW_ONE_VOICE = "Say how it went, then keep it for another week, change its words, or let it go."
#: Below the earlier commitments, when more are open than the step shows.
REVIEW_MORE_WAITING = (
    "{n} earlier commitments are waiting too: they come up once these are looked back on, "
    "kept going or let go."
)
REVIEW_ONE_MORE_WAITING = (
    "1 earlier commitment is waiting too: it comes up once these are looked back on, kept going "
    "or let go."
)
#: When it was made: shown so one carried over from an earlier week is clear.
REVIEW_MADE = "made in the week of {week}"
#: Each voice, above its Kept / Partly / Not yet (the partner's first, as before V12).
VOICE_TO = "{to}, how did {owner}'s commitment go?"
VOICE_OWN = "{owner}, how did it go for you?"
KEEP_GOING = "Keep for another week"
REWORD = "Change the words"
LET_GO = "Let it go"
REWORD_PLACEHOLDER = "The words for the coming week"
REWORD_SAVE = "Keep in these words"
REOPEN = "Undo"
#: What was decided, shown in place of the three buttons.
STATE_CARRIED = "Kept for another week: it is in this week's list below."
STATE_REWORDED = "Kept for another week, in new words: “{text}”"
STATE_DROPPED = "Let go. That's fine: not every commitment needs to carry on."
#: Beside a commitment in the coming week's list that carries on from an earlier one.
NEW_CARRIED = "(kept from an earlier week)"
COMMITMENT_LIMIT_KEEP = (
    "{name} already has three commitments for the coming week; remove one to keep this one going"
)
COMMITMENT_GONE = "that commitment is no longer there (another window may have changed it)"

#: On the close screen, after a commitment nobody looked back on.
CLOSE_COMES_BACK = "{how}: it comes back next time"

# --- the summary and history ------------------------------------------------------------------
#: One voice in a summary line: "Sam: Kept".
OUTCOME_VOICE = "{name}: {how}"
OUTCOME_NOT_SAID = "not said"
OUTCOME_CARRIED = "kept for another week"
OUTCOME_CARRIED_AS = "kept for another week as “{text}”"
OUTCOME_DROPPED = "let go"
