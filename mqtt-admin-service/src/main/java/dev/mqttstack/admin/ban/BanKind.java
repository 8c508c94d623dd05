package dev.mqttstack.admin.ban;

/** What a ban matches a client by. */
public enum BanKind {

	/** The client identifier, exactly. */
	CLIENT_ID,

	/** The user name from CONNECT (or a client certificate), exactly. */
	USERNAME,

	/** The peer address: one IP address or a CIDR block, IPv4 or IPv6. */
	ADDRESS

}
