-- v2 (additive, expand): the number of nights, kept by the app from now on. v1 keeps working.
ALTER TABLE reservations ADD COLUMN nights integer NOT NULL DEFAULT 1;
CREATE INDEX CONCURRENTLY reservations_check_in ON reservations (check_in);
