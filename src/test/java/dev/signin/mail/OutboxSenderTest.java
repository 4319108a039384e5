package dev.signin.mail;

import dev.signin.testing.MovableClock;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.signin.config.MailSettings;
import dev.signin.config.Mode;
import dev.signin.config.SealedValue;
import dev.signin.config.SecretKeys;
import jakarta.mail.internet.MimeMessage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox sender against a real SMTP server (GreenMail) and the real schema (Flyway's
 * migrations on H2): an outage loses nothing and sends nothing twice, and two nodes sending from
 * one table at the same moment send each mail once.
 */
class OutboxSenderTest {

    private static final String SECRET = "outbox-test-secret-0123456789-abcdefghijklmn";

    @TempDir
    Path dataDir;

    private DataSource database;
    private GreenMail smtp;
    private int port;
    private SealedValue seal;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        h2.setUser("signin");
        h2.setPassword("signin");
        database = h2;
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        seal = new SealedValue(SecretKeys.load(Mode.PRODUCTION, Optional.of(SECRET), List.of(), dataDir), Outbox.SEAL_PURPOSE);
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
    }

    @Test
    void anOutageLosesNothingAndTheMailsGoOutOnceWhenTheServerIsBack() throws Exception {
        smtp.stop();
        for (int i = 0; i < 5; i++) {
            add("to" + i + "@example.org", "Mail " + i);
        }
        OutboxSender sender = sender("node-a");

        assertEquals(0, sender.sendDue(), "nothing can be sent while the SMTP server is down");
        assertEquals(5, count("attempts = 1 AND sent_at IS NULL AND claimed_by IS NULL AND next_attempt_at > ?", clock.instant()),
                "every mail is kept, its attempt counted and its next one later");
        assertEquals(5, events.stream().filter(e -> e.startsWith("failed")).count());

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertEquals(0, sender.sendDue(), "not before its wait is over");
        clock.advance(Duration.ofSeconds(10));

        assertEquals(5, sender.sendDue());
        assertEquals(0, sender.sendDue(), "sent mails are not sent again");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(0, sender.sendDue());

        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(5, received.length);
        assertEquals(List.of("to0@example.org", "to1@example.org", "to2@example.org", "to3@example.org", "to4@example.org"),
                Arrays.stream(received).map(OutboxSenderTest::recipient).sorted().toList());
        assertEquals(5, count("sent_at IS NOT NULL AND body IS NULL AND attempts = 2", null),
                "a sent mail's body, which may hold a link, is not kept");
    }

    @Test
    void twoNodesSendingAtOnceSendEachMailOnce() throws Exception {
        int mails = 60;
        for (int i = 0; i < mails; i++) {
            add("user" + i + "@example.org", "Mail " + i);
        }
        List<OutboxSender> nodes = List.of(sender("node-a"), sender("node-b"), sender("node-c"));
        CyclicBarrier together = new CyclicBarrier(nodes.size());
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (OutboxSender node : nodes) {
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        together.await();
                        sent.addAndGet(node.sendDue());
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        MimeMessage[] received = smtp.getReceivedMessages();
        Map<String, Long> perId = Arrays.stream(received).map(OutboxSenderTest::messageId)
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        System.out.println("three nodes: " + sent.get() + " sent, " + received.length + " received, "
                + perId.size() + " distinct Message-IDs");
        assertEquals(mails, sent.get());
        assertEquals(mails, received.length, "each mail once: " + perId);
        assertEquals(mails, perId.size());
        assertEquals(mails, count("sent_at IS NOT NULL", null));
    }

    /** The same on PostgreSQL (the one on 127.0.0.1:5432, in a schema of its own), where a cluster keeps its outbox. */
    @Test
    void threeNodesSendingAtOnceSendEachMailOnceOnPostgres() throws Exception {
        String schema = "outbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        org.postgresql.ds.PGSimpleDataSource postgres = new org.postgresql.ds.PGSimpleDataSource();
        postgres.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        postgres.setUser("postgres");
        postgres.setCurrentSchema(schema);
        postgres.setConnectTimeout(3);
        try (Connection probe = postgres.getConnection()) {
            probe.isValid(2);
        } catch (java.sql.SQLException e) {
            org.junit.jupiter.api.Assumptions.abort("no PostgreSQL on 127.0.0.1:5432: " + e.getMessage());
        }
        Flyway.configure().dataSource(postgres).schemas(schema).locations("classpath:db/migration").load().migrate();
        database = postgres;
        try {
            twoNodesSendingAtOnceSendEachMailOnce();
        } finally {
            try (Connection c = postgres.getConnection()) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aMailNoLongerWorthSendingIsGivenUpNotSent() throws Exception {
        smtp.stop();
        add("late@example.org", "Reset link", Duration.ofMinutes(30));
        OutboxSender sender = sender("node-a");
        assertEquals(0, sender.sendDue());
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        clock.advance(Duration.ofMinutes(31));

        assertEquals(0, sender.sendDue());
        assertEquals(0, smtp.getReceivedMessages().length);
        assertEquals(1, count("gave_up_at IS NOT NULL AND body IS NULL AND sent_at IS NULL", null));
        assertTrue(events.contains("gaveUp expired"), events.toString());
    }

    @Test
    void theWaitsDoubleUpToFifteenMinutes() {
        OutboxSender sender = sender("node-a");
        assertEquals(Duration.ofSeconds(10), sender.backoff(1));
        assertEquals(Duration.ofSeconds(20), sender.backoff(2));
        assertEquals(Duration.ofSeconds(80), sender.backoff(4));
        assertEquals(Duration.ofMinutes(15), sender.backoff(8));
        assertEquals(Duration.ofMinutes(15), sender.backoff(1000));
    }

    @Test
    void theMailIsPlainUtf8TextFromTheConfiguredSenderWithAStableMessageId() throws Exception {
        add("ada@example.org", "Grüße", Duration.ofDays(1));
        sender("node-a").sendDue();
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertEquals("Grüße", message.getSubject());
        assertEquals("noreply@signin.example", message.getFrom()[0].toString());
        assertTrue(message.getContentType().startsWith("text/plain; charset=UTF-8"), message.getContentType());
        assertTrue(((String) message.getContent()).contains("Body of Grüße"));
        assertTrue(messageId(message).endsWith("@signin>"), messageId(message));
    }

    private OutboxSender sender(String node) {
        SmtpDelivery delivery = new SmtpDelivery(new MailSettings.Smtp("127.0.0.1", port, MailSettings.Tls.NONE,
                Optional.empty(), Optional.empty()), "noreply@signin.example", clock);
        return new OutboxSender(database, delivery,
                (sealed, id) -> seal.open(sealed, id).map(bytes -> new String(bytes, StandardCharsets.UTF_8)),
                new OutboxSender.Listener() {
                    @Override
                    public synchronized void sent(OutboxSender.Outgoing mail, int attempts) {
                        events.add("sent " + mail.recipient());
                    }

                    @Override
                    public synchronized void failed(OutboxSender.Outgoing mail, int attempts, Exception error) {
                        events.add("failed " + mail.recipient());
                    }

                    @Override
                    public synchronized void gaveUp(String id, String kind, String why) {
                        events.add("gaveUp " + why);
                    }
                }, clock, node, Duration.ofSeconds(10));
    }

    private void add(String recipient, String subject) throws Exception {
        add(recipient, subject, Duration.ofDays(7));
    }

    /** A row as Outbox.add writes it (that one runs in the server's JTA transaction). */
    private void add(String recipient, String subject, Duration worth) throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        try (Connection c = database.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO mail_outbox (id, kind, recipient, subject, body, created_at, next_attempt_at, discard_after, attempts) "
                        + "VALUES (?, 'test', ?, ?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, id);
            insert.setString(2, recipient);
            insert.setString(3, subject);
            insert.setString(4, seal.seal(("Body of " + subject).getBytes(StandardCharsets.UTF_8), id));
            insert.setObject(5, OutboxSender.at(clock.instant()));
            insert.setObject(6, OutboxSender.at(clock.instant()));
            insert.setObject(7, OutboxSender.at(clock.instant().plus(worth)));
            insert.executeUpdate();
        }
    }

    private int count(String where, Instant parameter) throws Exception {
        try (Connection c = database.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM mail_outbox WHERE " + where)) {
            if (parameter != null) {
                select.setObject(1, OutboxSender.at(parameter));
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
