-- 0009: the tables that an import writes a row of for every result (athletes, competitions, rounds, results) say
-- their allowed values as comparisons joined by OR instead of a list: status = 'OK' OR status = 'DNS' OR …
-- instead of status IN ('OK', 'DNS', …). The same columns, rows, rules and indexes. SQLite builds a temporary table
-- for a list of more than two values each time it checks a row: three for every result written, a third of the work
-- of an import. SQLite cannot change a constraint in place, so each table is copied into a new one that replaces it.
-- The rows of other tables that point to these (a record's result, a combined event's parts) keep pointing to the
-- same ids: foreign keys are not acted on while the tables are swapped, and are checked before the change is kept.
-- pragma: foreign_keys off

CREATE TABLE athletes_new (
    id              INTEGER PRIMARY KEY,
    uid             TEXT UNIQUE,
    origin          TEXT NOT NULL DEFAULT 'user' CHECK (origin = 'bundled' OR origin = 'import' OR origin = 'user'),
    edited          INTEGER NOT NULL DEFAULT 0,
    name            TEXT NOT NULL,
    sex             TEXT NOT NULL CHECK (sex IN ('M', 'W')),
    country         TEXT REFERENCES countries(code),
    birth_date      TEXT,                      -- YYYY-MM-DD, YYYY-MM or YYYY
    birth_precision TEXT CHECK (birth_precision = 'day' OR birth_precision = 'month' OR birth_precision = 'year'),
    search_key      TEXT NOT NULL              -- folded name: lower case, no accents
);
INSERT INTO athletes_new (id, uid, origin, edited, name, sex, country, birth_date, birth_precision, search_key)
    SELECT id, uid, origin, edited, name, sex, country, birth_date, birth_precision, search_key FROM athletes;
DROP TABLE athletes;
ALTER TABLE athletes_new RENAME TO athletes;
CREATE INDEX athletes_search ON athletes(search_key);
CREATE INDEX athletes_birth ON athletes(sex, birth_date);

CREATE TABLE competitions_new (
    id         INTEGER PRIMARY KEY,
    uid        TEXT UNIQUE,
    origin     TEXT NOT NULL DEFAULT 'user' CHECK (origin = 'bundled' OR origin = 'import' OR origin = 'user'),
    edited     INTEGER NOT NULL DEFAULT 0,
    name       TEXT NOT NULL,
    city       TEXT,
    country    TEXT REFERENCES countries(code),
    venue      TEXT,
    start_date TEXT NOT NULL,
    end_date   TEXT,
    indoor     INTEGER NOT NULL DEFAULT 0 CHECK (indoor IN (0, 1)),
    category   TEXT NOT NULL CHECK (category = 'OG' OR category = 'WCH' OR category = 'WIC' OR category = 'EC'
                                    OR category = 'DL' OR category = 'NC' OR category = 'OTHER'),
    note       TEXT
);
INSERT INTO competitions_new (id, uid, origin, edited, name, city, country, venue, start_date, end_date, indoor, category, note)
    SELECT id, uid, origin, edited, name, city, country, venue, start_date, end_date, indoor, category, note FROM competitions;
DROP TABLE competitions;
ALTER TABLE competitions_new RENAME TO competitions;
CREATE INDEX competitions_category ON competitions(category, start_date);

-- coverage: see 0005.
CREATE TABLE rounds_new (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
    event_id       INTEGER NOT NULL REFERENCES events(id),
    round          TEXT NOT NULL CHECK (round = 'qualification' OR round = 'heat' OR round = 'quarter' OR round = 'semi'
                                        OR round = 'final' OR round = 'race'),
    heat           INTEGER NOT NULL DEFAULT 0,
    date           TEXT NOT NULL,
    wind_tenths    INTEGER,                    -- NULL: not measured
    coverage       TEXT CHECK (coverage = 'all' OR coverage = 'medallists' OR coverage = 'places' OR coverage = 'performance'),
    UNIQUE (competition_id, event_id, round, heat)
);
INSERT INTO rounds_new (id, competition_id, event_id, round, heat, date, wind_tenths, coverage)
    SELECT id, competition_id, event_id, round, heat, date, wind_tenths, coverage FROM rounds;
DROP TABLE rounds;
ALTER TABLE rounds_new RENAME TO rounds;
CREATE INDEX rounds_event ON rounds(event_id, date);

-- See 0001 for the columns; import_id: see 0002.
CREATE TABLE results_new (
    id          INTEGER PRIMARY KEY,
    uid         TEXT UNIQUE,
    origin      TEXT NOT NULL DEFAULT 'user' CHECK (origin = 'bundled' OR origin = 'import' OR origin = 'user'),
    edited      INTEGER NOT NULL DEFAULT 0,
    round_id    INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    date        TEXT NOT NULL,
    athlete_id  INTEGER NOT NULL REFERENCES athletes(id),
    country     TEXT REFERENCES countries(code),
    place       INTEGER,
    tied        INTEGER NOT NULL DEFAULT 0 CHECK (tied IN (0, 1)),
    status      TEXT NOT NULL DEFAULT 'OK' CHECK (status = 'OK' OR status = 'DNS' OR status = 'DNF' OR status = 'DQ'
                                                  OR status = 'NM' OR status = 'NH'),
    mark        TEXT,                          -- canonical text, "3:29.05"
    value       INTEGER,
    precision   INTEGER,
    timing      TEXT CHECK (timing IN ('A', 'H')),
    perf        INTEGER,
    wind_tenths INTEGER,                       -- the athlete's own wind (field events); else the round's
    qualifier   TEXT CHECK (qualifier = 'Q' OR qualifier = 'q' OR qualifier = 'qR' OR qualifier = 'qJ' OR qualifier = 'qD'),
    indoor      INTEGER NOT NULL DEFAULT 0 CHECK (indoor IN (0, 1)),
    altitude    INTEGER NOT NULL DEFAULT 0 CHECK (altitude IN (0, 1)),
    en_route    INTEGER NOT NULL DEFAULT 0 CHECK (en_route IN (0, 1)),
    mixed       INTEGER NOT NULL DEFAULT 0 CHECK (mixed IN (0, 1)),
    legal       INTEGER NOT NULL DEFAULT 0 CHECK (legal IN (0, 1)),
    annulled    INTEGER NOT NULL DEFAULT 0 CHECK (annulled IN (0, 1)),
    note        TEXT,
    import_id   INTEGER REFERENCES imports(id),
    UNIQUE (round_id, athlete_id)
);
INSERT INTO results_new (id, uid, origin, edited, round_id, event_id, date, athlete_id, country, place, tied, status, mark, value,
                         precision, timing, perf, wind_tenths, qualifier, indoor, altitude, en_route, mixed, legal, annulled,
                         note, import_id)
    SELECT id, uid, origin, edited, round_id, event_id, date, athlete_id, country, place, tied, status, mark, value,
           precision, timing, perf, wind_tenths, qualifier, indoor, altitude, en_route, mixed, legal, annulled,
           note, import_id FROM results;
DROP TABLE results;
ALTER TABLE results_new RENAME TO results;
CREATE INDEX results_athlete ON results(athlete_id, event_id, date);
CREATE INDEX results_event_perf ON results(event_id, perf);
CREATE INDEX results_event_date ON results(event_id, date);
CREATE INDEX results_import ON results(import_id);
