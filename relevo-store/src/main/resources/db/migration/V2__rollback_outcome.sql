-- Schema 2: a rollback that worked ends RESTORED, not PROMOTED; a revision with a canary share is in
-- state CANARY; an event may have status WARNING. Enums are stored by name in VARCHAR columns, so
-- only the rows written before schema 2 change. The version also keeps an older relevo, which knows
-- none of these names, from reading this file (it refuses a newer schema).

UPDATE rollouts SET outcome = 'RESTORED' WHERE kind = 'ROLLBACK' AND outcome = 'PROMOTED';
