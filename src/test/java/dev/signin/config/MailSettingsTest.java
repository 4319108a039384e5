package dev.signin.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailSettingsTest {

    private static MailSettings parse(Mode mode, String host, String tls, String baseUrl) {
        return MailSettings.parse(mode, Optional.ofNullable(host), Optional.empty(), tls, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.ofNullable(baseUrl), 30, 24, 5, 10);
    }

    @Test
    void productionWithMailRefusesToStartWithoutABaseUrl() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> parse(Mode.PRODUCTION, "smtp.example.org", "starttls", null));
        assertTrue(refused.getMessage().contains("signin.base-url"), refused.getMessage());
    }

    @Test
    void withoutAHostMailIsOffInProductionAndGoesToFilesInDevMode() {
        assertFalse(parse(Mode.PRODUCTION, null, "starttls", null).enabled());
        MailSettings dev = parse(Mode.DEV, null, "starttls", null);
        assertTrue(dev.enabled());
        assertTrue(dev.toFiles());
        assertEquals("http://localhost:8080/password/reset?token=x", dev.link("/password/reset?token=x"));
    }

    @Test
    void theTlsModeSetsTheDefaultPort() {
        assertEquals(587, parse(Mode.PRODUCTION, "smtp.example.org", "starttls", "https://a.example").smtp().orElseThrow().port());
        assertEquals(465, parse(Mode.PRODUCTION, "smtp.example.org", "TLS", "https://a.example").smtp().orElseThrow().port());
        assertEquals(25, parse(Mode.PRODUCTION, "smtp.example.org", "none", "https://a.example").smtp().orElseThrow().port());
        assertThrows(ConfigurationException.class, () -> parse(Mode.PRODUCTION, "smtp.example.org", "ssl", "https://a.example"));
    }

    @Test
    void theBaseUrlIsAnAbsoluteHttpUrlAndLinksStartWithIt() {
        MailSettings mail = parse(Mode.PRODUCTION, "smtp.example.org", "starttls", "https://signin.example.org/");
        assertEquals("https://signin.example.org/password/reset?token=t", mail.link("/password/reset?token=t"));
        for (String bad : new String[]{"signin.example.org", "ftp://x.example", "https://x.example/?a=b", "https://user@x.example", "https://"}) {
            assertThrows(ConfigurationException.class, () -> parse(Mode.PRODUCTION, "smtp.example.org", "starttls", bad), bad);
        }
    }

    @Test
    void theResetLinkLastsThirtyMinutesByDefault() {
        assertEquals(Duration.ofMinutes(30), parse(Mode.PRODUCTION, null, "starttls", null).resetLifetime());
        assertThrows(ConfigurationException.class, () -> MailSettings.parse(Mode.PRODUCTION, Optional.empty(), Optional.empty(),
                "starttls", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 24, 5, 10));
    }
}
