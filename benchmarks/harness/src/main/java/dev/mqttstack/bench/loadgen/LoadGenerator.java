package dev.mqttstack.bench.loadgen;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Open-loop MQTT load generator: many {@link LoadClient} connections on one event loop,
 * publishers that keep a fixed send schedule whatever the broker does, and the counters
 * and histograms of {@link LoadStats}.
 * <p>
 * One event loop thread owns every connection and the stats, so nothing is shared between
 * threads; connections take their source address in turn from 127.0.0.{@code 1..n} so
 * that many thousands of them do not run out of ephemeral ports.
 */
public final class LoadGenerator implements AutoCloseable {

	private static final int MAX_PACKET = 1 << 20;

	private final EventLoopGroup group;

	private final EventLoop loop;

	private final Bootstrap bootstrap;

	private final InetSocketAddress broker;

	private final List<InetAddress> sources;

	private final LoadStats stats = new LoadStats();

	private final List<LoadClient> clients = new ArrayList<>();

	private final AtomicInteger connects = new AtomicInteger();

	/**
	 * Creates a generator for a broker on this loopback address and port.
	 * @param broker the broker address
	 * @param sourceAddresses how many 127.0.0.x source addresses to rotate through
	 */
	public LoadGenerator(InetSocketAddress broker, int sourceAddresses) {
		this.broker = broker;
		boolean epoll = Epoll.isAvailable();
		this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("loadgen", true),
				epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
		this.loop = this.group.next();
		this.bootstrap = new Bootstrap().group(this.group)
			.channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20));
		this.sources = new ArrayList<>();
		for (int i = 1; i <= Math.max(1, sourceAddresses); i++) {
			try {
				this.sources.add(InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) i }));
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/** Opens one connection; the future completes on CONNACK. */
	public CompletableFuture<LoadClient> connect(String clientId, LoadClient.Credentials credentials) {
		LoadClient client = new LoadClient(clientId, credentials, this.stats);
		InetAddress source = this.sources.get(Math.floorMod(this.connects.getAndIncrement(), this.sources.size()));
		ChannelFuture future = this.bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {

			@Override
			protected void initChannel(SocketChannel channel) {
				channel.pipeline().addLast(new MqttDecoder(MAX_PACKET), MqttEncoder.INSTANCE, client);
			}

		}).connect(this.broker, new InetSocketAddress(source, 0));
		future.addListener((f) -> {
			if (!f.isSuccess()) {
				this.loop.execute(() -> this.stats.connectFailures++);
				client.connected().completeExceptionally(f.cause());
			}
		});
		synchronized (this.clients) {
			this.clients.add(client);
		}
		return client.connected();
	}

	/**
	 * Connects {@code count} clients with at most {@code concurrency} CONNECTs waiting
	 * for their CONNACK at a time, and waits for all of them.
	 * @param ids the client id of the n-th client
	 * @return the connected clients, in order
	 */
	public List<LoadClient> connectAll(int count, Function<Integer, String> ids, LoadClient.Credentials credentials,
			int concurrency, Duration timeout) throws InterruptedException, TimeoutException {
		Semaphore permits = new Semaphore(concurrency);
		List<CompletableFuture<LoadClient>> futures = new ArrayList<>(count);
		long deadline = System.nanoTime() + timeout.toNanos();
		for (int i = 0; i < count; i++) {
			if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				throw new TimeoutException("connected " + i + " of " + count + " in " + timeout);
			}
			CompletableFuture<LoadClient> future = connect(ids.apply(i), credentials);
			future.whenComplete((c, ex) -> permits.release());
			futures.add(future);
		}
		List<LoadClient> connected = new ArrayList<>(count);
		for (CompletableFuture<LoadClient> future : futures) {
			connected.add(await(future, deadline));
		}
		return connected;
	}

	/**
	 * Runs the publishers' schedule for this long; each publisher starts at its own
	 * offset inside the first period so that they do not all send at once.
	 * @return completes when the last scheduled message has been written
	 */
	public CompletableFuture<Void> publish(List<Publisher> publishers, Duration duration) {
		PublishSchedule schedule = new PublishSchedule(publishers, this.stats, System.nanoTime(), duration.toNanos());
		schedule.start(this.loop);
		return schedule.finished();
	}

	/**
	 * Starts recording latency for messages intended from now on, forgetting earlier
	 * ones.
	 */
	public void startMeasurement() throws InterruptedException, TimeoutException {
		long now = System.nanoTime();
		onLoop(() -> {
			this.stats.startMeasurement(now);
			return null;
		});
	}

	/** Copies the counters and histograms on the event loop. */
	public LoadSnapshot snapshot() throws InterruptedException, TimeoutException {
		return onLoop(this.stats::snapshot);
	}

	/**
	 * Waits until every expected delivery arrived, or until nothing arrived for
	 * {@code quiet}, at most {@code max}.
	 */
	public LoadSnapshot drain(Duration quiet, Duration max) throws InterruptedException, TimeoutException {
		long deadline = System.nanoTime() + max.toNanos();
		LoadSnapshot last = snapshot();
		long lastProgress = System.nanoTime();
		while (last.received() < last.expected() && System.nanoTime() < deadline
				&& System.nanoTime() - lastProgress < quiet.toNanos()) {
			Thread.sleep(20);
			LoadSnapshot now = snapshot();
			if (now.received() != last.received()) {
				lastProgress = System.nanoTime();
			}
			last = now;
		}
		return last;
	}

	/** Disconnects every client, {@code concurrency} at a time. */
	public void disconnectAll() {
		List<LoadClient> all;
		synchronized (this.clients) {
			all = new ArrayList<>(this.clients);
			this.clients.clear();
		}
		List<CompletableFuture<Void>> closed = new ArrayList<>();
		for (LoadClient client : all) {
			if (client.channel() != null) {
				closed.add(client.disconnect());
			}
		}
		try {
			CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// closing is best effort: the event loop group is shut down next
		}
	}

	@Override
	public void close() {
		disconnectAll();
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	private <T> T onLoop(java.util.concurrent.Callable<T> task) throws InterruptedException, TimeoutException {
		try {
			return this.loop.submit(task).get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	private static <T> T await(CompletableFuture<T> future, long deadline)
			throws InterruptedException, TimeoutException {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
		}
	}

}
