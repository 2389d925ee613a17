"""HTTP status codes in mail-related pastes: a web proxy's refusal of a CONNECT tunnel, an HTTPS mail
API's or an HTTP client's status. Their three digits are an HTTP status (RFC 9110), never an SMTP
reply of the same number: "407 Proxy Authentication Required" is no SMTP 4yz, "(503) Server
Unavailable" no "bad sequence of commands", and a proxy's refusal is no mail login refused.

Each text is a real message as its program prints it (its source beside it), with the mail host a
user would have in it. What it may read as: the causes listed, or DECLINED (mailexpert says the text
is not one it can read: the generic, honest answer for a web request's status with nothing that
says more). Never an SMTP reply's or a mail login's reading."""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

DECLINED = "(declined)"
#: What a proxy's refusal of the tunnel may honestly read as: the proxy (proxy-only-web), the
#: connection that could not be made (its generic reading: the text says only that it failed), or
#: nothing.
PROXY = (DECLINED, "proxy-only-web", "port-blocked-outbound", "port-closed")
#: Causes that read an HTTP status as a mail server's reply or a mail login: never right here.
NEVER = ("smtp-auth-not-enabled", "password-rejected", "account-locked", "server-reply-permanent",
         "mechanism-mismatch", "auth-required", "oauth-required")

CASES = [
    # Python: http.client's refused CONNECT ("Tunnel connection failed: %d %s", python/cpython:Lib/http/client.py,
    # HTTPConnection._tunnel), wrapped by urllib3 (urllib3/urllib3:src/urllib3/connectionpool.py, ProxyError
    # 'Cannot connect to proxy.') and requests (psf/requests:src/requests/adapters.py, ProxyError), as exchangelib
    # and O365 print it when the network's proxy refuses the tunnel to Exchange Online.
    ("requests.exceptions.ProxyError: HTTPSConnectionPool(host='outlook.office365.com', port=443): Max retries "
     "exceeded with url: /EWS/Exchange.asmx (Caused by ProxyError('Cannot connect to proxy.', OSError('Tunnel "
     "connection failed: 407 Proxy Authentication Required')))",
     "python/cpython:Lib/http/client.py _tunnel; urllib3/urllib3:src/urllib3/connectionpool.py", PROXY),
    ("urllib3.exceptions.ProxyError: ('Cannot connect to proxy.', OSError('Tunnel connection failed: 403 Forbidden'))",
     "python/cpython:Lib/http/client.py _tunnel; urllib3/urllib3:src/urllib3/connectionpool.py", PROXY),
    ("OSError: Tunnel connection failed: 407 Proxy Authentication Required",
     "python/cpython:Lib/http/client.py (HTTPConnection._tunnel: raise OSError('Tunnel connection failed: %d %s'))", PROXY),
    ("HTTPSConnectionPool(host='graph.microsoft.com', port=443): Max retries exceeded with url: /v1.0/me/sendMail "
     "(Caused by ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 502 Bad Gateway')))",
     "python/cpython:Lib/http/client.py _tunnel; urllib3/urllib3:src/urllib3/connectionpool.py", PROXY),
    # urllib3's ResponseError after its retries on a status ("too many {status_code} error responses",
    # urllib3/urllib3:src/urllib3/exceptions.py): an HTTPS API's own temporary refusal, no SMTP 503 or 429.
    ("requests.exceptions.RetryError: HTTPSConnectionPool(host='outlook.office365.com', port=443): Max retries "
     "exceeded with url: /EWS/Exchange.asmx (Caused by ResponseError('too many 503 error responses'))",
     "urllib3/urllib3:src/urllib3/exceptions.py (ResponseError.SPECIFIC_ERROR)",
     (DECLINED, "server-reply-transient", "server-unavailable")),
    ("HTTPSConnectionPool(host='gmail.googleapis.com', port=443): Max retries exceeded with url: "
     "/gmail/v1/users/me/messages/send (Caused by ResponseError('too many 429 error responses'))",
     "urllib3/urllib3:src/urllib3/exceptions.py (ResponseError.SPECIFIC_ERROR)",
     (DECLINED, "server-reply-transient", "sending-limit-exceeded")),
    # Java: HttpURLConnection.doTunneling's 'Unable to tunnel through proxy. Proxy returns "<status line>"'
    # (openjdk/jdk:src/java.base/share/classes/sun/net/www/protocol/http/HttpURLConnection.java), under
    # JavaMail's connect failure when mail.smtp.proxy.host names an HTTP proxy.
    ("javax.mail.MessagingException: Could not connect to SMTP host: smtp.office365.com, port: 587;\n"
     "  nested exception is:\n\tjava.io.IOException: Unable to tunnel through proxy. Proxy returns "
     "\"HTTP/1.1 407 Proxy Authentication Required\"",
     "openjdk/jdk:sun/net/www/protocol/http/HttpURLConnection.java doTunneling; jakartaee/mail-api SMTPTransport", PROXY),
    ("java.io.IOException: Unable to tunnel through proxy. Proxy returns \"HTTP/1.1 403 Forbidden\"",
     "openjdk/jdk:sun/net/www/protocol/http/HttpURLConnection.java doTunneling", PROXY),
    ("java.io.IOException: Unable to tunnel through proxy. Proxy returns \"HTTP/1.0 503 Service Unavailable\"",
     "openjdk/jdk:sun/net/www/protocol/http/HttpURLConnection.java doTunneling", PROXY),
    # .NET's WebException (System.Net.HttpWebRequest): "The remote server returned an error: (NNN) Reason."
    # (Microsoft's data-gateway and Power Automate troubleshooting pages quote the 407 form).
    ("System.Net.WebException: The remote server returned an error: (407) Proxy Authentication Required.",
     "https://learn.microsoft.com/power-automate/desktop-flows/how-to/proxy-settings", PROXY),
    ("System.Net.WebException: The remote server returned an error: (401) Unauthorized.\n   at "
     "Microsoft.Exchange.WebServices.Data.EwsHttpWebRequest.Microsoft.Exchange.WebServices.Data.IEwsHttpWebRequest.GetResponse()",
     "System.Net.HttpWebRequest (WebException); OfficeDev/ews-managed-api:Core/EwsHttpWebRequest.cs",
     (DECLINED, "oauth-token-rejected")),
    ("The remote server returned an error: (403) Forbidden.", "System.Net.HttpWebRequest (WebException)", (DECLINED,)),
    # Go's net/http: a proxy that cannot be reached is an OpError "proxyconnect" (golang/go:src/net/http/transport.go,
    # dialConn); a refused CONNECT is the status' reason alone (errors.New(text) after strings.Cut(resp.Status, " ")).
    ("Post \"https://graph.microsoft.com/v1.0/me/sendMail\": proxyconnect tcp: dial tcp 10.0.0.1:3128: connect: "
     "connection refused", "golang/go:src/net/http/transport.go (dialConn, Op: \"proxyconnect\")", PROXY),
    ("Post \"https://oauth2.googleapis.com/token\": Proxy Authentication Required",
     "golang/go:src/net/http/transport.go (dialConn: errors.New(text) of the CONNECT reply's status)", PROXY),
    # curl: "CONNECT tunnel failed, response %d" (curl/curl:lib/cf-h1-proxy.c) and, before 7.7x, "Received HTTP code
    # %d from proxy after CONNECT" (curl/curl:lib/http_proxy.c), exit code 56 (CURLE_RECV_ERROR).
    ("curl: (56) CONNECT tunnel failed, response 407", "curl/curl:lib/cf-h1-proxy.c", PROXY),
    ("curl: (56) Received HTTP code 407 from proxy after CONNECT", "curl/curl:lib/http_proxy.c", PROXY),
    ("curl: (56) Received HTTP code 403 from proxy after CONNECT", "curl/curl:lib/http_proxy.c", PROXY),
    ("* Received HTTP code 502 from proxy after CONNECT", "curl/curl:lib/http_proxy.c (verbose output)", PROXY),
    # Microsoft Graph's sendMail refusal of a From the account may not send as (learn.microsoft.com, Graph
    # user-sendmail, the 403 ErrorSendAsDenied example): the sender address, whatever the HTTP status.
    ('{"error":{"code":"ErrorSendAsDenied","message":"The user account which was used to submit this request does '
     'not have the right to send mail on behalf of the specified sending account. Cannot submit message."}}',
     "https://learn.microsoft.com/graph/api/user-sendmail", ("sender-address-not-allowed",)),
    # A bare HTTP status line (RFC 9112 section 4): a web response, nothing of mail.
    ("HTTP/1.1 403 Forbidden", "RFC 9112 section 4 (status-line)", (DECLINED,)),
    ("HTTP/1.1 503 Service Unavailable", "RFC 9112 section 4 (status-line)", (DECLINED,)),
    # googleapiclient's HttpError repr ('<HttpError %s when requesting %s returned "%s". Details: "%s">',
    # googleapis/google-api-python-client:googleapiclient/errors.py) with the Gmail API's own messages.
    ("<HttpError 403 when requesting https://gmail.googleapis.com/gmail/v1/users/me/messages/send?alt=json returned "
     "\"Request had insufficient authentication scopes.\". Details: \"[{'message': 'Insufficient Permission', 'domain': "
     "'global', 'reason': 'insufficientPermissions'}]\">",
     "googleapis/google-api-python-client:googleapiclient/errors.py; Gmail API error 403 insufficientPermissions",
     (DECLINED, "oauth-token-rejected")),
    ("<HttpError 429 when requesting https://gmail.googleapis.com/gmail/v1/users/me/messages/send?alt=json returned "
     "\"User-rate limit exceeded.  Retry after 2024-01-01T10:00:00.000Z\">",
     "googleapis/google-api-python-client:googleapiclient/errors.py; https://developers.google.com/gmail/api/guides/handle-errors",
     (DECLINED, "server-reply-transient", "sending-limit-exceeded")),
    # Python's urllib.error.HTTPError ("HTTP Error %s: %s", python/cpython:Lib/urllib/error.py).
    ("urllib.error.HTTPError: HTTP Error 407: Proxy Authentication Required", "python/cpython:Lib/urllib/error.py", PROXY),
    ("urllib.error.HTTPError: HTTP Error 503: Service Unavailable", "python/cpython:Lib/urllib/error.py", (DECLINED,)),
]


def _top(text: str) -> tuple[str, list[str]]:
    try:
        report = explain(text)
    except InputError:
        return DECLINED, []
    causes = [d.cause for d in report.diagnoses]
    return (report.top.cause if report.top is not None else DECLINED), causes


@pytest.mark.parametrize(("text", "source", "accepted"), CASES, ids=[f"{i}-{c[0][:40]}" for i, c in enumerate(CASES)])
def test_an_http_status_is_no_smtp_reply(text: str, source: str, accepted: tuple[str, ...]) -> None:
    top, causes = _top(text)
    assert top in accepted, (source, top, causes)
    assert top not in NEVER, (source, causes)


#: Real SMTP replies with the same numbers: still read as the mail server's.
SMTP_REPLIES = [
    # Gmail's refusal of a password (support.google.com/mail/?p=BadCredentials quotes it).
    ("535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8 "
     "https://support.google.com/mail/?p=BadCredentials", ("password-rejected", "app-password-required")),
    # Exchange Online's refusal of a login (learn.microsoft.com, "5.7.3 Authentication unsuccessful").
    ("SMTP Error: 535 5.7.3 Authentication unsuccessful", ("password-rejected",)),
]


@pytest.mark.parametrize(("text", "accepted"), SMTP_REPLIES)
def test_a_real_smtp_reply_still_reads_as_one(text: str, accepted: tuple[str, ...]) -> None:
    top, causes = _top(text)
    assert top in accepted, causes
