"""Doctor, backup and restore, and two windows open at once."""

# === doctor, backup and restore; two windows at once ===========================================

# --- conflicts between two windows (one line each) ----------------------------------------------
JOURNAL_CONFLICT = (
    "this entry was changed in another window since you opened it; nothing was saved — "
    "reopen it to see the newer version"
)
JOURNAL_GONE = "this entry was deleted in another window; nothing was saved"
CHECKIN_MOVED_ON = "this check-in moved on in another window"
CHECKIN_GONE = "this check-in was finished or stopped in another window"
CHECKIN_STARTED_ELSEWHERE = "this week's check-in was started in another window: here it is"

# --- backup and restore -----------------------------------------------------------------------
BACKUP_NOTHING = "there is nothing to back up yet: no database in {path}"
BACKUP_EXISTS = "{path} already exists; choose another name, or add --force to replace it"
BACKUP_NO_FOLDER = "cannot write the backup: the folder {path} does not exist"
BACKUP_IS_LIVE = "{path} is the database itself; choose a file outside the data folder"
BACKUP_FAILED = "could not write the backup {path} ({reason}); nothing was written"
BACKUP_DONE = "Backed up {path} (schema {version})."
MIGRATION_BACKUP_FAILED = (
    "could not make a backup of {path} before upgrading it ({reason}); it was left untouched"
)
RESTORE_MISSING = "{path} does not exist or is not a file"
RESTORE_NOT_TRUSTCHECK = "{path} is not a trustcheck backup ({reason}); nothing was restored"
RESTORE_NEWER = (
    "{path} was written by a newer trustcheck (schema {found}, this one knows up to {known}); "
    "nothing was restored — please update trustcheck"
)
RESTORE_DAMAGED = "{path} is damaged ({reason}); nothing was restored"
RESTORE_IS_LIVE = "{path} is the database itself; nothing to restore"
RESTORE_FAILED = "could not restore into {path} ({reason}); your data was left as it was"
RESTORE_SAFETY = "Your data as it was is kept in {path}."
RESTORE_DONE = "Restored {source} into {path} (schema {version})."
RESTORE_MIGRATED = "Restored {source} into {path} and upgraded it from schema {old} to {version}."

# --- doctor -----------------------------------------------------------------------------------
DOCTOR_PROBLEMS = "doctor found {n} problem(s); see the hints above"
DOCTOR_ALL_GOOD = "Everything looks fine."
