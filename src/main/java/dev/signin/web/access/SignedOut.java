package dev.signin.web.access;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks pages for visitors who are not signed in (the sign-in and sign-up forms):
 * {@link SignedOutFilter} sends a signed-in user on, to {@code ?next=} when it is a local path,
 * else to the profile.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SignedOut {
}
