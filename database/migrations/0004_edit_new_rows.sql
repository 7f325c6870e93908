-- 0004: edits that add rows. A user can now add athletes, competitions, results (with the round, and the
-- event when the almanac has none of it yet) and records; the history keeps the competitions, rounds and
-- events such an edit added, so that undo removes them and redo puts them back. SQLite cannot change a
-- CHECK constraint in place: edit_rows is rebuilt with the wider list of tables, keeping every row.

CREATE TABLE edit_rows_new (
    edit_id    INTEGER NOT NULL REFERENCES edits(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    table_name TEXT NOT NULL CHECK (table_name IN ('results', 'athletes', 'athlete_names', 'athlete_ids', 'records',
                                                   'competitions', 'rounds', 'events')),
    row_id     TEXT NOT NULL,                  -- the row's key: id, or rowid for athlete_names and athlete_ids
    before     TEXT,                           -- JSON object of the row's columns; NULL: the edit added the row
    after      TEXT,                           -- NULL: the edit removed the row
    PRIMARY KEY (edit_id, seq)
);
INSERT INTO edit_rows_new (edit_id, seq, table_name, row_id, before, after)
    SELECT edit_id, seq, table_name, row_id, before, after FROM edit_rows;
DROP TABLE edit_rows;
ALTER TABLE edit_rows_new RENAME TO edit_rows;
CREATE INDEX edit_rows_row ON edit_rows(table_name, row_id);
