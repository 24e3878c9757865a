-- Review dates for the thresholds in use (valid_to IS NULL); ended rows need none.
-- EU thresholds are revised by the Commission every second year (1 January of even years), so a
-- row must be checked two years after it took effect.
-- The national direct-award limits follow the same two-year cycle: for social and welfare
-- services they equal the EU threshold for social services, and the fixed limit in LOU 19 kap.
-- 2 § has so far been changed together with an EU revision (1 January / 1 February 2022);
-- checking it at each EU revision catches a change without asking for reviews nobody makes.
UPDATE procurement_thresholds
SET review_by = (valid_from + interval '2 years')::date
WHERE valid_to IS NULL AND review_by IS NULL;
