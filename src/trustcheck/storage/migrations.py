"""Forward-only schema migrations, one per version, applied in order.

``PRAGMA user_version`` holds the number of migrations applied. Never edit a migration that has
shipped: add a new one, and a test that upgrades a fixture of the version before it.
"""

from __future__ import annotations

V1 = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE profiles (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    removed_at TEXT
);
CREATE UNIQUE INDEX profiles_active_name ON profiles(name) WHERE removed_at IS NULL;

CREATE TABLE checkins (
    id           INTEGER PRIMARY KEY,
    week         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('in_progress', 'completed', 'abandoned')),
    step         TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    completed_at TEXT
);
CREATE UNIQUE INDEX checkins_one_draft ON checkins(status) WHERE status = 'in_progress';
CREATE INDEX checkins_week ON checkins(week, status);

CREATE TABLE checkin_participants (
    checkin_id INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
    profile_id INTEGER NOT NULL REFERENCES profiles(id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (checkin_id, profile_id)
);

CREATE TABLE answers (
    id           INTEGER PRIMARY KEY,
    checkin_id   INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
    profile_id   INTEGER NOT NULL REFERENCES profiles(id),
    pack_id      TEXT NOT NULL,
    pack_version INTEGER NOT NULL,
    item_id      TEXT NOT NULL,
    value        INTEGER,
    text         TEXT,
    skipped      INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    visibility   TEXT NOT NULL DEFAULT 'shared'
                 CHECK (visibility IN ('shared', 'therapy', 'private')),
    answered_at  TEXT NOT NULL,
    UNIQUE (checkin_id, profile_id, pack_id, item_id)
);
CREATE INDEX answers_profile ON answers(profile_id, checkin_id);

CREATE TABLE commitments (
    id          INTEGER PRIMARY KEY,
    checkin_id  INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
    owner_id    INTEGER NOT NULL REFERENCES profiles(id),
    to_id       INTEGER NOT NULL REFERENCES profiles(id),
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    review      TEXT CHECK (review IN ('kept', 'partly', 'not_yet')),
    reviewed_in INTEGER REFERENCES checkins(id) ON DELETE SET NULL,
    reviewed_at TEXT
);
CREATE INDEX commitments_checkin ON commitments(checkin_id);
"""

# V2: private data. A passphrase-wrapped data key per profile, sealed private answers, and the
# journal. Sealed tables use AUTOINCREMENT so a deleted row's id (bound into its seal) is never
# reused by a later record.
V2 = """
ALTER TABLE profiles ADD COLUMN wrapped_key TEXT;

ALTER TABLE answers ADD COLUMN text_sealed BLOB;

CREATE TABLE journal_entries (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id INTEGER NOT NULL REFERENCES profiles(id),
    written_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    body       BLOB NOT NULL
);
CREATE INDEX journal_entries_profile ON journal_entries(profile_id, written_at);
"""

# V3: packs and safety. The wording of each pack version as first answered (so history shows the
# words that were answered), and each person's sealed answer to the safety question (kept apart
# from ``answers`` so nothing that reads answers can show or export it by accident).
V3 = """
CREATE TABLE pack_versions (
    pack_id       TEXT NOT NULL,
    version       INTEGER NOT NULL,
    items_json    TEXT NOT NULL,
    first_used_at TEXT NOT NULL,
    PRIMARY KEY (pack_id, version)
);

CREATE TABLE safety_answers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    checkin_id  INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
    profile_id  INTEGER NOT NULL REFERENCES profiles(id),
    answered_at TEXT NOT NULL,
    body        BLOB NOT NULL,
    UNIQUE (checkin_id, profile_id)
);
"""

# V4: read speed for trends and the therapy summary over 20 years of history (indexes only, no
# data changes). ``answers_rated`` holds every rated answer in check-in and person order, so
# trends group them without visiting the table; ``answers_written`` points at the written
# answers only, a sixth of the rows; ``journal_entries_by_time`` lists a journal newest first
# without sorting 10,000 entries.
V4 = """
CREATE INDEX answers_rated ON answers(pack_id, checkin_id, profile_id, item_id, value)
    WHERE value IS NOT NULL AND skipped = 0;
CREATE INDEX answers_written ON answers(checkin_id)
    WHERE text IS NOT NULL OR text_sealed IS NOT NULL;
CREATE INDEX journal_entries_by_time ON journal_entries(profile_id, julianday(written_at), id);
"""

# V5 (issue 12, section 6): the journal entry
# being written, kept sealed when the journal locks, quits or crashes. At most one per person;
# ``entry_id`` and everything typed are inside the sealed body, so the row shows only whose draft
# it is and when it was kept. A draft is not an entry: nothing that lists, counts, searches or
# exports entries reads this table.
V5 = """
CREATE TABLE journal_drafts (
    profile_id INTEGER PRIMARY KEY REFERENCES profiles(id),
    saved_at   TEXT NOT NULL,
    body       BLOB NOT NULL
);
"""

# V6: drafts of written answers, saved as they are typed (issue 12). Kept apart from ``answers``
# so nothing that reads answers (the reveal, trends, exports) can count a draft as an answer. A
# private draft is only ever its seal: the CHECKs refuse clear text for one, whatever the caller.
V6 = """
CREATE TABLE answer_drafts (
    checkin_id  INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
    profile_id  INTEGER NOT NULL REFERENCES profiles(id),
    pack_id     TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    visibility  TEXT NOT NULL CHECK (visibility IN ('shared', 'therapy', 'private')),
    text        TEXT,
    text_sealed BLOB,
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (checkin_id, profile_id, pack_id, item_id),
    CHECK ((text IS NULL) <> (text_sealed IS NULL)),
    CHECK (visibility <> 'private' OR text IS NULL)
);
"""

# V7: "didn't come up this week" for a conditional item (issue 14): stored apart from a skip,
# never with a value.
V7 = """
ALTER TABLE answers ADD COLUMN not_this_week INTEGER NOT NULL DEFAULT 0
    CHECK (not_this_week IN (0, 1) AND (not_this_week = 0 OR (value IS NULL AND skipped = 0)));
-- Trends look these few rows up on every load: a partial index keeps that off the answers' scan.
CREATE INDEX answers_not_this_week ON answers(checkin_id) WHERE not_this_week = 1;
"""

# V8: each completed turn's weekly scores (issue 13), so that trends read one row a person a week
# instead of every answer. Derived data: the answers stay the record. ``stamp`` names the scoring
# a row was computed with (``WeeklyScorer.stamp``); a row with another stamp is scored again, and
# a missing row is scored on the next load. Only a completed check-in is scored, and its answers
# are final (``AnswerRepo.save`` writes only into a check-in in progress).
V8 = """
CREATE TABLE turn_scores (
    pack_id       TEXT NOT NULL,
    checkin_id    INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
    profile_id    INTEGER NOT NULL REFERENCES profiles(id),
    pack_version  INTEGER NOT NULL,
    stamp         TEXT NOT NULL,
    -- 0: the turn holds no rated answer (not a week of the person's history).
    rated         INTEGER NOT NULL CHECK (rated IN (0, 1)),
    -- The five area scores (0-100) and the overall rating (0-10); NULL: missing.
    communication REAL,
    security      REAL,
    closeness     REAL,
    reliability   REAL,
    openness      REAL,
    overall       REAL,
    PRIMARY KEY (pack_id, checkin_id, profile_id)
) WITHOUT ROWID;
"""

# V9 (issue 15): no per-answer time is kept. Answers, safety answers and drafts of answers keep
# the day they were given (the start of that day, its UTC offset kept): an answer's time could
# show how long a private question took before it. Times are ISO text "YYYY-MM-DDTHH:MM:SS[+HH:MM]".
V9 = """
UPDATE answers SET answered_at = substr(answered_at, 1, 11) || '00:00:00' || substr(answered_at, 20)
    WHERE length(answered_at) >= 19 AND substr(answered_at, 11, 1) = 'T';
UPDATE safety_answers
    SET answered_at = substr(answered_at, 1, 11) || '00:00:00' || substr(answered_at, 20)
    WHERE length(answered_at) >= 19 AND substr(answered_at, 11, 1) = 'T';
UPDATE answer_drafts SET saved_at = substr(saved_at, 1, 11) || '00:00:00' || substr(saved_at, 20)
    WHERE length(saved_at) >= 19 AND substr(saved_at, 11, 1) = 'T';
"""

# V10 (issue 15): a check-in keeps the day it started, changed step and was completed, not the
# time: the moment it reached the hand-over would show how long a person's turn took, and so
# whether the private safety check held them longer. Same form as V9.
V10 = """
UPDATE checkins SET started_at = substr(started_at, 1, 11) || '00:00:00' || substr(started_at, 20)
    WHERE length(started_at) >= 19 AND substr(started_at, 11, 1) = 'T';
UPDATE checkins SET updated_at = substr(updated_at, 1, 11) || '00:00:00' || substr(updated_at, 20)
    WHERE length(updated_at) >= 19 AND substr(updated_at, 11, 1) = 'T';
UPDATE checkins
    SET completed_at = substr(completed_at, 1, 11) || '00:00:00' || substr(completed_at, 20)
    WHERE length(completed_at) >= 19 AND substr(completed_at, 11, 1) = 'T';
"""

# V11 (issue 17, section 4): an optional one-time recovery code. Only a second wrap of the data key
# is stored (``storage.crypto.RecoveryWrap`` as JSON), never the code; NULL: no code. Using the
# code empties it.
V11 = """
ALTER TABLE profiles ADD COLUMN recovery_wrapped_key TEXT;
"""

# V12 (issue 17, section 3): commitments that follow through. ``review`` stays the voice of the
# person a commitment was made to (the partner's view; for a commitment to oneself, the one voice),
# so every review given before V12 is the partner's voice. ``own_review`` is the voice of the
# person who made it. ``reviewed_in`` is the check-in either voice was given in. A commitment kept
# for another week carries on as a new row of that week's check-in, ``carried_from`` pointing at
# the one it continues (new wording lives on the new row; the original keeps its words). A
# commitment let go of has ``dropped_in``: the check-in it was let go of in, not a review.
V12 = """
ALTER TABLE commitments ADD COLUMN own_review TEXT
    CHECK (own_review IN ('kept', 'partly', 'not_yet'));
ALTER TABLE commitments ADD COLUMN carried_from INTEGER
    REFERENCES commitments(id) ON DELETE SET NULL;
ALTER TABLE commitments ADD COLUMN dropped_in INTEGER REFERENCES checkins(id) ON DELETE SET NULL;
CREATE INDEX commitments_carried_from ON commitments(carried_from) WHERE carried_from IS NOT NULL;
"""

# V13: a week ended early decides nothing about commitments (``CheckinRepo.end_early`` undoes its
# looks back and lettings go in the same transaction that closes it). Before that, ending early
# kept them, so a look back said only in such a week was shown in history and the exports, and
# could stand beside a later voice: they are undone here as ``end_early`` undoes them, and such
# a commitment comes back unanswered at the next check-in. What was answered in the week stays.
V13 = """
UPDATE commitments SET review = NULL, own_review = NULL, reviewed_in = NULL, reviewed_at = NULL
    WHERE reviewed_in IN (SELECT id FROM checkins WHERE status = 'abandoned');
UPDATE commitments SET dropped_in = NULL
    WHERE dropped_in IN (SELECT id FROM checkins WHERE status = 'abandoned');
"""

#: MIGRATIONS[n] takes a database from version n to n + 1.
MIGRATIONS: list[str] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13]


def schema_version() -> int:
    """The schema version this trustcheck writes."""
    return len(MIGRATIONS)
