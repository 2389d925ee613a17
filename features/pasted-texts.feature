Feature: Understanding what mail programs, libraries and servers really print
  A user pastes whatever their mail program showed: a dialog's words, a library's exception,
  a line of a log. mailexpert reads the whole text, finds the server's reply wherever it
  stands, knows every TLS stack's and resolver's words, and names the cause. Each text here
  is a real one (tests/corpus has its source); none needs the network.

  Scenario: Thunderbird shows Gmail's alert to sign in on the web
    When I paste the server's reply "Alert from Account(Email address): please login via the web browser; https://support.google.com/mail/accounts/answer/78754(Failure)"
    Then the most likely cause is "web-login-required"

  Scenario: Thunderbird's certificate error names the NSS code
    When I paste the server's reply "mail.example.com:993 uses an invalid security certificate. The certificate is only valid for the following names: mail.hoster.net Error code: SSL_ERROR_BAD_CERT_DOMAIN"
    Then the most likely cause is "cert-hostname-mismatch"

  Scenario: Thunderbird for Android quotes the server's refusal in brackets
    When I paste the server's reply "Command continuation aborted: #1# [NO, AUTHENTICATE mechanism not supported, mate]"
    Then the most likely cause is "auth-mechanism-unsupported"

  Scenario: Apple Mail passes on Dovecot's connection limit
    When I paste the server's reply "The server returned the error: Maximum number of connections from user+IP exceeded (mail_max_userip_connections=20)"
    Then the most likely cause is "too-many-connections"

  Scenario: iOS Mail says the password is wrong
    When I paste the server's reply "Cannot Get Mail. The user name or password for [my email] is incorrect."
    Then the most likely cause is "password-rejected"

  Scenario: mutt finds no authentication mechanism it can use
    When I paste the server's reply "No authenticators available"
    Then the most likely cause is "auth-mechanism-unsupported"

  Scenario: msmtp is told there is no STARTTLS
    When I paste the server's reply "msmtp: the server does not support TLS via the STARTTLS command"
    Then the most likely cause is "starttls-not-offered"

  Scenario: msmtp introduces itself as "localhost" to a Postfix MX that checks the name
    When I paste what the server said:
      """
      msmtp: SMTP server does not accept EHLO or HELO commands
      msmtp: server message: 504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname
      msmtp: could not send mail
      """
    Then the most likely cause is "helo-name-rejected"
    And the first thing to do is "Send through the provider's submission port"

  Scenario: PHPMailer's debug line carries Yahoo's refusal after its own prefix
    When I paste the server's reply "2017-12-13 13:50:36 SMTP ERROR: Password command failed: 535 5.7.0 (#MBR1212) Incorrect username or password."
    Then the most likely cause is "password-rejected"
    And the evidence shows "server.reply code=535 enhanced=5.7.0"

  Scenario: nodemailer wraps QQ Mail's demand for an authorization code
    When I paste the server's reply "error: send mail ****@163.com,*****@qq.com error,Invalid login: 535 Login Fail. Please enter your authorization code to login. More information in http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=28&&no=1001256"
    Then the most likely cause is "app-password-required"

  Scenario: nodemailer never gets a greeting from an implicit-TLS port
    When I paste the server's reply "{ Error: Greeting never received code: 'ETIMEDOUT', command: 'CONN' }"
    Then the most likely cause is "plaintext-on-tls-port"

  Scenario: JavaMail reports Microsoft 365's refusal of basic authentication
    When I paste the server's reply "javax.mail.AuthenticationFailedException: 535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [BM1P287CA0015.INDP287.PROD.OUTLOOK.COM]"
    Then the most likely cause is "basic-auth-disabled"

  Scenario: MailKit gives only Exchange's enhanced status code
    When I paste the server's reply "MailKit.Net.Smtp.SmtpCommandException: 5.7.3 Authentication unsuccessful"
    Then the most likely cause is "password-rejected"

  Scenario: Windows Schannel does not trust the certificate
    When I paste the server's reply "System.ComponentModel.Win32Exception (0x80090325): The certificate chain was issued by an authority that is not trusted."
    Then the most likely cause is "cert-untrusted-issuer"

  Scenario: Go's TLS names the certificate's other host
    When I paste the server's reply "x509: certificate is valid for mywebhost.com, not smtp.smtphost.com"
    Then the most likely cause is "cert-hostname-mismatch"

  Scenario: Node cannot resolve a misspelt provider server name
    When I paste the server's reply "Error: getaddrinfo ENOTFOUND smtp.gmail.co"
    Then the most likely cause is "server-host-typo"

  Scenario: Node cannot resolve a server name close to no known one
    When I paste the server's reply "Error: getaddrinfo ENOTFOUND mail.nowhere-mail.org"
    Then the most likely cause is "server-host-unknown"

  Scenario: Python on macOS cannot resolve the server name
    When I paste the server's reply "socket.gaierror: [Errno 8] nodename nor servname provided, or not known"
    Then the most likely cause is "server-host-unknown"

  Scenario: curl is refused the login
    When I paste the server's reply "curl: (67) Login denied"
    Then the most likely cause is "password-rejected"

  Scenario: curl is told there is no STARTTLS
    When I paste the server's reply "curl: (64) STARTTLS not supported."
    Then the most likely cause is "starttls-not-offered"

  Scenario: Dovecot refuses a cleartext login
    When I paste the server's reply "A002 NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."
    Then the most likely cause is "auth-requires-tls"

  Scenario: A permanent refusal no rule knows still gets a diagnosis
    When I paste the server's reply "553 5.7.1 <alice@example.org>: Sender address rejected: not owned by user bob@example.org"
    Then the most likely cause is "server-reply-permanent"
    And the advice names "delivery not authorized"

  Scenario: A temporary refusal no rule knows says to try again later
    When I paste the server's reply "451 4.3.0 <bob@example.org>: Temporary lookup failure"
    Then the most likely cause is "server-reply-transient"
    And the advice names "try again"

  Scenario: A server name typed with stray quotes is a typo, not a missing server
    When I paste the server's reply "Error: getaddrinfo ENOTFOUND 'smtp.gmail.com '"
    Then the most likely cause is "server-host-typo"

  Scenario: msmtp's GnuTLS says a certificate is not valid yet
    When I paste the server's reply "msmtp: TLS certificate verification failed: The certificate is NOT trusted. The certificate chain uses not yet valid certificate."
    Then the most likely cause is "cert-not-yet-valid"

  Scenario: curl times out connecting to port 25
    When I paste the server's reply "curl: (28) Failed to connect to smtp.example.com port 25 after 129435 ms: Connection timed out"
    Then the most likely cause is "smtp-port25-blocked"

  Scenario: Thunderbird says its outgoing server is unknown
    When I paste the server's reply "An error occurred while sending mail: Outgoing server (SMTP) smtp.exmaple.com is unknown. The server may be incorrectly configured. Please verify that your Outgoing server (SMTP) settings are correct and try again."
    Then the most likely cause is "server-host-unknown"

  Scenario: Thunderbird finds no STARTTLS to use
    When I paste the server's reply "Unable to establish a secure link with Outgoing server (SMTP) mail.example.com using STARTTLS since it doesn't advertise that feature. Switch off STARTTLS for that server or contact your service provider."
    Then the most likely cause is "starttls-not-offered"

  Scenario: mutt cannot find a misspelt provider host
    When I paste what the server said:
      """
      Could not find the host "imap.gmial.com"
      """
    Then the most likely cause is "server-host-typo"

  Scenario: Go's x509 says the certificate is not valid yet
    When I paste the server's reply "x509: certificate has expired or is not yet valid: current time 2019-01-01T00:00:00Z is before 2024-02-28T00:00:00Z"
    Then the most likely cause is "cert-not-yet-valid"

  Scenario: Postfix logs a client that offers only an old TLS version
    When I paste the server's reply "postfix/smtpd[1]: SSL_accept error from unknown[192.0.2.7]: -1 warning: TLS library problem: error:1417D18C:SSL routines:tls_process_client_hello:version too low"
    Then the most likely cause is "tls-version-client-outdated"

  Scenario: Dovecot logs a client that does not trust the certificate
    When I paste the server's reply "imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=192.0.2.7, lip=192.0.2.1, TLS handshaking: SSL_accept() failed: error:14094418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca: SSL alert number 48"
    Then the most likely cause is "cert-untrusted-issuer"

  Scenario: PHPMailer says only that it could not connect
    When I paste the server's reply "SMTP Error: Could not connect to SMTP host."
    Then the most likely cause is "port-blocked-outbound"
