-- MQTT users, their ACL rules and the accounts of the admin API.

-- A client that may connect: mosquitto-compatible password hash ($7$ PBKDF2-HMAC-SHA512 or $6$ salted SHA-512).
CREATE TABLE mqtt_user (
	username      varchar(256) PRIMARY KEY,
	password_hash varchar(512) NOT NULL,
	superuser     boolean      NOT NULL DEFAULT false,
	enabled       boolean      NOT NULL DEFAULT true,
	created_at    timestamptz  NOT NULL DEFAULT now(),
	updated_at    timestamptz  NOT NULL DEFAULT now(),
	CONSTRAINT mqtt_user_username_valid CHECK (username <> '' AND username !~ '[+#/[:cntrl:]]'),
	CONSTRAINT mqtt_user_password_hash_format CHECK (password_hash ~ '^\$[67]\$')
);

-- Search by part of a user name, case-insensitive.
CREATE INDEX mqtt_user_username_lower_idx ON mqtt_user (lower(username) text_pattern_ops);

-- What a client may publish or subscribe to; username and client_id null mean every client.
CREATE TABLE acl_rule (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	username    varchar(256),
	client_id   varchar(65535),
	topic       varchar(65535) NOT NULL,
	action      varchar(16)    NOT NULL,
	permission  varchar(8)     NOT NULL,
	priority    integer        NOT NULL DEFAULT 0,
	created_at  timestamptz    NOT NULL DEFAULT now(),
	updated_at  timestamptz    NOT NULL DEFAULT now(),
	CONSTRAINT acl_rule_topic_not_empty CHECK (topic <> ''),
	CONSTRAINT acl_rule_action_valid CHECK (action IN ('publish', 'subscribe', 'all')),
	CONSTRAINT acl_rule_permission_valid CHECK (permission IN ('allow', 'deny'))
);

-- One rule per subject, topic and action: imports update instead of duplicating.
CREATE UNIQUE INDEX acl_rule_subject_topic_action_uq
	ON acl_rule (coalesce(username, ''), coalesce(client_id, ''), topic, action);

CREATE INDEX acl_rule_username_idx ON acl_rule (username);

-- An operator of the admin API; separate from MQTT users. Passwords use Spring's delegating encoder ({bcrypt}…).
CREATE TABLE admin_account (
	username      varchar(64)  PRIMARY KEY,
	password_hash varchar(512) NOT NULL,
	role          varchar(16)  NOT NULL,
	enabled       boolean      NOT NULL DEFAULT true,
	created_at    timestamptz  NOT NULL DEFAULT now(),
	updated_at    timestamptz  NOT NULL DEFAULT now(),
	CONSTRAINT admin_account_username_valid CHECK (username ~ '^[A-Za-z0-9._@-]+$'),
	CONSTRAINT admin_account_role_valid CHECK (role IN ('ADMIN', 'VIEWER'))
);
