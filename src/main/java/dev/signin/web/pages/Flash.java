package dev.signin.web.pages;

import dev.signin.config.Settings;
import dev.signin.web.session.Cookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.util.Map;
import java.util.Optional;

/**
 * A notice shown once on the page after a redirect ("Your password has been changed"), then gone.
 * A signed-in user's waits in the session (a String: Serializable, so it survives replication).
 * One for a visitor without a session (signed out, account deleted) must not make one: it waits
 * in a short-lived cookie that names one of the few notices such a page shows (only a name, so
 * nobody can put text of their own on our pages with it).
 */
final class Flash {

    static final String ATTRIBUTE = "signin.flash";
    static final String COOKIE = "signin_notice";
    static final Map<String, String> WITHOUT_SESSION = Map.of(
            "signed-out", "You have been signed out.",
            "account-deleted", "Your account has been deleted.",
            "code-expired", "Your sign-in took too long. Please sign in again.",
            "password-reset", "Your password has been reset and every session of your account has ended. Sign in with the new password.");
    private static final int COOKIE_SECONDS = 60;

    private Flash() {
    }

    /** Leaves a notice for the next page. */
    static void put(HttpServletRequest request, HttpServletResponse response, Settings settings, String notice) {
        HttpSession session = request.getSession(false);
        Optional<String> name = WITHOUT_SESSION.entrySet().stream()
                .filter(e -> e.getValue().equals(notice)).map(Map.Entry::getKey).findFirst();
        if (session == null && name.isPresent()) {
            response.addCookie(Cookies.of(request, settings, COOKIE, name.get(), COOKIE_SECONDS));
        } else {
            request.getSession(true).setAttribute(ATTRIBUTE, notice);
        }
    }

    /** The notice, removed so that a reload does not show it again. */
    static String take(HttpServletRequest request, HttpServletResponse response, Settings settings) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ATTRIBUTE) instanceof String notice) {
            session.removeAttribute(ATTRIBUTE);
            return notice;
        }
        Optional<String> name = Cookies.value(request, settings, COOKIE);
        if (name.isPresent() && response != null) {
            response.addCookie(Cookies.of(request, settings, COOKIE, "", 0));
        }
        return name.map(WITHOUT_SESSION::get).orElse(null);
    }
}
