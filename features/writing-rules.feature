Feature: Writing rules of your own
  A cause that mailexpert does not know yet is added in a rule folder of your own: a
  causes.yaml that declares it, a rule file that says when it is the cause, and examples that
  `mailexpert rules test` runs. `mailexpert rules lint` checks the folder beside the built-in
  rules before anything runs; every mistake is one message that says where (file:line:column)
  and what, with exit status 2. `explain`, `diagnose`, `replay` and `demo` take the folder
  with --rules DIR, and the library with rule_folders=[DIR].

  Scenario: A cause of your own, checked, tested and used
    Given my rule folder holds "causes.yaml":
      """
      causes:
        - id: recipient-mailbox-full
          area: server-side
          severity: error
          title: The recipient's mailbox is full
          fix: Tell the recipient by another channel to empty their mailbox, then send again.
      """
    And my rule folder holds "recipient-mailbox-full.yaml":
      """
      id: recipient-mailbox-full
      title: The recipient's mailbox is full
      area: server-side
      confidence: likely
      when:
        all:
          - fact: server.reply
            as: r
            where:
              code: {in: [452, 552]}
              text: {matches: '(?i)mailbox (is )?full|quota exceeded|over quota'}
      diagnosis:
        summary: "The recipient's server refused the message: {r.text}"
        explanation: The recipient's mailbox has no room left; their provider refuses new mail until they delete some.
        fix:
          - Tell the recipient by another channel (phone, another address) that their mailbox is full.
          - Send again once they have made room.
        references: [https://www.rfc-editor.org/rfc/rfc3463]
      supersedes: [server-reply-permanent]
      examples:
        fires:
          - facts:
              - {kind: server.reply, protocol: smtp, code: 552, status: permanent, stage: unknown, text: "5.2.2 <bob@example.org>: Mailbox full, quota exceeded"}
        silent:
          - name: another permanent refusal
            facts:
              - {kind: server.reply, protocol: smtp, code: 550, status: permanent, stage: unknown, text: "5.1.1 User unknown"}
      """
    When I run "mailexpert rules lint" on my rule folder
    Then it ends with exit status 0
    And it says "1 rule(s) OK"
    When I run "mailexpert rules test" on my rule folder
    Then it says "rules: 2 passed, 0 failed"
    When I paste the server's reply "552 5.2.2 <carol@example.net>: Mailbox full, quota exceeded"
    Then the most likely cause is "recipient-mailbox-full"
    And the first thing to do is "Tell the recipient by another channel"

  Scenario: Tests of one field that no value meets together: the rule could never fire
    Given my rule folder holds "mailbox-full.yaml":
      """
      id: mailbox-full
      title: The mailbox is full
      area: server-side
      confidence: likely
      cause: server-reply-permanent
      when:
        all:
          - fact: server.reply
            as: r
            where:
              code: {gt: 552, lt: 452}
      diagnosis:
        summary: "{r.text}"
        explanation: The mailbox has no room left.
        fix: [Make room.]
      examples:
        fires: [{facts: [{kind: server.reply, protocol: smtp, code: 552, status: permanent, stage: unknown, text: full}]}]
        silent: [{facts: [{kind: server.reply, protocol: smtp, code: 550, status: permanent, stage: unknown, text: unknown}]}]
      """
    When I run "mailexpert rules lint" on my rule folder
    Then it points at "mailbox-full.yaml:11:9" and says "[mailbox-full] field 'code': no number meets every test (code > 552, code < 452), so the rule can never fire"
    And it ends with exit status 2

  Scenario: A 'none' pattern that the rule's own fact meets: the rule could never fire
    Given my rule folder holds "mailbox-full.yaml":
      """
      id: mailbox-full
      title: The mailbox is full
      area: server-side
      confidence: likely
      cause: server-reply-permanent
      when:
        all:
          - {fact: server.reply, as: r, where: {code: 552}}
        none:
          - {fact: server.reply, where: {code: {ref: r.code}}}
      diagnosis:
        summary: "{r.text}"
        explanation: The mailbox has no room left.
        fix: [Make room.]
      examples:
        fires: [{facts: [{kind: server.reply, protocol: smtp, code: 552, status: permanent, stage: unknown, text: full}]}]
        silent: [{facts: [{kind: server.reply, protocol: smtp, code: 550, status: permanent, stage: unknown, text: unknown}]}]
      """
    When I run "mailexpert rules lint" on my rule folder
    Then it points at "mailbox-full.yaml:10:7" and says "when/none/0: the server.reply bound as 'r' (when/all/0) always meets this pattern itself"
    And it ends with exit status 2

  Scenario: A rule that derives a fact of the kind it matches would fire on its own facts again
    Given my rule folder holds "auth-echo.yaml":
      """
      id: auth-echo
      title: Every login refusal, once more
      area: shared
      when:
        all:
          - {fact: auth.reply, as: a}
      derive:
        fact: auth.reply
        fields: {origin: {ref: a.origin}, failure: {ref: a.failure}, text: {ref: a.text}}
      examples:
        fires: [{facts: [{kind: auth.reply, origin: reply, failure: permanent, text: refused}]}]
        silent: [{facts: [{kind: server.reply, protocol: smtp, code: 550, status: permanent, stage: unknown, text: unknown}]}]
      """
    When I run "mailexpert rules lint" on my rule folder
    Then it points at "auth-echo.yaml:1:1" and says "[auth-echo] the rule derives auth.reply, a kind it matches itself: each fact derived can fire it again, a loop"
    And it ends with exit status 2

  Scenario: A cause declared without its advice is the one error, not every rule that names it
    Given my rule folder holds "causes.yaml":
      """
      causes:
        - id: recipient-mailbox-full
          area: server-side
          title: The recipient's mailbox is full
      """
    And my rule folder holds "recipient-mailbox-full.yaml":
      """
      id: recipient-mailbox-full
      title: The recipient's mailbox is full
      area: server-side
      confidence: likely
      when: {all: [{fact: server.reply, as: r, where: {code: 552}}]}
      diagnosis: {summary: "{r.text}", explanation: No room left., fix: [Tell the recipient.]}
      examples:
        fires: [{facts: [{kind: server.reply, protocol: smtp, code: 552, status: permanent, stage: unknown, text: full}]}]
        silent: [{facts: [{kind: server.reply, protocol: smtp, code: 550, status: permanent, stage: unknown, text: unknown}]}]
      """
    When I run "mailexpert rules lint" on my rule folder
    Then it points at "causes.yaml:2:5" and says "a cause needs 'fix' (text): what the user should do about it, in one sentence"
    And it says "1 error(s)"
    And it ends with exit status 2

  Scenario: A line indented with a tab
    Given my rule folder holds "mailbox-full.yaml":
      """
      id: mailbox-full
      title: The mailbox is full
      area: server-side
      when:
      	all: []
      """
    When I run "mailexpert rules test" on my rule folder
    Then it points at "mailbox-full.yaml:5:1" and says "YAML syntax error: found character that cannot start any token (YAML indents with spaces; replace the tabs)"
    And it ends with exit status 2

  Scenario: Your own words for a built-in cause come from a cause of your own that supersedes it
    # A rule of your own may diagnose a built-in cause ('cause: password-rejected'): it adds a
    # way to find it. Where a built-in rule finds it too, one diagnosis speaks for the cause,
    # the more specific reading (more evidence) first, here the built-in one with its advice.
    Given my rule folder holds "helpdesk-password-words.yaml":
      """
      id: helpdesk-password-words
      cause: password-rejected
      title: The server rejects the password
      area: authentication
      severity: error
      confidence: likely
      when:
        all:
          - fact: server.reply
            as: r
            where: {code: 535, text: {matches: '(?i)authentication failed'}}
      diagnosis:
        summary: "The server refused the password: {r.text}"
        explanation: Our server refuses a password that was changed on the intranet.
        fix: [Call the help desk on extension 1234 to have the password reset.]
      examples:
        fires:
          - facts: [{kind: server.reply, protocol: smtp, code: 535, status: permanent, stage: auth, text: "5.7.8 Error: authentication failed"}]
        silent:
          - facts: [{kind: server.reply, protocol: smtp, code: 535, status: permanent, stage: auth, text: "5.7.8 Error: invalid user"}]
      """
    When I paste the server's reply "535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6"
    Then the most likely cause is "password-rejected"
    And the first thing to do is "Sign in to your provider's webmail"
    # A cause of your own that supersedes the built-in one speaks instead, as `rules new` makes it.
    Given my rule folder holds "causes.yaml":
      """
      causes:
        - id: helpdesk-password
          area: authentication
          severity: error
          title: The server rejects the password (our help desk resets it)
          fix: Call the help desk on extension 1234 to have the password reset.
      """
    And my rule folder holds "helpdesk-password.yaml":
      """
      id: helpdesk-password
      title: The server rejects the password (our help desk resets it)
      area: authentication
      confidence: likely
      when:
        all:
          - fact: server.reply
            as: r
            where: {code: 535, text: {matches: '(?i)authentication failed'}}
      diagnosis:
        summary: "The server refused the password: {r.text}"
        explanation: Our server refuses a password that was changed on the intranet.
        fix: [Call the help desk on extension 1234 to have the password reset.]
      supersedes: [password-rejected]
      examples:
        fires:
          - facts: [{kind: server.reply, protocol: smtp, code: 535, status: permanent, stage: auth, text: "5.7.8 Error: authentication failed"}]
        silent:
          - facts: [{kind: server.reply, protocol: smtp, code: 535, status: permanent, stage: auth, text: "5.7.8 Error: invalid user"}]
      """
    When I run "mailexpert rules lint" on my rule folder
    Then it ends with exit status 0
    When I paste the server's reply "535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6"
    Then the most likely cause is "helpdesk-password"
    And the first thing to do is "Call the help desk"
