package dev.mqttstack.admin.cluster;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import com.hazelcast.replicatedmap.ReplicatedMap;
import com.hazelcast.topic.ITopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mqttstack.broker.cluster.Cluster;
import dev.mqttstack.broker.cluster.Forwarded;
import dev.mqttstack.broker.cluster.LocalNode;
import dev.mqttstack.broker.cluster.RoutePlan;
import dev.mqttstack.broker.cluster.RouteTable;
import dev.mqttstack.broker.message.Message;

/**
 * The broker's {@link Cluster} on an embedded Hazelcast member.
 * <ul>
 * <li>Routes: a {@link ReplicatedMap} holds one entry per node and filter with its count
 * (key {@code node|filter}); every node keeps a full copy, so matching a publish never
 * leaves the node. This node's changes are coalesced and written by one thread.</li>
 * <li>Forwarding: one plain {@link ITopic} per node ({@code mqtt-forward-<node>}), one
 * message per publish and node. A plain topic goes straight from the publishing member to
 * the one listening member (a reliable topic would pass through the ringbuffer's
 * partition owner, often a third node), and its events for one topic run on one thread in
 * the order they were sent. The event loop only plans; one forwarder thread encodes and
 * sends, in the order the plans were made, which keeps the order per publisher, because
 * Hazelcast sends every 100,000th event synchronously and that round trip must not stall
 * an event loop. Back-pressure is a bounded queue: when it is full the message is not
 * forwarded (counted and logged). What it gives up: a message in flight to a node that
 * leaves is lost with that node, and an overloaded event queue drops (Hazelcast logs it);
 * both are for the node-loss step to close.</li>
 * <li>Ownership: an {@link IMap} from client identifier to owning node; a client
 * connecting here takes the identifier and the previous owner is told over its control
 * topic to end its session ("session taken over"). A stored session is restored at start
 * only by the first node to claim it, so one node holds it, not every node.</li>
 * </ul>
 */
public final class HazelcastCluster implements Cluster {

	static final String ROUTES = "mqtt-routes";

	static final String OWNERS = "mqtt-owners";

	private static final String FORWARD = "mqtt-forward-";

	private static final String CONTROL = "mqtt-control-";

	private static final char SEPARATOR = '|';

	private static final Logger logger = LoggerFactory.getLogger(HazelcastCluster.class);

	private final HazelcastInstance hazelcast;

	private final String nodeId;

	private final RouteTable table;

	private final ReplicatedMap<String, Integer> routes;

	private final IMap<String, String> owners;

	private final ConcurrentMap<String, ITopic<byte[]>> forwardTopics = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Integer> pendingRoutes = new ConcurrentHashMap<>();

	private final ExecutorService writer;

	private final ExecutorService forwarder;

	private final AtomicLong notForwarded = new AtomicLong();

	private volatile LocalNode local;

	private volatile boolean stopped;

	private UUID routeListener;

	private UUID membershipListener;

	private UUID forwardListener;

	private UUID controlListener;

	public HazelcastCluster(HazelcastInstance hazelcast) {
		this.hazelcast = hazelcast;
		this.nodeId = hazelcast.getCluster().getLocalMember().getUuid().toString();
		this.table = new RouteTable(this.nodeId);
		this.routes = hazelcast.getReplicatedMap(ROUTES);
		this.owners = hazelcast.getMap(OWNERS);
		this.writer = singleThread("mqtt-cluster-writer");
		this.forwarder = singleThread("mqtt-cluster-forward");
	}

	/**
	 * This node's identifier in the cluster: its Hazelcast member UUID.
	 * @return the identifier
	 */
	public String nodeId() {
		return this.nodeId;
	}

	/**
	 * The route table as this node sees it.
	 * @return the table
	 */
	public RouteTable routeTable() {
		return this.table;
	}

	@Override
	public void start(LocalNode local) {
		this.local = local;
		this.membershipListener = this.hazelcast.getCluster().addMembershipListener(new MembershipListener() {
			@Override
			public void memberAdded(MembershipEvent event) {
			}

			@Override
			public void memberRemoved(MembershipEvent event) {
				forgetNode(event.getMember().getUuid().toString());
			}
		});
		this.routeListener = this.routes.addEntryListener(new EntryAdapter<>() {
			@Override
			public void onEntryEvent(EntryEvent<String, Integer> event) {
				applyRoute(event.getKey(), event.getValue());
			}
		});
		for (Map.Entry<String, Integer> route : this.routes.entrySet()) {
			applyRoute(route.getKey(), route.getValue());
		}
		this.forwardListener = forwardTopic(this.nodeId).addMessageListener((message) -> {
			LocalNode node = this.local;
			if (node != null && !this.stopped) {
				node.deliver(ForwardedCodec.decode(message.getMessageObject()));
			}
		});
		ITopic<String> control = this.hazelcast.getTopic(CONTROL + this.nodeId);
		this.controlListener = control.addMessageListener((message) -> control(message.getMessageObject()));
		logger.info("Cluster node {} joined {} ({} members)", this.nodeId, this.hazelcast.getConfig().getClusterName(),
				this.hazelcast.getCluster().getMembers().size());
	}

	@Override
	public void stop() {
		this.stopped = true;
		this.forwarder.shutdown();
		this.writer.shutdown();
		try {
			this.forwarder.awaitTermination(2, TimeUnit.SECONDS);
			this.writer.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			forwardTopic(this.nodeId).removeMessageListener(this.forwardListener);
			this.hazelcast.<String>getTopic(CONTROL + this.nodeId).removeMessageListener(this.controlListener);
			this.routes.removeEntryListener(this.routeListener);
			this.hazelcast.getCluster().removeMembershipListener(this.membershipListener);
			removeEntriesOf(this.nodeId);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not withdraw this node's routes and sessions from the cluster", ex);
		}
	}

	@Override
	public void routeChanged(String topicFilter, int count) {
		this.table.update(this.nodeId, topicFilter, count);
		if (this.pendingRoutes.put(topicFilter, count) == null) {
			submit(() -> writeRoute(topicFilter));
		}
	}

	@Override
	public RoutePlan forward(Message message) {
		RoutePlan plan = this.table.plan(message);
		if (!plan.remote().isEmpty()) {
			try {
				this.forwarder.execute(() -> send(plan));
			}
			catch (RejectedExecutionException ex) {
				if (!this.stopped && this.notForwarded.incrementAndGet() % 10_000 == 1) {
					logger.warn("Forwarding queue full: {} messages not forwarded to other nodes so far",
							this.notForwarded.get());
				}
			}
		}
		return plan;
	}

	/**
	 * Messages that were not forwarded because the forwarding queue was full.
	 * @return the count since start
	 */
	public long notForwarded() {
		return this.notForwarded.get();
	}

	private void send(RoutePlan plan) {
		for (Map.Entry<String, Forwarded> node : plan.remote().entrySet()) {
			try {
				forwardTopic(node.getKey()).publish(ForwardedCodec.encode(node.getValue()));
			}
			catch (RuntimeException ex) {
				if (!this.stopped) {
					logger.warn("Could not forward a message to node {}", node.getKey(), ex);
				}
			}
		}
	}

	@Override
	public void sessionOpened(String clientId) {
		submit(() -> {
			String previous = this.owners.put(clientId, this.nodeId);
			if (previous != null && !previous.equals(this.nodeId)) {
				this.hazelcast.<String>getTopic(CONTROL + previous).publish("T" + clientId);
			}
		});
	}

	@Override
	public boolean sessionRestored(String clientId) {
		String owner = this.owners.putIfAbsent(clientId, this.nodeId);
		return owner == null || owner.equals(this.nodeId);
	}

	@Override
	public void sessionClosed(String clientId) {
		submit(() -> this.owners.remove(clientId, this.nodeId));
	}

	@Override
	public CompletableFuture<Boolean> kick(String clientId) {
		return CompletableFuture.supplyAsync(() -> {
			String owner = this.owners.get(clientId);
			if (owner == null) {
				return false;
			}
			if (owner.equals(this.nodeId)) {
				return this.local.kick(clientId);
			}
			this.hazelcast.<String>getTopic(CONTROL + owner).publish("K" + clientId);
			return true;
		}, this.writer);
	}

	private void control(String command) {
		LocalNode node = this.local;
		if (node == null || this.stopped || command.isEmpty()) {
			return;
		}
		String clientId = command.substring(1);
		switch (command.charAt(0)) {
			case 'T' -> {
				if (node.takeOver(clientId)) {
					logger.info("Session of {} taken over by another node", clientId);
				}
			}
			case 'K' -> node.kick(clientId);
			default -> logger.warn("Unknown cluster command {}", command.charAt(0));
		}
	}

	private void writeRoute(String topicFilter) {
		Integer count = this.pendingRoutes.remove(topicFilter);
		if (count == null || this.stopped) {
			return;
		}
		String key = this.nodeId + SEPARATOR + topicFilter;
		if (count > 0) {
			this.routes.put(key, count);
		}
		else {
			this.routes.remove(key);
		}
	}

	private void applyRoute(String key, Integer count) {
		int separator = key.indexOf(SEPARATOR);
		String node = key.substring(0, separator);
		if (!node.equals(this.nodeId)) {
			// the node's topic proxy is made here, on a Hazelcast thread, never on an
			// event
			// loop that forwards
			forwardTopic(node);
			this.table.update(node, key.substring(separator + 1), (count != null) ? count : 0);
		}
	}

	private void forgetNode(String node) {
		this.table.removeNode(node);
		this.forwardTopics.remove(node);
		submit(() -> removeEntriesOf(node));
	}

	private void removeEntriesOf(String node) {
		String prefix = node + SEPARATOR;
		for (String key : this.routes.keySet()) {
			if (key.startsWith(prefix)) {
				this.routes.remove(key);
			}
		}
		this.owners.removeAll(Predicates.equal("this", node));
	}

	private ITopic<byte[]> forwardTopic(String node) {
		return this.forwardTopics.computeIfAbsent(node, (id) -> this.hazelcast.getTopic(FORWARD + id));
	}

	private static ExecutorService singleThread(String name) {
		return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(100_000), (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	private void submit(Runnable task) {
		try {
			this.writer.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					if (!this.stopped) {
						logger.warn("Cluster update failed", ex);
					}
				}
			});
		}
		catch (RejectedExecutionException ex) {
			if (!this.stopped) {
				logger.warn("Cluster update queue full; a route or ownership change was not announced");
			}
		}
	}

}
