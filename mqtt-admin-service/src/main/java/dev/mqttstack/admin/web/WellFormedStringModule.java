package dev.mqttstack.admin.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.stereotype.Component;

/**
 * Jackson module that refuses a JSON string holding an unpaired UTF-16 surrogate (as
 * {@code "\ud800"} can write): such a string has no UTF-8 form, PostgreSQL would store it
 * as {@code ?}, and MQTT forbids it. Applies to every string field of every request body;
 * the error names the field.
 */
@Component
public class WellFormedStringModule extends SimpleModule {

	public WellFormedStringModule() {
		super("well-formed-strings");
		addDeserializer(String.class, new WellFormedStringDeserializer());
	}

	/**
	 * Index of the first unpaired surrogate in a string.
	 * @param text the string
	 * @return the index, or -1 when the string is well-formed
	 */
	public static int unpairedSurrogate(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return i;
			}
			if (Character.isLowSurrogate(c)) {
				return i;
			}
		}
		return -1;
	}

	private static final class WellFormedStringDeserializer extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = super.deserialize(parser, context);
			if (value != null && unpairedSurrogate(value) >= 0) {
				return context.reportInputMismatch(String.class,
						"must not contain unpaired UTF-16 surrogates (no UTF-8 form)");
			}
			return value;
		}

	}

}
