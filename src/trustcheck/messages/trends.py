"""Trends: the `trends` command, the Trends screen and the home trend line."""

# --- trends -----------------------------------------------------------------------------------
TRENDS_NO_CHECKINS = "No check-ins yet: your trends appear here after your first two check-ins."
TRENDS_NONE_IN_RANGE = "No check-ins in the last {weeks} weeks; the latest was in {when}."
TRENDS_ONE_CHECKIN = "One check-in so far: trends need at least two."
TRENDS_ONE_IN_RANGE = "Only one check-in in this range: trends need at least two."
TRENDS_SOLO = "Solo mode: these are your own trends, so there is no gap between partners to show."
TRENDS_SKIPPED_AREA = "{name} skipped {area} in every check-in in this range."
TRENDS_PERSON_ABSENT = "{name} has no check-ins in this range."
TRENDS_PAUSE = "No check-ins between {start} and {end}; the trend line starts afresh after it."
TRENDS_QUESTIONS_CHANGED = (
    "The questions changed in the week of {date}: each week is scored by the questions it was "
    "answered with, and changes are judged afresh from that week on, so new questions are not "
    "read as a change in trust."
)
TRENDS_RISEN = "risen"
TRENDS_FALLEN = "fallen"
TRENDS_CHANGE = (
    "{name}'s {area} has {direction} in the last 4 weeks, since {when}: {recent} on average, "
    "against a usual {usual}."
)
TRENDS_FLAT = (
    "{name}'s {area} did not vary in the weeks before, so there is not enough variation to judge "
    "a change."
)
TRENDS_METHOD = "A change is named only when {method}."
TRENDS_UNKNOWN_AREA = "there is no area called {area!r}; choose one of: {areas}"
TRENDS_BAD_WEEKS = "a range needs at least one week"
CHART_TITLE = "Trust trends"
CHART_INDEX = "Trust index (0–100)"
CHART_OVERALL = "Overall trust (0–10)"
CHART_COMMITMENTS = "Commitments kept (% per 4 weeks)"
CHART_GAP = "Gap between you (trust index)"
CHART_LEGEND_A = "{name}: solid line ━"
CHART_LEGEND_B = "{name}: dotted line •••"
CHART_EMPTY_PANEL = "no scores"
TABLE_TITLE = "Figures"
TABLE_LATEST = "latest"
TABLE_SLOPE = "slope"
TABLE_SLOPE_NOTE = (
    "slope: change per week over the last 8 weeks (Theil–Sen); gap: latest, between you"
)
TABLE_SLOPE_NOTE_SOLO = "slope: change per week over the last 8 weeks (Theil–Sen)"
TABLE_MEAN = "mean"
TABLE_GAP = "gap"
TABLE_KEPT = "Commitments kept"
CHANGES_TITLE = "Changes beyond the usual ups and downs"
NOTES_TITLE = "Notes"
RANGE_WEEKS = "{n} weeks"
RANGE_ONE_WEEK = "1 week"
RANGE_CHECKINS = "{n} check-ins"
RANGE_ONE_CHECKIN = "1 check-in"

# --- trends in the app (the Trends screen and the home trend line) -----------------------------
TRENDS_SCREEN_TITLE = "Trust trends"
TRENDS_RANGES: tuple[tuple[str, int | None], ...] = (
    ("8 weeks", 8),
    ("6 months", 26),
    ("1 year", 52),
    ("All", None),
)
TRENDS_ALL_AREAS = "All areas"
TRENDS_RANGE_LINE = "{start} – {end} · {span}, {count}"
TRENDS_LATEST = "Latest {what}: {values}"
TRENDS_LATEST_GAP = "gap between you {gap}"
TRENDS_INDEX_WORDS = "trust index"
TRENDS_MARK_LEGEND = "│ ↑ / ↓ marks the start of the 4 weeks in which a change was found"
TRENDS_NO_CHANGES = "No change beyond the usual ups and downs so far."
HOME_TREND_TITLE = "Trust index over the last 26 weeks (0–100)"
HOME_TRENDS = "Trends"
