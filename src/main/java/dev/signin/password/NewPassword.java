package dev.signin.password;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A password being chosen (sign-up, password change): 8 to 128 characters, no composition rules. */
@NotNull(message = "Choose a password.")
@Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH,
        message = "Use " + PasswordPolicy.MIN_LENGTH + " to " + PasswordPolicy.MAX_LENGTH + " characters.")
@Constraint(validatedBy = {})
@Documented
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NewPassword {
    String message() default "Choose a password of " + PasswordPolicy.MIN_LENGTH + " to " + PasswordPolicy.MAX_LENGTH
            + " characters.";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
