package dev.signin.auth.session;

/** A short, human name for a User-Agent header: "Chrome on Linux". Good enough to tell sessions apart. */
public final class BrowserName {

    private BrowserName() {
    }

    public static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown browser";
        }
        String browser = browser(userAgent);
        String system = system(userAgent);
        return system == null ? browser : browser + " on " + system;
    }

    private static String browser(String ua) {
        if (ua.contains("Edg/")) return "Edge";
        if (ua.contains("OPR/")) return "Opera";
        if (ua.contains("Firefox/")) return "Firefox";
        if (ua.contains("HeadlessChrome/")) return "Headless Chrome";
        if (ua.contains("Chromium/")) return "Chromium";
        if (ua.contains("Chrome/")) return "Chrome";
        if (ua.contains("Safari/") && ua.contains("Version/")) return "Safari";
        if (ua.startsWith("curl/")) return "curl";
        if (ua.startsWith("Java-http-client/") || ua.startsWith("Java/")) return "Java HTTP client";
        return "Other browser";
    }

    private static String system(String ua) {
        if (ua.contains("Android")) return "Android";
        if (ua.contains("iPhone") || ua.contains("iPad")) return "iOS";
        if (ua.contains("Windows")) return "Windows";
        if (ua.contains("Mac OS X")) return "macOS";
        if (ua.contains("CrOS")) return "ChromeOS";
        if (ua.contains("Linux")) return "Linux";
        return null;
    }
}
