package dev.signin.mail;

import jakarta.mail.Session;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;
import java.util.logging.Logger;

/** Dev mode without an SMTP server: each mail is written to a .eml file, and the log names it. */
final class EmlFiles implements OutboxSender.Delivery {

    private static final Logger LOG = Logger.getLogger(EmlFiles.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final String from;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    EmlFiles(Path directory, String from, Clock clock) {
        this.directory = directory;
        this.from = from;
        this.clock = clock;
    }

    @Override
    public void deliver(OutboxSender.Outgoing mail) throws Exception {
        Files.createDirectories(directory);
        Path file = directory.resolve(STAMP.format(clock.instant()) + "-" + mail.id() + ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            MimeMail.of(session, from, mail, Date.from(clock.instant())).writeTo(out);
        }
        LOG.info("Mail (" + mail.kind() + ") for " + mail.recipient() + " written to " + file.toAbsolutePath().normalize());
    }
}
