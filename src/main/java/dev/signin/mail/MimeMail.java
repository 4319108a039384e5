package dev.signin.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/** An outbox row as a MIME message: plain UTF-8 text, and a Message-ID made from the row's id. */
final class MimeMail {

    private MimeMail() {
    }

    static MimeMessage of(Session session, String from, OutboxSender.Outgoing mail, Date sent) throws MessagingException {
        String messageId = "<" + mail.id() + "@signin>";
        // The same Message-ID at every attempt: a mail sent twice (a node died in between) is recognisable.
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(from, true));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.recipient(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setText(mail.body(), StandardCharsets.UTF_8.name());
        message.setSentDate(sent);
        message.setHeader("Auto-Submitted", "auto-generated");
        message.saveChanges();
        return message;
    }
}
