-- 0001: the almanac's first schema: countries, athletes, competitions, events, rounds, results,
-- records and their sources. Derived facts (PB, SB, record flags, medal tables, how long a record
-- stood) are not stored: they are computed from these tables.
--
-- Merging: every row that comes from the bundled almanac has origin = 'bundled' and a stable uid, so
-- that a newer bundled almanac can update its own rows by uid while rows the user imported or edited
-- (origin 'import' / 'user', or edited = 1) are left alone.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE sources (
    id       INTEGER PRIMARY KEY,
    citation TEXT NOT NULL UNIQUE
);

CREATE TABLE countries (
    code          TEXT PRIMARY KEY,            -- IOC code, historic ones included
    name          TEXT NOT NULL,
    area          TEXT CHECK (area IN ('AFR', 'ASI', 'EUR', 'NAC', 'OCE', 'SAM')),
    historic_from INTEGER,
    historic_to   INTEGER
);

CREATE TABLE athletes (
    id              INTEGER PRIMARY KEY,
    uid             TEXT UNIQUE,
    origin          TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('bundled', 'import', 'user')),
    edited          INTEGER NOT NULL DEFAULT 0,
    name            TEXT NOT NULL,
    sex             TEXT NOT NULL CHECK (sex IN ('M', 'W')),
    country         TEXT REFERENCES countries(code),
    birth_date      TEXT,                      -- YYYY-MM-DD, YYYY-MM or YYYY
    birth_precision TEXT CHECK (birth_precision IN ('day', 'month', 'year')),
    search_key      TEXT NOT NULL              -- folded name: lower case, no accents
);
CREATE INDEX athletes_search ON athletes(search_key);

-- Other names of an athlete: spellings that should find them, and former names.
CREATE TABLE athlete_names (
    athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('alias', 'former')),
    search_key TEXT NOT NULL,
    PRIMARY KEY (athlete_id, name)
);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    discipline      TEXT NOT NULL,             -- code such as 1500, MILE, HJ
    sex             TEXT NOT NULL CHECK (sex IN ('M', 'W', 'X')),
    indoor          INTEGER NOT NULL DEFAULT 0 CHECK (indoor IN (0, 1)),
    name            TEXT NOT NULL,             -- "Men's 1500m"
    kind            TEXT NOT NULL CHECK (kind IN ('time', 'distance', 'points')),
    lower_is_better INTEGER NOT NULL CHECK (lower_is_better IN (0, 1)),
    wind_measured   INTEGER NOT NULL CHECK (wind_measured IN (0, 1)),
    relay           INTEGER NOT NULL DEFAULT 0 CHECK (relay IN (0, 1)),
    UNIQUE (discipline, sex, indoor)
);

CREATE TABLE competitions (
    id         INTEGER PRIMARY KEY,
    uid        TEXT UNIQUE,
    origin     TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('bundled', 'import', 'user')),
    edited     INTEGER NOT NULL DEFAULT 0,
    name       TEXT NOT NULL,
    city       TEXT,
    country    TEXT REFERENCES countries(code),
    venue      TEXT,
    start_date TEXT NOT NULL,
    end_date   TEXT,
    indoor     INTEGER NOT NULL DEFAULT 0 CHECK (indoor IN (0, 1)),
    category   TEXT NOT NULL CHECK (category IN ('OG', 'WCH', 'WIC', 'EC', 'DL', 'NC', 'OTHER')),
    note       TEXT
);
CREATE INDEX competitions_category ON competitions(category, start_date);

CREATE TABLE competition_sources (
    competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
    source_id      INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (competition_id, source_id)
);

-- A round is one race or one flight: a heat, a semi-final, a final, or a one-off race.
CREATE TABLE rounds (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
    event_id       INTEGER NOT NULL REFERENCES events(id),
    round          TEXT NOT NULL CHECK (round IN ('qualification', 'heat', 'quarter', 'semi', 'final', 'race')),
    heat           INTEGER NOT NULL DEFAULT 0,
    date           TEXT NOT NULL,
    wind_tenths    INTEGER,                    -- NULL: not measured
    UNIQUE (competition_id, event_id, round, heat)
);
CREATE INDEX rounds_event ON rounds(event_id, date);

-- One athlete's result in one round. value/precision/timing hold the mark as integers (ms, mm or
-- points); perf is the value oriented so that smaller is better in every event, and legal says
-- whether the mark counts for records and legal lists (not wind-assisted, wind measured where it must
-- be, not annulled). event_id and date repeat the round's so that lists and histories need no join.
CREATE TABLE results (
    id          INTEGER PRIMARY KEY,
    uid         TEXT UNIQUE,
    origin      TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('bundled', 'import', 'user')),
    edited      INTEGER NOT NULL DEFAULT 0,
    round_id    INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    date        TEXT NOT NULL,
    athlete_id  INTEGER NOT NULL REFERENCES athletes(id),
    country     TEXT REFERENCES countries(code),
    place       INTEGER,
    tied        INTEGER NOT NULL DEFAULT 0 CHECK (tied IN (0, 1)),
    status      TEXT NOT NULL DEFAULT 'OK' CHECK (status IN ('OK', 'DNS', 'DNF', 'DQ', 'NM', 'NH')),
    mark        TEXT,                          -- canonical text, "3:29.05"
    value       INTEGER,
    precision   INTEGER,
    timing      TEXT CHECK (timing IN ('A', 'H')),
    perf        INTEGER,
    wind_tenths INTEGER,                       -- the athlete's own wind (field events); else the round's
    qualifier   TEXT CHECK (qualifier IN ('Q', 'q', 'qR', 'qJ', 'qD')),
    indoor      INTEGER NOT NULL DEFAULT 0 CHECK (indoor IN (0, 1)),
    altitude    INTEGER NOT NULL DEFAULT 0 CHECK (altitude IN (0, 1)),
    en_route    INTEGER NOT NULL DEFAULT 0 CHECK (en_route IN (0, 1)),
    mixed       INTEGER NOT NULL DEFAULT 0 CHECK (mixed IN (0, 1)),
    legal       INTEGER NOT NULL DEFAULT 0 CHECK (legal IN (0, 1)),
    annulled    INTEGER NOT NULL DEFAULT 0 CHECK (annulled IN (0, 1)),
    note        TEXT,
    UNIQUE (round_id, athlete_id)
);
CREATE INDEX results_athlete ON results(athlete_id, event_id, date);
CREATE INDEX results_event_perf ON results(event_id, perf);
CREATE INDEX results_event_date ON results(event_id, date);

-- A record as ratified (mark) and as timed (actual_*) when the two differ, e.g. 3:31.4 / 3:31.36.
CREATE TABLE records (
    id               INTEGER PRIMARY KEY,
    uid              TEXT UNIQUE,
    origin           TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('bundled', 'import', 'user')),
    edited           INTEGER NOT NULL DEFAULT 0,
    type             TEXT NOT NULL CHECK (type IN ('WR', 'AR', 'NR', 'OR', 'CR')),
    scope            TEXT NOT NULL,            -- World, an area code, an IOC code, OG, a championship series
    event_id         INTEGER NOT NULL REFERENCES events(id),
    mark             TEXT NOT NULL,
    value            INTEGER NOT NULL,
    precision        INTEGER NOT NULL,
    timing           TEXT NOT NULL CHECK (timing IN ('A', 'H')),
    perf             INTEGER NOT NULL,
    actual_mark      TEXT,
    actual_value     INTEGER,
    athlete_id       INTEGER REFERENCES athletes(id),
    country          TEXT REFERENCES countries(code),
    date             TEXT NOT NULL,
    venue            TEXT,
    competition      TEXT,
    result_id        INTEGER REFERENCES results(id) ON DELETE SET NULL,
    status           TEXT NOT NULL DEFAULT 'ratified' CHECK (status IN ('ratified', 'pending')),
    en_route_event   TEXT,                     -- the longer race it was set in, "Men's Mile"
    note             TEXT
);
CREATE INDEX records_lookup ON records(event_id, type, scope, date);
CREATE INDEX records_result ON records(result_id);

CREATE TABLE record_sources (
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (record_id, source_id)
);
