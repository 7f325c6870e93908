-- 0005: what a race's results cover. A round may hold every finisher ('all'), the medallists only
-- ('medallists'), some named places ('places'), or one athlete's performance known from elsewhere
-- ('performance': a record progression names the mark, the athlete, the day and the venue, and the rest
-- of the race is not in the almanac). NULL: not declared. Lists, flags and medal tables read it to say
-- how much of a race they stand on.
ALTER TABLE rounds ADD COLUMN coverage TEXT CHECK (coverage IN ('all', 'medallists', 'places', 'performance'));
