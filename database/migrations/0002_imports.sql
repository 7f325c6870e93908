-- 0002: imports. Each imported file is logged; a result remembers the import that brought it; an
-- athlete keeps the identifiers other databases give them; a mark that an import gives differently
-- from the almanac is kept as a conflict to review instead of overwriting what is there.

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    format      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows_read   INTEGER NOT NULL DEFAULT 0,
    added       INTEGER NOT NULL DEFAULT 0,
    merged      INTEGER NOT NULL DEFAULT 0,
    conflicts   INTEGER NOT NULL DEFAULT 0
);

ALTER TABLE results ADD COLUMN import_id INTEGER REFERENCES imports(id);
CREATE INDEX results_import ON results(import_id);

-- Identifiers of an athlete in other databases: World Athletics, Tilastopaja.
CREATE TABLE athlete_ids (
    athlete_id  INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
    source      TEXT NOT NULL,
    external_id TEXT NOT NULL,
    PRIMARY KEY (source, external_id)
);
CREATE INDEX athlete_ids_athlete ON athlete_ids(athlete_id);

CREATE TABLE conflicts (
    id          INTEGER PRIMARY KEY,
    result_id   INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
    import_id   INTEGER REFERENCES imports(id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    almanac     TEXT,
    imported    TEXT,
    location    TEXT NOT NULL,               -- file:line of the imported row
    resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    UNIQUE (result_id, field, imported)
);
