package dev.signin.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Locale;

/** A user account. The schema is Flyway's (db/migration), not generated from this class. */
@Entity
@Table(name = "users")
public class User {

    // A sequence, not IDENTITY: portable across H2 2.x and PostgreSQL with EclipseLink.
    @Id
    @SequenceGenerator(name = "users_id", sequenceName = "users_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "users_id")
    private Long id;

    @Column(name = "username", nullable = false, length = MAX_USERNAME)
    private String username;

    /** The username in lower case: unique, so that "Ada" and "ada" cannot both exist. */
    @Column(name = "username_key", nullable = false, length = MAX_USERNAME, unique = true)
    private String usernameKey;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "about", nullable = false, length = 500)
    private String about = "";

    /** Raised at sign-out and with the credential version: every remember-me cookie signed for an older value stops working. */
    @Column(name = "token_version", nullable = false)
    private int tokenVersion;

    /**
     * Raised when the password changes or the user ends all other sessions: a sign-in that checked
     * the password against an older value may not start a session, and device cookies of an older
     * value stop working.
     */
    @Column(name = "credential_version", nullable = false)
    private int credentialVersion;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    /** The authenticator-app key, sealed with the app's secret; null while two-step verification is off. */
    @Column(name = "totp_secret", length = 200)
    private String totpSecret;

    /** A key being set up (shown, not yet confirmed with a code), sealed like the key. */
    @Column(name = "totp_pending", length = 200)
    private String totpPending;

    /** The time step of the last code accepted: changed only by SecondFactors' conditional UPDATE. */
    @Column(name = "totp_last_step", nullable = false)
    private long totpLastStep;

    /** An e-mail address (optional), as typed; see {@link #keyOfEmail} for look-ups. */
    @Column(name = "email", length = MAX_EMAIL)
    private String email;

    @Column(name = "email_key", length = MAX_EMAIL)
    private String emailKey;

    /** Whether the owner followed the link mailed to the address: only a verified one gets reset links. */
    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified;

    /** RFC 5321's limit on a path, the longest address that can be delivered. */
    public static final int MAX_EMAIL = 254;

    protected User() {
        // for JPA
    }

    public User(String username, String displayName, String passwordHash, OffsetDateTime createdAt) {
        this.username = username;
        this.usernameKey = keyOf(username);
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    /** A username's length: sign-up allows these, and no longer one is ever looked up. */
    public static final int MIN_USERNAME = 3;
    public static final int MAX_USERNAME = 32;

    /** How much of an attempted username is kept (shown again in the form, logged, counted): a username is never longer. */
    public static final int MAX_ATTEMPTED = 64;

    /** An attempted username as the app keeps it: without surrounding spaces, at most {@value #MAX_ATTEMPTED} characters. */
    public static String attempted(String username) {
        String stripped = username == null ? "" : username.strip();
        return stripped.length() > MAX_ATTEMPTED ? stripped.substring(0, MAX_ATTEMPTED) : stripped;
    }

    /** The form of a username that uniqueness and look-ups use. */
    public static String keyOf(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getAbout() {
        return about;
    }

    public void setAbout(String about) {
        this.about = about;
    }

    public int getTokenVersion() {
        return tokenVersion;
    }

    public void raiseTokenVersion() {
        tokenVersion++;
    }

    public int getCredentialVersion() {
        return credentialVersion;
    }

    /** The credentials changed: older sign-ins in progress, remember-me and device cookies are all void. */
    public void raiseCredentialVersion() {
        credentialVersion++;
        tokenVersion++;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    /** Whether a second step (an authenticator-app code) is needed to sign in. */
    public boolean isTwoStep() {
        return totpSecret != null;
    }

    public String getTotpSecret() {
        return totpSecret;
    }

    public String getTotpPending() {
        return totpPending;
    }

    public long getTotpLastStep() {
        return totpLastStep;
    }

    public void setTotpPending(String sealed) {
        this.totpPending = sealed;
    }

    /** Turns two-step verification on with this (sealed) key, the step of the code that confirmed it used up. */
    public void enableTotp(String sealed, long usedStep) {
        this.totpSecret = sealed;
        this.totpPending = null;
        this.totpLastStep = usedStep;
    }

    public String getEmail() {
        return email;
    }

    public boolean isEmailVerified() {
        return email != null && emailVerified;
    }

    /** A new address, unverified until its link is followed; null removes it. */
    public void setEmail(String email) {
        this.email = email;
        this.emailKey = email == null ? null : keyOfEmail(email);
        this.emailVerified = false;
    }

    public void verifyEmail() {
        this.emailVerified = email != null;
    }

    /** The form of an address that look-ups use: without surrounding spaces, in lower case. */
    public static String keyOfEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public void disableTotp() {
        this.totpSecret = null;
        this.totpPending = null;
    }

}
