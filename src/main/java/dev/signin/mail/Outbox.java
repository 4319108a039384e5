package dev.signin.mail;

import dev.signin.auth.SecurityEvent;
import dev.signin.config.SealedValue;
import dev.signin.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes mails to the outbox table, in the caller's transaction: a mail that carries a token is
 * stored, or not, with the token. {@link MailSender} sends them afterwards. The body is sealed
 * with the app's secret: a link in it is as good as a password until it is used or expires.
 */
@ApplicationScoped
public class Outbox {

    /** The key the bodies are sealed with, derived from the secret for this purpose alone. */
    static final String SEAL_PURPOSE = "mail-outbox";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "signin")
    EntityManager em;

    @Inject
    Settings settings;

    @Inject
    Event<SecurityEvent> events;

    Clock clock = Clock.systemUTC();
    private SealedValue seal;

    @PostConstruct
    void init() {
        seal = new SealedValue(settings.secretKeys(), SEAL_PURPOSE);
    }

    /** Whether mail goes anywhere: without it the pages that need mail are not offered. */
    public boolean enabled() {
        return settings.mail().enabled();
    }

    /** An absolute link to a path of the app, from signin.base-url (never the request's Host). */
    public String link(String appPath) {
        return settings.mail().link(appPath);
    }

    /** Adds a mail, in the current transaction (or one of its own); does nothing when mail is off. */
    @Transactional
    public void add(Mail mail, Long userId) {
        if (!enabled()) {
            return;
        }
        String id = newId();
        Instant now = clock.instant();
        em.createNativeQuery("INSERT INTO mail_outbox (id, kind, recipient, subject, body, created_at, next_attempt_at, "
                        + "discard_after, attempts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)")
                .setParameter(1, id)
                .setParameter(2, mail.kind())
                .setParameter(3, mail.recipient())
                .setParameter(4, mail.subject())
                .setParameter(5, seal.seal(mail.body().getBytes(StandardCharsets.UTF_8), id))
                .setParameter(6, OutboxSender.at(now))
                .setParameter(7, OutboxSender.at(now))
                .setParameter(8, OutboxSender.at(now.plus(mail.worthSending())))
                .executeUpdate();
        events.fire(new SecurityEvent(SecurityEvent.Kind.MAIL_QUEUED, now, userId, null, "-", null));
    }

    /** Opens a sealed body for the sender. */
    Optional<String> open(String sealed, String id) {
        return seal.open(sealed, id).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static String newId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
