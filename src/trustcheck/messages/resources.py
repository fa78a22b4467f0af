"""The list of support lines: a person's own additions to it, and doctor's word on it."""

# --- a file of your own (it can only add) -------------------------------------------------------
RESOURCES_USER_FILE = "This list includes {n} line(s) you added in {path}."
RESOURCES_USER_FILE_REFUSED = (
    "Your own file {path} could not be used, so only the shipped list is shown ({reason})."
)

# --- doctor -----------------------------------------------------------------------------------
DOCTOR_RESOURCES = "support lines"
DOCTOR_RESOURCES_OWN = "support lines (your file)"
DOCTOR_RESOURCES_STALE = "support lines (dates)"
DOCTOR_RESOURCES_SHIPPED = "{n} lines for {places} places (shipped with trustcheck)"
DOCTOR_RESOURCES_BROKEN_HINT = "reinstall trustcheck"
DOCTOR_RESOURCES_NONE = "none (only the shipped list is used)"
DOCTOR_RESOURCES_IN_USE = (
    "{path} is in use: it adds {n} line(s) after the shipped list (it cannot change them)"
)
DOCTOR_RESOURCES_REFUSED_HINT = (
    "fix it, or move it away; until then only the shipped list is shown (see docs/packs.md)"
)
DOCTOR_RESOURCES_FRESH = "every line was checked within the last 12 months"
DOCTOR_RESOURCES_OLD = "'{name}' ({place}) was last checked on {date}, more than 12 months ago"
DOCTOR_RESOURCES_OLD_HINT_SHIPPED = (
    "numbers change: check it on the service's own page, or update trustcheck"
)
DOCTOR_RESOURCES_OLD_HINT_OWN = (
    "numbers change: check it on the service's own page and update last_checked in {path}"
)

# --- offered quietly after an answer (a module item with `support`) -----------------------------
SUPPORT_OFFER_TITLE = "Just for you, before you go on"
SUPPORT_OFFER_BODY = (
    "What you just answered can weigh a lot. You do not have to carry it alone: if it would "
    "help to talk to someone, these lines are there for you. Your partner does not see this."
)
SUPPORT_OFFER_EMERGENCY = "If you are in danger right now, call {emergency}."
SUPPORT_OFFER_CONTINUE = "Continue"
SUPPORT_OFFER_KEYS = "enter goes on with your turn"
