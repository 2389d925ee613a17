Feature: What mail client apps show, without a reply code
  Phone and desktop mail apps and webmail show their own short messages: a dialog title, a
  line of their log, an exception's name. Many name no code at all, and several causes can be
  behind one. mailexpert reads each by what the app's own source, string files and maintainers
  say it means, and puts the cause most often behind it first.

  Scenario: Android says the certificate chain did not validate
    When I paste the server's reply "javax.net.ssl.SSLHandshakeException: java.security.cert.CertificateException: Chain validation failed"
    Then the most likely cause is "cert-expired"

  Scenario: Android says the chain did not validate because the certificate is not valid yet
    When I paste the server's reply "java.security.cert.CertificateException: Chain validation failed (Certificate not valid until Sat Jan 03 10:00:00 GMT 2032)"
    Then the most likely cause is "cert-not-yet-valid"

  Scenario: the server refuses a parameter of the handshake
    When I paste the server's reply "SSL handshake aborted: ssl=0x7a: Failure in SSL library, usually a protocol error error:10000417:SSL routines:OPENSSL_internal:SSLV3_ALERT_ILLEGAL_PARAMETER"
    Then the most likely cause is "tls-no-shared-cipher"

  Scenario: Roundcube cannot connect over SSL for an unknown reason
    When I paste the server's reply "IMAP Error: Login failed for jo@example.org against mail.example.org from 192.0.2.7. Could not connect to ssl://mail.example.org:993: Unknown reason"
    Then the most likely cause is "cert-untrusted-issuer"
    And mailexpert says "does not accept the server's certificate"

  Scenario: an older Roundcube's SMTP login fails with a success code
    When I paste the server's reply "SMTP Error (250): Authentication failed."
    Then the most likely cause is "auth-requires-tls"
    And mailexpert says "offers no authentication"
    And the first thing to do is "Set the outgoing server's security to STARTTLS on port 587"

  Scenario: Android cannot resolve the server's name, and says no more
    When I paste the server's reply "java.net.UnknownHostException: Unable to resolve host "imap.example.net": No address associated with hostname"
    Then the most likely cause is "dns-server-misconfigured"
    And mailexpert says "does not say whether the name does not exist"
    And the first thing to do is "Check the name from another network"

  Scenario: a phone's certificate dialog shows a certificate that issued itself
    When I paste what the server said:
      """
      Certificate Not Trusted
      Subject: mail.example.org
      Issuer: mail.example.org
      """
    Then the most likely cause is "cert-self-signed"

  Scenario: Roundcube cannot reach its storage server
    When I paste the server's reply "Connection to storage server failed."
    Then the most likely cause is "server-unavailable"

  Scenario: the mail server's log says it cannot load its certificate
    When I paste what the server said:
      """
      May 02 08:11:09 mx dovecot: imap-login: Fatal: Can't load ssl_cert: There is no valid PEM certificate.
      """
    Then the most likely cause is "starttls-failed"
    And the first thing to do is "Try the implicit-TLS port"

  Scenario: Outlook Express is told to check its mail before sending (POP before SMTP)
    When I paste the server's reply "The message could not be sent because one of the recipients was rejected by the server. Server Response: '553 sorry, you must check your mail (POP) before sending (#5.7.1)', Port: 25, Secure(SSL): No, Server Error: 553, Error Number: 0x800CCC79"
    Then the most likely cause is "smtp-auth-not-enabled"

  Scenario: Nextcloud Mail cannot open the TLS connection after STARTTLS
    When I paste the server's reply "Creating account failed: Could not open secure TLS connection to the IMAP server."
    Then the most likely cause is "cert-untrusted-issuer"

  Scenario: the server's log shows Thunderbird answering its certificate with bad_certificate
    When I paste the server's reply "dovecot: imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=192.0.2.9, lip=192.0.2.1, TLS: SSL_read failed: error:14094412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate: SSL alert number 42"
    Then the causes come in this order: "cert-self-signed", "cert-untrusted-issuer"

  Scenario: an Android mail app's server refuses the name it says HELO with
    When I paste the server's reply "javax.mail.MessagingException: 501 5.5.4 HELO requires valid address"
    Then the most likely cause is "helo-name-rejected"

  Scenario: iOS Mail says only that the connection to the server failed
    When I paste the server's reply "Cannot Get Mail – The connection to the server failed."
    Then the causes come in this order: "port-blocked-outbound", "port-closed"
    And mailexpert is only "possible" sure of it
    And mailexpert asks "mail-works-elsewhere"

  Scenario: Thunderbird says the IMAP server has disconnected
    When I paste the server's reply "Server imap.example.org has disconnected. The server may have gone down or there may be a network problem."
    Then the most likely cause is "too-many-connections"
    And the first thing to do is "Lower the program's cached connections"
