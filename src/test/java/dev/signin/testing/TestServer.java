package dev.signin.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives integration tests the shared Payara Micro: booted once for the whole test run (JUnit's
 * root store), stopped when the run ends, its log printed under any failing test.
 * Use {@code @TestServer.Shared} on a class and take a {@link PayaraMicro} or a {@link Browser}
 * as a test parameter.
 */
public class TestServer implements BeforeAllCallback, ParameterResolver, TestWatcher {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @ExtendWith(TestServer.class)
    public @interface Shared {
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestServer.class);

    /** Closed by JUnit when the whole run ends. */
    private record Running(PayaraMicro server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    static PayaraMicro server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("server", key -> {
            PayaraMicro server = PayaraMicro.production("shared");
            server.start();
            return new Running(server);
        }, Running.class).server();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PayaraMicro.class || type == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PayaraMicro server = server(context);
        return parameter.getParameter().getType() == PayaraMicro.class ? server : new Browser(server.uri(""));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        PayaraMicro server = server(context);
        System.err.println("----- " + context.getDisplayName() + " failed; the last lines of the Payara Micro log:\n"
                + server.logTail(120) + "\n----- end of server log");
    }
}
