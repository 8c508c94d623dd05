package dev.mqttstack.admin.persistence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.mqttstack.broker.message.MessageProperties;

/**
 * Turns the MQTT 5 properties of a message into the bytes of a {@code properties} column
 * and back; {@code null} stands for no properties.
 * <p>
 * Written in format 2: a {@code 0x82} marker, a flags byte, then each present property,
 * strings and binary data as a 4-byte length and the bytes (standard UTF-8), so every
 * string MQTT can carry (up to 65,535 bytes of UTF-8, four-byte characters included)
 * round-trips exactly, and user properties keep their order and repetitions. Rows written
 * by older versions (format 1: a flags byte below {@code 0x80}, strings in
 * {@code DataOutputStream} modified UTF-8) are still read.
 */
final class MessagePropertiesCodec {

	private static final int VERSION_2 = 0x82;

	private static final int FORMAT = 1;

	private static final int EXPIRY = 2;

	private static final int CONTENT_TYPE = 4;

	private static final int RESPONSE_TOPIC = 8;

	private static final int CORRELATION = 16;

	private MessagePropertiesCodec() {
	}

	/**
	 * Encodes properties.
	 * @param properties the properties, or {@code null}
	 * @return the bytes, or {@code null} for none
	 * @throws UnstorableOperationException when a string is not valid Unicode (a lone
	 * surrogate), which MQTT cannot carry either
	 */
	static byte[] encode(MessageProperties properties) {
		if (properties == null || properties.equals(MessageProperties.EMPTY)) {
			return null;
		}
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
			DataOutputStream out = new DataOutputStream(bytes);
			int flags = ((properties.payloadFormatIndicator() != null) ? FORMAT : 0)
					| ((properties.messageExpiryInterval() != null) ? EXPIRY : 0)
					| ((properties.contentType() != null) ? CONTENT_TYPE : 0)
					| ((properties.responseTopic() != null) ? RESPONSE_TOPIC : 0)
					| ((properties.correlationData() != null) ? CORRELATION : 0);
			out.writeByte(VERSION_2);
			out.writeByte(flags);
			if (properties.payloadFormatIndicator() != null) {
				out.writeByte(properties.payloadFormatIndicator());
			}
			if (properties.messageExpiryInterval() != null) {
				out.writeLong(properties.messageExpiryInterval());
			}
			if (properties.contentType() != null) {
				writeString(out, properties.contentType());
			}
			if (properties.responseTopic() != null) {
				writeString(out, properties.responseTopic());
			}
			if (properties.correlationData() != null) {
				writeBytes(out, properties.correlationData());
			}
			out.writeInt(properties.userProperties().size());
			for (MessageProperties.UserProperty property : properties.userProperties()) {
				writeString(out, property.name());
				writeString(out, property.value());
			}
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		ByteBuffer encoded;
		try {
			encoded = StandardCharsets.UTF_8.newEncoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.encode(CharBuffer.wrap(value));
		}
		catch (CharacterCodingException ex) {
			throw new UnstorableOperationException("A property string is not valid Unicode: " + ex.getMessage());
		}
		out.writeInt(encoded.remaining());
		out.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
	}

	private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
		out.writeInt(value.length);
		out.write(value);
	}

	/**
	 * Decodes properties of either format.
	 * @param encoded the bytes, or {@code null}
	 * @return the properties
	 */
	static MessageProperties decode(byte[] encoded) {
		if (encoded == null) {
			return MessageProperties.EMPTY;
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
			int first = in.readUnsignedByte();
			boolean version2 = first == VERSION_2;
			int flags = version2 ? in.readUnsignedByte() : first;
			Integer format = ((flags & FORMAT) != 0) ? (int) in.readUnsignedByte() : null;
			Long expiry = ((flags & EXPIRY) != 0) ? in.readLong() : null;
			String contentType = ((flags & CONTENT_TYPE) != 0) ? readString(in, version2) : null;
			String responseTopic = ((flags & RESPONSE_TOPIC) != 0) ? readString(in, version2) : null;
			byte[] correlation = null;
			if ((flags & CORRELATION) != 0) {
				correlation = new byte[in.readInt()];
				in.readFully(correlation);
			}
			int count = in.readInt();
			List<MessageProperties.UserProperty> user = new ArrayList<>(Math.min(count, 1024));
			for (int i = 0; i < count; i++) {
				user.add(new MessageProperties.UserProperty(readString(in, version2), readString(in, version2)));
			}
			return new MessageProperties(format, expiry, contentType, responseTopic, correlation, user);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readString(DataInputStream in, boolean version2) throws IOException {
		if (!version2) {
			return in.readUTF();
		}
		byte[] bytes = new byte[in.readInt()];
		in.readFully(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
