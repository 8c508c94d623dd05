package dev.mqttstack.admin.persistence;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.message.MessageProperties;
import dev.mqttstack.broker.message.MessageProperties.UserProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The properties column keeps every MQTT 5 message exactly: a round trip over thousands
 * of random valid property sets (a fixed seed, so a failure can be replayed), the largest
 * legal strings, and rows written by older versions.
 */
class MessagePropertiesCodecTests {

	private static final int MAX_STRING_BYTES = 65_535;

	private static final String[] ALPHABET = { "a", "Z", "0", "/", " ", "é", "ß", "€", "中", "😀", "𝄞", "\u0001",
			"\uFEFF" };

	@Test
	void everyRandomValidPropertySetRoundTripsExactly() {
		SplittableRandom random = new SplittableRandom(15_2026L);
		for (int i = 0; i < 3000; i++) {
			MessageProperties properties = randomProperties(random, (i % 100 == 0) ? MAX_STRING_BYTES : 300);
			assertRoundTrip(properties);
		}
	}

	@Test
	void theLargestLegalStringsOfFourByteCharactersRoundTrip() {
		String emoji = "😀".repeat(15_000);
		String largest = "😀".repeat(MAX_STRING_BYTES / 4) + "abc";
		assertThat(largest.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_STRING_BYTES);
		assertRoundTrip(new MessageProperties(1, 4_294_967_295L, largest, largest, new byte[MAX_STRING_BYTES],
				List.of(new UserProperty("k", emoji), new UserProperty(largest, largest), new UserProperty("k", ""))));
	}

	@Test
	void repeatedUserPropertiesKeepTheirOrder() {
		List<UserProperty> user = List.of(new UserProperty("k", "2"), new UserProperty("a", "1"),
				new UserProperty("k", "1"), new UserProperty("k", "2"));
		assertThat(MessagePropertiesCodec
			.decode(MessagePropertiesCodec.encode(new MessageProperties(null, null, null, null, null, user)))
			.userProperties()).containsExactlyElementsOf(user);
	}

	@Test
	void rowsWrittenInTheOldFormatAreStillRead() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		out.writeByte(1 | 2 | 4 | 8 | 16);
		out.writeByte(1);
		out.writeLong(60);
		out.writeUTF("text/plain; charset=é");
		out.writeUTF("reply/😀");
		out.writeInt(3);
		out.write(new byte[] { 1, 2, 3 });
		out.writeInt(2);
		out.writeUTF("k");
		out.writeUTF("v1");
		out.writeUTF("k");
		out.writeUTF("v2");

		MessageProperties decoded = MessagePropertiesCodec.decode(bytes.toByteArray());

		assertThat(decoded.payloadFormatIndicator()).isEqualTo(1);
		assertThat(decoded.messageExpiryInterval()).isEqualTo(60L);
		assertThat(decoded.contentType()).isEqualTo("text/plain; charset=é");
		assertThat(decoded.responseTopic()).isEqualTo("reply/😀");
		assertThat(decoded.correlationData()).containsExactly(1, 2, 3);
		assertThat(decoded.userProperties()).containsExactly(new UserProperty("k", "v1"), new UserProperty("k", "v2"));
	}

	@Test
	void noPropertiesAreStoredAsNull() {
		assertThat(MessagePropertiesCodec.encode(MessageProperties.EMPTY)).isNull();
		assertThat(MessagePropertiesCodec.decode(null)).isEqualTo(MessageProperties.EMPTY);
	}

	@Test
	void aLoneSurrogateIsRefusedAsUnstorableNotRetried() {
		MessageProperties invalid = new MessageProperties(null, null, "\uD800", null, null, List.of());
		assertThatExceptionOfType(UnstorableOperationException.class)
			.isThrownBy(() -> MessagePropertiesCodec.encode(invalid));
	}

	private static void assertRoundTrip(MessageProperties properties) {
		byte[] encoded = MessagePropertiesCodec.encode(properties);
		MessageProperties decoded = MessagePropertiesCodec.decode(encoded);
		if (properties.equals(MessageProperties.EMPTY)) {
			assertThat(encoded).isNull();
		}
		assertThat(decoded.payloadFormatIndicator()).isEqualTo(properties.payloadFormatIndicator());
		assertThat(decoded.messageExpiryInterval()).isEqualTo(properties.messageExpiryInterval());
		assertThat(decoded.contentType()).isEqualTo(properties.contentType());
		assertThat(decoded.responseTopic()).isEqualTo(properties.responseTopic());
		assertThat(decoded.correlationData()).isEqualTo(properties.correlationData());
		assertThat(decoded.userProperties()).containsExactlyElementsOf(properties.userProperties());
	}

	private static MessageProperties randomProperties(SplittableRandom random, int maxBytes) {
		Integer format = random.nextBoolean() ? random.nextInt(2) : null;
		Long expiry = random.nextBoolean() ? random.nextLong(0, 4_294_967_296L) : null;
		String contentType = random.nextBoolean() ? randomString(random, maxBytes) : null;
		String responseTopic = random.nextBoolean() ? randomString(random, maxBytes) : null;
		byte[] correlation = null;
		if (random.nextBoolean()) {
			correlation = new byte[random.nextInt(maxBytes + 1)];
			random.nextBytes(correlation);
		}
		List<UserProperty> user = new ArrayList<>();
		int count = random.nextInt(6);
		for (int i = 0; i < count; i++) {
			String name = (random.nextInt(3) == 0 && !user.isEmpty()) ? user.get(0).name()
					: randomString(random, maxBytes);
			user.add(new UserProperty(name, randomString(random, maxBytes)));
		}
		return new MessageProperties(format, expiry, contentType, responseTopic, correlation, user);
	}

	/**
	 * A valid MQTT string (no U+0000, no lone surrogate) of at most maxBytes of UTF-8.
	 */
	private static String randomString(SplittableRandom random, int maxBytes) {
		int budget = random.nextInt(maxBytes + 1);
		StringBuilder text = new StringBuilder();
		int bytes = 0;
		while (true) {
			String next = ALPHABET[random.nextInt(ALPHABET.length)];
			int size = next.getBytes(StandardCharsets.UTF_8).length;
			if (bytes + size > budget) {
				return text.toString();
			}
			text.append(next);
			bytes += size;
		}
	}

}
