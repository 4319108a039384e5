package dev.signin.mail;

import dev.signin.auth.SecurityEvent;
import dev.signin.config.MailSettings;
import dev.signin.config.Settings;
import dev.signin.database.DatabaseReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the {@link OutboxSender} on every node, every signin.mail.poll-seconds, from the moment
 * the schema is ready: to the SMTP server, or in dev mode without one to .eml files under the data
 * directory. With mail off it does nothing.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class.getName());

    @Resource(lookup = "java:app/jdbc/signin")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    Settings settings;

    @Inject
    Outbox outbox;

    @Inject
    Event<SecurityEvent> events;

    private ScheduledFuture<?> task;

    void start(@Observes DatabaseReady ready) {
        MailSettings mail = settings.mail();
        if (!mail.enabled()) {
            LOG.info("Mail is off (no signin.mail.host): password reset by mail and e-mail addresses are not offered");
            return;
        }
        Clock clock = Clock.systemUTC();
        OutboxSender.Delivery delivery = mail.smtp()
                .<OutboxSender.Delivery>map(smtp -> new SmtpDelivery(smtp, mail.from(), clock))
                .orElseGet(() -> new EmlFiles(settings.dataDir().resolve("mail"), mail.from(), clock));
        OutboxSender sender = new OutboxSender(dataSource, delivery, outbox::open, new Reporter(), clock,
                ManagementFactory.getRuntimeMXBean().getName(), mail.firstRetry());
        task = executor.scheduleWithFixedDelay(() -> {
            try {
                sender.sendDue();
            } catch (Exception | LinkageError e) {
                // The database may be away: the next round tries again (a thrown task would never run again).
                LOG.log(Level.WARNING, "Could not send the outbox's mail: " + e);
            }
        }, mail.poll().toMillis(), mail.poll().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(mail.smtp().map(s -> "Mail goes to " + s.host() + ":" + s.port() + " (" + s.tls().name().toLowerCase() + ")")
                .orElse("Mail goes to .eml files in " + settings.dataDir().resolve("mail").toAbsolutePath().normalize())
                + "; links start with " + mail.baseUrl());
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Each attempt's end as a security event, for the audit log and the metrics; nothing of the body. */
    private final class Reporter implements OutboxSender.Listener {
        @Override
        public void sent(OutboxSender.Outgoing mail, int attempts) {
            fire(SecurityEvent.Kind.MAIL_SENT);
        }

        @Override
        public void failed(OutboxSender.Outgoing mail, int attempts, Exception error) {
            LOG.warning("Mail " + mail.id() + " (" + mail.kind() + ") not sent, attempt " + attempts + ": " + error);
            fire(SecurityEvent.Kind.MAIL_FAILED);
        }

        @Override
        public void gaveUp(String id, String kind, String why) {
            LOG.warning("Mail " + id + " (" + kind + ") given up: " + why);
            fire(SecurityEvent.Kind.MAIL_GIVEN_UP);
        }

        private void fire(SecurityEvent.Kind kind) {
            events.fire(new SecurityEvent(kind, java.time.Instant.now(), null, null, "-", null));
        }
    }
}
