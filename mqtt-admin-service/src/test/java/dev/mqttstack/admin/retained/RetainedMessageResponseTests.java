package dev.mqttstack.admin.retained;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.message.Message;
import dev.mqttstack.broker.message.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

class RetainedMessageResponseTests {

	@Test
	void longTextIsPreviewedByItsFirstCharactersWithoutSplittingOne() {
		String text = "é".repeat(100) + "😀".repeat(200);
		RetainedMessageResponse response = RetainedMessageResponse.of(Message.of("t", text, 0, true), 0);
		assertThat(response.payloadSize()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
		assertThat(response.payloadPreview()).isEqualTo("é".repeat(100) + "😀".repeat(156));
	}

	@Test
	void invalidUtf8HasNoPreview() {
		byte[] truncated = { 'o', 'k', (byte) 0xC3 };
		RetainedMessageResponse response = RetainedMessageResponse.of(Message.of("t", truncated, 0, true), 0);
		assertThat(response.payloadPreview()).isNull();
		assertThat(response.payloadBase64()).isEqualTo("b2vD");
	}

	@Test
	void expiryRemainingCountsDownFromWhenTheMessageArrived() {
		Message message = new Message("t", new byte[] { 1 }, 1, true,
				new MessageProperties(null, 60L, "application/octet-stream", null, null, List.of()), "pub", 10_000);
		assertThat(RetainedMessageResponse.of(message, 10_000).messageExpiryRemaining()).isEqualTo(60);
		assertThat(RetainedMessageResponse.of(message, 40_500).messageExpiryRemaining()).isEqualTo(30);
		assertThat(RetainedMessageResponse.of(message, 80_000).messageExpiryRemaining()).isZero();
		assertThat(RetainedMessageResponse.of(message, 0).contentType()).isEqualTo("application/octet-stream");
	}

}
