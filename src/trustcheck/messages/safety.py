"""The private safety check, the support lines, and the country they are shown for (issue 15)."""

# --- the safety check: behind the person's own gate, before their other questions -------------
SAFETY_TITLE = "A private question, just for you"
SAFETY_QUESTION = (
    "Since the last check-in, have you felt afraid of your partner? Or has your partner "
    "physically hurt you, threatened you, or forced you into anything?"
)
SAFETY_PRIVACY = (
    "Only you see this. Your partner never sees your answers, nor whether you said yes or no: "
    "every answer goes through the same few screens. Nothing is kept unless you choose to keep "
    "it, sealed with your passphrase."
)
SAFETY_YES = "Yes"
SAFETY_NO = "No"
SAFETY_SKIP = "Skip"
SAFETY_SKIP_ALL = "Skip these questions"
SAFETY_KEYS = "y yes  ·  n no  ·  s skip these questions  ·  ctrl+l hides this screen at once"
SAFETY_STEP = "Question {n} of {total}"

# --- the short private set on coercive control --------------------------------------------------
CONTROL_TITLE = "A few more, also just for you"
CONTROL_INTRO = "Since the last check-in, has your partner …"
#: By topic (``services.safety.CONTROL_TOPICS``), in our own words.
CONTROL_QUESTIONS: dict[str, str] = {
    "monitored": "… watched or tracked you more than felt okay: your phone, your messages, or "
    "where you go?",
    "isolated": "… kept you from seeing or talking to friends or family, or made it hard to?",
    "money": "… kept you from money, or from having a say over your own spending?",
    "sexual": "… pushed or pressured you into anything sexual you did not want?",
}
CONTROL_KEYS = "y yes  ·  n no  ·  s skip this one  ·  ctrl+l hides this screen at once"

# --- after the questions: the calm help screen (a yes), or a neutral one (no) ------------------
# Both have the same shape and the same keys, so nothing about them shows which one it was.
SAFETY_HELP_TITLE = "You don't have to carry this alone"
SAFETY_HELP_BODY = (
    "What you described is not okay, and it is not your fault. You deserve to feel safe, and "
    "you do not have to sort it out alone or right now."
)
SAFETY_NEXT_TITLE = "What you could do next"
SAFETY_NEXT_STEPS: tuple[str, ...] = (
    "If you are in danger right now, call {emergency}.",
    "Consider pausing the joint check-ins for now: they are made for two people who feel safe "
    "with each other.",
    "Talk to someone trained to help, on your own: a support line below, a doctor, or a "
    "therapist you see alone (not a couples session).",
    "If you can, think about a safe place and a person you trust that you could reach quickly.",
)
SAFETY_RESOURCES_TITLE = "People who can help ({place})"
SAFETY_RESOURCE_CHECKED = "source: {source} · last checked {date}"
SAFETY_RESOURCES_BROKEN = "The list of support lines could not be read ({reason})."
SAFETY_CLEAR_TITLE = "Thank you for taking a moment for this"
SAFETY_CLEAR_BODY = (
    "If that ever changes, or you are worried about someone else, the support lines are always "
    "there: Help (f1), then Support lines. You never have to answer anything to see them."
)
SAFETY_WEEK_TITLE = "This week"
SAFETY_WEEK_BODY = (
    "You can go on with your questions, or end this week's joint part here. If you end it, "
    "the screen only says \u201cWe'll stop here for this week\u201d: no reason is shown, and "
    "none is needed."
)
#: On one's own there is no joint part: the same choice, in words for one person.
SAFETY_WEEK_BODY_SOLO = (
    "You can go on with your questions, or stop here for this week: the screen then only says "
    "\u201cWe'll stop here for this week\u201d."
)
SAFETY_END_WEEK_SOLO = "Stop here for this week"
SAFETY_AFTER_KEYS_SOLO = "enter go on  ·  e stop here for this week  ·  ctrl+l hides this screen"
SAFETY_GO_ON = "Go on with my questions"
SAFETY_END_WEEK = "End this week's joint part"
SAFETY_AFTER_KEYS = "enter go on  ·  e end this week's joint part  ·  ctrl+l hides this screen"

# --- keeping the answers: only if the person wants to, after the screen above --------------------
SAFETY_KEEP_TITLE = "Keep a sealed note of your answers?"
SAFETY_KEEP_BODY = (
    "Only if you want to. A sealed note is for you alone: only your passphrase opens it, and "
    "you could add it to an export of your own later. If you don't keep it, your answers are "
    "forgotten as you go on."
)
SAFETY_KEEP = "Keep it, sealed"
SAFETY_DONT_KEEP = "Don't keep it"
SAFETY_KEEP_KEYS = "k keep it, sealed  ·  d don't keep it"
SAFETY_UNLOCK = "{name}, unlock to keep your answers sealed"
SAFETY_NOT_STORED = "Nothing was kept: without your passphrase your answers stay with you only."
SAFETY_STORED = "Your answers are kept sealed, for you alone."
SAFETY_HIDE_NOTE = "ctrl+l hides this screen at once."
SAFETY_CONTINUE = "Continue"

# --- ending this week's joint part: one neutral sentence ---------------------------------------
WEEK_STOPPED = "We'll stop here for this week."
WEEK_STOPPED_KEYS = "enter back to home"

# --- support lines: from help and about, without answering anything ----------------------------
SUPPORT_TITLE = "Support lines"
SUPPORT_INTRO = (
    "People you can talk to in confidence, by phone or online. Nothing here is stored, and "
    "nothing you do here is shown to anyone."
)
SUPPORT_WHERE = "Shown for: {place}. Settings (from home) changes the country."
SUPPORT_EMERGENCY = "In danger right now: call {emergency}."
SUPPORT_CLOSE = "Close"
HELP_SUPPORT = "Support lines (s)"
ABOUT_SUPPORT = "Support lines (s)"

# --- the country the support lines are shown for (setup asks; settings changes it) ------------
SETUP_COUNTRY = "Where you live (for the support lines in Help):"
