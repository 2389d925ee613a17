"""``explain`` reads NetEase's (163.com, 126.com) reply codes by the list NetEase publishes
(help.163.com/09/1224/17/5RAJ4LMH00753VB8.html): its replies carry a code, the server's name and a help
link, not the list's words, so the code alone tells a sending limit from a refused sending address, too
many connections, or a message its filter took for spam. The texts are built as NetEase's replies read
(the code, "163 smtpN,<id> <time>", the help link), as the corpus quotes them for DT:SPM and MI:STC."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain

LINK = ",please see http://mail.163.com/help/help_spam_16.htm?ip=198.51.100.7&hostid=smtp9&time=1597913181"


def top(text: str) -> str | None:
    roots = [d.cause for d in explain(text).diagnoses if d.is_root]
    return roots[0] if roots else None


@pytest.mark.parametrize(("text", "cause"), [
    # the sender's recipients over a short time, and over the day
    (f"Error: Invalid login: 451 RP:QRC 163 smtp9,DcCowAD3_w9cOD5 1597913181{LINK}", "sending-limit-exceeded"),
    (f"smtplib.SMTPDataError: (550, b'RP:TRC 163 smtp9,DcCowAD3_w9cOD5 1597913181{LINK}')", "sending-limit-exceeded"),
    ("554 5.5.3 RP:TRC", "sending-limit-exceeded"),
    # too many recipients in one message, or in one connection
    (f"550 RP:RCL 163 smtp9,DcCowAD3_w9cOD5 1597913181{LINK}", "sending-limit-exceeded"),
    ("450 4.5.3 RP:DRC", "sending-limit-exceeded"),
    # too much mail from the sending address
    ("421 HL:IFC 163 smtp9", "sending-limit-exceeded"),
    # too many concurrent connections from the sending address
    (f"421 4.4.5 HL:ICC 163 smtp9,DcCowAD3_w9cOD5 1597913181{LINK}", "too-many-connections"),
    # the sending address suspended, not allowed, or in a block list
    (f"554 HL:IHU 163 smtp9,DcCowAD3_w9cOD5 1597913181{LINK}", "client-ip-blocklisted"),
    (f"(554, b'HL:IPB 163 smtp3,DcCowAD3_w9cOD5 1597913181{LINK}')", "client-ip-blocklisted"),
    ("450 DT:RBL 163 mx2", "client-ip-blocklisted"),
    # the content, as before
    (f"smtplib.SMTPDataError: (554, b'DT:SPM 163 smtp10,DsCowAA3D+JApVpd78gMKg--.16104S2 1566221632{LINK}')",
     "content-filtered"),
])
def test_netease_codes(text: str, cause: str) -> None:
    assert top(text) == cause, (text, [d.cause for d in explain(text).diagnoses if d.is_root])


@pytest.mark.parametrize("text", [
    # the codes are NetEase's two letters and three, not any word that ends in them
    "550 5.1.1 user hrp:trcx unknown",
    "421 4.7.0 shl:icc closing connection",
])
def test_lookalikes_are_not_netease_codes(text: str) -> None:
    assert top(text) not in ("sending-limit-exceeded", "too-many-connections", "client-ip-blocklisted")
