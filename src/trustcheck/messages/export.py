"""Export and import."""

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
EXPORT_OVERALL_TITLE = "Overall trust, week by week (0–10)"
EXPORT_MULTIPLES_TITLE = "Each area, week by week (0–100)"
EXPORT_INDEX_LATEST = "{name}: latest {latest}, mean {mean}"
EXPORT_AREAS_TITLE = "Areas at the start and the end of the period (0–100)"
EXPORT_AREA = "Area"
EXPORT_START = "start"
EXPORT_END = "end"
EXPORT_AREA_NOTE = (
    "start and end: the mean of each person's first and last 3 check-ins in the period (fewer "
    "when it holds fewer than 6), so one unusual week does not decide them."
)
EXPORT_CHANGES_TITLE = "Changes beyond the usual ups and downs"
EXPORT_NO_CHANGES = "No change stood out beyond the usual ups and downs."
EXPORT_GAPS_TITLE = "Where you see things most differently"
EXPORT_GAP_ROW = "{area}: {a} and {b}, a gap of {gap} on average"
EXPORT_ITEM_GAPS_TITLE = "The statements you answered most differently"
EXPORT_ITEM_GAP_LINE = "“{text}” — {a_name} {a} and {b_name} {b} out of 7, {gap} apart on average"
EXPORT_NO_GAPS = "No gaps to show (one person, or no week you both answered)."
EXPORT_COMMITMENTS_TITLE = "Commitments, and how they went"
#: How "kept" is counted, the same as in trends.
EXPORT_COMMITMENTS_RATED = (
    "The counts follow the view of the partner each commitment was made to, given at a later "
    "check-in; kept counts 1, partly ½ and not yet 0, as in trends. Below, each commitment with "
    "both views side by side (the person who made it says how it went too), and whether it was "
    "kept for another week or let go; one let go is not counted."
)
EXPORT_COMMITMENT_LINE = "{week}: {owner} to {to}: “{text}” — {how}"
EXPORT_COMMITMENT_OPEN = "not reviewed yet"
EXPORT_COMMITMENTS_EARLIER = (
    "… and {n} earlier commitments in this period (every one is in a JSON export)."
)
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
EXPORT_WHAT_PRIVATE = "{name}'s private answers"
EXPORT_WHAT_JOURNAL = "{name}'s journal entries"
EXPORT_PRIVATE_ONE_PERSON = (
    "one person's private records per export: {first} and {second} were both named"
)
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
#: The summary's dated headline (``export.headline``).
EXPORT_HEADLINE_WHO_COUPLE = "Your shared trust index"
EXPORT_HEADLINE_WHO_SOLO = "{name}'s trust index"
EXPORT_HEADLINE_TOO_FEW = (
    "Too few check-ins yet to say whether trust has changed: that needs at least 6 weeks of "
    "history before the last 4."
)
EXPORT_HEADLINE_STEADY = "{who} stayed within its usual range over these {weeks} weeks."
EXPORT_HEADLINE_FELL = "fell in {span}"
EXPORT_HEADLINE_ROSE = "rose in {span}"
EXPORT_HEADLINE_FALLING = "has fallen since {since}"
EXPORT_HEADLINE_RISING = "has risen since {since}"
EXPORT_HEADLINE_RECOVERING = "has recovered since {since}"
EXPORT_HEADLINE_THEN = ", then "
EXPORT_HEADLINE_BACK = ", and has been back within its usual range since {since}"
EXPORT_HEADLINE_NOTE = (
    "The shared trust index is the mean of you both. Each week is judged against the 26 weeks "
    "before its last 4, which may reach back before this period; ↑ and ↓ in the area table "
    "mark a change found in the last 4 weeks of the period."
)
#: In a PDF, where the embedded font has no glyph: replaced visibly, never dropped.
EXPORT_PDF_EMOJI = "[emoji]"
EXPORT_PDF_NOT_SHOWN = "[text not shown]"
#: Notes in a PDF are grouped by week, each question once a week.
EXPORT_WEEK_OF = "Week of {date}"
EXPORT_NOTHING_IN_PERIOD = (
    "no check-in was completed in the chosen period, so there is nothing to summarise; "
    "nothing was written"
)
EXPORT_DIALOG_TITLE = "A summary to bring to therapy"
EXPORT_DIALOG_FORMAT = "Format"
EXPORT_DIALOG_PERIOD = "Weeks (empty: everything)"
EXPORT_DIALOG_NOTES = "Include shared notes"
EXPORT_DIALOG_PRIVATE = "Private records of:"
#: Each kind is its own choice (issue 14); safety answers are never ticked for you.
EXPORT_DIALOG_KIND_ANSWERS = "their private answers"
EXPORT_DIALOG_KIND_JOURNAL = "their journal entries"
EXPORT_DIALOG_KIND_SAFETY = "their safety answers"
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
