-- Durable persistent sessions and retained messages of the hosted broker, journaled by the
-- admin service's PostgreSQL session store. No foreign keys: the journal writes in batches
-- whose rows may outlive a session removed in the same instant; the store purges orphans.

-- A persistent session (clean session false, or a session expiry interval above 0).
CREATE TABLE mqtt_session (
	client_id        text        PRIMARY KEY,
	expiry_interval  bigint      NOT NULL,          -- seconds; -1 for until removed
	disconnected_at  timestamptz,                   -- null while connected
	updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Its subscriptions with their MQTT 5 options.
CREATE TABLE mqtt_session_subscription (
	client_id           text     NOT NULL,
	topic_filter        text     NOT NULL,
	qos                 smallint NOT NULL,
	no_local            boolean  NOT NULL,
	retain_as_published boolean  NOT NULL,
	subscription_id     integer  NOT NULL,
	PRIMARY KEY (client_id, topic_filter)
);

-- A QoS 1/2 message bound for at least one persistent session, stored once.
CREATE TABLE mqtt_message (
	id           bigint   PRIMARY KEY,
	topic        text     NOT NULL,
	payload      bytea    NOT NULL,
	qos          smallint NOT NULL,
	retain       boolean  NOT NULL,
	properties   bytea,                             -- MQTT 5 properties, null for none
	publisher_id text,
	received_at  bigint   NOT NULL                  -- epoch milliseconds
);

-- A message of a session: queued (packet_id null) or in flight (sent with packet_id).
CREATE TABLE mqtt_session_message (
	client_id        text      NOT NULL,
	message_id       bigint    NOT NULL,
	qos              smallint  NOT NULL,
	retain           boolean   NOT NULL,
	subscription_ids integer[] NOT NULL,
	packet_id        integer,
	released         boolean   NOT NULL DEFAULT false,  -- QoS 2: PUBREC received, PUBREL sent
	PRIMARY KEY (client_id, message_id)
);

CREATE INDEX mqtt_session_message_message_idx ON mqtt_session_message (message_id);

-- Inbound QoS 2 packet identifiers awaiting PUBREL.
CREATE TABLE mqtt_session_inbound_qos2 (
	client_id text    NOT NULL,
	packet_id integer NOT NULL,
	PRIMARY KEY (client_id, packet_id)
);

-- The retained message of each topic.
CREATE TABLE mqtt_retained (
	topic        text     PRIMARY KEY,
	payload      bytea    NOT NULL,
	qos          smallint NOT NULL,
	properties   bytea,
	publisher_id text,
	received_at  bigint   NOT NULL
);
