package dev.mqttstack.broker.delivery;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A persistent MQTT 3.1.1 or 5 subscriber that reads the broker's byte stream itself,
 * with no codec, and fails on the first byte out of place: every packet must start where
 * the previous one ended, a PUBLISH must carry a valid QoS, and its remaining length must
 * hold exactly its topic, packet identifier, properties and payload. It answers PUBREL
 * with PUBCOMP and acknowledges a PUBLISH only when asked to.
 */
final class FramingSubscriber implements AutoCloseable {

	/** A PUBLISH as read off the wire. */
	record Publish(int firstByte, String topic, int packetId, byte[] payload) {

		int qos() {
			return (this.firstByte >> 1) & 3;
		}

		boolean dup() {
			return (this.firstByte & 0x08) != 0;
		}

	}

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final boolean mqtt5;

	private final boolean sessionPresent;

	private FramingSubscriber(int port, String clientId, boolean mqtt5) throws IOException {
		this.mqtt5 = mqtt5;
		this.socket = new Socket();
		// a narrow receive window: the broker's writes end mid-packet once it is full
		this.socket.setReceiveBufferSize(8192);
		this.socket.connect(new InetSocketAddress("127.0.0.1", port));
		// a lost or misframed packet fails the read instead of hanging the test
		this.socket.setSoTimeout(20_000);
		this.in = new DataInputStream(new BufferedInputStream(this.socket.getInputStream()));
		this.out = this.socket.getOutputStream();
		ByteArrayOutputStream connect = new ByteArrayOutputStream();
		writeString(connect, "MQTT");
		connect.write(mqtt5 ? 5 : 4);
		connect.write(0); // persistent session: clean session / clean start off
		connect.write(0);
		connect.write(60);
		if (mqtt5) {
			// session expiry one hour: an MQTT 5 session outlives its connection
			connect.writeBytes(new byte[] { 5, 0x11, 0, 0, 0x0E, 0x10 });
		}
		writeString(connect, clientId);
		send(0x10, connect.toByteArray());
		int connAck = this.in.readUnsignedByte();
		assertThat(connAck).as("CONNACK").isEqualTo(0x20);
		byte[] body = readBody();
		assertThat(body[1]).as("CONNACK return code").isZero();
		this.sessionPresent = (body[0] & 1) != 0;
	}

	static FramingSubscriber connect(int port, String clientId, boolean mqtt5) {
		try {
			return new FramingSubscriber(port, clientId, mqtt5);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean sessionPresent() {
		return this.sessionPresent;
	}

	void subscribe(String filter, int qos) {
		try {
			ByteArrayOutputStream subscribe = new ByteArrayOutputStream();
			subscribe.write(0);
			subscribe.write(1);
			if (this.mqtt5) {
				subscribe.write(0);
			}
			writeString(subscribe, filter);
			subscribe.write(qos);
			send(0x82, subscribe.toByteArray());
			assertThat(this.in.readUnsignedByte()).as("SUBACK").isEqualTo(0x90);
			byte[] body = readBody();
			assertThat(body[body.length - 1]).as("granted QoS").isEqualTo((byte) qos);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads up to the next PUBLISH, completing QoS 2 deliveries the broker releases on
	 * the way.
	 * @param acknowledge whether to answer the PUBLISH (PUBACK or PUBREC)
	 * @return the PUBLISH
	 */
	Publish next(boolean acknowledge) {
		try {
			while (true) {
				int first = this.in.readUnsignedByte();
				byte[] body = readBody();
				if (first == 0x62) {
					send(0x70, Arrays.copyOf(body, 2)); // PUBCOMP
					continue;
				}
				assertThat(first >>> 4).as("packet type of first byte 0x%02x", first).isEqualTo(3);
				assertThat((first >> 1) & 3).as("QoS of first byte 0x%02x", first).isBetween(0, 2);
				Publish publish = parse(first, body);
				if (acknowledge && publish.qos() > 0) {
					send((publish.qos() == 1) ? 0x40 : 0x50,
							new byte[] { (byte) (publish.packetId() >> 8), (byte) publish.packetId() });
				}
				return publish;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Publish parse(int first, byte[] body) {
		int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
		assertThat(2 + topicLength).as("topic within the remaining length").isLessThanOrEqualTo(body.length);
		String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
		int offset = 2 + topicLength;
		int packetId = 0;
		if (((first >> 1) & 3) > 0) {
			packetId = ((body[offset] & 0xFF) << 8) | (body[offset + 1] & 0xFF);
			offset += 2;
		}
		if (this.mqtt5) {
			int propertiesLength = 0;
			int shift = 0;
			int digit;
			do {
				digit = body[offset++] & 0xFF;
				propertiesLength |= (digit & 0x7F) << shift;
				shift += 7;
			}
			while ((digit & 0x80) != 0);
			offset += propertiesLength;
			assertThat(offset).as("properties within the remaining length").isLessThanOrEqualTo(body.length);
		}
		return new Publish(first, topic, packetId, Arrays.copyOfRange(body, offset, body.length));
	}

	private byte[] readBody() throws IOException {
		int length = 0;
		int shift = 0;
		int digit;
		do {
			digit = this.in.readUnsignedByte();
			length |= (digit & 0x7F) << shift;
			shift += 7;
			assertThat(shift).as("remaining length of at most 4 bytes").isLessThanOrEqualTo(28);
		}
		while ((digit & 0x80) != 0);
		byte[] body = new byte[length];
		this.in.readFully(body);
		return body;
	}

	private void send(int first, byte[] body) throws IOException {
		ByteArrayOutputStream packet = new ByteArrayOutputStream(body.length + 5);
		packet.write(first);
		int length = body.length;
		do {
			int digit = length & 0x7F;
			length >>>= 7;
			packet.write((length > 0) ? (digit | 0x80) : digit);
		}
		while (length > 0);
		packet.writeBytes(body);
		this.out.write(packet.toByteArray());
		this.out.flush();
	}

	private static void writeString(ByteArrayOutputStream out, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.write(bytes.length >> 8);
		out.write(bytes.length);
		out.writeBytes(bytes);
	}

	/** Closes the socket without DISCONNECT: the session stays. */
	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
