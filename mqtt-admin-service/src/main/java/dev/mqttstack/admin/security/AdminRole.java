package dev.mqttstack.admin.security;

/** Role of an admin account: ADMIN reads and writes, VIEWER only reads. */
public enum AdminRole {

	ADMIN, VIEWER

}
