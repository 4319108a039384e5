package dev.signin.mail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dev mode without an SMTP server: each mail becomes a .eml file a mail client opens. */
class EmlFilesTest {

    @TempDir
    Path dataDir;

    @Test
    void eachMailIsWrittenAsAnEmlFileUnderDataMail() throws Exception {
        Path directory = dataDir.resolve("mail");
        EmlFiles files = new EmlFiles(directory, "signin@localhost", Clock.fixed(Instant.parse("2026-12-03T10:15:30Z"), ZoneOffset.UTC));
        files.deliver(new OutboxSender.Outgoing("row-id-1", "password-reset", "ada@example.org", "Reset your password",
                "Open http://localhost:8080/password/reset?token=abc\n"));
        List<Path> written;
        try (Stream<Path> list = Files.list(directory)) {
            written = list.toList();
        }
        assertEquals(List.of(directory.resolve("20261203-101530-row-id-1.eml")), written);
        String eml = Files.readString(written.get(0), StandardCharsets.UTF_8);
        assertTrue(eml.contains("To: ada@example.org"), eml);
        assertTrue(eml.contains("Subject: Reset your password"), eml);
        assertTrue(eml.contains("Message-ID: <row-id-1@signin>"), eml);
        assertTrue(eml.contains("http://localhost:8080/password/reset?token=abc"), eml);
    }
}
