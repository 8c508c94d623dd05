/*
 * Copyright 2026 the mqtt-stack authors.
 */

package dev.mqttstack.spring.architecture;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Architecture test of the starter's public API: no type of the MQTT client library
 * (Eclipse Paho) or of Spring Integration MQTT appears in a public or protected signature
 * of a public class, so that replacing the client library (Spring Integration 7.2 moves
 * to the HiveMQ client) does not change the API users compile against.
 */
class PublicApiTests {

	private static final List<String> INTERNAL_PREFIXES = List.of("org.eclipse.paho.",
			"org.springframework.integration.mqtt.");

	@Test
	void noClientLibraryTypeAppearsInAPublicSignature() throws Exception {
		List<String> violations = new ArrayList<>();
		List<Class<?>> classes = starterClasses();
		assertThat(classes).hasSizeGreaterThan(40);
		for (Class<?> type : classes) {
			if (!isExported(type)) {
				continue;
			}
			check(violations, type + " extends", type.getGenericSuperclass());
			for (Type implemented : type.getGenericInterfaces()) {
				check(violations, type + " implements", implemented);
			}
			for (Constructor<?> constructor : type.getDeclaredConstructors()) {
				if (isExported(constructor.getModifiers())) {
					for (Type parameter : constructor.getGenericParameterTypes()) {
						check(violations, constructor.toString(), parameter);
					}
				}
			}
			for (Method method : type.getDeclaredMethods()) {
				if (isExported(method.getModifiers()) && !method.isSynthetic()) {
					check(violations, method.toString(), method.getGenericReturnType());
					for (Type parameter : method.getGenericParameterTypes()) {
						check(violations, method.toString(), parameter);
					}
				}
			}
			for (Field field : type.getDeclaredFields()) {
				if (isExported(field.getModifiers())) {
					check(violations, field.toString(), field.getGenericType());
				}
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void pahoConnectionClassesAreNotPublic() throws Exception {
		assertThat(starterClasses()).filteredOn((type) -> type.getSimpleName().startsWith("Paho"))
			.isNotEmpty()
			.allSatisfy((type) -> assertThat(Modifier.isPublic(type.getModifiers())).as(type.getName()).isFalse());
	}

	private static void check(List<String> violations, String where, Type type) {
		if (type == null) {
			return;
		}
		String name = type.getTypeName();
		for (String prefix : INTERNAL_PREFIXES) {
			if (name.contains(prefix)) {
				violations.add(where + " uses " + name);
			}
		}
	}

	private static boolean isExported(Class<?> type) {
		Class<?> current = type;
		while (current != null) {
			if (!Modifier.isPublic(current.getModifiers())) {
				return false;
			}
			current = current.getDeclaringClass();
		}
		return true;
	}

	private static boolean isExported(int modifiers) {
		return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
	}

	private static List<Class<?>> starterClasses() throws Exception {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		MetadataReaderFactory readers = new CachingMetadataReaderFactory(resolver);
		List<Class<?>> classes = new ArrayList<>();
		for (Resource resource : resolver.getResources("classpath*:dev/mqttstack/spring/**/*.class")) {
			if (!resource.getURL().toString().contains("/target/classes/")) {
				continue;
			}
			String name = readers.getMetadataReader(resource).getClassMetadata().getClassName();
			classes.add(ClassUtils.forName(name, PublicApiTests.class.getClassLoader()));
		}
		return classes;
	}

}
