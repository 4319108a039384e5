package dev.signin.health;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * /health, /health/live and /health/ready in the MicroProfile Health format, answered by the
 * app's own {@link Readiness} and {@link Liveness} checks. Payara serves these paths itself,
 * but not when an application is deployed at the root context, as this one is (Payara issue
 * 4924): the app answers them instead, with the same JSON and status codes (200 UP, 503 DOWN).
 */
@RequestScoped
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    @Inject
    @Liveness
    Instance<HealthCheck> liveness;

    @GET
    public Response all() {
        List<HealthCheck> checks = new ArrayList<>();
        readiness.forEach(checks::add);
        liveness.forEach(checks::add);
        return answer(checks);
    }

    @GET
    @Path("ready")
    public Response ready() {
        return answer(readiness.stream().toList());
    }

    @GET
    @Path("live")
    public Response live() {
        return answer(liveness.stream().toList());
    }

    private static Response answer(List<HealthCheck> checks) {
        List<HealthCheckResponse> responses = checks.stream().map(HealthResource::call).toList();
        boolean up = responses.stream().allMatch(r -> r.getStatus() == HealthCheckResponse.Status.UP);
        JsonArrayBuilder list = Json.createArrayBuilder();
        responses.forEach(r -> list.add(json(r)));
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .header("Cache-Control", "no-store")
                .entity(Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", list).build().toString())
                .build();
    }

    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(check.getClass().getSimpleName()).down().build();
        }
    }

    private static JsonObject json(HealthCheckResponse response) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", response.getName())
                .add("status", response.getStatus().name());
        Map<String, Object> data = response.getData().orElse(Map.of());
        if (!data.isEmpty()) {
            JsonObjectBuilder values = Json.createObjectBuilder();
            data.forEach((key, value) -> {
                if (value instanceof Long || value instanceof Integer) {
                    values.add(key, ((Number) value).longValue());
                } else if (value instanceof Boolean b) {
                    values.add(key, b);
                } else {
                    values.add(key, String.valueOf(value));
                }
            });
            json.add("data", values);
        }
        return json.build();
    }
}
