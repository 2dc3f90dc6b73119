DROP INDEX IF EXISTS reservations_check_in;
ALTER TABLE reservations DROP COLUMN IF EXISTS nights;
