Feature: Texts that say what failed but not why
  Many messages say only the kind of failure: the TLS handshake was closed ("EOF occurred in
  violation of protocol"), the server never greeted ("Greeting never received"), or nothing at
  all ("Sending of the message failed."). mailexpert does not decline them and does not claim
  more than they say: it lists the causes in the order they are most often behind such a text,
  uses the port and security setting when the text or the user gives them, and asks the
  question that tells the causes apart. None of these needs the network.

  Scenario: Python's TLS library says the handshake was closed, and nothing more
    When I paste the server's reply "ssl.SSLEOFError: [SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:1006)"
    Then the causes come in this order: "tls-interception", "tls-version-server-outdated"
    And mailexpert is only "possible" sure of it
    And mailexpert says "closed during the TLS handshake without a TLS answer"
    And the first thing to do is "Try the same account from another network"
    And mailexpert asks "mail-works-elsewhere"

  Scenario: Node's handshake is cut, and the account works from a phone
    Given I answer "mail-works-elsewhere" with "yes"
    When I paste the server's reply "Error: Client network socket disconnected before secure TLS connection was established"
    Then the most likely cause is "tls-interception"
    And mailexpert says "works from another network"
    And the first thing to do is "Turn off mail scanning"

  Scenario: Java's handshake is cut from every network
    Given I answer "mail-works-elsewhere" with "no"
    When I paste the server's reply "javax.net.ssl.SSLHandshakeException: Remote host terminated the handshake"
    Then the most likely cause is "tls-version-server-outdated"
    And mailexpert says "cut from every network"

  Scenario: curl starts TLS at once on the submission port and the server hangs up
    When I paste the server's reply "curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to smtp.example.com:587"
    Then the most likely cause is "tls-on-plaintext-port"
    And mailexpert says "started TLS at once on port 587"
    And the first thing to do is "Set the security of port 587 to STARTTLS"

  Scenario: the same curl error on the implicit-TLS port is no port mismatch
    When I paste the server's reply "curl: (35) LibreSSL SSL_connect: SSL_ERROR_SYSCALL in connection to smtp.example.com:465"
    Then the causes come in this order: "tls-interception", "tls-version-server-outdated"

  Scenario: the handshake after STARTTLS is cut
    When I paste the server's reply "STARTTLS: The TLS connection was non-properly terminated."
    Then the causes come in this order: "starttls-failed", "tls-interception"

  Scenario: Go's plain SMTP client on port 465 says only "EOF"
    Given my mail program was set to the smtp server "smtp.example.com:465/plain"
    When I paste the server's reply "EOF"
    Then the most likely cause is "plaintext-on-tls-port"
    And mailexpert says "port 465 is an implicit-TLS port, but the client is set to plain"

  Scenario: Python's plain smtplib on port 465 finds the connection closed
    Given my mail program was set to the smtp server "smtp.example.com:465/plain"
    When I paste the server's reply "smtplib.SMTPServerDisconnected: Connection unexpectedly closed"
    Then the most likely cause is "plaintext-on-tls-port"
    And the first thing to do is "Set the security of smtp.example.com:465 to SSL/TLS"

  Scenario: nodemailer never got a greeting, and the port is not known
    When I paste the server's reply "Error: Greeting never received"
    Then the causes come in this order: "plaintext-on-tls-port", "server-unavailable"

  Scenario: nodemailer never got a greeting on port 465 with STARTTLS set
    Given my mail program was set to the smtp server "smtp.example.com:465/starttls"
    When I paste the server's reply "Error: Greeting never received"
    Then the most likely cause is "plaintext-on-tls-port"
    And the first thing to do is "Set the security of smtp.example.com:465 to SSL/TLS"

  Scenario: nodemailer never got a greeting on the submission port
    Given my mail program was set to the smtp server "smtp.example.com:587/starttls"
    When I paste the server's reply "Error: Greeting never received"
    Then the causes come in this order: "server-unavailable", "plaintext-on-tls-port"
    And mailexpert asks "mail-works-elsewhere"

  Scenario: JavaMail's read timed out on port 465, named in its message
    When I paste the server's reply "javax.mail.MessagingException: Could not connect to SMTP host: smtp.example.com, port: 465; nested exception is: java.net.SocketTimeoutException: Read timed out"
    Then the most likely cause is "plaintext-on-tls-port"

  Scenario: a client timed out waiting for the 220 greeting
    When I paste the server's reply "timed out waiting for 220"
    Then the causes come in this order: "plaintext-on-tls-port", "server-unavailable"

  Scenario: Thunderbird's dialog title alone
    When I paste the server's reply "Sending of the message failed."
    Then the most likely cause is "port-blocked-outbound"
    And mailexpert is only "possible" sure of it
    And mailexpert says "does not say why it failed"
    And mailexpert asks "mail-works-elsewhere"

  Scenario: an integration says it could not connect or log in
    When I paste the server's reply "Unable to connect or login"
    Then mailexpert is only "possible" sure of it
    And mailexpert says "does not say why it failed"

  Scenario: a codeless connection failure that works from another network
    Given I answer "mail-works-elsewhere" with "yes"
    When I paste the server's reply "Connection to the server failed"
    Then the most likely cause is "port-blocked-outbound"
    And mailexpert says "this computer or network blocks the mail connection"

  Scenario: a reset in the middle of the TLS handshake
    When I paste the server's reply "Connection reset during TLS handshake"
    Then the causes come in this order: "port-blocked-outbound", "tls-interception"
    And mailexpert asks "mail-works-elsewhere"

  Scenario: a read that timed out after the connection was made
    When I paste the server's reply "java.net.SocketTimeoutException: Read timed out"
    Then the causes come in this order: "plaintext-on-tls-port", "server-unavailable"

  Scenario: Outlook says the connection was cut, and nothing says whether it was encrypted
    Microsoft traces Outlook's 0x800CCC0F to a device on the way that stalls large transfers;
    an antivirus that scans mail cuts sessions too, and only where it fails tells them apart.
    When I paste the server's reply "Your server has unexpectedly terminated the connection. Possible causes for this include server problems, network problems, or a long period of inactivity. Error Number: 0x800CCC0F"
    Then the most likely cause is "packet-loss"
    And the report also finds "tls-interception"
    And mailexpert is only "possible" sure of it
    And mailexpert says "Microsoft traces it to a router or firewall on the way"
    And the advice names "another network"
    And mailexpert asks "mail-works-elsewhere"

  Scenario: a connection reset on a setting without encryption
    Given my mail program was set to the POP3 server "pop.example.org:110/plain"
    When I paste the server's reply "Connection reset by peer"
    Then the most likely cause is "plaintext-auth-filtered"
    And mailexpert says "without encryption"

  Scenario: a connection reset from every network
    Given I answer "mail-works-elsewhere" with "no"
    When I paste the server's reply "The connection to the server was reset"
    Then the most likely cause is "server-protocol-error"
    And mailexpert says "cut in the middle from every network"
