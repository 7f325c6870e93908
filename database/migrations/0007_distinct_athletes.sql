-- 0007: pairs of athletes that a person reviewed and found to be two people, though their names and dates of birth
-- make them look like one: never listed again as possible duplicates, whatever is imported later. a < b.
CREATE TABLE distinct_athletes (
    a       INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
    b       INTEGER NOT NULL REFERENCES athletes(id) ON DELETE CASCADE,
    decided TEXT NOT NULL,                      -- the day it was decided, YYYY-MM-DD
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
CREATE INDEX distinct_athletes_b ON distinct_athletes(b);

-- An import finds an athlete written another way (Eseosa Desalu, Eseosa Fostine Desalu) by sex and date of birth.
CREATE INDEX athletes_birth ON athletes(sex, birth_date);
