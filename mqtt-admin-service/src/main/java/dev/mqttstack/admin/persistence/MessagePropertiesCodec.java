package dev.mqttstack.admin.persistence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.mqttstack.broker.message.MessageProperties;

/**
 * Turns the MQTT 5 properties of a message into the bytes of a {@code properties} column
 * and back; {@code null} stands for no properties.
 */
final class MessagePropertiesCodec {

	private static final int FORMAT = 1;

	private static final int EXPIRY = 2;

	private static final int CONTENT_TYPE = 4;

	private static final int RESPONSE_TOPIC = 8;

	private static final int CORRELATION = 16;

	private MessagePropertiesCodec() {
	}

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
			out.writeByte(flags);
			if (properties.payloadFormatIndicator() != null) {
				out.writeByte(properties.payloadFormatIndicator());
			}
			if (properties.messageExpiryInterval() != null) {
				out.writeLong(properties.messageExpiryInterval());
			}
			if (properties.contentType() != null) {
				out.writeUTF(properties.contentType());
			}
			if (properties.responseTopic() != null) {
				out.writeUTF(properties.responseTopic());
			}
			if (properties.correlationData() != null) {
				out.writeInt(properties.correlationData().length);
				out.write(properties.correlationData());
			}
			out.writeInt(properties.userProperties().size());
			for (MessageProperties.UserProperty property : properties.userProperties()) {
				out.writeUTF(property.name());
				out.writeUTF(property.value());
			}
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static MessageProperties decode(byte[] encoded) {
		if (encoded == null) {
			return MessageProperties.EMPTY;
		}
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
			int flags = in.readUnsignedByte();
			Integer format = ((flags & FORMAT) != 0) ? (int) in.readUnsignedByte() : null;
			Long expiry = ((flags & EXPIRY) != 0) ? in.readLong() : null;
			String contentType = ((flags & CONTENT_TYPE) != 0) ? in.readUTF() : null;
			String responseTopic = ((flags & RESPONSE_TOPIC) != 0) ? in.readUTF() : null;
			byte[] correlation = null;
			if ((flags & CORRELATION) != 0) {
				correlation = new byte[in.readInt()];
				in.readFully(correlation);
			}
			int count = in.readInt();
			List<MessageProperties.UserProperty> user = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				user.add(new MessageProperties.UserProperty(in.readUTF(), in.readUTF()));
			}
			return new MessageProperties(format, expiry, contentType, responseTopic, correlation, user);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
