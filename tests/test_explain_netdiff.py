"""Connections that never reach the mail protocol, and which failure it was: a name that does not
exist, a resolver that did not answer, a name without an address, a refusal (an answer came: nothing
listens), a time-out (nothing came back: dropped on the way), no route (this machine's or a router's
answer). Each text is a message in the form its program prints it, each with its source (the program's
or library's code, or the C library's message catalogue), and the causes it may honestly read as; the
first cause named must be one of them, and the text must not be declined or read as fine."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain

NAME_UNKNOWN = ("server-host-unknown", "server-host-typo")
RESOLVER = ("dns-server-misconfigured", "dns-outage", "dns-blocked")  # the look-up got no answer: no name is wrong
NO_ADDRESS = ("server-host-no-address",)
REFUSED = ("port-closed",)
DROPPED = ("port-blocked-outbound", "smtp-port25-blocked")
NO_ROUTE = ("server-ip-blocked", "no-internet", "vpn-interference")

H = "smtp.example.com"

# (text, acceptable first causes, source)
CATALOGUE: list[tuple[str, tuple[str, ...], str]] = [
    # --- glibc's gai_strerror/strerror, as Python prints an OSError ("[Errno N] text") ---
    ("socket.gaierror: [Errno -2] Name or service not known", NAME_UNKNOWN,
     "glibc gai_strerror(EAI_NONAME); python/cpython:Modules/socketmodule.c (set_gaierror)"),
    ("socket.gaierror: [Errno -3] Temporary failure in name resolution", RESOLVER,
     "glibc gai_strerror(EAI_AGAIN); python/cpython:Modules/socketmodule.c (set_gaierror)"),
    ("socket.gaierror: [Errno -5] No address associated with hostname", NO_ADDRESS,
     "glibc gai_strerror(EAI_NODATA); python/cpython:Modules/socketmodule.c (set_gaierror)"),
    ("ConnectionRefusedError: [Errno 111] Connection refused", REFUSED, "glibc strerror(ECONNREFUSED)"),
    ("TimeoutError: [Errno 110] Connection timed out", DROPPED, "glibc strerror(ETIMEDOUT)"),
    ("OSError: [Errno 113] No route to host", NO_ROUTE, "glibc strerror(EHOSTUNREACH)"),
    ("OSError: [Errno 101] Network is unreachable", NO_ROUTE, "glibc strerror(ENETUNREACH)"),
    ("imaplib.IMAP4.error: [Errno -2] Name or service not known", NAME_UNKNOWN, "glibc gai_strerror(EAI_NONAME)"),
    # musl (Alpine containers): its own gai_strerror words
    ("socket.gaierror: [Errno -2] Name does not resolve", NAME_UNKNOWN, "bminor/musl:src/network/gai_strerror.c (EAI_NONAME)"),
    ("socket.gaierror: [Errno -3] Try again", RESOLVER, "bminor/musl:src/network/gai_strerror.c (EAI_AGAIN)"),
    # --- macOS/BSD ---
    ("socket.gaierror: [Errno 8] nodename nor servname provided, or not known", NAME_UNKNOWN,
     "FreeBSD/Apple libc gai_strerror(EAI_NONAME)"),
    ("ConnectionRefusedError: [Errno 61] Connection refused", REFUSED, "BSD strerror(ECONNREFUSED 61)"),
    ("TimeoutError: [Errno 60] Operation timed out", DROPPED, "BSD strerror(ETIMEDOUT 60)"),
    ("OSError: [Errno 65] No route to host", NO_ROUTE, "BSD strerror(EHOSTUNREACH 65)"),
    ("OSError: [Errno 51] Network is unreachable", NO_ROUTE, "BSD strerror(ENETUNREACH 51)"),
    # --- Windows: Python prints only "getaddrinfo failed" there (no gai_strerror), with the WSA number ---
    ("socket.gaierror: [Errno 11001] getaddrinfo failed", NAME_UNKNOWN,
     "python/cpython:Modules/socketmodule.c (set_gaierror without HAVE_GAI_STRERROR: 'getaddrinfo failed'); "
     "WSAHOST_NOT_FOUND 11001, learn.microsoft.com windows-sockets-error-codes-2"),
    ("socket.gaierror: [Errno 11002] getaddrinfo failed", RESOLVER,
     "python/cpython:Modules/socketmodule.c (set_gaierror); WSATRY_AGAIN 11002 'Nonauthoritative host not found. "
     "This is usually a temporary error during host name resolution', learn.microsoft.com windows-sockets-error-codes-2"),
    # WSANO_DATA's number is documented as a name without an address, yet Windows programs print it for misspelt
    # names and for networks whose resolver answers no outside name: the words cannot decide between the two.
    ("socket.gaierror: [Errno 11004] getaddrinfo failed", (*NO_ADDRESS, *NAME_UNKNOWN),
     "python/cpython:Modules/socketmodule.c (set_gaierror); WSANO_DATA 11004 'Valid name, no data record of requested "
     "type', learn.microsoft.com windows-sockets-error-codes-2"),
    ("ConnectionRefusedError: [WinError 10061] No connection could be made because the target machine actively refused it",
     REFUSED, "WSAECONNREFUSED 10061, learn.microsoft.com windows-sockets-error-codes-2"),
    ("TimeoutError: [WinError 10060] A connection attempt failed because the connected party did not properly respond "
     "after a period of time, or established connection failed because connected host has failed to respond",
     DROPPED, "WSAETIMEDOUT 10060, learn.microsoft.com windows-sockets-error-codes-2"),
    ("OSError: [WinError 10065] A socket operation was attempted to an unreachable host", NO_ROUTE,
     "WSAEHOSTUNREACH 10065, learn.microsoft.com windows-sockets-error-codes-2"),
    ("OSError: [WinError 10051] A socket operation was attempted to an unreachable network", NO_ROUTE,
     "WSAENETUNREACH 10051, learn.microsoft.com windows-sockets-error-codes-2"),
    # .NET's SocketException
    ("System.Net.Sockets.SocketException (11001): No such host is known.", NAME_UNKNOWN, "WSAHOST_NOT_FOUND 11001"),
    ("System.Net.Sockets.SocketException (11004): The requested name is valid, but no data of the requested type was "
     "found.", NO_ADDRESS, "WSANO_DATA 11004"),
    ("System.Net.Sockets.SocketException (10061): No connection could be made because the target machine actively "
     "refused it. 192.0.2.10:587", REFUSED, "WSAECONNREFUSED 10061"),
    ("System.Net.Sockets.SocketException (10060): A connection attempt failed because the connected party did not "
     "properly respond after a period of time, or established connection failed because connected host has failed to "
     "respond. 192.0.2.10:587", DROPPED, "WSAETIMEDOUT 10060"),
    # .NET 5+ on Linux: the resolver did not answer (TRY_AGAIN), the message shown without its stack
    ("System.Net.Sockets.SocketException (00000001, 11): Resource temporarily unavailable", RESOLVER,
     "dotnet/runtime:src/libraries/System.Net.NameResolution (TRY_AGAIN -> SocketError.TryAgain, native error 11)"),
    ("System.Net.Sockets.SocketException (111): Connection refused", REFUSED,
     "dotnet/runtime on Linux: SocketException with the errno's strerror"),
    # --- Java and JavaMail ---
    (f"java.net.UnknownHostException: {H}: Name or service not known", NAME_UNKNOWN,
     "openjdk:src/java.base/unix/native/libnet/Inet6AddressImpl.c (host + ': ' + gai_strerror)"),
    (f"java.net.UnknownHostException: {H}: Temporary failure in name resolution", RESOLVER,
     "openjdk:src/java.base/unix/native/libnet/Inet6AddressImpl.c"),
    ("java.net.ConnectException: Connection refused (Connection refused)", REFUSED,
     "openjdk 8: PlainSocketImpl ConnectException"),
    ("java.net.SocketTimeoutException: connect timed out", DROPPED, "openjdk: PlainSocketImpl 'connect timed out'"),
    ("java.net.NoRouteToHostException: No route to host", NO_ROUTE, "openjdk: NoRouteToHostException"),
    (f"com.sun.mail.util.MailConnectException: Couldn't connect to host, port: {H}, 587; timeout -1;\n"
     "  nested exception is:\n\tjava.net.ConnectException: Connection refused", REFUSED,
     "javaee/javamail:mail/src/main/java/com/sun/mail/util/MailConnectException.java"),
    (f"com.sun.mail.util.MailConnectException: Couldn't connect to host, port: {H}, 587; timeout -1;\n"
     "  nested exception is:\n\tjava.net.ConnectException: Connection timed out: connect", DROPPED,
     "javaee/javamail:MailConnectException.java; openjdk on Windows 'Connection timed out: connect'"),
    (f"com.sun.mail.util.MailConnectException: Couldn't connect to host, port: {H}, 25; timeout -1;\n"
     f"  nested exception is:\n\tjava.net.UnknownHostException: {H}", NAME_UNKNOWN,
     "javaee/javamail:MailConnectException.java; openjdk UnknownHostException"),
    # --- Go ---
    (f"dial tcp: lookup {H} on 127.0.0.53:53: no such host", NAME_UNKNOWN,
     "golang/go:src/net/net.go (errNoSuchHost 'no such host'; DNSError 'lookup NAME on SERVER: ...')"),
    (f"dial tcp: lookup {H} on 192.168.1.1:53: server misbehaving", RESOLVER,
     "golang/go:src/net/dnsclient_unix.go (errServerMisbehaving)"),
    (f"dial tcp: lookup {H}: i/o timeout", RESOLVER, "golang/go:src/net/net.go (DNSError, IsTimeout)"),
    ("dial tcp 192.0.2.10:587: i/o timeout", DROPPED, "golang/go:src/internal/poll/fd.go (ErrDeadlineExceeded 'i/o timeout')"),
    ("dial tcp 192.0.2.10:587: connect: connection refused", REFUSED, "golang/go: syscall ECONNREFUSED 'connection refused'"),
    ("dial tcp 192.0.2.10:587: connect: network is unreachable", NO_ROUTE, "golang/go: syscall ENETUNREACH"),
    ("dial tcp [2001:db8::1]:587: connect: network is unreachable", NO_ROUTE, "golang/go: syscall ENETUNREACH"),
    ("dial tcp 192.0.2.10:587: connect: no route to host", NO_ROUTE, "golang/go: syscall EHOSTUNREACH"),
    ("dial tcp 192.0.2.10:587: connectex: No connection could be made because the target machine actively refused it.",
     REFUSED, "golang/go on Windows: OpError 'connectex' with WSAECONNREFUSED's message"),
    # --- Node.js and nodemailer ---
    (f"Error: getaddrinfo ENOTFOUND {H}", NAME_UNKNOWN, "nodejs/node:lib/internal/errors.js (DNSException)"),
    (f"Error: getaddrinfo EAI_AGAIN {H}", RESOLVER, "nodejs/node:lib/internal/errors.js (DNSException)"),
    ("Error: connect ECONNREFUSED 192.0.2.10:587", REFUSED, "nodejs/node:lib/internal/errors.js (exceptionWithHostPort)"),
    ("Error: connect ETIMEDOUT 192.0.2.10:587", DROPPED, "nodejs/node:lib/internal/errors.js (exceptionWithHostPort)"),
    ("Error: connect EHOSTUNREACH 192.0.2.10:587", NO_ROUTE, "nodejs/node:lib/internal/errors.js"),
    ("Error: connect ENETUNREACH 192.0.2.10:587 - Local (0.0.0.0:0)", NO_ROUTE,
     "nodejs/node:lib/internal/errors.js (exceptionWithHostPort with the local address)"),
    ("Error: Connection timeout", DROPPED, "nodemailer/nodemailer:lib/smtp-connection/index.js (ETIMEDOUT 'Connection timeout')"),
    # --- curl ---
    (f"curl: (6) Could not resolve host: {H}", NAME_UNKNOWN, "curl/curl:lib/hostip.c ('Could not resolve host: %s')"),
    (f"curl: (7) Failed to connect to {H} port 587 after 12 ms: Connection refused", REFUSED,
     "curl/curl:lib/connect.c ('Failed to connect to %s port %u after %ld ms: %s')"),
    (f"curl: (7) Failed to connect to {H} port 587 after 5 ms: No route to host", NO_ROUTE, "curl/curl:lib/connect.c"),
    (f"curl: (7) Failed to connect to {H} port 587 after 0 ms: Network is unreachable", NO_ROUTE, "curl/curl:lib/connect.c"),
    # curl 8: the connect filter says only curl_easy_strerror(CURLE_COULDNT_CONNECT); an OS time-out (ETIMEDOUT) turns
    # the code into 28 (CURLE_OPERATION_TIMEDOUT), so the code tells a drop from a refusal.
    (f"curl: (7) Failed to connect to {H} port 587 after 3 ms: Couldn't connect to server", (*REFUSED, *NO_ROUTE),
     "curl/curl:lib/connect.c (curl 8: failf(... curl_easy_strerror(result)); 'Couldn't connect to server')"),
    (f"curl: (28) Failed to connect to {H} port 587 after 130005 ms: Couldn't connect to server", DROPPED,
     "curl/curl:lib/connect.c (curl 8: 'if(ETIMEDOUT == data->state.os_errno) result = CURLE_OPERATION_TIMEDOUT')"),
    ("curl: (28) Connection timed out after 30001 milliseconds", DROPPED,
     "curl/curl:lib/connect.c ('Connection timed out after %ld milliseconds')"),
    (f"curl: (28) Failed to connect to {H} port 587 after 10002 ms: Timeout was reached", DROPPED,
     "curl/curl:lib/connect.c; lib/strerror.c (CURLE_OPERATION_TIMEDOUT 'Timeout was reached')"),
    # --- PHP streams, PHPMailer, Symfony/Swift ---
    (f"stream_socket_client(): php_network_getaddresses: getaddrinfo for {H} failed: Name or service not known",
     NAME_UNKNOWN, "php/php-src:main/network.c ('php_network_getaddresses: getaddrinfo for %s failed: %s')"),
    (f"stream_socket_client(): php_network_getaddresses: getaddrinfo for {H} failed: Temporary failure in name resolution",
     RESOLVER, "php/php-src:main/network.c"),
    (f"stream_socket_client(): unable to connect to tcp://{H}:587 (Connection refused)", REFUSED,
     "php/php-src:ext/standard/streamsfuncs.c ('unable to connect to %s (%s)')"),
    (f"stream_socket_client(): unable to connect to ssl://{H}:465 (Connection timed out)", DROPPED,
     "php/php-src:ext/standard/streamsfuncs.c"),
    (f"fsockopen(): unable to connect to {H}:25 (Connection timed out)", DROPPED, "php/php-src:ext/standard/fsock.c"),
    ("SMTP ERROR: Failed to connect to server: Connection timed out (110)", DROPPED,
     "PHPMailer/PHPMailer:src/SMTP.php (connect: 'SMTP ERROR: ' . 'Failed to connect to server' . \": $errstr ($errno)\")"),
    # A web application's mailer: its maintainer reads no route as the web host's block of outgoing mail ports
    # (rules/firewall/port-blocked-outbound.yaml, port-blocked-outbound-web-app-unreachable-pasted).
    ("SMTP ERROR: Failed to connect to server: Network is unreachable (101)", (*NO_ROUTE, "port-blocked-outbound"),
     "PHPMailer/PHPMailer:src/SMTP.php"),
    ("SMTP -> ERROR: Failed to connect to server: No route to host (113)", NO_ROUTE, "PHPMailer 5.2 class.smtp.php"),
    (f"SMTP ERROR: Failed to connect to server: php_network_getaddresses: getaddrinfo for {H} failed: Name or service "
     "not known (0)", NAME_UNKNOWN, "PHPMailer/PHPMailer:src/SMTP.php; php/php-src:main/network.c"),
    # --- Ruby ---
    ("SocketError: getaddrinfo: Name or service not known", NAME_UNKNOWN, "ruby/ruby:ext/socket/raddrinfo.c (rsock_raise_resolution_error)"),
    (f"Errno::ECONNREFUSED: Connection refused - connect(2) for \"{H}\" port 587", REFUSED,
     "ruby/ruby:ext/socket/init.c (rsock_syserr_fail_host_port: 'connect(2) for \"%s\" port %d')"),
    (f"Errno::ETIMEDOUT: Connection timed out - connect(2) for \"{H}\" port 587", DROPPED, "ruby/ruby:ext/socket/init.c"),
    ("Errno::EHOSTUNREACH: No route to host - connect(2) for \"192.0.2.10\" port 587", NO_ROUTE, "ruby/ruby:ext/socket/init.c"),
    ("Net::OpenTimeout: execution expired", DROPPED, "ruby/net-protocol:lib/net/protocol.rb (Net::OpenTimeout)"),
    (f"Failed to open TCP connection to {H}:587 (getaddrinfo: Name or service not known)", NAME_UNKNOWN,
     "ruby/net-http:lib/net/http.rb (connect: 'Failed to open TCP connection to #{conn_addr}:#{conn_port} (#{e.message})')"),
    (f"SocketError: Failed to open TCP connection to {H}:587 (getaddrinfo: Temporary failure in name resolution)", RESOLVER,
     "ruby/net-http:lib/net/http.rb"),
    # --- Perl IO::Socket::INET (Net::SMTP's $@) ---
    ("IO::Socket::INET: connect: Connection refused", REFUSED,
     "Perl IO::Socket::INET (configure: _error($sock, $!, $@ || 'Timeout'), 'IO::Socket::INET: connect: ...')"),
    ("IO::Socket::INET: Bad hostname 'smtp.exmaple.com'", NAME_UNKNOWN,
     "Perl IO::Socket::INET (configure: _error($sock, $EINVAL, \"Bad hostname '\", $arg->{PeerAddr}, \"'\"))"),
    # --- mail programs and MTAs that pass the system's words on ---
    ("msmtp: cannot locate host smtp.exmaple.com: Name or service not known", NAME_UNKNOWN,
     "marlam/msmtp:src/net.c ('cannot locate host %s: %s', gai_strerror)"),
    (f"msmtp: cannot locate host {H}: Temporary failure in name resolution", RESOLVER, "marlam/msmtp:src/net.c"),
    (f"msmtp: cannot connect to {H}, port 587: Connection refused", REFUSED,
     "marlam/msmtp:src/net.c ('cannot connect to %s, port %d: %s')"),
    (f"msmtp: cannot connect to {H}, port 25: Connection timed out", DROPPED, "marlam/msmtp:src/net.c"),
    (f"connect to {H}[192.0.2.10]:25: Connection timed out", DROPPED,
     "vdukhovni/postfix:postfix/src/smtp/smtp_connect.c ('connect to %s[%s]:%d: %m')"),
    (f"connect to {H}[192.0.2.10]:25: Connection refused", REFUSED, "vdukhovni/postfix:postfix/src/smtp/smtp_connect.c"),
    (f"connect to {H}[192.0.2.10]:25: No route to host", NO_ROUTE, "vdukhovni/postfix:postfix/src/smtp/smtp_connect.c"),
    (f"connect to {H}[2001:db8::1]:25: Network is unreachable", NO_ROUTE, "vdukhovni/postfix:postfix/src/smtp/smtp_connect.c"),
    (f"Host or domain name not found. Name service error for name={H} type=A: Host not found", NAME_UNKNOWN,
     "vdukhovni/postfix:postfix/src/smtp/smtp_addr.c; src/dns/dns_strerror.c (HOST_NOT_FOUND)"),
    (f"Host or domain name not found. Name service error for name={H} type=A: Host not found, try again", RESOLVER,
     "vdukhovni/postfix:postfix/src/dns/dns_strerror.c (TRY_AGAIN)"),
]


def _causes(text: str) -> list[str]:
    """The root causes named, first first; ["declined"] for a text not recognised, [] for one read as fine."""
    try:
        report = explain(text)
    except InputError:
        return ["declined"]
    return [d.cause for d in report.diagnoses if d.is_root]


def _first(text: str) -> str:
    return next(iter(_causes(text)), "fine")


@pytest.mark.parametrize(("text", "causes", "source"), CATALOGUE, ids=[c[0][:60] for c in CATALOGUE])
def test_the_first_cause_is_the_one_the_words_decide(text: str, causes: tuple[str, ...], source: str) -> None:
    assert source
    assert _first(text) in causes, (text, source, _causes(text))


# glibc's messages in the user's language (LANG/LC_MESSAGES): PHP, Python, Ruby and curl pass strerror's and
# gai_strerror's words on as the C library gives them. Each translation is read from the catalogue glibc ships
# (bminor/glibc po/<lang>.po, compiled into libc.mo); they read as their English originals.
GLIBC_MESSAGES = [
    ("Name or service not known", NAME_UNKNOWN),
    ("Temporary failure in name resolution", RESOLVER),
    ("No address associated with hostname", NO_ADDRESS),
    ("Connection refused", REFUSED),
    ("Connection timed out", DROPPED),
    ("No route to host", NO_ROUTE),
    ("Network is unreachable", NO_ROUTE),
]
LOCALES = Path("/usr/share/locale")


def _translated(lang: str, msgid: str) -> str | None:
    try:
        words = gettext.translation("libc", str(LOCALES), [lang]).gettext(msgid)
    except OSError:
        return None
    return words if words != msgid else None


# The texts as glibc 2.36 words them (Debian 12's locales package): written out, so that the test does not
# depend on the machine's catalogues; the test below checks them against those catalogues where present.
TRANSLATED: dict[tuple[str, str], str] = {
    ("de", "Name or service not known"): "Der Name oder der Dienst ist nicht bekannt",
    ("de", "Temporary failure in name resolution"): "Temporärer Fehler bei der Namensauflösung",
    ("de", "No address associated with hostname"): "Zu diesem Hostnamen gehört keine Adresse",
    ("de", "No route to host"): "Keine Route zum Zielrechner",
    ("de", "Network is unreachable"): "Das Netzwerk ist nicht erreichbar",
    ("fr", "Name or service not known"): "Nom ou service inconnu",
    ("fr", "Temporary failure in name resolution"): "Échec temporaire dans la résolution du nom",
    ("fr", "No address associated with hostname"): "Aucune adresse associée avec le nom de l'hôte",
    ("fr", "No route to host"): "Aucun chemin d'accès pour atteindre l'hôte cible",
    ("es", "Name or service not known"): "Nombre o servicio desconocido",
    ("es", "Temporary failure in name resolution"): "Fallo temporal en la resolución del nombre",
    ("es", "No address associated with hostname"): "No existe ninguna dirección asociada al nombre",
    ("es", "No route to host"): "No existe ninguna ruta hasta el `host'",
    ("it", "Name or service not known"): "Nome o servizio sconosciuto",
    ("it", "Temporary failure in name resolution"): "Errore temporaneo nella risoluzione del nome",
    ("it", "No address associated with hostname"): "Nessun indirizzo associato al nome host",
    ("it", "Connection timed out"): "Connessione scaduta",
    ("pt_BR", "Name or service not known"): "Nome ou serviço desconhecido",
    ("pt_BR", "Temporary failure in name resolution"): "Falha temporário na resolução de nome",
    ("pt_BR", "No address associated with hostname"): "Não há endereço associado com o nome",
    ("pt_BR", "Network is unreachable"): "A rede está fora de alcance",
    ("pl", "Name or service not known"): "Ta nazwa lub usługa jest nieznana",
    ("pl", "Temporary failure in name resolution"): "Odwzorowanie nazwy jest chwilowo niemożliwe",
    ("pl", "No address associated with hostname"): "Brak adresu związanego z nazwą hosta",
    ("nl", "Name or service not known"): "Naam of dienst is niet bekend",
    ("nl", "Temporary failure in name resolution"): "Tijdelijk probleem in naamsherleiding",
    ("nl", "No address associated with hostname"): "Aan hostnaam is geen adres verbonden",
    ("nl", "Connection timed out"): "Verbinding is verlopen",
    ("nl", "No route to host"): "Geen route naar host",
    ("ru", "No address associated with hostname"): "С именем узла не связано ни одного адреса",
    ("ru", "No route to host"): "Нет маршрута до узла",
    ("zh_CN", "Name or service not known"): "未知的名称或服务",
    ("zh_CN", "Temporary failure in name resolution"): "域名解析暂时失败",
    ("zh_CN", "No address associated with hostname"): "没有与主机名关联的地址",
    ("ja", "No address associated with hostname"): "ホスト名にアドレスが割り当てられていません",
    ("ko", "No address associated with hostname"): "호스트이름과 대응되는 주소가 없음",
    ("tr", "No address associated with hostname"): "Makina ismiyle ilişkili adres yok",
    ("cs", "No address associated with hostname"): "Jméno počítače nemá přiřazenu adresu",
    ("uk", "No address associated with hostname"): "З даною назвою вузла не пов'язано жодної адреси",
}
_CAUSES = dict(GLIBC_MESSAGES)


def _in_php(msgid: str, words: str) -> str:
    """The words where PHP puts them: a look-up's reason after php_network_getaddresses, a connection's errno
    text in stream_socket_client's warning (php/php-src main/network.c, ext/standard/streamsfuncs.c)."""
    if msgid in ("Name or service not known", "Temporary failure in name resolution", "No address associated with hostname"):
        return f"stream_socket_client(): php_network_getaddresses: getaddrinfo for {H} failed: {words}"
    return f"stream_socket_client(): unable to connect to tcp://{H}:587 ({words})"


@pytest.mark.parametrize(("lang", "msgid"), list(TRANSLATED), ids=[f"{k[0]}:{k[1]}" for k in TRANSLATED])
def test_glibc_translations_read_as_their_english_originals(lang: str, msgid: str) -> None:
    words = TRANSLATED[(lang, msgid)]
    text = _in_php(msgid, words)
    assert _first(text) in _CAUSES[msgid], (text, _causes(text))


@pytest.mark.parametrize(("lang", "msgid"), list(TRANSLATED), ids=[f"{k[0]}:{k[1]}" for k in TRANSLATED])
def test_the_written_translations_are_glibcs(lang: str, msgid: str) -> None:
    shipped = _translated(lang, msgid)
    if shipped is None:
        pytest.skip(f"no glibc catalogue for {lang} on this machine")
    assert shipped == TRANSLATED[(lang, msgid)]


# Words that say only that no connection was made carry no cause: they must not read as a name that does not
# exist or as a missing route.
@pytest.mark.parametrize("text", [
    "SMTP Error: Could not connect to SMTP host.",
    f"Could not connect to {H}",
    "Cannot connect to the server",
])
def test_a_bare_could_not_connect_names_no_dns_or_route_cause(text: str) -> None:
    assert _first(text) not in NAME_UNKNOWN + RESOLVER + NO_ADDRESS + NO_ROUTE
