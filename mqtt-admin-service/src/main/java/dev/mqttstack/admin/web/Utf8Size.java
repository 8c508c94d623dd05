package dev.mqttstack.admin.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Constraint of a string's length in bytes of UTF-8, as MQTT counts its strings (at most
 * 65,535); {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = Utf8Size.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface Utf8Size {

	/** Largest length in bytes of UTF-8. */
	int max() default 65_535;

	String message() default "must be at most {max} bytes of UTF-8";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Validator of {@link Utf8Size}. */
	class Validator implements ConstraintValidator<Utf8Size, CharSequence> {

		private int max;

		@Override
		public void initialize(Utf8Size annotation) {
			this.max = annotation.max();
		}

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			if (value == null || value.length() * 3L <= this.max) {
				return true;
			}
			return value.length() <= this.max && value.toString().getBytes(StandardCharsets.UTF_8).length <= this.max;
		}

	}

}
