package dev.mqttstack.admin.broker;

import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import dev.mqttstack.admin.AdminServiceTest;
import dev.mqttstack.broker.MqttBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sockets that never send CONNECT are closed without an INFO line each. */
@AdminServiceTest
@TestPropertySource(properties = "mqtt.broker.connect-timeout=1s")
@ExtendWith(OutputCaptureExtension.class)
class IdleConnectionLoggingTests {

	@Autowired
	private MqttBroker broker;

	@Test
	void idleUnauthenticatedConnectionsAreClosedWithoutAnInfoLineEach(CapturedOutput output) throws Exception {
		Socket[] sockets = new Socket[20];
		for (int i = 0; i < sockets.length; i++) {
			sockets[i] = new Socket("127.0.0.1", this.broker.port());
		}
		try {
			for (Socket socket : sockets) {
				socket.setSoTimeout(30_000);
				await().atMost(Duration.ofSeconds(30)).until(() -> socket.getInputStream().read() == -1);
			}
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
		assertThat(output).doesNotContain("sent no CONNECT in time");
	}

}
