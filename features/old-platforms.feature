Feature: A text that names an old platform beside a vague connection failure
  Mail providers retired TLS 1.0 and 1.1: Microsoft 365, Gmail, iCloud and most hosts take TLS 1.2
  and 1.3 only. A mail program whose platform stops at TLS 1.0 -- Windows 7 without its TLS update,
  Java 7, an application for .NET Framework 4.5, OpenSSL 0.9.8, Apple Mail on iOS 9 -- then
  fails at once, and says only that it could not connect or that the server ended the connection.
  When the user names such a platform in the pasted text, mailexpert reads the failure as that
  limit, says which words led there and what makes the platform offer TLS 1.2. A text that says
  what failed (a refused login, a certificate, a name that does not exist) is read as before, and
  a current platform changes nothing.

  Scenario: Outlook on Windows 7 says the server ended the connection
    When I paste the server's reply "Outlook 2010 on Windows 7: Your server has unexpectedly terminated the connection. Possible causes for this include server problems, network problems, or a long period of inactivity."
    Then the most likely cause is "tls-version-client-outdated"
    And mailexpert says "names Windows 7"
    And mailexpert says "offers at most TLSv1 by default"
    And the first thing to do is "Install update KB3140245"
    And the evidence shows "platform.named platform=windows-7"

  Scenario: A Java 7 program cannot start TLS
    When I paste the server's reply "Running on jdk1.7.0_80: javax.mail.MessagingException: Could not convert socket to TLS"
    Then the causes come in this order: "tls-version-client-outdated", "starttls-failed"
    And the first thing to do is "Update to Java 8 or later"

  # The usual reading of this sentence is Outlook's 0x800CCC0F (IXP_E_CONNECTION_DROPPED, the same code): a connection
  # cut in the middle, the path first (rules/network/packet-loss.yaml, packet-loss-outlook-connection-dropped-pasted).
  Scenario: The same text on Windows 10 keeps its usual reading
    When I paste the server's reply "Outlook 2016 on Windows 10: Your server has unexpectedly terminated the connection. Possible causes for this include server problems, network problems, or a long period of inactivity."
    Then the most likely cause is "packet-loss"

  Scenario: A refused login on Windows 7 is still a refused login
    When I paste the server's reply "Windows 7, Outlook 2010: 535 5.7.8 Error: authentication failed: authentication failure"
    Then the most likely cause is "password-rejected"

  Scenario: An old Exchange server shares no TLS version with the client
    When I paste the server's reply "Our Exchange 2007 server: [SSL: UNSUPPORTED_PROTOCOL] unsupported protocol (_ssl.c:1000)"
    Then the most likely cause is "tls-version-server-outdated"
    And mailexpert says "names Exchange 2007 as the server"

  Scenario: Apple Mail on an old iPad cannot connect
    When I paste the server's reply "iPad 2 with iOS 9.3.5: Cannot Connect to Mail Server. The connection to the server failed."
    Then the most likely cause is "tls-version-client-outdated"
    And mailexpert says "names iOS 9.3.5"
    And the first thing to do is "Update the system"
