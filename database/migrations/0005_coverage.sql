-- 0005: what a race's results cover. A round may hold every finisher ('all'), the medallists only
-- ('medallists'), some named places ('places'), or one athlete's performance known from elsewhere
-- ('performance': a record progression names the mark, the athlete, the day and the venue, and the rest
-- of the race is not in the almanac). NULL: not declared. Lists, flags and medal tables read it to say
-- how much of a race they stand on.
ALTER TABLE rounds ADD COLUMN coverage TEXT CHECK (coverage IN ('all', 'medallists', 'places', 'performance'));

-- What a top list covers: an imported World Athletics list holds every legal mark of its event, sex and
-- environment better than its last mark (down_to), run up to the day of its newest mark (as_of). A list of the
-- almanac then knows down to which mark it is complete. season_from/season_to NULL: an all-time list.
CREATE TABLE list_coverage (
    id           INTEGER PRIMARY KEY,
    import_id    INTEGER REFERENCES imports(id) ON DELETE CASCADE,
    discipline   TEXT NOT NULL,
    sex          TEXT NOT NULL CHECK (sex IN ('M', 'W', 'X')),
    indoor       INTEGER NOT NULL DEFAULT 0 CHECK (indoor IN (0, 1)),
    season_from  INTEGER,
    season_to    INTEGER,
    down_to      TEXT NOT NULL,
    down_to_perf INTEGER NOT NULL,
    as_of        TEXT NOT NULL,
    source       TEXT NOT NULL
);
CREATE INDEX list_coverage_event ON list_coverage(discipline, sex, indoor);

-- What an athlete's history covers: an imported Tilastopaja athlete file holds every result of the athlete's career
-- up to the day of its newest result (up_to). Profiles and head-to-heads then say how much of a career they stand on.
CREATE TABLE history_coverage (
    id         INTEGER PRIMARY KEY,
    athlete_id INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
    import_id  INTEGER REFERENCES imports(id) ON DELETE CASCADE,
    up_to      TEXT NOT NULL,
    source     TEXT NOT NULL
);
CREATE INDEX history_coverage_athlete ON history_coverage(athlete_id);
