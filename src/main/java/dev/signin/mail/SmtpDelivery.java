package dev.signin.mail;

import dev.signin.config.MailSettings;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/** Hands mails to the configured SMTP server with Jakarta Mail (the server's own implementation). */
final class SmtpDelivery implements OutboxSender.Delivery {

    private final Session session;
    private final MailSettings.Smtp smtp;
    private final String from;
    private final Clock clock;

    SmtpDelivery(MailSettings.Smtp smtp, String from, Clock clock) {
        this.smtp = smtp;
        this.from = from;
        this.clock = clock;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        // Never hang on a server that does not answer: the attempt fails and is tried again later.
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "20000");
        properties.put("mail.smtp.writetimeout", "20000");
        properties.put("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
        switch (smtp.tls()) {
            case STARTTLS -> {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.starttls.required", "true"); // no silent fall-back to plain text
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                properties.put("mail.smtp.ssl.enable", "true");
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
            }
        }
        this.session = Session.getInstance(properties);
    }

    @Override
    public void deliver(OutboxSender.Outgoing mail) throws Exception {
        MimeMessage message = MimeMail.of(session, from, mail, Date.from(clock.instant()));
        if (smtp.username().isPresent()) {
            Transport.send(message, smtp.username().get(), smtp.password().orElse(""));
        } else {
            Transport.send(message);
        }
    }
}
