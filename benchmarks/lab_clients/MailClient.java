// Logs in (and sends one message) with Jakarta Mail (Debian's libjakarta-mail-java) as a small
// program would; prints the exception (its toString, nested exceptions included).
// Settings come from the environment; the lab's CA is in the trust store given on the command line.
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;

public class MailClient {
    public static void main(String[] args) {
        Map<String, String> e = System.getenv();
        String proto = e.get("PROTO"), security = e.get("SECURITY");
        boolean ssl = security.equals("ssl");
        String name = proto.equals("smtp") ? (ssl ? "smtps" : "smtp") : proto.equals("imap") ? (ssl ? "imaps" : "imap") : (ssl ? "pop3s" : "pop3");
        Properties p = new Properties();
        String k = "mail." + name + ".";
        p.put(k + "host", e.get("HOST"));
        p.put(k + "port", e.get("PORT"));
        p.put(k + "connectiontimeout", "5000");
        p.put(k + "timeout", "8000");
        p.put(k + "ssl.checkserveridentity", "true");
        if (security.equals("starttls")) {
            p.put(k + "starttls.enable", "true");
            p.put(k + "starttls.required", "true");
        }
        boolean auth = !"none".equals(e.get("AUTH"));
        if (proto.equals("smtp")) {
            p.put(k + "auth", String.valueOf(auth));
            if (e.get("MECHANISM") != null && !e.get("MECHANISM").isEmpty()) {
                p.put(k + "auth.mechanisms", e.get("MECHANISM"));
            }
        }
        try {
            Session session = Session.getInstance(p);
            if (proto.equals("smtp")) {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress(e.get("FROM")));
                m.setRecipients(Message.RecipientType.TO, "bob@example.org");
                m.setSubject("test");
                m.setText("hello");
                Transport t = session.getTransport(name);
                if (auth) {
                    t.connect(e.get("USER_NAME"), e.get("PASSWORD"));
                } else {
                    t.connect();
                }
                t.sendMessage(m, m.getAllRecipients());
                t.close();
            } else {
                Store s = session.getStore(name);
                s.connect(e.get("USER_NAME"), e.get("PASSWORD"));
                s.close();
            }
        } catch (Exception x) {
            System.err.println(x);
            System.exit(1);
        }
    }
}
