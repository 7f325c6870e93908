-- 0008: the parts of a combined event's result (the decathlon's ten events, the heptathlon's seven), kept with the
-- result as its source gave them: the part's event, mark, wind and points. They are not results of their own: a
-- decathlete's 100m is not a 100m result, nor a 100m best.
CREATE TABLE result_parts (
    result_id   INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
    part        INTEGER NOT NULL CHECK (part BETWEEN 1 AND 10),   -- the order in the combined event
    discipline  TEXT NOT NULL,                                    -- the almanac's code: 100, LJ, 110H
    mark        TEXT NOT NULL,                                    -- "10.46", "7.94", "DNF", "NM"
    wind_tenths INTEGER,
    points      INTEGER CHECK (points IS NULL OR points BETWEEN 0 AND 1500),
    PRIMARY KEY (result_id, part)
) WITHOUT ROWID;
