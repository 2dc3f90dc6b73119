package io.relevo.observe.notify;

import io.relevo.core.config.NotifyChannel;
import io.relevo.core.notify.RolloutNotice;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Mail over SMTP with Eclipse Angus Mail: STARTTLS required unless {@code tls: false}. */
final class EmailSender implements ChannelSender<NotifyChannel.Email> {

  @Override
  public void send(NotifyChannel.Email channel, RolloutNotice notice) throws Exception {
    NotifyChannel.Smtp smtp = channel.smtp();
    Properties props = new Properties();
    props.put("mail.smtp.host", smtp.host());
    props.put("mail.smtp.port", Integer.toString(smtp.port()));
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "10000");
    props.put("mail.smtp.writetimeout", "10000");
    // EHLO with a fixed name: looking up this host's own name can stall for seconds
    props.put("mail.smtp.localhost", "relevo-agent");
    props.put("mail.smtp.starttls.enable", Boolean.toString(smtp.tls()));
    props.put("mail.smtp.starttls.required", Boolean.toString(smtp.tls()));
    boolean auth = !smtp.user().isEmpty();
    props.put("mail.smtp.auth", Boolean.toString(auth));
    Session session =
        auth
            ? Session.getInstance(
                props,
                new Authenticator() {
                  @Override
                  protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(smtp.user(), smtp.password());
                  }
                })
            : Session.getInstance(props);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(channel.from()));
    for (String to : channel.to()) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
    }
    message.setSubject("[relevo] " + MessageText.title(notice), "UTF-8");
    message.setText(MessageText.plain(notice), "UTF-8");
    try {
      Transport.send(message);
    } catch (MessagingException e) {
      throw new Retryable(smtp.host() + ":" + smtp.port() + ": " + e.getMessage(), e);
    }
  }
}
