package dev.mqttstack.broker.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The socket transport: native epoll when asked for and available, NIO otherwise.
 *
 * @param name the transport's name, for the log
 * @param ioHandlers the I/O handler factory of its event loops
 * @param serverChannel the server channel class
 */
public record Transport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel) {

	/**
	 * Picks the transport.
	 * @param preferNative whether to use epoll when it is available
	 * @return the transport
	 */
	public static Transport select(boolean preferNative) {
		if (preferNative && Epoll.isAvailable()) {
			return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
		}
		return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
	}

	/**
	 * Creates an event loop group of this transport.
	 * @param threads the number of threads, 0 for Netty's default
	 * @param name the thread name prefix
	 * @return the group
	 */
	public EventLoopGroup newGroup(int threads, String name) {
		return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), this.ioHandlers);
	}

}
