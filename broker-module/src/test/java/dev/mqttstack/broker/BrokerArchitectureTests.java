package dev.mqttstack.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mqttstack.broker.subscription.SharedSubscriptionStrategy;
import dev.mqttstack.broker.subscription.TopicFilter;
import dev.mqttstack.broker.sys.BrokerMetrics;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's layering, checked on every build: no cycles between its packages, a public
 * API that does not reach into the internals, internals that do not reach back to
 * {@link MqttBroker}, only transport touching the Netty pipeline, and no class a newcomer
 * cannot read in one sitting.
 */
class BrokerArchitectureTests {

	/**
	 * Packages no code outside broker-module may use, and the public API may not name.
	 */
	private static final String[] INTERNAL_PACKAGES = { "dev.mqttstack.broker.connection..",
			"dev.mqttstack.broker.handler..", "dev.mqttstack.broker.transport..", "dev.mqttstack.broker.protocol..",
			"dev.mqttstack.broker.routing..", "dev.mqttstack.broker.session..", "dev.mqttstack.broker.runtime..",
			"dev.mqttstack.broker.standalone.." };

	/** Where main sources live, relative to the module (surefire runs in it). */
	private static final Path MAIN_SOURCES = Path.of("src/main/java");

	/** "No class over ~400 lines" (STYLE.md, issue 14). */
	private static final int MAX_LINES = 400;

	/** Main classes allowed over {@link #MAX_LINES}: none. */
	private static final Set<String> OVERSIZED_FOR_NOW = Set.of();

	private static JavaClasses broker;

	@BeforeAll
	static void importBrokerClasses() {
		broker = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages("dev.mqttstack.broker");
		assertThat(broker).as("broker classes found").hasSizeGreaterThan(50);
	}

	@Test
	void packagesOfTheBrokerHaveNoCycles() {
		slices().matching("dev.mqttstack.broker.(*)..").should().beFreeOfCycles().check(broker);
	}

	@Test
	void publicApiDoesNotDependOnInternalPackages() {
		classes().that(publicApi())
			.should()
			.onlyDependOnClassesThat(not(resideInAnyPackage(INTERNAL_PACKAGES)))
			.because("users of the broker see the root package, config, SPI, events, messages and the clock only")
			.check(broker);
	}

	@Test
	void internalPackagesDoNotDependOnTheBrokerEntryPoint() {
		noClasses().that(not(belongToAnyOf(MqttBroker.class)))
			.and()
			.resideOutsideOfPackage("dev.mqttstack.broker.standalone..")
			.should()
			.dependOnClassesThat(belongToAnyOf(MqttBroker.class))
			.because("MqttBroker assembles the internals; they get what they need passed in")
			.check(broker);
	}

	@Test
	void onlyTransportAndTheAssemblyTouchTheNettyPipeline() {
		noClasses().that()
			.resideOutsideOfPackages("dev.mqttstack.broker.transport..", "dev.mqttstack.broker.runtime..")
			.should()
			.dependOnClassesThat()
			.areAssignableTo(ChannelPipeline.class)
			.orShould()
			.callMethodWhere(
					DescribedPredicate.describe("the target is Channel.pipeline() or ChannelHandlerContext.pipeline()",
							(JavaMethodCall call) -> call.getTarget().getName().equals("pipeline")
									&& (call.getTargetOwner().isAssignableTo(Channel.class)
											|| call.getTargetOwner().isAssignableTo(ChannelHandlerContext.class))))
			.because("handlers and connection parts ask transport (ChannelPipelines) to change a pipeline")
			.check(broker);
	}

	@Test
	void noMainClassIsOverFourHundredLines() throws IOException {
		Map<String, Long> offenders = new TreeMap<>();
		List<Path> sources;
		try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
			sources = files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
		assertThat(sources).as("main sources found").hasSizeGreaterThan(50);
		for (Path source : sources) {
			String name = MAIN_SOURCES.relativize(source).toString().replace('\\', '/');
			long lines;
			try (Stream<String> content = Files.lines(source)) {
				lines = content.count();
			}
			if (lines > MAX_LINES && !OVERSIZED_FOR_NOW.contains(name)) {
				offenders.put(name, lines);
			}
		}
		assertThat(offenders).as("main classes over %d lines: split them by role", MAX_LINES).isEmpty();
	}

	/**
	 * The public API: the root package except {@link MqttBroker} (the entry point, which
	 * assembles the internals), events, security, stores, messages, subscriptions (topic
	 * filters and the shared subscription strategy SPI), the metrics users read and the
	 * mosquitto file formats the admin service shares.
	 */
	private static DescribedPredicate<JavaClass> publicApi() {
		return DescribedPredicate.describe("are the public API", (type) -> !belongToAnyOf(MqttBroker.class).test(type)
				&& (type.getPackageName().equals("dev.mqttstack.broker")
						|| resideInAnyPackage("dev.mqttstack.broker.event..", "dev.mqttstack.broker.security..",
								"dev.mqttstack.broker.store..", "dev.mqttstack.broker.message..",
								"dev.mqttstack.broker.time..", "dev.mqttstack.broker.mosquitto..",
								"dev.mqttstack.broker.cluster..")
							.test(type)
						|| belongToAnyOf(TopicFilter.class, SharedSubscriptionStrategy.class, BrokerMetrics.class)
							.test(type)));
	}

}
