package dev.signin.auth.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One signed-in session of a user, as the registry knows it. Its id is random and is not the
 * container's session id: the list of sessions never shows or stores a session cookie.
 */
@Entity
@Table(name = "user_sessions")
public class UserSession {

    static final int MAX_USER_AGENT = 300;
    /** The longest key a session has (they are 32 characters); anything longer is no key of ours. */
    public static final int MAX_KEY = 64;

    @Id
    @Column(name = "id", length = MAX_KEY)
    private String id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;

    @Column(name = "last_seen_at", nullable = false)
    private OffsetDateTime lastSeenAt;

    @Column(name = "client_address", nullable = false, length = 64)
    private String clientAddress;

    @Column(name = "user_agent", nullable = false, length = MAX_USER_AGENT)
    private String userAgent;

    @Column(name = "ended_at")
    private OffsetDateTime endedAt;

    @Column(name = "end_reason", length = 32)
    private String endReason;

    protected UserSession() {
    }

    UserSession(String id, long userId, Instant now, String clientAddress, String userAgent) {
        this.id = id;
        this.userId = userId;
        this.startedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        this.lastSeenAt = startedAt;
        this.clientAddress = clientAddress;
        this.userAgent = userAgent;
    }

    public String getId() {
        return id;
    }

    public long getUserId() {
        return userId;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getLastSeenAt() {
        return lastSeenAt;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getUserAgent() {
        return userAgent;
    }

    /** "Firefox on Windows" and the like, for the list of sessions. */
    public String getBrowser() {
        return BrowserName.of(userAgent);
    }

    public boolean isEnded() {
        return endedAt != null;
    }

    void seen(Instant now) {
        lastSeenAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    }

    void end(Instant now, String reason) {
        if (endedAt == null) {
            endedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            endReason = reason;
        }
    }
}
