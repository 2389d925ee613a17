Feature: Hostile and broken servers — never reported healthy
  A server that stalls, breaks off or leaves its protocol at some step is named with the
  failing service and step; a setting that would send the password in clear text is an
  error even though mailexpert itself never sends it.

  Scenario Outline: <situation>
    Given <situation>, as in the lab case "<case>"
    When I diagnose my account
    Then the most likely cause is "<case>"
    And the evidence shows "<evidence>"
    And the advice names "<correction>"

    Examples:
      | situation                                                      | case                   | evidence                                          | correction  |
      | receiving hangs after connecting and never gets to the login   | server-protocol-error  | service.failure step=capability failure=too-many-lines | administrator |
      | I turned encryption off and everything works                   | cleartext-auth-exposed | service.capabilities tls=false password_auth=true | SSL/TLS     |
