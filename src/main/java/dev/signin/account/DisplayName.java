package dev.signin.account;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A display name: 1 to 100 characters, not only spaces. Any text is fine: views escape it. */
@NotBlank(message = "Enter your name.")
@Size(max = 100, message = "Use at most 100 characters.")
@Constraint(validatedBy = {})
@Documented
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface DisplayName {
    String message() default "Enter a name of 1 to 100 characters.";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
