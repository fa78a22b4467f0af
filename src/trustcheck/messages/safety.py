"""The private safety check."""

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
