"""The app around the check-in: dialogs, help, crashes, settings, about and guides."""

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
    "settings": "settings: modules, roles, the country for the support lines, journal lock time",
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
SETTINGS_LOCALE = "Where you live (for the support lines in Help)"
SETTINGS_IDLE = "Lock an open journal after this many seconds without a key press"
SETTINGS_REMINDER = "Our check-in day and time"
SETTINGS_REMINDER_HINT = (
    "Home says the week's check-in is due from then on (you can always start earlier); "
    "`trustcheck remind --ics FILE` puts it in a calendar."
)
SETTINGS_REMINDER_NONE = "Not chosen (due from Monday)"
SETTINGS_REMINDER_TIME = "Now type the time (HH:MM) and press Enter."
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
SETTINGS_RECOVERY = "Recovery code"
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

# --- the check-in day and time (issue 17 §2) ----------------------------------------------------
REMINDER_BOTH = "choose both a day and a time (e.g. sun 20:00), or neither"
REMIND_NOT_CHOSEN = (
    "no check-in day and time chosen yet: `trustcheck remind --day sun --time 20:00`, "
    "or Settings in the app (s on home)"
)
REMIND_CLEAR_OR_CHOOSE = "--clear forgets the day and time: give it alone, without --day or --time"
REMIND_CHOSEN = "Your weekly check-in: {when}."
REMIND_NONE = "No check-in day and time chosen: home says a check-in is due from Monday."
REMIND_CLEARED = "The check-in day and time are cleared: a check-in is due from Monday."
REMIND_WROTE = "Wrote {path}: a weekly event, {when}, with a reminder 10 minutes before."
#: A calendar is often seen by others: the event's words say nothing of what it is about.
REMIND_EVENT_TITLE = "Our weekly check-in"
REMIND_EVENT_TEXT = "Time together for our weekly check-in. Open it with: trustcheck"
