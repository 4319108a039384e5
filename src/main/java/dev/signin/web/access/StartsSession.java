package dev.signin.web.access;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the ways in (sign-in, its code step, a passkey sign-in, sign-up): {@link StartsSessionFilter}
 * refuses them before any password or code is checked while the session ids are weak in production.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StartsSession {
}
