-- 0006: the flags a source printed beside a result (Tilastopaja's recordFlags and personalFlags, an official
-- result's PB, SB or NR), kept as the source gave them. They are reported facts, not the almanac's: the almanac
-- computes its own flags and lists the results where the two disagree. flags '' : the source printed none.
CREATE TABLE reported_flags (
    result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
    import_id INTEGER REFERENCES imports(id) ON DELETE CASCADE,
    source    TEXT NOT NULL,
    flags     TEXT NOT NULL,
    PRIMARY KEY (result_id, source)
);
