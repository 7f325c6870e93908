-- 0010: a race's own notes and sources. A championship's file names the sources of the whole championship in its
-- header; a source that gives one race only (the results of the men's 1500m final) and a note on one race (the wind
-- of the final was not found) belong to that race, so that a page or a printed profile that shows the race cites
-- what stands behind it, and not the sources of the championship's other events.
ALTER TABLE rounds ADD COLUMN note TEXT;

CREATE TABLE round_sources (
    round_id  INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (round_id, source_id)
);
