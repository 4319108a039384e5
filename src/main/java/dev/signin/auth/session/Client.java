package dev.signin.auth.session;

import dev.signin.users.User;

import java.time.Duration;
import java.util.Optional;

/**
 * The browser on the other end of this request, as the authentication core sees it: where it
 * is, what it sent, and what it keeps (the container's session, cookies). The web edge
 * implements it over the servlet request and response, so that {@link Authentication} needs
 * neither and is tested without a server.
 */
public interface Client {

    /** A signed-in session as the container keeps it: the user's id and the session's key in the registry. */
    public record SessionHandle(long userId, String key) {
    }

    /** The client's address (behind trusted proxies, the forwarded one). */
    String address();

    /** The User-Agent header, or empty. */
    String userAgent();

    /** The signed-in session this browser holds, if any. */
    Optional<SessionHandle> session();

    /** The container's session id, if there is a session (only ever logged as a hash). */
    Optional<String> sessionId();

    /** Continues under a new session id (no fixation), which from now on holds this signed-in session (and no waiting sign-in). */
    void startSession(SessionHandle handle);

    /**
     * Keeps a sign-in that waits for its second step, in a session of its own (a new id; no user in
     * it, so nobody is signed in by it). Replaces any other waiting sign-in.
     */
    void holdPendingSignIn(PendingSignIn pending);

    /** The sign-in waiting for its second step in this browser, if any (expired or not). */
    Optional<PendingSignIn> pendingSignIn();

    /** Forgets the waiting sign-in; a session that held nothing else ends. */
    void dropPendingSignIn();

    /**
     * Notes in this signed-in session that its remember-me and device cookies wait until a
     * required second factor is set up, and whether remember-me was asked for.
     */
    void holdCookies(boolean rememberMe);

    /** The cookies held by {@link #holdCookies}, once (true: remember-me was asked for); empty if none are held. */
    Optional<Boolean> takeHeldCookies();

    /** Ends the container's session. */
    void endSession();

    Optional<String> cookie(String name);

    /** Sets a cookie for the whole site, HttpOnly, SameSite=Lax, Secure and __Host- over HTTPS. */
    void setCookie(String name, String value, Duration maxAge);

    void removeCookie(String name);

    /** Tells the browser to drop what the site cached or stored (not the cookies: those go one by one). */
    void clearSiteData();

    /** Remembers, for the rest of this request, whom the request was recognised as. */
    void recognised(User user);

    /** Whom this request was recognised as, if anyone. */
    Optional<User> recognised();
}
