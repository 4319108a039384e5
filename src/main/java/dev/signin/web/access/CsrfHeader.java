package dev.signin.web.access;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the JSON endpoints (plain Jakarta REST resources, which Krazo's CSRF check does not
 * cover): {@link CsrfHeaderFilter} refuses a POST without this browser's CSRF token in the
 * {@code X-CSRF-TOKEN} header, Krazo's header name.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CsrfHeader {
}
