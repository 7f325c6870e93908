-- 0003: the history of edits. Every change a user makes in the app (a result corrected or annulled,
-- an athlete renamed, two athletes merged) is one edit: the rows it changed, each as it was before and
-- after (JSON of every column). Undo puts the rows back as they were, redo as they became; the history
-- of a row is every edit that touched it.

CREATE TABLE edits (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,                 -- ISO 8601, UTC
    description TEXT NOT NULL,
    undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);

CREATE TABLE edit_rows (
    edit_id    INTEGER NOT NULL REFERENCES edits(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    table_name TEXT NOT NULL CHECK (table_name IN ('results', 'athletes', 'athlete_names', 'athlete_ids', 'records')),
    row_id     TEXT NOT NULL,                  -- the row's key: id, or athlete_id|name for athlete_names
    before     TEXT,                           -- JSON object of the row's columns; NULL: the edit added the row
    after      TEXT,                           -- NULL: the edit removed the row
    PRIMARY KEY (edit_id, seq)
);
CREATE INDEX edit_rows_row ON edit_rows(table_name, row_id);
