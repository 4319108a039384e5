package dev.signin.web.requests;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.inject.Inject;
import org.jboss.weld.context.http.Http;
import org.jboss.weld.context.http.HttpRequestContext;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every request body is read whole before the app sees the request, without a request thread
 * waiting for it: the container's non-blocking I/O collects the bytes as they come, and only then is
 * the request dispatched again (an ASYNC dispatch) with its body in memory. A slow sender (a byte
 * every few seconds, as a slow-POST attack sends) so holds no thread, where before a few hundred
 * of them held all the request threads and no page was answered. A body that has not arrived by its
 * deadline ({@link BodyReader#deadline}: 10 s and 1 s per KiB) is answered 408, and its connection
 * closed. Mapped after the cheap refusals (RefusedRequests, RequestSizeLimit) and before Jersey, for
 * requests and their ASYNC dispatch.
 */
public class WholeBodies extends HttpFilter {

    private static final String READER = WholeBodies.class.getName() + ".reader";
    /** The container's own timeout of the wait, a little after ours: should our timer fail, the wait still ends. */
    private static final Duration CONTAINER_SLACK = Duration.ofSeconds(5);

    @Resource
    ManagedScheduledExecutorService timers;

    /** The request scope of CDI, which Payara does not start for an ASYNC dispatch: the app's beans need it. */
    @Inject
    @Http
    HttpRequestContext requestScope;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(READER) instanceof BodyReader body) {
            request.removeAttribute(READER);
            answer(body, request, response, chain);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        boolean upgrade = request.getHeader("Upgrade") != null;
        if (upgrade) {
            // The listener takes no upgrade (HTTP/1.1 only), but its HTTP layer then passes on all
            // that follows the head as the body, and closes the connection after the answer: the
            // body is read here by its Content-Length, and the client told that the connection ends.
            response.setHeader("Connection", "close");
        }
        if (!BodyReader.mayHaveBody(request.getMethod(), request.getContentLengthLong(), request.getProtocol())) {
            // An empty body of an upgrade request would be read to the end of the connection.
            boolean emptyUpgrade = upgrade && !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD");
            chain.doFilter(emptyUpgrade ? new ReadBody(request, new byte[0]) : request, response);
            return;
        }
        BodyReader body = new BodyReader(request.getContentLengthLong(), RequestSizeLimit.MAX_BODY_BYTES);
        request.setAttribute(READER, body);
        AsyncContext wait = request.startAsync();
        wait.setTimeout(body.deadline().plus(CONTAINER_SLACK).toMillis());
        ScheduledFuture<?> deadline = timers.schedule(() -> {
            if (body.expired()) {
                wait.dispatch();
            }
        }, body.deadline().toMillis(), TimeUnit.MILLISECONDS);
        wait.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                if (body.expired()) {
                    wait.dispatch();
                }
            }

            @Override
            public void onError(AsyncEvent event) {
                if (body.failed()) {
                    deadline.cancel(false);
                }
            }

            @Override
            public void onComplete(AsyncEvent event) {
                deadline.cancel(false);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // not restarted
            }
        });
        ServletInputStream in = request.getInputStream();
        in.setReadListener(new ReadListener() {
            private final byte[] buffer = new byte[8192];

            @Override
            public void onDataAvailable() throws IOException {
                while (in.isReady()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return; // onAllDataRead follows
                    }
                    if (!body.add(buffer, n)) {
                        BodyReader.Outcome outcome = body.outcome();
                        if (outcome == BodyReader.Outcome.WHOLE || outcome == BodyReader.Outcome.TOO_LARGE) {
                            decided(); // by this call, or by an earlier one: dispatch() refuses a second time
                        }
                        return;
                    }
                }
            }

            @Override
            public void onAllDataRead() {
                if (body.ended()) {
                    decided();
                }
            }

            @Override
            public void onError(Throwable failure) {
                if (body.failed()) {
                    decided();
                }
            }

            private boolean dispatched;

            private void decided() {
                deadline.cancel(false);
                if (!dispatched) {
                    dispatched = true;
                    wait.dispatch();
                }
            }
        });
    }

    /** Back in a request thread, with the body's fate decided. */
    private void answer(BodyReader body, HttpServletRequest request, HttpServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse response = new ErrorPages(request, servletResponse);
        switch (body.outcome()) {
            case WHOLE -> {
                boolean started = requestScope.associate(request);
                requestScope.activate();
                try {
                    chain.doFilter(new ReadBody(request, body.bytes()), response);
                } finally {
                    requestScope.invalidate();
                    requestScope.deactivate();
                    if (started) {
                        requestScope.dissociate(request);
                    }
                }
            }
            case TOO_SLOW -> refuse(response, HttpServletResponse.SC_REQUEST_TIMEOUT);
            case TOO_LARGE -> refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            case BROKEN -> refuse(response, HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    /**
     * A response whose errors get our error page. Payara applies the error pages of web.xml to a
     * dispatch only when it ends the request's asynchronous mode, which an ASYNC dispatch does not:
     * sendError() there would leave an empty answer. So it forwards to the error page itself, with
     * the attributes the container would set.
     */
    static final class ErrorPages extends HttpServletResponseWrapper {
        private final HttpServletRequest request;

        ErrorPages(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (isCommitted()) {
                throw new IllegalStateException("The response is committed");
            }
            setStatus(status);
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
            request.setAttribute(RequestDispatcher.ERROR_MESSAGE, message == null ? "" : message);
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
            try {
                request.getRequestDispatcher("/WEB-INF/error").forward(request, getResponse());
            } catch (ServletException e) {
                throw new IOException(e);
            }
        }
    }

    /** The rest of the body is not read: the connection cannot carry another request. */
    private static void refuse(HttpServletResponse response, int status) throws IOException {
        response.setHeader("Connection", "close");
        response.sendError(status);
    }
}
