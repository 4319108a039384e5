package dev.signin.metrics;

import dev.signin.web.access.MonitoringOnly;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Metric;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

import java.util.Map;
import java.util.TreeMap;

/**
 * The app's metrics in the Prometheus text format at /metrics, for the operator's monitoring only
 * ({@link MonitoringOnly}). Payara serves its own /metrics, but not when an application is
 * deployed at the root context (Payara issue 4924), so the app renders its application-scope
 * registry itself.
 */
@RequestScoped
@Path("metrics")
@MonitoringOnly
public class MetricsResource {

    @Inject
    MetricRegistry registry;

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public Response metrics() {
        StringBuilder out = new StringBuilder();
        Map<MetricID, Metric> metrics = new TreeMap<>(registry.getMetrics());
        metrics.forEach((id, metric) -> {
            String name = id.getName().replace('.', '_');
            String help = registry.getMetadata(id.getName()).getDescription();
            if (metric instanceof Counter counter) {
                write(out, name + "_total", "counter", help, counter.getCount());
            } else if (metric instanceof Gauge<?> gauge) {
                write(out, name, "gauge", help, gauge.getValue());
            } else if (metric instanceof Timer timer) {
                out.append("# HELP ").append(name).append("_seconds ").append(help).append('\n')
                        .append("# TYPE ").append(name).append("_seconds summary\n")
                        .append(name).append("_seconds_count ").append(timer.getCount()).append('\n')
                        .append(name).append("_seconds_sum ").append(timer.getElapsedTime().toNanos() / 1e9).append('\n');
            }
        });
        return Response.ok(out.toString()).header("Cache-Control", "no-store").build();
    }

    private static void write(StringBuilder out, String name, String type, String help, Object value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(value).append('\n');
    }
}
