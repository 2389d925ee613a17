"""Socket and resolver errors in the user's language, with no number beside them: Windows' own
messages (what FormatMessage gives for the WSA error, so .NET, PowerShell, Python, PHP and Rust on
Windows print them) and glibc's translations of strerror/gai_strerror. Each text below is one
pasted in a public post or project (quoted as found, the host names replaced); each reads to the
cause its English original reads to. A near miss in the same language says something else."""

from __future__ import annotations

import pytest

from mailexpert.classify import DNS_TEXT_TABLE, SOCKET_TEXT_TABLE, classify_socket_text
from mailexpert.errors import InputError
from mailexpert.explain import explain, recognise


def top(text: str) -> str:
    diagnoses = [d for d in explain(text).diagnoses if d.is_root]
    return diagnoses[0].cause if diagnoses else "none"


def connect_outcome(text: str) -> str | None:
    try:
        facts = recognise(text).facts
    except InputError:  # a text that names no failure at all
        return None
    connects = [f for f in facts if f.kind == "tcp.connect"]
    return connects[0].get("outcome") if connects else None


# Windows' WSAECONNREFUSED (10061) message, as pasted (Python tracebacks, .NET exceptions, PHP's PDO).
REFUSED = [
    # fr: a project's notes, "Erreur: localhost:27017: [WinError 10061] ..." (MongoDB not started)
    "Erreur: smtp.example.com:587: [WinError 10061] Aucune connexion n'a pu être établie car l'ordinateur cible "
    "l'a expressément refusée",
    # fr, the brief's shape: the message and the host, no number
    "Aucune connexion n'a pu être établie car l'ordinateur cible l'a expressément refusée smtp.example.com:587",
    # de: PowerShell's Invoke-WebRequest, "... verweigerte. (localhost:3001)"
    "Es konnte keine Verbindung hergestellt werden, da der Zielcomputer die Verbindung verweigerte. (smtp.example.com:587)",
    # es: .NET's dotnet-ef, "System.Net.Sockets.SocketException (10061): No se puede ..."
    "System.Net.Sockets.SocketException: No se puede establecer una conexión ya que el equipo de destino denegó "
    "expresamente dicha conexión smtp.example.com:587",
    # it: urllib3's NewConnectionError
    "Failed to establish a new connection: Impossibile stabilire la connessione. Rifiuto persistente del computer "
    "di destinazione",
    # pt-BR: PHP's PDO, "SQLSTATE[HY000] [2002] Nenhuma conexão ..."; here from a mail library
    "Connection could not be established with host smtp.example.com: Nenhuma conexão pôde ser feita porque a "
    "máquina de destino as recusou ativamente.",
    # ru: a .NET exception message, "Подключение не установлено, т.к. ... 127.0.0.1:2093"
    "Подключение не установлено, т.к. конечный компьютер отверг запрос на подключение 192.0.2.10:587",
    # zh-CN: "urllib.error.URLError: <urlopen error [WinError 10061] 由于目标计算机积极拒绝，无法连接。>"
    "<urlopen error 由于目标计算机积极拒绝，无法连接。>",
    # ja: Unity's log, "System.Net.Sockets.SocketException (0x80004005): 対象の..."
    "Connection to smtp.example.com:587 failed - System.Net.Sockets.SocketException (0x80004005): "
    "対象のコンピューターによって拒否されたため、接続できませんでした。",
    # ko: a Rust service's log, "tcp connect error: ... (os error 10061)" without its number
    "error trying to connect: tcp connect error: 대상 컴퓨터에서 연결을 거부했으므로 연결하지 못했습니다.",
    # pl: a .NET web app's error, "... odmawia. (localhost:5004)"
    "Nie można nawiązać połączenia, ponieważ komputer docelowy aktywnie go odmawia. (smtp.example.com:587)",
    # nl: System.Net.Http.HttpRequestException, "... geweigerd. (localhost:5234)"
    "Kan geen verbinding maken omdat de doelcomputer de verbinding actief heeft geweigerd. (smtp.example.com:587)",
    # tr: an API log, "One or more errors occurred. (Hedef makine ... kurulamadı. (localhost:80))"
    "One or more errors occurred. (Hedef makine etkin olarak reddettiğinden bağlantı kurulamadı. (smtp.example.com:587))",
]


@pytest.mark.parametrize("text", REFUSED)
def test_windows_refused_in_the_users_language_is_a_closed_port(text: str) -> None:
    assert connect_outcome(text) == "refused"
    assert top(text) == "port-closed"


# Windows' WSAETIMEDOUT (10060) message, as pasted.
TIMED_OUT = [
    # de: Python's "TimeoutError: [WinError 10060] Ein Verbindungsversuch ist fehlgeschlagen, ..."
    "Ein Verbindungsversuch ist fehlgeschlagen, da die Gegenstelle nach einer bestimmten Zeitspanne nicht richtig "
    "reagiert hat, oder die hergestellte Verbindung war fehlerhaft, da der verbundene Host nicht reagiert hat "
    "smtp.example.com:587",
    # de, the older wording (.NET's WebException in a project's notes)
    "System.Net.Sockets.SocketException: Fehler beim Herstellen der Verbindung, weil die Gegenstelle nach einer "
    "bestimmten Zeitspanne nicht ordnungsgemäß reagiert hat, oder die hergestellte Verbindung konnte nicht "
    "aufrechterhalten werden, weil der verbundene Host nicht reagiert hat",
    # fr: PHP's PDO error list, "[2002] Une tentative de connexion a échoué car le parti connecté ..."
    "Une tentative de connexion a échoué car le parti connecté n'a pas répondu convenablement au-delà d'une "
    "certaine durée ou une connexion établie a échoué car l'hôte de connexion n'a pas répondu.",
    # es: Laravel's mail, "stream_socket_client(): Unable to connect to sandbox.smtp.mailtrap.io:2525 (Se produjo ...)"
    "stream_socket_client(): Unable to connect to smtp.example.com:2525 (Se produjo un error durante el intento de "
    "conexión ya que la parte conectada no respondió adecuadamente tras un periodo de tiempo, o bien se produjo un "
    "error en la conexión establecida ya que el host conectado no ha podido responder)",
    # it: "[WinError 10060] Impossibile stabilire la connessione. Risposta non corretta ..."
    "Impossibile stabilire la connessione. Risposta non corretta della parte connessa dopo l'intervallo di tempo "
    "oppure mancata risposta dall'host collegato",
    # pt-BR: System.Net.Mail.SmtpException, "ExtendedSocketException: Uma tentativa de conexão falhou ..."
    "System.Net.Mail.SmtpException: 'Failure sending mail.' ExtendedSocketException: Uma tentativa de conexão "
    "falhou porque o componente conectado não respondeu corretamente após um período de tempo ou a conexão "
    "estabelecida falhou porque o host conectado não respondeu.",
    # ru: Swift Mailer, "fsockopen(): unable to connect to ssl://smtp.gmail.com:465 (Попытка ...)"
    "fsockopen() [function.fsockopen]: unable to connect to ssl://smtp.example.com:465 (Попытка установить "
    "соединение была безуспешной, т.к. от другого компьютера за требуемое время не получен нужный отклик, или было "
    "разорвано уже установленное соединение из-за неверного отклика уже подключенного компьютера.)",
    # zh-CN: Subversion, "Can't connect to host '...': 由于连接方 ..."
    "Can't connect to host 'smtp.example.com': 由于连接方在一段时间后没有正确答复或连接的主机没有反应，连接尝试失败。",
    # ja: PHP's socket_connect(), "unable to connect [0]: 接続済みの呼び出し先が ..."
    "socket_connect(): unable to connect [0]: 接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかったため、"
    "接続できませんでした。または接続済みのホストが応答しなかったため、確立された接続は失敗しました。",
    # ko: .NET's ExtendedSocketException, "(10060): 연결된 구성원으로부터 ..."
    "System.Net.Internals.SocketExceptionFactory+ExtendedSocketException: 연결된 구성원으로부터 응답이 없어 연결하지 "
    "못했거나, 호스트로부터 응답이 없어 연결이 끊어졌습니다. 192.0.2.10:587",
    # pl: the ODBC driver's TCP provider
    "TCP Provider: Próba połączenia nie powiodła się, ponieważ połączona strona nie odpowiedziała poprawnie po "
    "ustalonym okresie czasu lub utworzone połączenie nie powiodło się, ponieważ połączony host nie odpowiedział.",
    # nl: a product's help page, "Een verbindingspoging ... niet heeft gereageerd. (api.bimsync.com:443)"
    "Een verbindingspoging is mislukt omdat de verbonden partij niet correct heeft gereageerd na een bepaalde periode, "
    "of omdat de tot stand gebrachte verbinding is mislukt omdat de verbonden host niet heeft gereageerd. "
    "(smtp.example.com:587)",
    # tr: Microsoft's tr page, "System.Exception: ... - (Bağlanılan taraf ... bağlantı kurulamadı"
    "System.Exception: (Bağlanılan taraf bir süre içinde doğru şekilde yanıt vermediğinden bir bağlantı girişimi "
    "başarısız oldu veya bağlanılan ana bilgisayar yanıt vermediğinden bağlantı kurulamadı smtp.example.com:587",
]


@pytest.mark.parametrize("text", TIMED_OUT)
def test_windows_timeout_in_the_users_language_is_an_outbound_block(text: str) -> None:
    assert connect_outcome(text) == "timeout"
    assert top(text).startswith("port-blocked-outbound") or top(text) == "smtp-port25-blocked"


# Windows' WSAHOST_NOT_FOUND (11001) message, as pasted.
HOST_UNKNOWN = [
    # de: a Rust TLS error, 'Os { code: 11001, ..., message: "Der angegebene Host ist unbekannt." }'
    'Tls(Io(Os { kind: Uncategorized, message: "Der angegebene Host ist unbekannt." }))',
    # fr: PHP's PDO error list
    "[2002] php_network_getaddresses: getaddrinfo failed: Hôte inconnu",
    # pt-BR: "java.net.UnknownHostException: Este host não é conhecido (oracle.fiap.com)" (without the class)
    "Falha ao conectar: Este host não é conhecido. (smtp.example.com:587)",
    # ru: PowerShell's Invoke-WebRequest, "Этот хост неизвестен (moonn.ru:443)"
    "Этот хост неизвестен (smtp.example.com:587)",
    # zh-CN: "TCP连接失败imap.s.ytu.edu.cn:993:不知道这样的主机" (a mail plug-in's test)
    "TCP连接失败imap.example.edu.cn:993:不知道这样的主机。",
    # ja: .NET, "System.Net.Sockets.SocketException: そのようなホストは不明です" (the number dropped)
    "System.Net.Sockets.SocketException: そのようなホストは不明です。",
    # tr: Microsoft's tr page on SqlException 11001, 'İleti: "Böyle bir ana bilgisayar bilinmiyor"'
    "SocketException: Böyle bir ana bilgisayar bilinmiyor (smtp.example.com:587)",
]


@pytest.mark.parametrize("text", HOST_UNKNOWN)
def test_windows_host_not_found_in_the_users_language_is_an_unknown_host(text: str) -> None:
    assert top(text) == "server-host-unknown"


# glibc's translations (bminor/glibc po/<lang>.po), as PHP passes the system's text on (Roundcube's
# "Could not connect to HOST:PORT: <strerror>") and getaddrinfo's reasons.
@pytest.mark.parametrize(("words", "outcome", "cause"), [
    ("В соединении отказано", "refused", "port-closed"),
    ("连接被拒绝", "refused", "port-closed"),
    ("接続を拒否されました", "refused", "port-closed"),
    ("연결이 거부됨", "refused", "port-closed"),
    ("Bağlantı reddedildi", "refused", "port-closed"),
    ("Spojení odmítnuto", "refused", "port-closed"),
    ("У з’єднанні відмовлено", "refused", "port-closed"),
    ("Время ожидания соединения истекло", "timeout", None),
    ("接続がタイムアウトしました", "timeout", None),
    ("Spojení bylo příliš dlouho neaktivní", "timeout", None),
    ("Нет маршрута до узла", "unreachable", None),
    ("Соединение разорвано другой стороной", "reset", None),
])
def test_glibc_translations(words: str, outcome: str, cause: str | None) -> None:
    text = f"IMAP Error: Login failed for a@example.org from 192.0.2.7. Could not connect to mail.example.org:143: {words}"
    assert connect_outcome(text) == outcome
    if cause:
        assert top(text) == cause


@pytest.mark.parametrize("words", [
    "Неизвестное имя или служба", "名称或服务未知", "名前またはサービスが不明です", "이름 혹은 서비스를 알 수 없습니다",
    "İsim ya da servis bilinmiyor", "Neznámé jméno nebo služba", "Невідома назва чи сервіс",
])
def test_glibc_translated_name_not_known_is_an_unknown_host(words: str) -> None:
    assert top(f"php_network_getaddresses: getaddrinfo for mail.example.org failed: {words}") == "server-host-unknown"



@pytest.mark.parametrize("text", [
    "php_network_getaddresses: getaddrinfo for mail.example.org failed: no address associated with name",
    # Roundcube's errors log (roundcube/roundcubemail#8988): its "Login failed" only wraps the connection's failure.
    "IMAP Error: Login failed for alice against mail.example.org from 192.0.2.7. Could not connect to "
    "ssl://mail.example.org:993: php_network_getaddresses: getaddrinfo for mail.example.org failed: no address "
    "associated with name in /roundcubemail/program/lib/Roundcube/rcube_imap.php on line 211",
])
def test_openbsd_wording_of_eai_nodata_is_a_name_without_an_address(text: str) -> None:
    # OpenBSD's gai_strerror(EAI_NODATA) and hstrerror(NO_DATA): "no address associated with name".
    assert top(text) == "server-host-no-address"

# Near misses: the same languages' words about the same things that say no failure of the connection.
@pytest.mark.parametrize("text", [
    "Der Zielcomputer hat die Verbindung angenommen",
    "L'ordinateur cible a accepté la connexion",
    "El equipo de destino aceptó la conexión",
    "Il computer di destinazione ha accettato la connessione",
    "A máquina de destino aceitou a conexão",
    "Конечный компьютер принял запрос на подключение",
    "目标计算机已接受连接",
    "対象のコンピューターに接続しました",
    "대상 컴퓨터에 연결했습니다",
    "Komputer docelowy przyjął połączenie",
    "De doelcomputer heeft de verbinding geaccepteerd",
    "Hedef makine bağlantıyı kabul etti",
])
def test_near_misses_are_not_a_refused_connection(text: str) -> None:
    assert classify_socket_text(text) != "refused"
    assert connect_outcome(text) != "refused"


def test_a_reset_is_not_read_as_a_refusal() -> None:
    # ru: "ConnectionResetError(10054, 'Удаленный хост принудительно разорвал существующее подключение')"
    assert classify_socket_text("Удаленный хост принудительно разорвал существующее подключение") == "reset"
    assert classify_socket_text("远程主机强迫关闭了一个现有的连接。") == "reset"
    assert classify_socket_text("Une connexion existante a dû être fermée par l'hôte distant") == "reset"
    assert classify_socket_text("[WinError 10054] Eine vorhandene Verbindung wurde vom Remotehost geschlossen") == "reset"


def test_a_megabyte_of_a_rows_first_words_is_no_row() -> None:
    # Rows are plain substrings (Turkish 'İsim' lower-cases to two characters, so its rows start
    # after it); a pasted megabyte of a row's first words repeated matches none (its time is
    # measured by benchmarks/explain_bench.py).
    hostile = ("l'ordinateur cible l'a " * 50_000 + "由于目标计算机积极" * 20_000)[:1_000_000]
    assert classify_socket_text(hostile) == "error"
    assert SOCKET_TEXT_TABLE and DNS_TEXT_TABLE


# More of Windows' messages, as pasted: a reset (10054) or an abort (10053) of an open connection, an
# unreachable host (10065) or network (10051), and Korean's unknown host (11001).
@pytest.mark.parametrize(("text", "outcome"), [
    # es: Symfony Mailer on Windows, "fgets(): SSL: Se ha forzado ... in ...\AbstractStream"
    ("ErrorException: fgets(): SSL: Se ha forzado la interrupción de una conexión existente por el host remoto", "reset"),
    # it: a Rust client, 'Os { code: 10054, kind: ConnectionReset, message: "Connessione in corso ..." }'
    ('Os { kind: ConnectionReset, message: "Connessione in corso interrotta forzatamente dall\'host remoto." }', "reset"),
    # pt-BR: PHP, "file_get_contents(): SSL: Foi forçado o cancelamento ..."
    ("file_get_contents(): SSL: Foi forçado o cancelamento de uma conexão existente pelo host remoto", "reset"),
    # ja: "ConnectionResetError(10054, '既存の接続は...。', None, 10054, None)" without its number
    ("('Connection aborted.', ConnectionResetError('既存の接続はリモート ホストに強制的に切断されました。'))", "reset"),
    # ko
    ("('Connection aborted.', ConnectionResetError('현재 연결은 원격 호스트에 의해 강제로 끊겼습니다'))", "reset"),
    # pl: mongoimport, "WSARecv tcp 127.0.0.1:1049: Istniejące ..."
    ("error inserting documents: WSARecv tcp 192.0.2.10:1049: Istniejące połączenie zostało gwałtownie zamknięte "
     "przez zdalnego hosta.", "reset"),
    # tr
    ("ConnectionResetError('Varolan bir bağlantı uzaktaki bir ana bilgisayar tarafından zorla kapatıldı')", "reset"),
    # de: a Rust client, "Failed to send request: Eine bestehende ... abgebrochen."
    ("Failed to send request: Eine bestehende Verbindung wurde softwaregesteuert durch den Hostcomputer abgebrochen.",
     "reset"),
    # ru: JMeter, "java.net.SocketException/Non HTTP response message: Программа ..."
    ("java.net.SocketException: Программа на вашем хост-компьютере разорвала установленное подключение", "reset"),
    # zh-CN: "连接上游 DNS 失败：套接字操作尝试一个无法连接的主机。" / "[WinError 10051] 向一个..."
    ("Failed to connect to Redis : 套接字操作尝试一个无法连接的主机。", "unreachable"),
    ("Failed to establish a new connection: 向一个无法连接的网络尝试了一个套接字操作。", "unreachable"),
    # ru: a .NET message
    ("Сделана попытка выполнить операцию на сокете для недоступного хоста. 192.0.2.10:587", "unreachable"),
])
def test_more_windows_messages(text: str, outcome: str) -> None:
    assert classify_socket_text(text) == outcome


def test_korean_unknown_host() -> None:
    # ko: a .NET console's log, "[ntfy] send error: 알려진 호스트가 없습니다. (ntfy.invalid...:443)"
    assert top("send error: 알려진 호스트가 없습니다. (smtp.example.invalid:587)") == "server-host-unknown"


# .NET's SslStream messages in the user's language read as the English ones do.
@pytest.mark.parametrize(("text", "english"), [
    # de: SmtpClient users' notes, "TLS error like 'Das Remotezertifikat ist laut Validierungsverfahren ungültig'"
    ("System.Security.Authentication.AuthenticationException: Das Remotezertifikat ist laut Validierungsverfahren "
     "ungültig.", "The remote certificate is invalid according to the validation procedure."),
    # fr: "a TrustFailure (Le certificat distant n'est pas valide selon la procédure de validation.)"
    ("TrustFailure (Le certificat distant n'est pas valide selon la procédure de validation.)",
     "The remote certificate is invalid according to the validation procedure."),
    # es: Power BI, "'El certificado remoto no es válido según el procedimiento de validación.'"
    ("Se produjo un error al leer datos desde el proveedor: 'El certificado remoto no es válido según el "
     "procedimiento de validación.'", "The remote certificate is invalid according to the validation procedure."),
    # ru: "System.Security.Authentication.AuthenticationException: Удаленный сертификат ..."
    ("System.Security.Authentication.AuthenticationException: Удаленный сертификат недействителен согласно "
     "результатам проверки подлинности.", "The remote certificate is invalid according to the validation procedure."),
    # zh-CN: "[System.Security.Authentication.AuthenticationException：根据验证过程，远程证书无效。]"
    ("System.Security.Authentication.AuthenticationException：根据验证过程，远程证书无效。",
     "The remote certificate is invalid according to the validation procedure."),
    # ja
    ("System.Security.Authentication.AuthenticationException: 検証プロシージャによると、リモート証明書は無効です。",
     "The remote certificate is invalid according to the validation procedure."),
    # zh-CN: an SmtpClient post, "System.Net.Mail.SmtpException: 发送邮件失败。 ---> System.IO.IOException: 由于..."
    ("System.Net.Mail.SmtpException: 发送邮件失败。 ---> System.IO.IOException: 由于远程方已关闭传输流，身份验证失败。",
     "System.Net.Mail.SmtpException: Failure sending mail. ---> System.IO.IOException: Authentication failed because "
     "the remote party has closed the transport stream."),
    # de, fr (both of its wordings), ja
    ("System.IO.IOException: Fehler bei der Authentifizierung, da die Gegenseite den Transportstream geschlossen hat.",
     "System.IO.IOException: Authentication failed because the remote party has closed the transport stream."),
    ("System.IO.IOException : échec de l’authentification, car la partie distante a fermé le flux de transport.",
     "System.IO.IOException: Authentication failed because the remote party has closed the transport stream."),
    ("Échec de l'authentification, car le site distant a fermé le flux de transport.",
     "System.IO.IOException: Authentication failed because the remote party has closed the transport stream."),
    ("System.IO.IOException: リモート側がトランスポート ストリームを閉じたため、認証に失敗しました。",
     "System.IO.IOException: Authentication failed because the remote party has closed the transport stream."),
])
def test_dotnet_tls_messages_in_the_users_language(text: str, english: str) -> None:
    def causes(t: str) -> list[str]:
        return [d.cause for d in explain(t).diagnoses if d.is_root]

    assert causes(text) and causes(text) == causes(english)


def test_a_certificate_near_miss() -> None:
    # The words of the certificate message about a certificate that passed say nothing failed.
    with pytest.raises(InputError):
        explain("Das Remotezertifikat ist laut Validierungsverfahren gültig.")


@pytest.mark.parametrize("text", [
    # en: a project's notes, "System.Net.Sockets.SocketException: 'The requested name is valid, but no data ...'"
    "System.Net.Sockets.SocketException: 'The requested name is valid, but no data of the requested type was found.'",
    # zh-CN: "❌ 错误: 请求的名称有效，但是找不到请求的类型的数据。 (www.gemini.example.com:443)"
    "错误: 请求的名称有效，但是找不到请求的类型的数据。 (smtp.example.com:587)",
])
def test_windows_no_data_is_a_name_without_an_address(text: str) -> None:
    # WSANO_DATA (11004) reads as its HRESULT 0x80072AFC does.
    assert top(text) == top("0x80072afc") == "server-host-no-address"


# Windows' WSAENETUNREACH (10051), in English and German: the connection went nowhere (an address no route
# leads to), read as unreachable -- not a port a firewall drops on the way.
@pytest.mark.parametrize("text", [
    "System.Net.Sockets.SocketException: A socket operation was attempted to an unreachable network 192.0.2.10:587",
    # de: MailKit's ExtendedSocketException for a host given as "123" (jstedfast/MailKit#434)
    "System.Net.Internals.SocketExceptionFactory+ExtendedSocketException: Ein Socketvorgang bezog sich auf ein "
    "nicht verfügbares Netzwerk 0.0.0.123:123",
])
def test_windows_network_unreachable_is_unreachable(text: str) -> None:
    assert connect_outcome(text) == "unreachable"
    assert not top(text).startswith("port-blocked-outbound")


# A failed look-up in a stack's own words, with no resolver reason: PHP's gethostbyname() path (php-src
# main/network.c prints errno, not the resolver's answer) and .NET Core on Linux (TRY_AGAIN thrown from
# System.Net.Dns as strerror(EAGAIN)). The name was never resolved: a DNS failure, not a blocked port.
@pytest.mark.parametrize("text", [
    # PHPMailer/PHPMailer#2609 (a NAS web server whose DNS failed)
    "Connection failed. Error #2: stream_socket_client(): unable to connect to ssl://smtp.example.com:465 "
    "(php_network_getaddresses: gethostbyname failed. errno=11)\n"
    "SMTP ERROR: Failed to connect to server: php_network_getaddresses: gethostbyname failed. errno=11 (0)",
    # bitwarden/server#456 (a container whose resolver did not answer)
    "System.Net.Mail.SmtpException: Failure sending mail. ---> System.Net.Internals.SocketExceptionFactory+"
    "ExtendedSocketException: Resource temporarily unavailable\n"
    "   at System.Net.Dns.InternalGetHostByName(String hostName)\n"
    "   at System.Net.Dns.ResolveCallback(Object context)",
])
def test_stack_lookup_failure_without_reason_is_a_dns_failure(text: str) -> None:
    assert connect_outcome(text) in (None, "dns-failed")
    assert top(text).startswith("dns-")


def test_resource_temporarily_unavailable_elsewhere_is_no_lookup() -> None:
    # strerror(EAGAIN) from a socket read is no name look-up: the Dns frame is what makes it one.
    text = ("System.IO.IOException: Unable to read data from the transport connection: Resource temporarily "
            "unavailable.\n   at System.Net.Sockets.NetworkStream.Read(Byte[] buffer, Int32 offset, Int32 size)")
    assert classify_socket_text(text) != "dns-failed"


# A hosting company's documented mail server (providers.yaml mail_hosts) reported as not existing: the resolver's
# answer, as for a big provider's published host (uniplug/youtrack-docker#4, a container without DNS).
def test_documented_mail_host_not_found_is_the_resolver() -> None:
    text = ("com.sun.mail.util.MailConnectException: Couldn't connect to host, port: smtp.1und1.de, 587; timeout 30000; "
            "nested exception is: java.net.UnknownHostException: smtp.1und1.de")
    assert top(text) == "dns-server-misconfigured"
    near = text.replace("smtp.1und1.de", "smtp.1und1.dee")
    assert top(near) != "dns-server-misconfigured"


# JavaMail's MailSendException prints the nested exception's message and goes on with its own sentence
# ("UnknownHostException: smtp.1und1.de. Failed messages: ..."): the full stop ends the sentence (or is the
# root of the name's fully qualified form), the same host either way.
def test_unresolved_name_ends_before_the_sentence_s_full_stop() -> None:
    text = ("Mail server connection failed; nested exception is com.sun.mail.util.MailConnectException: Couldn't "
            "connect to host, port: smtp.1und1.de, 587; timeout 30000; nested exception is: "
            "java.net.UnknownHostException: smtp.1und1.de. Failed messages: com.sun.mail.util.MailConnectException")
    assert top(text) == "dns-server-misconfigured"
    assert top("java.net.UnknownHostException: smtp.1und1.de.") == "dns-server-misconfigured"
    assert top("java.net.UnknownHostException: smtp.1und1.dee. Failed messages") != "dns-server-misconfigured"
