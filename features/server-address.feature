Feature: Server address — the mail program is pointed at the wrong server name
  The web works, but the host name in the account settings is misspelt, does not exist,
  has no address, belongs to another provider, or is the domain's inbound MX. mailexpert
  resolves the names, compares them with what discovery finds, and names the right host.

  Scenario Outline: <situation>
    Given <situation>, as in the lab case "<case>"
    When I diagnose my account
    Then the most likely cause is "<case>"
    And the evidence shows "<evidence>"
    And the advice names "<correction>"

    Examples:
      | situation                                                    | case                        | evidence                          | correction        |
      | mail stopped working after I re-entered my server settings   | server-host-typo            | dns.answer outcome=nxdomain       | mail.example.test |
      | the mail program says it cannot find the server              | server-host-unknown         | dns.answer outcome=nxdomain       | mail.example.test |
      | I typed my domain as the server and nothing connects         | server-host-no-address      | dns.answer outcome=nodata         | mail.example.test |
      | I use the big provider's server names for my own domain      | wrong-provider-host         | account.setting host=imap.bigmail.test | mail.example.test |
      | I can receive, but sending says relay access denied          | mx-host-used-for-submission | account.setting port=25           | mail.example.test |
