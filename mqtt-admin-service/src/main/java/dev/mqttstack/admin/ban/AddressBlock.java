package dev.mqttstack.admin.ban;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A block of IP addresses written as an address ({@code 192.0.2.7}, {@code 2001:db8::1})
 * or in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). Parsed without any
 * name lookup; an IPv4 block never matches an IPv6 address and the reverse, except that
 * an IPv4-mapped IPv6 peer ({@code ::ffff:192.0.2.7}) counts as its IPv4 address.
 */
final class AddressBlock {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private final byte[] network;

	private final int prefix;

	private AddressBlock(byte[] network, int prefix) {
		this.network = network;
		this.prefix = prefix;
	}

	/**
	 * Parses an address or a CIDR block.
	 * @param text the text
	 * @return the block, host bits cleared
	 * @throws IllegalArgumentException with a message for the user when the text is not
	 * an IP address or CIDR block
	 */
	static AddressBlock parse(String text) {
		int slash = text.indexOf('/');
		String address = (slash >= 0) ? text.substring(0, slash) : text;
		byte[] bytes = literal(address);
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			String length = text.substring(slash + 1);
			if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
				throw new IllegalArgumentException("must be an IP address or a CIDR block such as 10.0.0.0/8 or "
						+ "2001:db8::/32 (prefix length 0 to " + bits + ")");
			}
			prefix = Integer.parseInt(length);
		}
		return new AddressBlock(mask(bytes, prefix), prefix);
	}

	private static byte[] literal(String address) {
		boolean ipv4 = IPV4.matcher(address).matches();
		if (ipv4 && Arrays.stream(address.split("\\.")).anyMatch((octet) -> Integer.parseInt(octet) > 255)
				|| !ipv4 && !IPV6.matcher(address).matches()) {
			throw new IllegalArgumentException(
					"must be an IP address or a CIDR block such as 10.0.0.0/8 or 2001:db8::/32");
		}
		try {
			// a well-formed IPv4 literal or one with a colon: InetAddress looks no name
			// up
			return InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(
					"must be an IP address or a CIDR block such as 10.0.0.0/8 or 2001:db8::/32");
		}
	}

	private static byte[] mask(byte[] address, int prefix) {
		byte[] masked = address.clone();
		for (int i = 0; i < masked.length; i++) {
			int keep = Math.max(0, Math.min(8, prefix - i * 8));
			masked[i] &= (byte) (0xFF00 >> keep);
		}
		return masked;
	}

	/**
	 * Whether an address lies in this block.
	 * @param address the address, or {@code null}
	 * @return {@code true} when it does
	 */
	boolean contains(InetAddress address) {
		if (address == null) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (bytes.length == 16 && this.network.length == 4 && isIpv4Mapped(bytes)) {
			byte[] ipv4 = new byte[4];
			System.arraycopy(bytes, 12, ipv4, 0, 4);
			bytes = ipv4;
		}
		if (bytes.length != this.network.length) {
			return false;
		}
		byte[] masked = mask(bytes, this.prefix);
		return Arrays.equals(masked, this.network);
	}

	private static boolean isIpv4Mapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
	}

	/**
	 * The canonical text: the network address and, unless it is a single address, the
	 * prefix length ({@code 10.0.0.0/8}, {@code 2001:db8:0:0:0:0:0:1}).
	 */
	@Override
	public String toString() {
		try {
			String address = InetAddress.getByAddress(this.network).getHostAddress();
			return (this.prefix == this.network.length * 8) ? address : address + "/" + this.prefix;
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
