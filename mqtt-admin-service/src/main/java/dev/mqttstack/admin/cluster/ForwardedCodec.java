package dev.mqttstack.admin.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.mqttstack.broker.cluster.Forwarded;
import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;

/**
 * The bytes one node sends another for a forwarded message: the message whole (topic,
 * payload, QoS, retain flag, publisher, timestamp, every MQTT 5 property) and which of
 * the receiving node's subscriptions it is for. Versioned by its first byte.
 */
final class ForwardedCodec {

	private static final int VERSION = 1;

	private ForwardedCodec() {
	}

	static byte[] encode(Forwarded forwarded) {
		Message message = forwarded.message();
		MessageProperties properties = message.properties();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + message.payload().length);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeBoolean(forwarded.direct());
			out.writeShort(forwarded.shares().size());
			for (String share : forwarded.shares()) {
				out.writeUTF(share);
			}
			out.writeUTF(message.topic());
			out.writeInt(message.payload().length);
			out.write(message.payload());
			out.writeByte(message.qos());
			out.writeBoolean(message.retain());
			writeNullable(out, message.publisherId());
			out.writeLong(message.timestamp());
			out.writeInt((properties.payloadFormatIndicator() != null) ? properties.payloadFormatIndicator() : -1);
			out.writeLong((properties.messageExpiryInterval() != null) ? properties.messageExpiryInterval() : -1);
			writeNullable(out, properties.contentType());
			writeNullable(out, properties.responseTopic());
			out.writeInt((properties.correlationData() != null) ? properties.correlationData().length : -1);
			if (properties.correlationData() != null) {
				out.write(properties.correlationData());
			}
			out.writeInt(properties.userProperties().size());
			for (MessageProperties.UserProperty property : properties.userProperties()) {
				out.writeUTF(property.name());
				out.writeUTF(property.value());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static Forwarded decode(byte[] encoded) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
			int version = in.readUnsignedByte();
			if (version != VERSION) {
				throw new IllegalArgumentException("Unknown forwarded message version " + version);
			}
			boolean direct = in.readBoolean();
			int shareCount = in.readUnsignedShort();
			Set<String> shares = new HashSet<>(shareCount * 2);
			for (int i = 0; i < shareCount; i++) {
				shares.add(in.readUTF());
			}
			String topic = in.readUTF();
			byte[] payload = in.readNBytes(in.readInt());
			int qos = in.readUnsignedByte();
			boolean retain = in.readBoolean();
			String publisherId = readNullable(in);
			long timestamp = in.readLong();
			int format = in.readInt();
			long expiry = in.readLong();
			String contentType = readNullable(in);
			String responseTopic = readNullable(in);
			int correlationLength = in.readInt();
			byte[] correlation = (correlationLength >= 0) ? in.readNBytes(correlationLength) : null;
			int userCount = in.readInt();
			List<MessageProperties.UserProperty> users = new ArrayList<>(userCount);
			for (int i = 0; i < userCount; i++) {
				users.add(new MessageProperties.UserProperty(in.readUTF(), in.readUTF()));
			}
			MessageProperties properties = new MessageProperties((format >= 0) ? format : null,
					(expiry >= 0) ? expiry : null, contentType, responseTopic, correlation, users);
			return new Forwarded(new Message(topic, payload, qos, retain, properties, publisherId, timestamp), direct,
					shares);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeNullable(DataOutputStream out, String value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			out.writeUTF(value);
		}
	}

	private static String readNullable(DataInputStream in) throws IOException {
		return in.readBoolean() ? in.readUTF() : null;
	}

}
