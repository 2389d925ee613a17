Feature: SSL/TLS — the secure connection to the mail server fails
  Old TLS versions, no common cipher, every kind of certificate fault, TLS interception and
  the three ways STARTTLS goes wrong. mailexpert classifies the handshake and the
  certificate and says who must fix what.

  Scenario: Since updating my mail program it cannot connect securely
    Given since updating my mail program it cannot connect securely, as in the lab case "tls-version-server-outdated"
    When I diagnose my account
    Then the most likely cause is "tls-version-server-outdated"
    And mailexpert says "mail.example.test:993 speaks only outdated TLS (TLSv1)"
    And the first thing to do is "Ask the provider or administrator of mail.example.test to enable TLS 1.2 and TLS 1.3"

  Scenario: The server speaks only TLS 1.0, and this computer's OpenSSL no longer does
    OpenSSL 3 refuses TLS 1.0 and 1.1 at its default security level (Debian and Ubuntu set
    level 2), so programs that use it fail with such a server however they are set. The
    server is out of date, and this computer refuses it too: the report says both, with the
    fix on either side.
    Given since updating my mail program it cannot connect securely, as in the lab case "tls-version-server-outdated"
    And this computer's own TLS library refuses TLS 1.0 with its default settings
    When I diagnose my account
    Then the most likely cause is "tls-version-server-outdated"
    And mailexpert says "speaks only outdated TLS (TLSv1), and this computer's OpenSSL"
    And mailexpert says "refuses TLSv1 with its default settings"
    And the first thing to do is "Ask the provider or administrator of mail.example.test to enable TLS 1.2 and TLS 1.3"
    And the advice names "MinProtocol = TLSv1"

  Scenario: The secure connection fails with a handshake error
    Given the secure connection fails with a handshake error, as in the lab case "tls-no-shared-cipher"
    When I diagnose my account
    Then the most likely cause is "tls-no-shared-cipher"
    And mailexpert says "but only with outdated cipher suites"
    And the first thing to do is "Ask the provider or administrator of mail.example.test to enable modern cipher suites"

  Scenario: My mail program warns the server's certificate expired
    Given my mail program warns the server's certificate expired, as in the lab case "cert-expired"
    When I diagnose my account
    Then the most likely cause is "cert-expired"
    And mailexpert says "The certificate of mail.example.test:993 expired on"
    And the first thing to do is "The provider or administrator of mail.example.test must renew the certificate (it ended"

  Scenario: The certificate warning says 'not yet valid'
    Given the certificate warning says 'not yet valid', as in the lab case "cert-not-yet-valid"
    When I diagnose my account
    Then the most likely cause is "cert-not-yet-valid"
    And mailexpert says "The certificate of mail.example.test:993 only becomes valid on"
    And the first thing to do is "Tell the provider or administrator of mail.example.test: the certificate starts on"

  Scenario: My mail program warns about a self-signed certificate
    Given my mail program warns about a self-signed certificate, as in the lab case "cert-self-signed"
    When I diagnose my account
    Then the most likely cause is "cert-self-signed"
    And mailexpert says "mail.example.test:993 presents a self-signed certificate for mail.example.test"
    And the first thing to do is "Ask the administrator to confirm the"

  Scenario: The certificate is not trusted, it says
    Given the certificate is not trusted, it says, as in the lab case "cert-untrusted-issuer"
    When I diagnose my account
    Then the most likely cause is "cert-untrusted-issuer"
    And mailexpert says "The certificate of mail.example.test:993 is issued by 'Untrusted Lab CA (Somebody else)'"
    And the first thing to do is "Ask the administrator of mail.example.test to configure the full certificate chain (leaf"

  Scenario: The certificate is for a different name
    Given the certificate is for a different name, as in the lab case "cert-hostname-mismatch"
    When I diagnose my account
    Then the most likely cause is "cert-hostname-mismatch"
    And mailexpert says "The certificate of mail.example.test:993 is valid for other.example.net, not mail.example.test"
    And the first thing to do is "Set the server name to other.example.net, a name the certificate is issued for, if that is your provider's server"

  Scenario: My mail program says the server's certificate was revoked
    The certificate verifies, but its authority has put its serial number on the revocation
    list (CRL) that the certificate's distribution point names. mailexpert fetches that list
    with a plain GET and lets OpenSSL check the certificate against it.
    Given my mail program says the server's certificate was revoked, as in the lab case "cert-revoked"
    When I diagnose my account
    Then the most likely cause is "cert-revoked"
    And mailexpert says "The certificate of mail.example.test:993 was revoked by the authority that issued it"
    And the first thing to do is "Tell the provider or administrator of mail.example.test: its certificate was revoked"

  Scenario: Since I installed a new antivirus, mail shows certificate errors
    Given since I installed a new antivirus, mail shows certificate errors, as in the lab case "tls-interception"
    When I diagnose my account
    Then the most likely cause is "tls-interception"
    And mailexpert says "'Lab Antivirus Inspection CA (Lab Antivirus)' signs both mail.example.test:993 and the"
    And the first thing to do is "Turn off mail scanning ('scan encrypted connections', 'mail shield') in the antivirus, or"

  Scenario: It says the server does not support encryption
    Given it says the server does not support encryption, as in the lab case "starttls-not-offered"
    When I diagnose my account
    Then the most likely cause is "starttls-not-offered"
    And mailexpert says "mail.example.test:143 does not offer STARTTLS; use SSL/TLS on port 993"
    And the first thing to do is "Set the imap server to mail.example.test, port 993, security SSL/TLS."

  Scenario: At the office, mail says encryption is not available
    Given at the office, mail says encryption is not available, as in the lab case "starttls-stripped"
    When I diagnose my account
    Then the most likely cause is "starttls-stripped"
    And mailexpert says "STARTTLS is missing on mail.example.test:143 and shown masked on port 587"
    And the first thing to do is "Use implicit TLS, which cannot be stripped: SMTP 465, IMAP 993, POP3 995 with security"

  Scenario: Encryption starts and then fails
    Given encryption starts and then fails, as in the lab case "starttls-failed"
    When I diagnose my account
    Then the most likely cause is "starttls-failed"
    And the server said:
      """
      NO [UNAVAILABLE] TLS not available due to local problem
      """
    And mailexpert says "mail.example.test:143 offers STARTTLS but does not start it (outcome"
    And the first thing to do is "Meanwhile use SSL/TLS on the implicit-TLS port (SMTP 465, IMAP 993, POP3 995), if the"

  Scenario: My old mail program cannot connect any more
    Given my old mail program cannot connect any more, as in the lab case "tls-version-client-outdated"
    And I answer "client-name" with "outlook"
    And I answer "client-version" with "2010"
    And I answer "client-max-tls" with "TLSv1"
    When I diagnose my account
    Then the most likely cause is "tls-version-client-outdated"
    And mailexpert says "The mail program can use at most TLSv1, which mail.example.test:587 refuses (it accepts"
    And the first thing to do is "Update the mail program to a version that supports TLS 1.2, or switch to a current one."
