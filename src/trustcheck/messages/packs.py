"""Packs and modules: `trustcheck packs`, modules in the check-in, in trends and in an export."""

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

# --- modules in trends, private module answers, safety answers in an export (issue 6) ---------
TRENDS_MODULES_TITLE = "Modules (not part of the trust index)"
#: A sealed rating as its author reads it back: "6 of 7 — between “Partly how it was” and …".
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
    "{name} chose to include their own answers to the questions each person is asked alone: "
    "whether they felt afraid of their partner, or were physically hurt, threatened or forced, "
    "and a few on being watched, cut off from people, kept from money or pressured sexually. "
    "A yes is worth talking through with a professional, on your own first if that feels safer."
)
EXPORT_SAFETY_YES = "Yes: I felt afraid, or was physically hurt, threatened or forced"
EXPORT_SAFETY_NO = "No"
#: After the main answer, each control topic answered yes (by topic).
EXPORT_CONTROL_YES: dict[str, str] = {
    "monitored": "watched or tracked more than felt okay",
    "isolated": "kept from friends or family",
    "money": "kept from money",
    "sexual": "pressured sexually",
}
EXPORT_CONTROL_LINE = "Also: {what}"
