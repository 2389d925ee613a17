"""Hosters' and smaller providers' documented refusals, each read as the cause its own help page gives.

Pages (the wording each documents, quoted as data):
  AI  https://all-inkl.com/en/mail-error/ (ALL-INKL's outgoing filter: "Spam message rejected.", and "Message cannot be
      sent. One or more recipients were previously reported as unknown." for a recipient list with dead addresses)
  C2  https://www.catalyst2.com/knowledgebase/server-management/common-smtp-errors/ (a cPanel host: "SMTP AUTH is required
      for message submission on port 587" when the client sends without a login, with TLS off)
  IK  https://www.infomaniak.com/en/support/faq/414/error-bogus-helo (Infomaniak: "550 5.7.1 ... Access denied - bogus
      HELO [1]" for a HELO name that is no fully qualified domain name)
  NB  https://netbit.com.br/suporte/kb_E-mail_Problemas-comuns-no-envio.php (a Brazilian host: "550 R1: HELO should be a
      FQDN or address literal (See RFC 2821 4.1.1.1)")
  UN  https://portal.universonet.com.br/kb/a289/quantidade-de-envio-de-mensagens-plataforma-windows.aspx (a Brazilian
      host's hourly sending limit: "452 Sender is throttled")
  SN  https://blog.sina.com.cn/s/blog_8dc13ec50101fxxr.html (a Chinese mail server's reply list with its meanings:
      "550 black ip." the sending IP banned, "554 rbl deny." a server on an RBL, "555 helohost error." the HELO host
      check failed, "553 relay check local fail." a user of the local domain must log in)
  SH  https://365seal.com/y/dRvzkOzRVO.html (Sohu's bounce codes: "553 5.7.0 IP REJECT: ip:timestamp:URL", the sending IP
      on Sohu's black list for volume, forged domains or spam)
  RB  https://help.runbox.com/common-errors-when-sending-mail-through-an-email-client/ (Runbox: "550 Invalidated From
      address", a From address none of the account's)
  DH  https://help.dreamhost.com/hc/en-us/articles/215730467-SMTP-quota-overview (DreamHost: "Policy Rejection- Quota
      Exceeded", the hourly recipients used up)
  ST  https://www.strato.de/faq/mail/fehlermeldungen-bei-e-mails/ (STRATO: "550 5.7.1 Refused by local policy. No SPAM
      please!" with what was suspicious in brackets; "550 sorry, no mailbox here by that name", an unknown recipient)
  KR  https://puffinknight.tistory.com/102 (Korean portals' replies: Naver's "421 4.3.2 Your IP(ADDR) is filtered ...
      You must register your IP to http://realip.naver.com", "421 4.3.1 You send too many messages.", "421 Server too
      busy." a busy receiving server)
"""

from __future__ import annotations

import pytest
from helpers import causes_of, in_outlooks_error, top_cause

AI = 'https://all-inkl.com/en/mail-error/'
C2 = 'https://www.catalyst2.com/knowledgebase/server-management/common-smtp-errors/'
IK = 'https://www.infomaniak.com/en/support/faq/414/error-bogus-helo'
NB = 'https://netbit.com.br/suporte/kb_E-mail_Problemas-comuns-no-envio.php'
UN = 'https://portal.universonet.com.br/kb/a289/quantidade-de-envio-de-mensagens-plataforma-windows.aspx'
SN = 'https://blog.sina.com.cn/s/blog_8dc13ec50101fxxr.html'
SH = 'https://365seal.com/y/dRvzkOzRVO.html'
RB = 'https://help.runbox.com/common-errors-when-sending-mail-through-an-email-client/'
DH = 'https://help.dreamhost.com/hc/en-us/articles/215730467-SMTP-quota-overview'
ST = 'https://www.strato.de/faq/mail/fehlermeldungen-bei-e-mails/'
KR = 'https://puffinknight.tistory.com/102'

# (page, the text as the page gives it, the causes it may read as)
CASES = [
    (AI, 'Spam message rejected.', ('content-filtered',)),
    (AI, 'The mail server responded: Spam message rejected.', ('content-filtered',)),
    (AI, 'Message cannot be sent. One or more recipients were previously reported as unknown.', ('server-reply-permanent',)),
    (C2, 'SMTP AUTH is required for message submission on port 587', ('smtp-auth-not-enabled',)),
    (C2, '550 SMTP AUTH is required for message submission on port 587', ('smtp-auth-not-enabled',)),
    (IK, '550 5.7.1 user123@example.ch... Access denied - bogus HELO [1]', ('helo-name-rejected',)),
    (NB, '550 R1: HELO should be a FQDN or address literal (See RFC 2821 4.1.1.1)', ('helo-name-rejected',)),
    (UN, '452 Sender is throttled', ('sending-limit-exceeded',)),
    (SN, '550 black ip.', ('client-ip-blocklisted',)),
    (SN, '554 rbl deny.', ('client-ip-blocklisted',)),
    (SN, '555 helohost error.', ('helo-name-rejected',)),
    (SN, '553 relay check local fail.', ('smtp-auth-not-enabled',)),
    (SH, '553 5.7.0 IP REJECT: 192.0.2.7:1700000000:http://mail.sohu.com/help', ('client-ip-blocklisted',)),
    (RB, '550 Invalidated From address', ('sender-address-not-allowed',)),
    (DH, 'Policy Rejection- Quota Exceeded', ('sending-limit-exceeded',)),
    (DH, 'The mail server responded: Policy Rejection- Quota Exceeded. Please check the message recipients and try again.',
     ('sending-limit-exceeded',)),
    (ST, '550 5.7.1 Refused by local policy. No SPAM please! (B-URL)', ('content-filtered',)),
    (ST, 'Refused by local policy. No SPAM please! (B-ATTACH)', ('content-filtered',)),
    (KR, '421 4.3.2 Your IP(192.0.2.7) is filtered and this connection will be closed. You must register your IP to'
         ' http://realip.naver.com', ('client-ip-blocklisted',)),
    (KR, '421 4.3.1 You send too many messages.', ('sending-limit-exceeded',)),
]

# Neighbours that must NOT read as the new causes: the same words in another sense, or a refusal with no reason.
NEIGHBOURS = [
    # a recipient's mailbox refusal (Sina's list: "550 mailbox unavailable."): the recipient's side, no sender cause
    (SN, '550 mailbox unavailable.', ('server-reply-permanent',)),
    # the IP block words of a sender's address, not its IP: a sender-side refusal, not the IP (Sohu's list)
    (SH, '554 5.7.1 <bob@sohu.com>: Sender address rejected: Access denied', ('sender-address-not-allowed', 'server-reply-permanent')),
    # a busy receiving server, not a sending limit (the same Korean list)
    (KR, '421 Server too busy.', ('server-unavailable',)),
    # an unknown recipient at STRATO: the recipient's side
    (ST, '550 sorry, no mailbox here by that name', ('server-reply-permanent',)),
    # a HELO that is fine and a refusal that gives no reason stays a generic refusal
    ('RFC 5321 section 4.2.3', '550 Requested action not taken', ('server-reply-permanent',)),
    ('RFC 5321 section 4.2.3', '452 Requested action not taken: insufficient system storage', ('server-reply-transient',)),
]

NEW = ('content-filtered', 'smtp-auth-not-enabled', 'helo-name-rejected', 'sending-limit-exceeded', 'client-ip-blocklisted',
       'sender-address-not-allowed')


@pytest.mark.parametrize(('page', 'text', 'causes'), CASES, ids=[c[1][:60] for c in CASES])
def test_documented_reply_reads_as_its_cause(page: str, text: str, causes: tuple[str, ...]) -> None:
    assert top_cause(text) in causes, (page, causes_of(text))


@pytest.mark.parametrize(('page', 'text', 'causes'), [c for c in CASES if c[1][:1].isdigit()],
                         ids=[c[1][:60] for c in CASES if c[1][:1].isdigit()])
def test_documented_reply_inside_outlooks_error(page: str, text: str, causes: tuple[str, ...]) -> None:
    assert top_cause(in_outlooks_error(text)) in causes, (page, causes_of(in_outlooks_error(text)))


@pytest.mark.parametrize(('page', 'text', 'causes'), NEIGHBOURS, ids=[c[1][:60] for c in NEIGHBOURS])
def test_neighbour_stays_apart(page: str, text: str, causes: tuple[str, ...]) -> None:
    top = top_cause(text)
    assert top in causes, (page, causes_of(text))
    assert top not in NEW or top in causes
