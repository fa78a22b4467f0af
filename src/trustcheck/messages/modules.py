"""What switched-on modules ask of the couple's time (issue 15 §3, "module cost")."""

MODULE_COST = "{title}: adds {n} question(s)"
MODULES_ON = "Modules on: {modules}."
CHECKIN_FITS = "About {minutes} minutes in all, with the talk afterwards."
CHECKIN_LONGER = (
    "With these modules, this check-in takes about {minutes} minutes, longer than the usual "
    "15–25. Take a pause whenever you need one, or switch a module off in Settings."
)
MODULE_QUESTIONS_TITLE = "{title} (adds up to {n} questions)"
