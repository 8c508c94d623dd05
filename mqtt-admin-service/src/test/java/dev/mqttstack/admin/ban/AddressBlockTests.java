package dev.mqttstack.admin.ban;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Parsing and matching of the IP addresses and CIDR blocks of address bans. */
class AddressBlockTests {

	@Test
	void ipv4BlockMatchesTheAddressesInsideIt() throws Exception {
		AddressBlock block = AddressBlock.parse("10.1.2.3/16");
		assertThat(block).hasToString("10.1.0.0/16");
		assertThat(block.contains(InetAddress.getByName("10.1.255.7"))).isTrue();
		assertThat(block.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
		assertThat(block.contains(InetAddress.getByName("::ffff:10.1.0.9"))).as("IPv4-mapped peer").isTrue();
		assertThat(block.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
	}

	@Test
	void singleAddressMatchesOnlyItself() throws Exception {
		AddressBlock block = AddressBlock.parse("192.0.2.7");
		assertThat(block).hasToString("192.0.2.7");
		assertThat(block.contains(InetAddress.getByName("192.0.2.7"))).isTrue();
		assertThat(block.contains(InetAddress.getByName("192.0.2.8"))).isFalse();
		assertThat(block.contains(null)).isFalse();
	}

	@Test
	void ipv6BlockMatchesTheAddressesInsideIt() throws Exception {
		AddressBlock block = AddressBlock.parse("2001:DB8:aa::/33");
		assertThat(block).hasToString("2001:db8:0:0:0:0:0:0/33");
		assertThat(block.contains(InetAddress.getByName("2001:db8:7fff::1"))).isTrue();
		assertThat(block.contains(InetAddress.getByName("2001:db8:8000::1"))).isFalse();
		assertThat(block.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
		assertThat(AddressBlock.parse("::/0").contains(InetAddress.getByName("::1"))).isTrue();
		assertThat(AddressBlock.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
	}

	@Test
	void anythingButAnAddressOrCidrBlockIsRefusedWithoutANameLookup() {
		for (String bad : new String[] { "example.com", "localhost", "10.0.0.256", "10.0.0", "10.0.0.0/33",
				"10.0.0.0/-1", "10.0.0.0/", "2001:db8::/129", "2001:db8::g", "fe80::1%eth0", "", "/8" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> AddressBlock.parse(bad));
		}
	}

}
