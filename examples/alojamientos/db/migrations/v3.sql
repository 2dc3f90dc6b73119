-- v3 (destructive, contract): guests' phones now live in the CRM. v2's code still reads this
-- column, so after this migration a code-only rollback to v2 is no longer safe.
ALTER TABLE reservations DROP COLUMN guest_phone;
