-- 0011: the repechage is a round of its own (the second chance, after the heats, of those who did not qualify from
-- them: the Olympic Games of 2024 ran one in every race from 200m to 1500m). It was written as heats numbered from 11
-- (repechage heat 1 was heat 11). The rounds table takes 'repechage' among its rounds; its rows, their rules and
-- indexes are the same (see 0009, and 0005 for coverage, 0010 for note).
-- pragma: foreign_keys off

CREATE TABLE rounds_new (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
    event_id       INTEGER NOT NULL REFERENCES events(id),
    round          TEXT NOT NULL CHECK (round = 'qualification' OR round = 'heat' OR round = 'repechage' OR round = 'quarter'
                                        OR round = 'semi' OR round = 'final' OR round = 'race'),
    heat           INTEGER NOT NULL DEFAULT 0,
    date           TEXT NOT NULL,
    wind_tenths    INTEGER,                    -- NULL: not measured
    coverage       TEXT CHECK (coverage = 'all' OR coverage = 'medallists' OR coverage = 'places' OR coverage = 'performance'),
    note           TEXT,
    UNIQUE (competition_id, event_id, round, heat)
);
INSERT INTO rounds_new (id, competition_id, event_id, round, heat, date, wind_tenths, coverage, note)
    SELECT id, competition_id, event_id, round, heat, date, wind_tenths, coverage, note FROM rounds;
DROP TABLE rounds;
ALTER TABLE rounds_new RENAME TO rounds;
CREATE INDEX rounds_event ON rounds(event_id, date);

-- The heats from 11 that were repechages: those of the bundled almanac's competitions (whose files wrote them so), and
-- those whose every result came from the bundled almanac or a World Athletics list (whose "rr" places were written
-- so). Another heat 11 (a first round of more than ten heats, typed by a person or imported from elsewhere) stays a heat.
UPDATE rounds SET round = 'repechage', heat = heat - 10
WHERE round = 'heat' AND heat BETWEEN 11 AND 49
  AND (EXISTS (SELECT 1 FROM competitions c WHERE c.id = rounds.competition_id AND c.origin = 'bundled')
       OR (EXISTS (SELECT 1 FROM results r WHERE r.round_id = rounds.id)
           AND NOT EXISTS (SELECT 1 FROM results r LEFT JOIN imports i ON i.id = r.import_id
                           WHERE r.round_id = rounds.id AND r.origin <> 'bundled' AND coalesce(i.format, '') <> 'wa-toplist')));
