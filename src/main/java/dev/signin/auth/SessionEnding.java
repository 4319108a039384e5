package dev.signin.auth;

import dev.signin.auth.Authentication.Ended;
import dev.signin.auth.SecurityEvent.Kind;
import dev.signin.auth.session.Client;
import dev.signin.auth.session.Client.SessionHandle;
import dev.signin.auth.session.Credentials;
import dev.signin.auth.session.SessionCookies;
import dev.signin.auth.session.SessionRegistry;
import dev.signin.auth.session.UserSession;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.util.Optional;

/**
 * Ending a user's sessions other than by signing out: one the user picks from the list, all the
 * others at once, and one the container dropped by itself. {@link Authentication} makes it and
 * hands these on, so that it stays the one boundary the controllers call.
 */
final class SessionEnding {

    private final Authentication authentication;
    private final Client client;
    private final SessionRegistry sessions;
    private final Credentials credentials;
    private final SessionCookies cookies;
    private final Event<SecurityEvent> events;
    private final Clock clock;

    SessionEnding(Authentication authentication, Client client, SessionRegistry sessions, Credentials credentials,
                  SessionCookies cookies, Event<SecurityEvent> events, Clock clock) {
        this.authentication = authentication;
        this.client = client;
        this.sessions = sessions;
        this.credentials = credentials;
        this.cookies = cookies;
        this.events = events;
        this.clock = clock;
    }

    /** Ends one of the user's sessions (this one signs out); its browser cannot come back through a remember-me cookie. */
    Ended endSession(String key) {
        SessionHandle handle = authentication.signedIn();
        if (key == null || key.length() > UserSession.MAX_KEY || !sessions.endOwned(handle.userId(), key, SessionRegistry.Reason.ENDED_BY_USER)) {
            return Ended.NOT_FOUND;
        }
        authentication.fire(client, Kind.SESSION_ENDED, handle.userId(), null);
        Optional<Integer> tokenVersion = credentials.revokeRememberMe(handle.userId());
        if (key.equals(handle.key())) {
            cookies.leave();
            return Ended.THIS_SESSION;
        }
        tokenVersion.ifPresent(version -> cookies.renewRememberMe(handle.userId(), version));
        return Ended.OTHER_SESSION;
    }

    /** Ends every other session of the user and voids every other cookie and sign-in in progress; how many ended. */
    int endOtherSessions() {
        SessionHandle handle = authentication.signedIn();
        Optional<Credentials.OthersEnded> ended = credentials.endOtherSessions(handle.userId(), handle.key());
        ended.ifPresent(e -> {
            cookies.renewRememberMe(handle.userId(), e.tokenVersion());
            cookies.renewDevice(handle.userId(), e.credentialVersion());
            authentication.fire(client, Kind.OTHER_SESSIONS_ENDED, handle.userId(), null);
        });
        return ended.map(Credentials.OthersEnded::count).orElse(0);
    }

    /** The container dropped a session by itself (idle timeout): marks it ended, if it was still going. */
    void expired(long userId, String key, String sessionId) {
        if (sessions.end(key, SessionRegistry.Reason.EXPIRED)) {
            events.fire(new SecurityEvent(Kind.SESSION_EXPIRED, clock.instant(), userId, null, "-", sessionId));
        }
    }
}
