package dev.signin.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The user store: JPA over the app's data source. */
@ApplicationScoped
public class UserRepository {

    @PersistenceContext(unitName = "signin")
    EntityManager em;

    public Optional<User> findById(long id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    public Optional<User> findByUsername(String username) {
        return em.createQuery("select u from User u where u.usernameKey = :key", User.class)
                .setParameter("key", User.keyOf(username))
                .getResultStream()
                .findFirst();
    }

    /** Creates the account; {@link UsernameTakenException} when the name is taken, even in a race. */
    @Transactional
    public User create(String username, String displayName, String passwordHash) {
        if (findByUsername(username).isPresent()) {
            throw new UsernameTakenException(username);
        }
        User user = new User(username, displayName, passwordHash, OffsetDateTime.now(ZoneOffset.UTC));
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                // The unique index on username_key won a concurrent sign-up.
                throw new UsernameTakenException(username);
            }
            throw e;
        }
        return user;
    }

    /** SQLSTATE 23505 (unique violation) is the same on H2 and PostgreSQL. */
    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Transactional
    public void updatePasswordHash(long id, String passwordHash) {
        findById(id).ifPresent(u -> u.setPasswordHash(passwordHash));
    }

    @Transactional
    public void updateProfile(long id, String displayName, String about) {
        findById(id).ifPresent(u -> {
            u.setDisplayName(displayName);
            u.setAbout(about);
        });
    }

    @Transactional
    public void changePassword(long id, String passwordHash) {
        findById(id).ifPresent(u -> u.setPasswordHash(passwordHash));
    }

    /** Removes the account and all that belongs to it (today: the users row). */
    @Transactional
    public void delete(long id) {
        findById(id).ifPresent(em::remove);
    }

    /** Invalidates every remember-me cookie of the user. */
    @Transactional
    public void raiseTokenVersion(long id) {
        findById(id).ifPresent(User::raiseTokenVersion);
    }
}
