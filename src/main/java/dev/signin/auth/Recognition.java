package dev.signin.auth;

import dev.signin.auth.SecurityEvent.Kind;
import dev.signin.auth.session.Client;
import dev.signin.auth.session.Client.SessionHandle;
import dev.signin.auth.session.Credentials;
import dev.signin.auth.session.RememberMeToken;
import dev.signin.auth.session.SessionCookies;
import dev.signin.auth.session.SessionRegistry;
import dev.signin.users.User;
import dev.signin.users.UserRepository;

import java.util.Optional;

/**
 * Who the caller of a request is, from its session or its remember-me cookie.
 * {@link Authentication} makes it and hands {@link #recognise} on.
 */
final class Recognition {

    private final Authentication authentication;
    private final SessionRegistry sessions;
    private final UserRepository users;
    private final Credentials credentials;
    private final SessionCookies cookies;

    Recognition(Authentication authentication, SessionRegistry sessions, UserRepository users, Credentials credentials,
                SessionCookies cookies) {
        this.authentication = authentication;
        this.sessions = sessions;
        this.users = users;
        this.credentials = credentials;
        this.cookies = cookies;
    }

    /**
     * The user of a session the registry still holds valid, or else the bearer of a valid
     * remember-me cookie (who gets a new session).
     */
    Optional<User> recognise(Client caller) {
        Optional<User> user = caller.session().flatMap(handle -> fromSession(caller, handle));
        if (user.isEmpty()) {
            user = fromRememberMeCookie(caller);
        }
        user.ifPresent(caller::recognised);
        return user;
    }

    private Optional<User> fromSession(Client caller, SessionHandle handle) {
        if (!sessions.isValid(handle.key(), handle.userId())) {
            caller.endSession();
            return Optional.empty();
        }
        Optional<User> user = users.findById(handle.userId());
        if (user.isEmpty()) {
            sessions.end(handle.key(), SessionRegistry.Reason.ACCOUNT_GONE);
            caller.endSession();
        }
        return user;
    }

    private Optional<User> fromRememberMeCookie(Client caller) {
        if (caller.cookie(Authentication.REMEMBER_ME_COOKIE).isEmpty()) {
            return Optional.empty();
        }
        Optional<RememberMeToken.Claims> claims = cookies.rememberMe(caller);
        Optional<Credentials.Started> started = claims.flatMap(c -> credentials.startSession(c.userId(),
                user -> user.getTokenVersion() == c.tokenVersion(), caller.address(), caller.userAgent()));
        if (started.isEmpty()) {
            caller.removeCookie(Authentication.REMEMBER_ME_COOKIE); // tampered, expired or revoked
            return Optional.empty();
        }
        long userId = claims.get().userId();
        caller.startSession(new SessionHandle(userId, started.get().key()));
        authentication.fire(caller, Kind.SIGN_IN_REMEMBERED, userId, null);
        return users.findById(userId);
    }
}
