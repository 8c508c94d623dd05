package dev.mqttstack.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Payload layout of generated messages: the intended send time ({@link System#nanoTime()}
 * of the generator process) in the first eight bytes, zeros up to the requested size.
 */
public final class Payloads {

	/** Smallest payload that can carry the timestamp. */
	public static final int MIN_SIZE = Long.BYTES;

	private Payloads() {
	}

	/** Builds a payload of {@code size} bytes stamped with {@code intendedNanos}. */
	public static ByteBuf stamped(ByteBufAllocator allocator, int size, long intendedNanos) {
		int length = Math.max(size, MIN_SIZE);
		ByteBuf payload = allocator.buffer(length, length);
		payload.writeLong(intendedNanos);
		payload.writeZero(length - MIN_SIZE);
		return payload;
	}

	/** Reads the intended send time, or -1 for a payload this generator did not write. */
	public static long intendedNanos(ByteBuf payload) {
		return (payload.readableBytes() >= MIN_SIZE) ? payload.getLong(payload.readerIndex()) : -1;
	}

}
