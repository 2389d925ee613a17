"""Point a running lab's mail host at the real Postfix and Dovecot instead of its own servers.

The lab's ``connect_to`` map sends (resolved address, logical port) to its in-process servers;
:func:`real_connect_to` rewrites it so that the mail host's SMTP ports (and the MX's 25) reach
Postfix services and its IMAP and POP3 ports reach Dovecot. A port whose protocol Dovecot does
not serve (``protocols = imap``) is sent to a port nothing listens on, as on such a server.
DNS, web pages and discovery stay the lab's.
"""

from __future__ import annotations

from mailexpert.lab.dovecot import DovecotServer
from mailexpert.lab.plan import host
from mailexpert.lab.ports import free_port
from mailexpert.lab.postfix import PostfixServer
from mailexpert.lab.target import ConnectTo, LabTarget

#: Dovecot's listener behind each logical IMAP/POP3 port.
DOVECOT_PORTS = {143: "imap", 993: "imaps", 110: "pop3", 995: "pop3s"}


def real_connect_to(target: LabTarget, postfix: PostfixServer, dovecot: DovecotServer, *,
                    submission: str = "submission", submissions: str = "submissions",
                    mx: str = "smtp") -> list[ConnectTo]:
    """The lab's map with the mail host on the real servers: 25 (and the MX's 25) on Postfix's
    ``mx`` service, 465 on ``submissions`` (implicit TLS), 587 on ``submission``, IMAP and POP3 on Dovecot."""
    mail, mx_address = host("mail").address, host("mx").address
    nowhere = (dovecot.address, free_port(dovecot.address))
    real = {
        (mail, 25): postfix.endpoint(mx),
        (mail, 465): postfix.endpoint(submissions),
        (mail, 587): postfix.endpoint(submission),
        (mx_address, 25): postfix.endpoint(mx),
        **{(mail, port): (dovecot.address, dovecot.ports[name]) if name in dovecot.ports else nowhere
           for port, name in DOVECOT_PORTS.items()},
    }
    return [(address, port, *real.get((address, port), (real_address, real_port)))
            for address, port, real_address, real_port in target.connect_to]
