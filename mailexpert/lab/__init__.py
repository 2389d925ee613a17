"""A loopback lab of real mail, DNS and web servers with injectable faults.

Used by the tests, by ``mailexpert demo`` and by rule authors to reproduce every built-in cause
(rules/causes.yaml) on 127.0.0.0/8 without root::

    from mailexpert.lab import Lab, SCENARIOS
    with Lab(scenario="cert-expired") as lab:
        lab.target            # LabTarget: the account and how to reach the lab
        lab.servers["imaps"]  # a server, with .login_attempts

Modules: ``plan`` (hosts, addresses, ports, DNS data), ``certs`` (CA and certificates),
``faults`` (the fault switches), ``loop`` (the event-loop thread), ``conn``/``server``
(the shared TCP server), ``smtp``/``imap``/``pop3``/``web`` (protocol sessions),
``auth``/``replies`` (login decisions and exact reply texts), ``dns`` (the resolvers),
``target``, ``scenarios``, ``lab``, and the real Debian servers, optional: ``dovecot``,
``postfix`` (SASL through that Dovecot), ``relayclient`` (Postfix as a client relaying
through a smarthost: the log lines of its delivery attempts) and ``ports`` (free ports for them).
"""

from mailexpert.lab.faults import KINDS as FAULT_KINDS
from mailexpert.lab.faults import Fault
from mailexpert.lab.lab import Lab
from mailexpert.lab.scenarios import SCENARIOS, Scenario
from mailexpert.lab.target import LabTarget

__all__ = ["FAULT_KINDS", "Fault", "Lab", "LabTarget", "SCENARIOS", "Scenario"]
