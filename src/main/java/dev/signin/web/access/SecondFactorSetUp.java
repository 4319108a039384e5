package dev.signin.web.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link SignedIn} resource methods that set up a second factor: with
 * {@code signin.two-step.required}, an account without one reaches these and nothing else
 * ({@link SignedInFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SecondFactorSetUp {
}
