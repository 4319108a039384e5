package dev.signin.account;

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

    @Column(name = "username", nullable = false, length = 32)
    private String username;

    /** The username in lower case: unique, so that "Ada" and "ada" cannot both exist. */
    @Column(name = "username_key", nullable = false, length = 32, unique = true)
    private String usernameKey;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "about", nullable = false, length = 500)
    private String about = "";

    /** Raised at sign-out and password change: every remember-me cookie signed for an older value stops working. */
    @Column(name = "token_version", nullable = false)
    private int tokenVersion;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

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

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

}
