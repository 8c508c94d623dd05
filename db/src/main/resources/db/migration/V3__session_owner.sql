-- The user a persistent session belongs to: only a client of that user resumes or takes it
-- over after a restart too (broker setting allow-cross-user-takeover lifts this).
-- owner_recorded tells a session of a client without a user name (owner null, recorded)
-- from one stored before this migration (not recorded): the broker lets the next client
-- that connects with its client id claim the latter.
ALTER TABLE mqtt_session ADD COLUMN owner text;
ALTER TABLE mqtt_session ADD COLUMN owner_recorded boolean NOT NULL DEFAULT false;
