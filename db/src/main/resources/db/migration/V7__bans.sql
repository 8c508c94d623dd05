-- Bans of MQTT clients by client identifier, user name or address (an IP or a CIDR block),
-- each with an optional expiry: a banned client is refused at CONNECT and a connected one is
-- disconnected. An expired ban stops applying at once and stays listed until deleted.
CREATE TABLE mqtt_bans (
    id         BIGSERIAL PRIMARY KEY,
    kind       TEXT        NOT NULL CHECK (kind IN ('CLIENT_ID', 'USERNAME', 'ADDRESS')),
    value      TEXT        NOT NULL,
    reason     TEXT,
    expires_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    created_by TEXT        NOT NULL,
    UNIQUE (kind, value)
);
