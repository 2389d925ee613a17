"""Families of client texts a blind batch (corpus batch64) read wrong, read by what their programs' sources
say they mean, in the programs' other forms and languages too:

- MailKit's "The ImapClient is currently busy processing a command" (jstedfast/MailKit:MailKit/Net/Imap/
  ImapEngine.cs; its first form, commit 1626c268, ends after "a command."): the program ran a second command on
  the same connection from another thread without holding SyncRoot (jstedfast/MailKit:FAQ.md, imap-client-busy),
  a defect of the program, not the server's, the account's or the network's. MailKit's SmtpClient and Pop3Client
  have no such message (they throw "already connected"/"already authenticated" only).
- .NET's HttpClient timeout, net_http_request_timedout "The request was canceled due to the configured
  HttpClient.Timeout of {0} seconds elapsing." (dotnet/runtime:src/libraries/System.Net.Http/src/Resources/
  Strings.resx): nothing answered the program's HTTPS request (an autodiscover look-up, a token request) in
  time. A failure, never declined; the words say no more than that.
- Geary's certificate dialog (GNOME/geary:src/client/dialogs/certificate-warning-dialog.vala): a title, a top
  line that says only that the identity could not be verified, then one bullet per GTlsCertificateFlags flag
  (generate_warning_list); the bullet says which check failed, in every language (GNOME/geary:po/{locale}.po).
- Proton Mail Bridge's certificate-issue notice (ProtonMail/proton-bridge:internal/frontend/cli/utils.go
  notifyCertIssue, the Qt dialog's par1Text) and its dialer's ErrTLSMismatch "no TLS fingerprint match found"
  (internal/dialer/dialer_pinning_checker.go): a certificate that matches none of the keys Bridge pins for
  Proton's own servers, i.e. something on the path answered in their place.
"""

from __future__ import annotations

import pytest
from helpers import Case, assert_named_once, causes_of

from mailexpert.explain import explain, recognise

_MAILKIT = "jstedfast/MailKit:MailKit/Net/Imap/ImapEngine.cs"
_GEARY = "GNOME/geary:src/client/dialogs/certificate-warning-dialog.vala"
_GEARY_PO = "GNOME/geary:po/{locale}.po (as data/client-messages.yaml geary translations hold them)"
_BRIDGE = "ProtonMail/proton-bridge:internal/frontend/cli/utils.go (notifyCertIssue)"
_NOT_YET = ("cert-not-yet-valid", "clock-skew")


def _geary(top: str, *bullets: str, title: str = "Untrusted Connection: user@example.com") -> str:
    return "\n".join([title, top, *("\u2022 " + b for b in bullets)])


_GEARY_TOP = "The identity of the imap mail server at imap.example.com:993 could not be verified."

_BRIDGE_CLI = """Connection security error: Your network connection to Proton services may
be insecure.

Description:
Proton Mail Bridge was not able to establish a secure connection to Proton
servers due to a TLS certificate error. This means your connection may
potentially be insecure and susceptible to monitoring by third parties.

Recommendation:
* If you trust your network operator, you can continue to use Proton Mail
  as usual."""

CASES = [
    # --- MailKit: two commands at once on one ImapClient ----------------------------------------------------
    Case("mailkit-imapclient-busy-syncroot",
         "System.InvalidOperationException: The ImapClient is currently busy processing a command in another thread. "
         "Lock the SyncRoot property to properly synchronize your threads.", ("client-outdated",), _MAILKIT),
    Case("mailkit-imapclient-busy-2014",
         "System.InvalidOperationException: The ImapClient is currently busy processing a command.",
         ("client-outdated",), "jstedfast/MailKit commit 1626c268 (ImapClient.cs, ImapEngine.cs)"),
    Case("mailkit-imapclient-busy-trace",
         "Sync failed: The ImapClient is currently busy processing a command in another thread. Lock the SyncRoot "
         "property to properly synchronize your threads.\n   at MailKit.Net.Imap.ImapEngine.Iterate()\n"
         "   at MailKit.Net.Imap.ImapFolder.Fetch(IList`1 uids, IFetchRequest request, CancellationToken cancellationToken)",
         ("client-outdated",), _MAILKIT),
    # --- Geary's certificate dialog: the bullet decides ------------------------------------------------------
    Case("geary-en-not-activated", _geary(_GEARY_TOP, "The server\u2019s certificate has not been activated"), _NOT_YET, _GEARY),
    Case("geary-en-not-activated-no-title", _geary(_GEARY_TOP, "The server\u2019s certificate has not been activated", title=""),
         _NOT_YET, _GEARY),
    Case("geary-en-expired", _geary(_GEARY_TOP, "The server\u2019s certificate has expired"), ("cert-expired", "clock-skew"), _GEARY),
    Case("geary-en-identity", _geary(_GEARY_TOP, "The server\u2019s identity does not match the identity in the certificate"),
         ("cert-hostname-mismatch",), _GEARY),
    Case("geary-en-unknown-authority", _geary(_GEARY_TOP, "The server\u2019s certificate is not signed by a known authority"),
         ("cert-untrusted-issuer", "cert-self-signed"), _GEARY),
    Case("geary-uk-not-activated", _geary("Ототожнення поштового сервера imap у imap.example.com:993 неможливо завірити.",
                                          "Сертифікат сервера не було активовано", title="Ненадійне з'єднання: user@example.com"),
         _NOT_YET, _GEARY_PO.format(locale="uk")),
    Case("geary-de-not-activated", _geary("Die Identität des imap E-Mail-Servers an der Adresse imap.example.com:993 konnte "
                                          "nicht verifiziert werden.", "Das Zertifikat des Servers wurde nicht aktiviert",
                                          title="Nicht vertrauenswürdige Verbindung: user@example.com"),
         _NOT_YET, _GEARY_PO.format(locale="de")),
    Case("geary-fr-expired", _geary("L\u2019identité du serveur de courriel imap à imap.example.com:993 ne peut pas être vérifiée.",
                                    "Le certificat du serveur a expiré", title="Connexion non certifiée : user@example.com"),
         ("cert-expired", "clock-skew"), _GEARY_PO.format(locale="fr")),
    Case("geary-es-not-activated", _geary("No se pudo comprobar la identidad del servidor de correo smtp en smtp.example.com:465.",
                                          "No se ha activado el certificado del servidor"),
         _NOT_YET, _GEARY_PO.format(locale="es")),
    # the top line alone: the check failed, the reason unsaid -- the usual certificate readings
    Case("geary-en-top-line-alone", _GEARY_TOP, ("cert-untrusted-issuer", "cert-self-signed"), _GEARY),
    # --- Proton Mail Bridge: a certificate that fails its pinning ----------------------------------------------
    Case("bridge-cli-cert-issue", _BRIDGE_CLI, ("tls-interception",), _BRIDGE),
    Case("bridge-cli-cert-issue-old-name", _BRIDGE_CLI.replace("Proton Mail Bridge", "ProtonMail Bridge"),
         ("tls-interception",), _BRIDGE + ", earlier releases"),
    Case("import-export-cert-issue", _BRIDGE_CLI.replace("Proton Mail Bridge", "ProtonMail Import/Export"),
         ("tls-interception",), "ProtonMail/proton-bridge (Import/Export's notifyCertIssue)"),
    Case("bridge-qt-cert-issue",
         "Connection security error\nProtonMail Bridge was not able to establish a secure connection to Proton servers due "
         "to a TLS certificate error. This means your connection may potentially be insecure and susceptible to "
         "monitoring by third parties.", ("tls-interception",), "ProtonMail/proton-bridge (Qt front end, par1Text)"),
    Case("bridge-dialer-pin-mismatch", 'level=warning msg="Dial failed" error="no TLS fingerprint match found"',
         ("tls-interception",), "ProtonMail/proton-bridge:internal/dialer/dialer_pinning_checker.go (ErrTLSMismatch)"),
]

# Neighbours that must not read as the new causes.
NEIGHBOURS = [
    Case("mailkit-login-refused",
         "MailKit.Net.Imap.ImapCommandException: The IMAP server replied to the 'LOGIN' command with a 'NO' response: "
         "[AUTHENTICATIONFAILED] Authentication failed.", ("client-outdated",), "jstedfast/MailKit:MailKit/Net/Imap/ImapCommandException.cs"),
    Case("mailkit-not-connected", "MailKit.ServiceNotConnectedException: The ImapClient is not connected.",
         ("client-outdated",), "jstedfast/MailKit:MailKit/ServiceNotConnectedException.cs"),
    Case("x509-unknown-authority", "x509: certificate signed by unknown authority", ("tls-interception",),
         "golang/go:src/crypto/x509/verify.go (UnknownAuthorityError)"),
    Case("geary-en-not-activated-not-unknown-ca", _geary(_GEARY_TOP, "The server\u2019s certificate has not been activated"),
         ("cert-untrusted-issuer", "cert-self-signed"), _GEARY),
]

# Texts that say only that something failed: a failure, with no specific cause made up.
HTTP_TIMEOUTS = [
    Case("httpclient-timeout-100",
         "System.Threading.Tasks.TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout "
         "of 100 seconds elapsing.", (), "dotnet/runtime:src/libraries/System.Net.Http/src/Resources/Strings.resx (net_http_request_timedout)"),
    Case("httpclient-timeout-30-bare", "The request was canceled due to the configured HttpClient.Timeout of 30 seconds elapsing.",
         (), "dotnet/runtime:src/libraries/System.Net.Http/src/Resources/Strings.resx (net_http_request_timedout)"),
    Case("httpclient-timeout-in-setup",
         "Account setup failed: The request was canceled due to the configured HttpClient.Timeout of 15 seconds elapsing.",
         (), "dotnet/runtime:src/libraries/System.Net.Http/src/Resources/Strings.resx (net_http_request_timedout)"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_b64_families(case: Case) -> None:
    causes = causes_of(case.text)
    assert causes and causes[0] in case.causes, causes


@pytest.mark.parametrize("case", NEIGHBOURS, ids=[c.name for c in NEIGHBOURS])
def test_b64_neighbours(case: Case) -> None:
    causes = causes_of(case.text)
    assert not causes or causes[0] not in case.causes, causes


@pytest.mark.parametrize("case", HTTP_TIMEOUTS, ids=[c.name for c in HTTP_TIMEOUTS])
def test_an_http_request_that_timed_out_is_a_failure(case: Case) -> None:
    facts = recognise(case.text).facts
    assert any(f.kind == "tcp.connect" and f.get("outcome") == "timeout" for f in facts), facts
    report = explain(case.text)
    assert report.diagnoses, report
    assert all(d.severity == "error" or d.cause != "ok" for d in report.diagnoses)


def test_a_bare_connect_failure_stays_without_a_certificate_or_program_cause() -> None:
    causes = causes_of("Could not connect, check your network")
    assert not {"client-outdated", "tls-interception", "cert-not-yet-valid"} & set(causes[:1]), causes


def test_named_once() -> None:
    assert_named_once(CASES)
    assert_named_once(HTTP_TIMEOUTS)
