-- Fan-out without a row per message and session: the journal stores a message once in
-- mqtt_message and, per transaction, one mqtt_session_delivery row per session (a few for
-- more than 256 messages) listing the messages it queued for that session (ids in ascending
-- order, with the delivery's QoS, retain flag and subscription identifiers at the same index). An acknowledged or dropped
-- delivery is appended to its row's removed ids; a row all of whose messages are removed is
-- deleted. Deliveries in flight (sent with a packet identifier) are rows of
-- mqtt_session_inflight. mqtt_message.deliveries counts the deliveries that refer to a
-- message, so the journal deletes a message when the last of them goes. The view
-- mqtt_session_message shows the same content as the table of that name it replaces (one
-- row per message and session), for the store's reads and for operators.

CREATE TABLE mqtt_session_delivery (
	client_id        text      NOT NULL,
	id               bigint    GENERATED ALWAYS AS IDENTITY,
	first_message_id bigint    NOT NULL,           -- min(message_ids)
	last_message_id  bigint    NOT NULL,           -- max(message_ids)
	message_ids      bigint[]  NOT NULL,           -- ascending
	qos              smallint[] NOT NULL,
	retain           boolean[] NOT NULL,
	subscription_ids text[],                       -- comma-separated, '' for none; null: none for all
	removed          bigint[]  NOT NULL DEFAULT '{}',
	PRIMARY KEY (client_id, id)
) WITH (toast_tuple_target = 8160);                 -- the journal keeps rows below 8 kB: stored
                                                    -- inline, not compressed (which cost more CPU than
                                                    -- the rest of the insert)

-- Finds the rows that may still hold a message, when its last delivery is removed.
CREATE INDEX mqtt_session_delivery_range_idx ON mqtt_session_delivery
	USING gist (int8range(first_message_id, last_message_id, '[]'));

-- A delivery in flight: sent with packet_id, released once PUBREC came for QoS 2.
CREATE TABLE mqtt_session_inflight (
	client_id  text    NOT NULL,
	message_id bigint  NOT NULL,
	packet_id  integer,
	released   boolean NOT NULL DEFAULT false,
	PRIMARY KEY (client_id, message_id)
);

ALTER TABLE mqtt_message ADD COLUMN deliveries integer NOT NULL DEFAULT 0;

-- Queued messages of a V5 database: delivery rows of up to 256 messages per session.
INSERT INTO mqtt_session_delivery (client_id, first_message_id, last_message_id, message_ids, qos, retain,
		subscription_ids)
SELECT client_id, min(message_id), max(message_id), array_agg(message_id ORDER BY message_id),
	array_agg(qos ORDER BY message_id), array_agg(retain ORDER BY message_id),
	CASE WHEN bool_and(cardinality(subscription_ids) = 0) THEN NULL
		ELSE array_agg(array_to_string(subscription_ids, ',') ORDER BY message_id) END
FROM (SELECT *, (row_number() OVER (PARTITION BY client_id ORDER BY message_id) - 1) / 256 AS chunk
	FROM mqtt_session_message) m
GROUP BY client_id, chunk;

INSERT INTO mqtt_session_inflight (client_id, message_id, packet_id, released)
SELECT client_id, message_id, packet_id, released FROM mqtt_session_message WHERE packet_id IS NOT NULL;

UPDATE mqtt_message m SET deliveries = c.n
FROM (SELECT message_id, count(*) AS n FROM mqtt_session_message GROUP BY message_id) c
WHERE m.id = c.message_id;

DROP TABLE mqtt_session_message;

-- One row per message and session, as before: the latest delivery row of a message that
-- does not list it as removed, with its in-flight state.
CREATE VIEW mqtt_session_message AS
SELECT DISTINCT ON (d.client_id, e.message_id)
	d.client_id, e.message_id, e.qos, e.retain,
	coalesce(string_to_array(e.subscription_ids, ','), '{}')::integer[] AS subscription_ids,
	i.packet_id, coalesce(i.released, false) AS released
FROM mqtt_session_delivery d
CROSS JOIN LATERAL unnest(d.message_ids, d.qos, d.retain, coalesce(d.subscription_ids, '{}'))
	AS e(message_id, qos, retain, subscription_ids)
LEFT JOIN mqtt_session_inflight i ON i.client_id = d.client_id AND i.message_id = e.message_id
WHERE NOT (e.message_id = ANY (d.removed))
ORDER BY d.client_id, e.message_id, d.id DESC;
