package dev.signin.web.headers;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OPTIONS answers like any other method a page does not support: 405 with the page's methods in
 * Allow (Jersey would describe the resource instead, and list OPTIONS in every Allow). The app
 * serves no cross-origin requests, so there is no preflight to answer. Every Allow reads the
 * same: the page's methods, HEAD with GET, in one order.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100) // before the sign-in guards: 405 for everyone, as for PUT
public class NoOptions implements ContainerRequestFilter, ContainerResponseFilter {

    private static final List<String> ORDER = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @Override
    public void filter(ContainerRequestContext request) {
        if (HttpMethod.OPTIONS.equals(request.getMethod())) {
            Set<String> methods = ((ExtendedUriInfo) request.getUriInfo()).getMatchedRuntimeResources().stream()
                    .flatMap(resource -> resource.getResourceMethods().stream())
                    .map(ResourceMethod::getHttpMethod)
                    .collect(Collectors.toSet());
            request.abortWith(Response.status(Response.Status.METHOD_NOT_ALLOWED).header("Allow", allow(methods)).build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String allow = response.getHeaderString("Allow");
        if (allow != null) {
            response.getHeaders().putSingle("Allow", allow(Arrays.stream(allow.split(",")).map(String::strip).collect(Collectors.toSet())));
        }
    }

    /** The methods a page answers, as Allow lists them. */
    static String allow(Set<String> methods) {
        return ORDER.stream()
                .filter(method -> methods.contains(method) || method.equals(HttpMethod.HEAD) && methods.contains(HttpMethod.GET))
                .collect(Collectors.joining(", "));
    }
}
