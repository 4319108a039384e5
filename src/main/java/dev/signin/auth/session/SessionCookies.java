package dev.signin.auth.session;

import dev.signin.auth.session.Client.SessionHandle;
import dev.signin.config.Settings;
import dev.signin.users.User;
import dev.signin.users.UserRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The browser's side of a session: starting and leaving it, and the two signed cookies that
 * outlive it, remember-me (signs the browser in again) and device (makes it a known browser for
 * the throttle). Made by {@code Authentication} over the request's {@link Client}.
 */
public final class SessionCookies {

    public static final String REMEMBER_ME_COOKIE = "signin_remember";
    public static final String DEVICE_COOKIE = "signin_device";
    /** How long a browser stays known after its last successful sign-in. */
    static final Duration DEVICE_LIFETIME = Duration.ofDays(365);

    private final Client client;
    private final Settings settings;
    private final UserRepository users;
    private final Clock clock;
    private final RememberMeToken rememberMeTokens;
    private final DeviceToken deviceTokens;

    public SessionCookies(Client client, Settings settings, UserRepository users, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.users = users;
        this.clock = clock;
        rememberMeTokens = new RememberMeToken(settings.secretKeys(), clock);
        deviceTokens = new DeviceToken(settings.secretKeys(), clock);
    }

    /** The claims of the caller's remember-me cookie, if we signed it and it has not expired. */
    public Optional<RememberMeToken.Claims> rememberMe(Client caller) {
        return caller.cookie(REMEMBER_ME_COOKIE).flatMap(rememberMeTokens::verify);
    }

    /** This browser's device cookie, if we signed it and it has not expired. */
    public Optional<DeviceToken.Claims> deviceCookie() {
        return client.cookie(DEVICE_COOKIE).flatMap(deviceTokens::verify);
    }

    /** Whether a device cookie makes the browser known for this account as it is now (not revoked by a change). */
    public static boolean isFor(DeviceToken.Claims claims, User user) {
        return claims.userId() == user.getId() && claims.credentialVersion() == user.getCredentialVersion();
    }

    /**
     * A second factor was just turned on in this session: the cookies held back at its sign-in
     * (a second factor was required and there was none) come now, remember-me if it was asked for.
     */
    public void secondFactorOn(long userId) {
        client.takeHeldCookies().ifPresent(remember -> users.findById(userId).ifPresent(user -> {
            if (remember) {
                issueRememberMe(userId, user.getTokenVersion());
            }
            issueDevice(userId, user.getCredentialVersion(), deviceCookie().filter(claims -> claims.userId() == userId)
                    .map(DeviceToken.Claims::deviceId).orElseGet(DeviceToken::newDeviceId));
        }));
    }

    /**
     * The browser's side of a session that has just started: the session, and its cookies; or,
     * when a required second factor is still to be set up (hold), no cookie until it is.
     */
    public void begin(long userId, Credentials.Started started, boolean remember, Optional<DeviceToken.Claims> device, boolean hold) {
        client.startSession(new SessionHandle(userId, started.key()));
        if (hold) {
            client.holdCookies(remember);
            return;
        }
        if (remember) {
            issueRememberMe(userId, started.tokenVersion());
        }
        issueDevice(userId, started.credentialVersion(), device.map(DeviceToken.Claims::deviceId).orElseGet(DeviceToken::newDeviceId));
    }

    /** What every way of ending this browser's session leaves behind: no remember-me cookie, no session, no site data. */
    public void leave() {
        client.removeCookie(REMEMBER_ME_COOKIE);
        client.endSession();
        client.clearSiteData();
    }

    /** A browser that had a remember-me cookie keeps one, of the new token version. */
    public void renewRememberMe(long userId, int tokenVersion) {
        if (client.cookie(REMEMBER_ME_COOKIE).isPresent()) {
            issueRememberMe(userId, tokenVersion);
        }
    }

    /** A known browser stays known after its own change of credentials. */
    public void renewDevice(long userId, int credentialVersion) {
        deviceCookie().filter(claims -> claims.userId() == userId)
                .ifPresent(claims -> issueDevice(userId, credentialVersion, claims.deviceId()));
    }

    private void issueRememberMe(long userId, int tokenVersion) {
        Duration lifetime = settings.rememberMe();
        client.setCookie(REMEMBER_ME_COOKIE, rememberMeTokens.sign(
                new RememberMeToken.Claims(userId, tokenVersion, clock.instant().plus(lifetime))), lifetime);
    }

    private void issueDevice(long userId, int credentialVersion, String deviceId) {
        client.setCookie(DEVICE_COOKIE, deviceTokens.sign(
                new DeviceToken.Claims(userId, credentialVersion, deviceId, clock.instant().plus(DEVICE_LIFETIME))), DEVICE_LIFETIME);
    }
}
