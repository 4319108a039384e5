package dev.signin.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Payara Micro that sends mail, to a real SMTP server in the test JVM (GreenMail), for the mail
 * tests: booted once for the run like {@link TestServer}'s, with signin.base-url
 * {@code http://localhost:<port>}, a sender that looks every second and retries after a second.
 * Take a {@link PayaraMicro}, a {@link Browser} or the {@link Mailbox} as a test parameter.
 * In a class whose PayaraMicro comes from another extension (BrowserIT's {@link TestServer}),
 * register it with {@code @ExtendWith(MailServer.class)} instead of {@code @Shared}: it then gives
 * the Mailbox only, and {@link Mailbox#server()} is the server that mails to it.
 */
public class MailServer implements BeforeAllCallback, ParameterResolver, TestWatcher {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @ExtendWith(MailServer.class)
    public @interface Shared {
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MailServer.class);

    /** The SMTP server's side: what arrived, and stopping and starting it like an outage. */
    public static final class Mailbox {
        private final int port;
        private GreenMail smtp;
        private PayaraMicro server;

        /** A running SMTP server on a free port of 127.0.0.1 (ClusterIT gives it to its nodes). */
        public Mailbox() {
            this(freePort());
        }

        Mailbox(int port) {
            this.port = port;
            start();
        }

        public int port() {
            return port;
        }

        /** The Payara Micro of {@link MailServer} that mails here. */
        public PayaraMicro server() {
            return server;
        }

        public synchronized void start() {
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }

        public synchronized void stop() {
            smtp.stop();
        }

        /** The mails received for this address so far. */
        public synchronized List<MimeMessage> to(String address) {
            return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipients(m).contains(address.toLowerCase())).toList();
        }

        /** Waits until this many mails for the address have come whose subject contains the words; the last of them. */
        public MimeMessage await(String address, String subject, int count, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<MimeMessage> mails = to(address).stream().filter(m -> subject(m).contains(subject)).toList();
                if (mails.size() >= count) {
                    return mails.get(count - 1);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no mail '" + subject + "' (" + count + ") for " + address + " within " + timeout
                            + "; there are " + to(address).stream().map(Mailbox::subject).toList());
                }
                Concurrently.sleep(100);
            }
        }

        public MimeMessage await(String address, String subject) {
            return await(address, subject, 1, Duration.ofSeconds(30));
        }

        public static String subject(MimeMessage message) {
            try {
                return message.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public static String body(MimeMessage message) {
            try {
                return message.getContent().toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The first link in the mail. */
        public static String link(MimeMessage message) {
            Matcher link = Pattern.compile("https?://\\S+").matcher(body(message));
            if (!link.find()) {
                throw new AssertionError("no link in:\n" + body(message));
            }
            return link.group();
        }

        private static String recipients(MimeMessage message) {
            try {
                return Arrays.toString(message.getAllRecipients()).toLowerCase();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Running(PayaraMicro server, Mailbox mailbox) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
            mailbox.stop();
        }
    }

    static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("mail-server", key -> {
            int smtpPort = freePort();
            Mailbox mailbox = new Mailbox(smtpPort);
            PayaraMicro server = PayaraMicro.production("mail");
            server.withEnvironment("SIGNIN_MAIL_HOST", "127.0.0.1")
                    .withEnvironment("SIGNIN_MAIL_PORT", Integer.toString(smtpPort))
                    .withEnvironment("SIGNIN_MAIL_TLS", "none")
                    .withEnvironment("SIGNIN_MAIL_FROM", "signin@mail.test")
                    .withEnvironment("SIGNIN_BASE_URL", "http://localhost:" + server.port())
                    .withEnvironment("SIGNIN_MAIL_POLL_SECONDS", "1")
                    .withEnvironment("SIGNIN_MAIL_RETRY_SECONDS", "1");
            server.start();
            mailbox.server = server;
            return new Running(server, mailbox);
        }, Running.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        boolean shared = context.getTestClass().map(c -> c.isAnnotationPresent(Shared.class)).orElse(false);
        return type == Mailbox.class || shared && (type == PayaraMicro.class || type == Browser.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = running(context);
        Class<?> type = parameter.getParameter().getType();
        return type == PayaraMicro.class ? running.server() : type == Mailbox.class ? running.mailbox() : new Browser(running.server().uri(""));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.err.println("----- " + context.getDisplayName() + " failed; the last lines of the mail server's Payara Micro log:\n"
                + running(context).server().logTail(120) + "\n----- end of server log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
