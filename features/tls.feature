Feature: SSL/TLS — the secure connection to the mail server fails
  Old TLS versions, no common cipher, every kind of certificate fault, TLS interception and
  the three ways STARTTLS goes wrong. mailexpert classifies the handshake and the
  certificate and says who must fix what.

  Scenario Outline: <situation>
    Given <situation>, as in the lab case "<case>"
    When I diagnose my account
    Then the most likely cause is "<case>"
    And the evidence shows "<evidence>"
    And the advice names "<correction>"

    Examples:
      | situation                                                       | case                        | evidence                                  | correction         |
      | since updating my mail program it cannot connect securely       | tls-version-server-outdated | tls.version version=TLSv1 accepted=true   | TLS 1.2            |
      | the secure connection fails with a handshake error              | tls-no-shared-cipher        | tls.handshake outcome=handshake-failure   | cipher             |
      | my mail program warns the server's certificate expired          | cert-expired                | tls.handshake verify=expired              | renew              |
      | the certificate warning says 'not yet valid'                    | cert-not-yet-valid          | tls.handshake verify=not-yet-valid        | clock              |
      | my mail program warns about a self-signed certificate           | cert-self-signed            | tls.handshake verify=self-signed          | fingerprint        |
      | the certificate is not trusted, it says                         | cert-untrusted-issuer       | tls.handshake verify=untrusted-issuer     | chain              |
      | the certificate is for a different name                         | cert-hostname-mismatch      | tls.handshake verify=hostname-mismatch    | other.example.net  |
      | since I installed a new antivirus, mail shows certificate errors | tls-interception           | tls.certificate                           | scanning           |
      | it says the server does not support encryption                  | starttls-not-offered        | starttls.result outcome=not-offered       | SSL/TLS            |
      | at the office, mail says encryption is not available            | starttls-stripped           | service.capabilities starttls_masked=true | 993                |
      | encryption starts and then fails                                | starttls-failed             | starttls.result                           | 993                |

  Scenario: My old mail program cannot connect any more
    Given my old mail program cannot connect any more, as in the lab case "tls-version-client-outdated"
    And I answer "client-name" with "outlook"
    And I answer "client-version" with "2010"
    And I answer "client-max-tls" with "TLSv1"
    When I diagnose my account
    Then the most likely cause is "tls-version-client-outdated"
    And the advice names "KB3140245"
