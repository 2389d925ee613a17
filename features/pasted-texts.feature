Feature: Understanding what mail programs, libraries and servers really print
  A user pastes whatever their mail program showed: a dialog's words, a library's exception,
  a line of a log. mailexpert reads the whole text, finds the server's reply wherever it
  stands, knows every TLS stack's and resolver's words, and names the cause. Each text here
  is a real one (tests/corpus has its source); none needs the network.

  Scenario: Thunderbird shows Gmail's alert to sign in on the web
    When I paste the server's reply "Alert from Account(Email address): please login via the web browser; https://support.google.com/mail/accounts/answer/78754(Failure)"
    Then the most likely cause is "web-login-required"
    And mailexpert says "The provider blocked the sign-in and asks for a web login first"
    And the first thing to do is "Sign in to the provider's webmail in a browser on this computer"

  Scenario: A Postfix relay's OAuth2 plug-in cannot renew a Microsoft 365 token unused for 90 days
    When I paste the server's reply "sasl-xoauth2: TokenStore::Refresh: code=400, response={"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2022-01-03T09:39:41.5631952Z and was inactive for 90.00:00:00."}"
    Then the most likely cause is "oauth-token-rejected"
    And mailexpert says "The OAuth2 sign-in has expired or was revoked; the program must sign in again"
    And the first thing to do is "Sign in again: remove the account's saved OAuth2 sign-in"

  Scenario: imapsync's XOAUTH2 login to Microsoft 365 is refused with Exchange's words for any refused login
    When I paste the server's reply "Err 1/1: Host1 failure: Error login on [outlook.office365.com] with user [user@thecompany.com] auth [XOAUTH2 accesstoken]: 2 NO AUTHENTICATE failed."
    Then the most likely cause is "oauth-token-rejected"
    And mailexpert says "The server refused the OAuth2 token the program signed in with (XOAUTH2)"
    And the first thing to do is "Sign in again: remove the account's saved OAuth2 sign-in"

  Scenario: Thunderbird's certificate error names the NSS code
    When I paste the server's reply "mail.example.com:993 uses an invalid security certificate. The certificate is only valid for the following names: mail.hoster.net, *.hoster.net Error code: SSL_ERROR_BAD_CERT_DOMAIN"
    Then the most likely cause is "cert-hostname-mismatch"
    And mailexpert says "The certificate of mail.example.com:993 is valid for mail.hoster.net, *.hoster.net, not mail.example.com"
    And the first thing to do is "Set the server name to mail.hoster.net, a name the certificate is issued for, if that is your provider's server"

  Scenario: Thunderbird for Android quotes the server's refusal in brackets
    When I paste the server's reply "Command continuation aborted: #1# [NO, AUTHENTICATE mechanism not supported, mate]"
    Then the most likely cause is "auth-mechanism-unsupported"
    And mailexpert says "The server does not support the chosen authentication mechanism"
    And the first thing to do is "Set the client's authentication method to 'Normal password'"

  Scenario: Apple Mail passes on Dovecot's connection limit
    When I paste the server's reply "The server returned the error: Maximum number of connections from user+IP exceeded (mail_max_userip_connections=20)"
    Then the most likely cause is "too-many-connections"
    And mailexpert says "The server refuses another connection for this user"
    And the first thing to do is "Close the mail clients you do not need"

  Scenario: iOS Mail says the password is wrong
    When I paste the server's reply "Cannot Get Mail. The user name or password for [my email] is incorrect."
    Then the most likely cause is "password-rejected"
    And mailexpert says "server refused the user name or password"
    And the first thing to do is "Sign in to your provider's webmail with the same user name and password"

  Scenario: mutt finds no authentication mechanism it can use
    When I paste the server's reply "No authenticators available"
    Then the most likely cause is "auth-mechanism-unsupported"
    And mailexpert says "No authentication mechanism both sides support"
    And the first thing to do is "Set the authentication method to 'Normal password'"

  Scenario: msmtp is told there is no STARTTLS
    When I paste the server's reply "msmtp: the server does not support TLS via the STARTTLS command"
    Then the most likely cause is "starttls-not-offered"
    And mailexpert says "The SMTP server does not offer STARTTLS"
    And the first thing to do is "Use SSL/TLS on the implicit-TLS port instead"

  Scenario: msmtp introduces itself as "localhost" to a Postfix MX that checks the name
    When I paste what the server said:
      """
      msmtp: SMTP server does not accept EHLO or HELO commands
      msmtp: server message: 504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname
      msmtp: could not send mail
      """
    Then the most likely cause is "helo-name-rejected"
    And mailexpert says "The server refuses the mail program's EHLO/HELO name"
    And the first thing to do is "Send through the provider's submission port"

  Scenario: PHPMailer's debug line carries Yahoo's refusal after its own prefix
    When I paste the server's reply "2017-12-13 13:50:36 SMTP ERROR: Password command failed: 535 5.7.0 (#MBR1212) Incorrect username or password."
    Then the most likely cause is "app-password-required"
    And mailexpert says "Yahoo Mail refused the password"
    And the first thing to do is "Create an app password on Yahoo Mail's security page"
    And the server said:
      """
      535 5.7.0 (#MBR1212) Incorrect username or password.
      """

  Scenario: nodemailer wraps QQ Mail's demand for an authorization code
    When I paste the server's reply "error: send mail ****@163.com,*****@qq.com error,Invalid login: 535 Login Fail. Please enter your authorization code to login. More information in http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=28&&no=1001256"
    Then the most likely cause is "app-password-required"
    And mailexpert says "The server wants an app password, not the account password"
    And the first thing to do is "Create an app password on the provider's security page"

  Scenario: nodemailer never gets a greeting from an implicit-TLS port
    When I paste the server's reply "{ Error: Greeting never received code: 'ETIMEDOUT', command: 'CONN' }"
    Then the most likely cause is "plaintext-on-tls-port"
    And mailexpert says "The mail program connected, but the server never sent its greeting"
    And the first thing to do is "If the port is one of SMTP 465, IMAP 993, POP3 995, set the connection security to SSL/TLS"

  Scenario: JavaMail reports Microsoft 365's refusal of basic authentication
    When I paste the server's reply "javax.mail.AuthenticationFailedException: 535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [BM1P287CA0015.INDP287.PROD.OUTLOOK.COM]"
    Then the most likely cause is "basic-auth-disabled"
    And mailexpert says "The server refuses password (basic) authentication"
    And the first thing to do is "Switch the account's authentication method to OAuth2"

  Scenario: MailKit gives only Exchange's enhanced status code
    When I paste the server's reply "MailKit.Net.Smtp.SmtpCommandException: 5.7.3 Authentication unsuccessful"
    Then the most likely cause is "password-rejected"
    And mailexpert says "The SMTP server refused the user name or password"
    And the first thing to do is "Sign in to your provider's webmail with the same user name and password"

  Scenario: Windows Schannel does not trust the certificate's root, which a self-signed certificate is too
    When I paste the server's reply "System.ComponentModel.Win32Exception (0x80090325): The certificate chain was issued by an authority that is not trusted."
    Then the causes come in this order: "cert-self-signed", "cert-untrusted-issuer"
    And mailexpert says "The server's certificate may be self-signed"
    And the first thing to do is "Ask the administrator to install a certificate from a public CA"

  Scenario: Go's TLS names the certificate's other host
    When I paste the server's reply "x509: certificate is valid for mywebhost.com, not smtp.smtphost.com"
    Then the most likely cause is "cert-hostname-mismatch"
    And mailexpert says "The certificate of smtp.smtphost.com is valid for mywebhost.com, not smtp.smtphost.com"
    And the first thing to do is "Set the server name to mywebhost.com, a name the certificate is issued for"

  Scenario: Node cannot resolve a misspelt provider server name
    When I paste the server's reply "Error: getaddrinfo ENOTFOUND smtp.gmail.co"
    Then the most likely cause is "server-host-typo"
    And mailexpert says "The server smtp.gmail.co does not exist"
    And the first thing to do is "Change the server name in the account settings from smtp.gmail.co to smtp.gmail.com"

  Scenario: Node cannot resolve a server name close to no known one
    When I paste the server's reply "Error: getaddrinfo ENOTFOUND mail.nowhere-mail.org"
    Then the most likely cause is "server-host-unknown"
    And mailexpert says "The server name mail.nowhere-mail.org does not exist"
    And the first thing to do is "Check the server name letter by letter against your provider's help pages"

  Scenario: Python on macOS cannot resolve the server name
    When I paste the server's reply "socket.gaierror: [Errno 8] nodename nor servname provided, or not known"
    Then the most likely cause is "server-host-unknown"
    And the first thing to do is "Check the server name letter by letter against your provider's help pages"

  Scenario: curl is refused the login
    When I paste the server's reply "curl: (67) Login denied"
    Then the most likely cause is "password-rejected"
    And mailexpert says "server refused the user name or password"
    And the first thing to do is "Sign in to your provider's webmail with the same user name and password"

  Scenario: curl is told there is no STARTTLS
    When I paste the server's reply "curl: (64) STARTTLS not supported."
    Then the most likely cause is "starttls-not-offered"
    And mailexpert says "The SMTP server does not offer STARTTLS"
    And the first thing to do is "Use SSL/TLS on the implicit-TLS port instead"

  Scenario: Dovecot refuses a cleartext login
    When I paste the server's reply "A002 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."
    Then the most likely cause is "auth-requires-tls"
    And mailexpert says "The server refuses the login without encryption"
    And the first thing to do is "Set the connection security to SSL/TLS on the implicit-TLS port"

  Scenario: A permanent refusal no rule knows still gets a diagnosis
    When I paste the server's reply "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table"
    Then the most likely cause is "server-reply-permanent"
    And mailexpert says "The server refused"
    And the first thing to do is "Read the server's own words above"
    And the advice names "bad destination mailbox address"

  Scenario: Postfix refuses a sender address the login does not own
    A web application logs in as one mailbox and sends with another From address; Postfix's
    reject_sender_login_mismatch refuses it at RCPT TO. The password is fine.
    When I paste what the server said:
      """
      Expected response code 250/251/252 but got code "553", with message "553 5.7.1 <user@example.org>: Sender address rejected: not owned by user admin@example.org"
      """
    Then the most likely cause is "sender-address-not-allowed"
    And mailexpert says "The server refuses to send as the message's sender address"
    And the first thing to do is "Set the sender (From) address of the mail program, application or device to the address of the account it logs in with"
    And the advice names "Send As"

  Scenario: Microsoft 365 refuses to send as another mailbox
    When I paste the server's reply "554 5.2.252 SendAsDenied; user@example.com not allowed to send as other@example.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied"
    Then the most likely cause is "sender-address-not-allowed"
    And the advice names "verified sender identity"

  Scenario: nodemailer passes on a Spamhaus listing of the sending address
    When I paste the server's reply "Error: Can't send mail - all recipients were rejected: 550 5.7.1 Service unavailable; client [203.0.113.9] blocked using zen.spamhaus.org"
    Then the most likely cause is "client-ip-blocklisted"
    And mailexpert says "The server refuses mail from the sending IP address"
    And the first thing to do is "Send through your provider's submission server with a login (port 587 with STARTTLS or 465 with SSL/TLS)"
    And the advice names "https://check.spamhaus.org/"

  Scenario: Exchange Online bans the sending address
    When I paste the server's reply "550 5.7.606 Access denied, banned sending IP [198.51.100.45]. To request removal from this list please visit https://sender.office.com/ and follow the directions."
    Then the most likely cause is "client-ip-blocklisted"

  Scenario: A temporary refusal no rule knows says to try again later
    When I paste the server's reply "451 4.3.0 <bob@example.org>: Temporary lookup failure"
    Then the most likely cause is "server-reply-transient"
    And mailexpert says "The server refused for now"
    And the first thing to do is "Wait a few minutes and try again"
    And the advice names "try again"

  Scenario: A server name typed with stray quotes is a typo, not a missing server
    When I paste the server's reply "Error: getaddrinfo ENOTFOUND 'smtp.gmail.com '"
    Then the most likely cause is "server-host-typo"
    And mailexpert says "The server name 'smtp.gmail.com ' holds characters no host name has"
    And the first thing to do is "Retype the server name in the account settings as the bare host name"

  Scenario: msmtp's GnuTLS says a certificate is not valid yet
    When I paste the server's reply "msmtp: TLS certificate verification failed: The certificate is NOT trusted. The certificate chain uses not yet valid certificate."
    Then the most likely cause is "cert-not-yet-valid"
    And mailexpert says "The server's certificate is not yet valid by this computer's clock"
    And the first thing to do is "Check this computer's date, time and time zone, and turn on automatic time"

  Scenario: curl times out connecting to port 25
    When I paste the server's reply "curl: (28) Failed to connect to smtp.example.com port 25 after 129435 ms: Connection timed out"
    Then the most likely cause is "smtp-port25-blocked"
    And mailexpert says "The connection to smtp.example.com port 25 timed out"
    And the first thing to do is "Set the outgoing server's port to 587 with STARTTLS, or 465 with SSL/TLS"

  Scenario: Thunderbird says its outgoing server is unknown
    When I paste the server's reply "An error occurred while sending mail: Outgoing server (SMTP) smtp.exmaple.com is unknown. The server may be incorrectly configured. Please verify that your Outgoing server (SMTP) settings are correct and try again."
    Then the most likely cause is "server-host-unknown"
    And mailexpert says "The server name smtp.exmaple.com does not exist"
    And the first thing to do is "Check the server name letter by letter against your provider's help pages"

  Scenario: Thunderbird finds no STARTTLS to use
    When I paste the server's reply "Unable to establish a secure link with Outgoing server (SMTP) mail.example.com using STARTTLS since it doesn't advertise that feature. Switch off STARTTLS for that server or contact your service provider."
    Then the most likely cause is "starttls-not-offered"
    And mailexpert says "The SMTP server does not offer STARTTLS"
    And the first thing to do is "Use SSL/TLS on the implicit-TLS port instead"

  Scenario: mutt cannot find a misspelt provider host
    When I paste what the server said:
      """
      Could not find the host "imap.gmial.com"
      """
    Then the most likely cause is "server-host-typo"
    And mailexpert says "The server imap.gmial.com does not exist"
    And the first thing to do is "Change the server name in the account settings from imap.gmial.com to imap.gmail.com"

  Scenario: Go's x509 says the certificate is not valid yet
    When I paste the server's reply "x509: certificate has expired or is not yet valid: current time 2019-01-01T00:00:00Z is before 2024-02-28T00:00:00Z"
    Then the most likely cause is "cert-not-yet-valid"
    And mailexpert says "The server's certificate is not yet valid by this computer's clock"
    And the first thing to do is "Check this computer's date, time and time zone, and turn on automatic time"

  Scenario: Postfix logs a client that offers only an old TLS version
    When I paste the server's reply "postfix/smtpd[1]: SSL_accept error from unknown[192.0.2.7]: -1 warning: TLS library problem: error:1417D18C:SSL routines:tls_process_client_hello:version too low"
    Then the most likely cause is "tls-version-client-outdated"
    And mailexpert says "The server refused a client's TLS handshake on the protocol version"
    And the first thing to do is "Update the mail program"

  Scenario: Dovecot logs a client that does not trust the certificate
    When I paste the server's reply "imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=192.0.2.7, lip=192.0.2.1, TLS handshaking: SSL_accept() failed: error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca: SSL alert number 48"
    Then the most likely cause is "cert-untrusted-issuer"
    And mailexpert says "A client broke off the handshake because it does not accept the server's certificate"
    And the first thing to do is "The administrator should configure the full chain"

  Scenario: PHPMailer says only that it could not connect
    When I paste the server's reply "SMTP Error: Could not connect to SMTP host."
    Then the most likely cause is "port-blocked-outbound"
    And mailexpert says "The mail program's message does not say why it failed"
    And the first thing to do is "Try from another network"

  # Client dialogs read from the clients' own message catalogues (mailexpert/data/client-messages.yaml):
  # the template with its placeholders filled, in whatever quotes and language the client printed.
  Scenario: Thunderbird in German says the login to the server failed
    When I paste the server's reply "Anmeldung auf dem Server imap.example.de mit Benutzernamen "jo@example.de" fehlgeschlagen"
    Then the most likely cause is "password-rejected"
    And mailexpert says "The mail server refused the user name or password"

  Scenario: Thunderbird's outgoing server does not allow plaintext passwords
    When I paste the server's reply "The Outgoing server (SMTP) smtp.example.com does not allow plaintext passwords. Please try changing the “Authentication method” in “Account Settings | Outgoing server (SMTP)” to “Encrypted password”."
    Then the most likely cause is "auth-mechanism-unsupported"
    And mailexpert says "No authentication mechanism both sides support"

  Scenario: Evolution reads no POP3 greeting it understands
    When I paste the server's reply "Failed to read a valid greeting from POP server mail.example.com"
    Then the most likely cause is "wrong-protocol-on-port"
    And mailexpert says "The server's greeting is not what the mail program expected (POP3)"

  Scenario: Thunderbird in Chinese says the connection timed out
    When I paste the server's reply "连接服务器 imap.example.cn 超时。"
    Then the most likely cause is "port-blocked-outbound"
    And mailexpert says "The connection to the mail server timed out"

  Scenario: Mailspring passes on Gmail's connection limit in its own words
    When I paste the server's reply "There are too many active connections to your Gmail account. Please try again later."
    Then the most likely cause is "too-many-connections"
    And mailexpert says "The server refuses another connection for this user"

  # Library messages read from the libraries' own message catalogues (mailexpert/data/library-messages.yaml),
  # PHPMailer's in the languages of its language files.
  Scenario: PHPMailer in German says it could not authenticate
    When I paste the server's reply "Message could not be sent. Mailer Error: SMTP-Fehler: Authentifizierung fehlgeschlagen."
    Then the most likely cause is "password-rejected"
    And mailexpert says "The SMTP server refused the user name or password"

  Scenario: PHPMailer in Russian says it could not authenticate
    When I paste the server's reply "Ошибка SMTP: не удалось пройти аутентификацию."
    Then the most likely cause is "password-rejected"

  Scenario: MailKit's server disconnects before it greets
    When I paste the server's reply "MailKit.Net.Smtp.SmtpProtocolException: The SMTP server has unexpectedly disconnected."
    Then the most likely cause is "plaintext-on-tls-port"
    And mailexpert says "The mail program connected, but the server never sent its greeting"

  Scenario: .NET's SmtpClient wants a secure connection
    When I paste the server's reply "System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated."
    Then the most likely cause is "auth-requires-tls"
    And the first thing to do is "Set the connection security to SSL/TLS on the implicit-TLS port"

  Scenario: nodemailer passes on Yahoo's "Too many bad auth attempts": an app password first, a lock second
    When I paste the server's reply "Error: Invalid login: 535 5.7.0 (#AUTH005) Too many bad auth attempts."
    Then the causes come in this order: "app-password-required", "account-locked"
    And mailexpert says "Yahoo most likely wants an app password, not the account password"
    And the first thing to do is "Create an app password on Yahoo's Account security page"

  Scenario: A server refuses the whole session in place of its greeting, for the address's missing reverse DNS
    When I paste the server's reply "mta: <<< 554-gmx.net (mxgmx008) Nemesis ESMTP Service not available mta: <<< 554-No SMTP service mta: <<< 554-Bad DNS PTR resource record."
    Then the most likely cause is "client-ip-blocklisted"
    And mailexpert says "no valid reverse DNS (PTR) name; retrying from the same address does not help"
    And the first thing to do is "Send through your provider's submission server with a login"

  Scenario: Thunderbird passes on RFC 4954's words without the 530 the server sent with them
    When I paste the server's reply "Sending of the message failed. An error occurred while sending mail. The mail server responded: Authentication required. Please verify that your email address is correct in your account settings and try again."
    Then the most likely cause is "smtp-auth-not-enabled"
    And mailexpert says "530 5.7.0 Authentication required"
    And the first thing to do is "In the outgoing (SMTP) server settings, turn authentication on"

  Scenario: Outlook quotes Postfix's relay refusal without its codes
    When I paste the server's reply "Your e-mail server rejected your message. Server Response: 'Relay access denied', Port: 25, Secure(SSL): No"
    Then the most likely cause is "smtp-auth-not-enabled"
    And mailexpert says "The outgoing server refuses to relay the message: 554 5.7.1 Relay access denied"
    And the first thing to do is "Turn on authentication for the outgoing server"

  Scenario: A web application quotes Postfix's sender login check without its codes
    When I paste the server's reply "SMTP Error: data not accepted. The server responded: Sender address rejected: not owned by user bob@example.org"
    Then the most likely cause is "sender-address-not-allowed"
    And mailexpert says "553 5.7.1 Sender address rejected: not owned by user bob@example.org"
    And the first thing to do is "Set the sender (From) address of the mail program"

  Scenario: A Rails application quotes Amazon SES's sending rate
    When I paste the server's reply "Net::SMTPServerBusy: 454 Throttling failure: Maximum sending rate exceeded."
    Then the most likely cause is "sending-limit-exceeded"
    And mailexpert says "The server refuses to send more from this account for now: 454 Throttling failure: Maximum sending rate exceeded."
    And the first thing to do is "Wait: a rate limit lifts within minutes, a daily limit within 24 hours"

  Scenario: A Dart mailer passes on Gmail's daily sending limit
    When I paste the server's reply "dev.onepub.util.internet.email.EmailException: 550-5.4.5 Daily user sending limit exceeded. For more information on Gmail 550-5.4.5 sending limits go to 550 5.4.5 https://support.google.com/a/answer/166852 d75a77b69052e-4535f85b3d9sm7257481cf.29 - gsmtp"
    Then the most likely cause is "sending-limit-exceeded"
    And mailexpert says "Daily user sending limit exceeded"
