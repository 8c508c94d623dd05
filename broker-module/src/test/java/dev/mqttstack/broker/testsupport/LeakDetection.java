package dev.mqttstack.broker.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Fails a test class when Netty reports a leaked buffer while it ran. Installed for the
 * whole test run before any buffer exists (as a launcher session listener) and checked
 * after every test class (as an auto-detected extension); the build runs with
 * {@code io.netty.leakDetection.level=paranoid} so every buffer is tracked.
 */
public final class LeakDetection implements LauncherSessionListener, AfterAllCallback {

	private static final List<String> leaks = new CopyOnWriteArrayList<>();

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		install();
	}

	static synchronized void install() {
		if (ResourceLeakDetectorFactory.instance() instanceof RecordingFactory) {
			return;
		}
		ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		// Leaks surface when a collected buffer's phantom reference is polled by the next
		// tracked allocation.
		for (int i = 0; i < 10 && leaks.isEmpty(); i++) {
			System.gc();
			for (int j = 0; j < 256; j++) {
				ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(16);
				probe.release();
			}
		}
		if (!leaks.isEmpty()) {
			List<String> found = new ArrayList<>(leaks);
			leaks.clear();
			throw new AssertionError("Netty reported " + found.size() + " leaked buffer(s) in "
					+ context.getDisplayName() + ":\n" + String.join("\n----\n", found));
		}
	}

	private static final class RecordingFactory extends ResourceLeakDetectorFactory {

		@Override
		public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
				long maxActive) {
			return new ResourceLeakDetector<>(resource, samplingInterval) {

				@Override
				protected boolean needReport() {
					return true;
				}

				@Override
				protected void reportTracedLeak(String resourceType, String records) {
					leaks.add(resourceType + records);
					super.reportTracedLeak(resourceType, records);
				}

				@Override
				protected void reportUntracedLeak(String resourceType) {
					leaks.add(resourceType);
					super.reportUntracedLeak(resourceType);
				}

			};
		}

	}

}
