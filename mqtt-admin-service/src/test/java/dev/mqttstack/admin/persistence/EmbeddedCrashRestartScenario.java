package dev.mqttstack.admin.persistence;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.mqttstack.admin.database.RootCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash-restart scenario, shared by the launches that run it: the service on its
 * default embedded PostgreSQL, killed with SIGKILL while publishers send QoS 1 messages
 * to offline persistent sessions: the PostgreSQL it leaves behind is stopped by the next
 * start in the same directory, which is ready in under 30 seconds, and every acknowledged
 * message is delivered.
 */
abstract class EmbeddedCrashRestartScenario {

	/** Above what the test sends, so no message is dropped as QUEUE_FULL. */
	private static final String QUEUE_LIMIT = "--mqtt.broker.max-queued-messages=100000";

	private static final List<String> SESSIONS = List.of("crash-a", "crash-b", "crash-c");

	@TempDir
	Path directory;

	private ServiceProcess service;

	/**
	 * How the child JVM runs the service, for both starts.
	 * @return the launch
	 */
	abstract ServiceProcess.Launch launch();

	@AfterEach
	void stopService() {
		if (this.service != null) {
			this.service.close();
		}
		postmaster(this.directory.resolve("postgres")).ifPresent(ProcessHandle::destroyForcibly);
	}

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void afterSigkillUnderQos1LoadTheNextStartIsReadyInUnder30SecondsWithEveryAcknowledgedMessage() throws Exception {
		RootCheck.requireRunnableEmbeddedPostgres();
		ServiceProcess.Launch launch = launch();
		Path data = this.directory.resolve("postgres");
		this.service = ServiceProcess.startEmbedded(launch, data, QUEUE_LIMIT);
		for (String session : SESSIONS) {
			try (DurableClient client = DurableClient.connect(this.service.mqttPort(), session, false, false)) {
				client.subscribe("crash/#", 1);
			}
		}
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicBoolean publishing = new AtomicBoolean(true);
		DurableClient publisher = DurableClient.connect(this.service.mqttPort(), "crash-publisher", true, false);
		Semaphore inFlight = new Semaphore(500);
		Thread load = new Thread(() -> {
			try {
				for (int i = 0; publishing.get(); i++) {
					if (!inFlight.tryAcquire(5, TimeUnit.SECONDS)) {
						continue;
					}
					String payload = "m-" + i;
					publisher.publish("crash/load", payload, 1, new IMqttActionListener() {
						@Override
						public void onSuccess(IMqttToken token) {
							acknowledged.add(payload);
							inFlight.release();
						}

						@Override
						public void onFailure(IMqttToken token, Throwable exception) {
							inFlight.release();
						}
					});
				}
			}
			catch (Exception ex) {
				// the service was killed
			}
		}, "crash-load");
		load.start();
		await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 2000);

		this.service.kill();
		publishing.set(false);
		load.join(10_000);
		publisher.close();
		Set<String> acknowledgedBeforeKill = Set.copyOf(acknowledged);
		assertThat(postmaster(data)).as("the killed service left its PostgreSQL running").isPresent();

		long restart = System.nanoTime();
		this.service = ServiceProcess.startEmbedded(launch, data, QUEUE_LIMIT);
		Duration readyAfter = Duration.ofNanos(System.nanoTime() - restart);
		System.out.println("Restart after SIGKILL (" + launch.description() + ") ready in " + readyAfter.toMillis()
				+ " ms, " + acknowledgedBeforeKill.size() + " acknowledged messages");
		assertThat(readyAfter).isLessThan(Duration.ofSeconds(30));

		for (String session : SESSIONS) {
			try (DurableClient client = DurableClient.connect(this.service.mqttPort(), session, false, false)) {
				assertThat(client.sessionPresent()).isTrue();
				await().atMost(Duration.ofSeconds(60))
					.until(() -> acknowledgedBeforeKill.stream().allMatch((payload) -> client.count(payload) > 0));
			}
		}
		Optional<ProcessHandle> running = postmaster(data);
		assertThat(running).isPresent();
		this.service.stop();
		await().atMost(Duration.ofSeconds(20)).until(() -> !running.get().isAlive());
	}

	private static Optional<ProcessHandle> postmaster(Path data) {
		try {
			List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
			return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
		}
		catch (Exception ex) {
			return Optional.empty();
		}
	}

}
