package dev.signin.web.access;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resources for the operator's monitoring only (/metrics): {@link MonitoringFilter} answers
 * 404 to anyone but the configured addresses or the bearer of the configured token.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface MonitoringOnly {
}
