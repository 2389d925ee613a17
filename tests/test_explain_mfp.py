"""Scan-to-email from multifunction printers and copiers: what such a device, and the mail service it sends
through, shows when a scan is not sent -- as a user pastes it from the panel, the web page or the report.

Each case names where its words come from:
- Microsoft (MicrosoftDocs/SupportArticles-docs:Exchange/ExchangeOnline/email-delivery/
  fix-issues-with-printers-scanners-and-lob-applications-that-send-email-using-off.md, "Fix issues with printers,
  scanners, and LOB apps that send email using Microsoft 365"): the refusals Exchange Online gives a device, as the
  device shows or reports the server's reply -- the login a mailbox or the tenant does not take (535 5.7.3, 535
  5.7.139), a device that did not log in at all to the submission endpoint (5.7.57, "Client was not authenticated to
  send anonymous mail during MAIL FROM"), a From address the login may not send as (5.7.60), TLS 1.0 or 1.1
  ("Your device must support TLS version 1.2 or above"), and the mailbox on the spam block list (5.1.8).
- Ricoh: its devices put a failed send as a transmission -- the "Transmission Error E-Mail Notification" sent "if an
  e-mail fails to be sent due to a transmission error" (support.ricoh.com/bb_v1oi/pub_e/oi_view/0001062/0001062886/
  view/trouble/int/0061.htm), the "Transmission has failed" message returned to the sender when the SMTP server
  stops the transmission (Ricoh MP C307 field service manual, easymanua.ls/ricoh/mp-c307/manual?p=1009; there an
  Exchange server refusing a From address that is not the login's, one reason among others), "e-mail that cannot be
  transmitted successfully" (support.ricoh.com/bb_v1oi/pub_e/oi_view/0001069/0001069817/view/trouble/int/0056.htm).
  Those words say only that the send failed: they must read as a failure, with no reason made up.
- Kyocera: send error 1102, "Authentication to the destination has failed" (its wording as a Kyocera dealer's guide
  to the send error codes quotes it, sites.google.com/view/howtoguidesforkyoceraprinters/
  send-scan-error-codes-and-explanations/1102: the login name or password the device has for the destination).
  The code alone ("Error 1102") is no one's: it must not read as Kyocera's.
- A university library's runbook for its copiers' scan-to-email (gist.github.com/TannerFilip/
  699bef0a06e556ff4570702e86f30a88): 'Scanner returns "Server connection failed"', answered with the SMTP settings.

Neighbours that must not read as a mail device's transmission: a network's own "transmission error" with nothing
of mail in it, and a device's bare code.
"""

from __future__ import annotations

import pytest
from helpers import causes_of

from mailexpert.errors import InputError
from mailexpert.explain import explain

MS = "Microsoft 365 (printers and scanners)"
RICOH = "Ricoh"
KYOCERA = "Kyocera"
RUNBOOK = "copier runbook"

LOGIN = {"password-rejected", "protocol-disabled-for-account", "basic-auth-disabled", "smtp-auth-not-enabled"}
NO_LOGIN = {"smtp-auth-not-enabled"}
SEND_AS = {"sender-address-not-allowed"}
OLD_TLS = {"tls-version-client-outdated"}

CASES = [
    # --- Microsoft 365, as a device shows the server's reply ----------------------------------------------
    (f"{MS}: authentication unsuccessful", "535 5.7.3 Authentication unsuccessful", LOGIN),
    (f"{MS}: the submission endpoint without a login", "5.7.57 Client not authenticated to send mail", NO_LOGIN),
    (f"{MS}: the submission endpoint without a login, at MAIL FROM",
     "530 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM", NO_LOGIN),
    (f"{MS}: the same, its words alone", "Client was not authenticated to send anonymous mail during MAIL FROM",
     NO_LOGIN),
    (f"{MS}: a From address the login may not send as",
     "5.7.60 SMTP; Client does not have permissions to send as this sender", SEND_AS),
    (f"{MS}: SMTP AUTH disabled for the tenant",
     "530 5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful, "
     "SmtpClientAuthentication is disabled for the Tenant.", LOGIN),
    (f"{MS}: a federated login whose STS cannot be reached",
     "535 5.7.139 Authentication unsuccessful, federated STS service was unreachable.", LOGIN),
    (f"{MS}: a device on TLS 1.0 or 1.1",
     "421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. "
     "Visit https://aka.ms/smtp_auth_tls.", OLD_TLS),
    # The mailbox the device sends from is on the spam block list: refused, never fine.
    (f"{MS}: bad outbound sender", "550 5.1.8 Access denied, bad outbound sender", None),
    # --- Ricoh: a failed send put as a transmission ---------------------------------------------------------
    (f"{RICOH}: transmission has failed, on a scan to e-mail", "Scan to e-mail: Transmission has failed.", None),
    (f"{RICOH}: e-mail transmission failed", "E-mail transmission failed", None),
    (f"{RICOH}: a transmission error", "The e-mail could not be sent due to a transmission error.", None),
    (f"{RICOH}: the notification's title", "Transmission Error E-Mail Notification", None),
    (f"{RICOH}: cannot be transmitted", "The e-mail cannot be transmitted successfully.", None),
    # --- Kyocera --------------------------------------------------------------------------------------------
    (f"{KYOCERA}: send error 1102 with its words",
     "Kyocera TASKalfa 3252ci: Error 1102. Authentication to the destination has failed.", LOGIN),
    (f"{KYOCERA}: its words alone", "Authentication to the destination has failed", LOGIN),
    # --- a copier runbook ------------------------------------------------------------------------------------
    (f"{RUNBOOK}: server connection failed", 'Scanner returns "Server connection failed"', None),
]


@pytest.mark.parametrize(("text", "causes"), [pytest.param(t, c, id=n) for n, t, c in CASES])
def test_scan_to_email_failures_as_pasted(text: str, causes: set[str] | None) -> None:
    found = causes_of(text)
    assert found, "declined or called fine"
    if causes is not None:
        assert found[0] in causes, found[:3]


# Texts that are not a mail device's failure, or do not say whose it is: a bare code names no vendor, and a
# transmission with nothing of mail around it is everybody's word.
NOT_A_DEVICE_READING = [
    ("a bare code is no vendor's", "Error 1102"),
    ("a bare send error code", "Send error 2101"),
    ("a network's transmission error", "TCP transmission error"),
    ("transmission has failed, alone", "Transmission has failed."),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=n) for n, t in NOT_A_DEVICE_READING])
def test_neighbours_get_no_cause_made_up(text: str) -> None:
    try:
        report = explain(text)
    except InputError:
        return  # declined: no reading made up
    causes = {d.cause for d in report.diagnoses}
    assert not causes & (LOGIN | SEND_AS | OLD_TLS), causes
