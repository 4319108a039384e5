package dev.signin.users;

import dev.signin.database.UniqueViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    /** The accounts whose verified address this is (an address may belong to a few), at most five. */
    public List<User> findByVerifiedEmail(String email) {
        return em.createQuery("select u from User u where u.emailKey = :key and u.emailVerified = true order by u.id", User.class)
                .setParameter("key", User.keyOfEmail(email))
                .setMaxResults(5)
                .getResultList();
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
            if (UniqueViolation.isCause(e)) {
                // The unique index on username_key won a concurrent sign-up.
                throw new UsernameTakenException(username);
            }
            throw e;
        }
        return user;
    }

    /**
     * Stores a stronger hash of the same password, unless the password changed meanwhile (then the
     * upgrade of the old one must not bring it back).
     */
    @Transactional
    public void upgradePasswordHash(long id, String checkedHash, String strongerHash) {
        em.createQuery("update User u set u.passwordHash = :stronger where u.id = :id and u.passwordHash = :checked")
                .setParameter("stronger", strongerHash)
                .setParameter("id", id)
                .setParameter("checked", checkedHash)
                .executeUpdate();
    }

    @Transactional
    public void updateProfile(long id, String displayName, String about) {
        findById(id).ifPresent(u -> {
            u.setDisplayName(displayName);
            u.setAbout(about);
        });
    }
}
