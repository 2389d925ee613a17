"""The network between the mail program and its server, as mail programs' dialogs and libraries' exceptions word it
(a second pass after test_explain_netdiff.py and test_explain_connection_path.py): a connect that timed out (nothing
answered: dropped on the way, or the host is down), a refusal, a connection cut in the middle of the session, a VPN the
text says is on, no network at all, a server's per-address limits and block lists. Each text is a message in the form
its program prints it, with its source, and the causes it may honestly read as; the first cause named must be one of
them (never "fine", never declined)."""

from __future__ import annotations

import pytest

from tests.test_explain_netdiff import _causes

TIMEOUT = ("port-blocked-outbound", "server-unavailable")  # nothing answered: dropped on the way, or the host is down
SMTP_TIMEOUT = (*TIMEOUT, "smtp-port25-blocked")
REFUSED = ("port-closed", "port-blocked-outbound")  # an RST: nothing listens there, or a firewall's reject
# Said only that no connection was made: the way, the port, the host or the network itself.
NOT_REACHED = ("port-blocked-outbound", "port-closed", "server-unavailable", "no-internet")
# Cut in the middle of the session (established, then lost): the path (MTU, a router's window scaling), the server's
# own limits, or (only when named) a scanner; not a certificate problem.
CUT = ("packet-loss", "server-unavailable", "too-many-connections")
NO_ROUTE = ("no-internet", "server-ip-blocked", "vpn-interference")
VPN = ("vpn-interference",)
TOO_MANY = ("too-many-connections",)
LISTED = ("client-ip-blocklisted",)
# A connection made, then no answer at all (no greeting, no reply): SSL/TLS set on a port that speaks plain text
# first (the program waits for the server's greeting inside TLS), a server that hangs, or a path that drops the rest.
SILENT = ("plaintext-on-tls-port", "server-unavailable", "port-blocked-outbound")

H = "imap.example.com"
S = "smtp.example.com"
MC = "mozilla/releases-comm-central:mail/locales/en-US/chrome/messenger/"
# The VPN vendors' own pages on mail through their tunnels: Surfshark's "Why am I unable to send emails while
# connected to Surfshark?" (support.surfshark.com/hc/en-us/articles/360021960039), seed4.me's (it restricts outgoing
# port 25 on its VPN servers, seed4.me/blog/tag/gmail); K-9 Mail that sends only with NordVPN off
# (github.com/thunderbird/thunderbird-android/issues/3429).
VPN_DOCS = "Surfshark 360021960039; seed4.me/blog/tag/gmail; thunderbird/thunderbird-android#3429"

# (text, acceptable first causes, source)
CATALOGUE: list[tuple[str, tuple[str, ...], str]] = [
    # --- Thunderbird (desktop) ---
    (f"Connection to server {H} timed out.", TIMEOUT, MC + "messenger.properties (netTimeoutError)"),
    (f"Could not connect to server {H}; the connection was refused.", REFUSED,
     MC + "messenger.properties (connectionRefusedError)"),
    (f"Sending of the message failed.\nThe message could not be sent because the connection to Outgoing server (SMTP) "
     f"{S} timed out. Try again.", SMTP_TIMEOUT, MC + "messengercompose/composeMsgs.properties (smtpSendTimeout)"),
    # NS_ERROR_NET_INTERRUPT, "The connection was established, but the data transfer was interrupted"
    # (mozilla netwerk/base/nsNetError.h, xpcom/base/ErrorList.py): a cut in the middle, no certificate named.
    (f"Connection to server {H} was interrupted.", CUT, MC + "messenger.properties (netInterruptError)"),
    (f"Sending of the message failed.\nThe message could not be sent because the connection to Outgoing server (SMTP) "
     f"{S} was lost in the middle of the transaction. Try again.", CUT,
     MC + "messengercompose/composeMsgs.properties (smtpSendInterrupted; send-error-smtp-interrupted in the Fluent file)"),
    # Thunderbird before 60 ("SMTP server" and the network administrator), as users quote it
    (f"Sending of message failed.\nThe message could not be sent because the connection to SMTP server {S} was lost "
     "in the middle of the transaction. Try again or contact your network administrator.", CUT,
     "Thunderbird 2-52 composeMsgs.properties, as quoted on the Dovecot and Ubuntu forums"),
    # smtpSendInterrupted in the users' languages (thunderbird-l10n {locale}/mail/chrome/messenger/messengercompose/
    # composeMsgs.properties): the same cut in the middle, not a scanner unless one is named.
    (f"Die Nachricht konnte nicht gesendet werden, weil die Verbindung mit dem SMTP-Server {S} mitten in der "
     "Transaktion verloren wurde. Versuchen Sie es nochmals.", CUT, "thunderbird-l10n de (smtpSendInterrupted)"),
    (f"消息未发送，因为与发件服务器（SMTP） {S} 的连接在传输过程中中断。请重试。", CUT,
     "thunderbird-l10n zh-CN (smtpSendInterrupted; send-error-smtp-interrupted)"),
    (f"因為與寄件伺服器 (SMTP) {S} 間的連線在傳輸過程中中斷，無法寄出訊息。請再試一次。", CUT,
     "thunderbird-l10n zh-TW (smtpSendInterrupted)"),
    (f"送信処理の途中で送信 (SMTP) サーバー {S} との接続が切断されたため、メッセージを送信できませんでした。再度試してください。",
     CUT, "thunderbird-l10n ja (smtpSendInterrupted)"),
    (f"Le message n’a pas pu être envoyé car la connexion au serveur sortant (SMTP) « {S} » a été perdue pendant la "
     "transaction. Veuillez essayer à nouveau.", CUT, "thunderbird-l10n fr (smtpSendInterrupted)"),
    (f"Сообщение не может быть отправлено, так как соединение с Сервером исходящей почты (SMTP) «{S}» было утеряно в "
     "середине транзакции. Попробуйте снова.", CUT, "thunderbird-l10n ru (smtpSendInterrupted)"),
    (f"A mensagem não foi enviada porque a conexão com o servidor de envio (SMTP) {S} foi perdida no meio da "
     "transação. Tente novamente.", CUT, "thunderbird-l10n pt-BR (smtpSendInterrupted)"),
    # --- Thunderbird with the user's own words that a VPN is on ---
    (f"Could not connect to server {H}; the connection was refused.\nIt works when I disconnect from the VPN.", VPN,
     MC + "messenger.properties (connectionRefusedError); " + VPN_DOCS),
    (f"Connection to server {H} timed out. I'm connected to the company VPN.", VPN,
     MC + "messenger.properties (netTimeoutError); " + VPN_DOCS),
    (f"Sending of the message failed.\nThe message could not be sent because the connection to Outgoing server (SMTP) "
     f"{S} timed out. Try again.\nSending works fine when I turn off the VPN.", VPN,
     MC + "messengercompose/composeMsgs.properties (smtpSendTimeout); " + VPN_DOCS),
    # --- Outlook classic (imnxport.h IXP_E_*: 0x800CCC0E FAILED_TO_CONNECT, 0x800CCC0F CONNECTION_DROPPED) ---
    (f"Task '{S} - Sending' reported error (0x800CCC0E) : 'Cannot connect to the server. If you continue to receive "
     "this message, contact your server administrator or Internet service provider (ISP).'", NOT_REACHED,
     "Outlook send/receive error 0x800CCC0E, as quoted in a public PHP source's comment (find_string id 41423746028)"),
    ("Task 'user@example.com: Folder:Inbox Check for new mail.' reported error (0x800CCC0E) : 'Outlook cannot download "
     "folder Inbox from the IMAP email server for account user@example.com. Error: Cannot connect to the server. If you "
     "continue to receive this message, contact your server administrator or Internet service provider (ISP).'",
     NOT_REACHED, "the same quote (Outlook's IMAP folder check)"),
    ("Task 'user@example.com - Sending and Receiving' reported error (0x800CCC0F) : 'The connection to the server was "
     "interrupted. If this problem continues, contact your server administrator or Internet service provider (ISP).'",
     CUT, "Outlook 0x800CCC0F (IXP_E_CONNECTION_DROPPED); support.microsoft.com/kb/935400"),
    # IXP_E_CONNECTION_DROPPED's other sentence names the server, the network or inactivity, not a scanner
    ("Your server has unexpectedly terminated the connection. Possible causes for this include server problems, "
     "network problems, or a long period of inactivity.", CUT,
     "Outlook Express / Outlook IXP_E_CONNECTION_DROPPED (data/client-messages.yaml outlook)"),
    ("Task 'user@example.com - Receiving' reported error (0x80042108) : 'Outlook is unable to connect to your incoming "
     "(POP) e-mail server. If you continue to receive this message, contact your server administrator or Internet "
     "service provider (ISP).'", NOT_REACHED, "help.gohighlevel.com Email Error Library (Outlook 0x80042108)"),
    ("Task 'user@example.com - Sending' reported error (0x80042109) : 'Outlook cannot connect to your outgoing (SMTP) "
     "e-mail server. If you continue to receive this message, contact your server administrator or Internet service "
     "provider (ISP).'", NOT_REACHED, "help.gohighlevel.com Email Error Library (Outlook 0x80042109)"),
    ("Task 'imap.example.com - Receiving' reported error (0x800CCC19) : 'A time-out occurred while communicating with "
     "the server.'", SILENT, "Outlook Express / Outlook IXP_E_TIMEOUT 0x800CCC19 (data/client-messages.yaml outlook)"),
    ("Task 'user@example.com - Sending' reported error (0x8004210B) : 'The operation timed out waiting for a response "
     "from the sending (SMTP) server. If you continue to receive this message, contact your server administrator or "
     "Internet service provider (ISP).'", SILENT,
     "MicrosoftDocs/OfficeDocs-Support:Outlook (delete-nonexistent-messages: 'reported error (0x8004210b) : 'The "
     "operation timed out waiting for a response from the sending (SMTP) server.'')"),
    # --- Apple Mail (Message.framework MFConnection) ---
    (f"Cannot Get Mail\nThe mail server “{H}” is not responding. Verify that you have entered the correct account "
     "info in Mail settings.", NOT_REACHED,
     "EthanArbuckle/iPhone18-3_26.1_23B85_Restore:System/Library/PrivateFrameworks/Message.framework (CONNECTION_FAILED)"),
    (f"The connection to the server “{S}” on port 587 timed out.", TIMEOUT,
     "EthanArbuckle/iPhone18-3_26.1_23B85_Restore:Message.framework/MFConnection.mm (CONNECTION_TIMED_OUT)"),
    (f"The server “{S}” refused to allow a connection on port 587.", REFUSED,
     "EthanArbuckle/iPhone18-3_26.1_23B85_Restore:Message.framework/MFConnection.mm (CONNECTION_REFUSED)"),
    (f"The server “{H}” cannot be contacted on port 993.", (*NO_ROUTE, "port-blocked-outbound"),
     "EthanArbuckle/iPhone18-3_26.1_23B85_Restore:Message.framework/MFConnection.mm (HOST_UNREACHABLE)"),
    (f"Cannot Get Mail\nThe mail server “{H}” is not responding. It only happens while I am connected to ProtonVPN.",
     VPN, "Message.framework CONNECTION_FAILED; data/on-the-way.yaml consumer-vpn; " + VPN_DOCS),
    # Apple's Foundation (NSURLErrorNotConnectedToInternet, -1009): the device itself has no internet connection
    ("Error Domain=NSURLErrorDomain Code=-1009 \"The Internet connection appears to be offline.\"", ("no-internet",),
     "developer.apple.com/documentation/foundation/nsurlerrornotconnectedtointernet-swift.var; the description as "
     "Apple's logs print it (pastebin.com/p16mXAHL, iCloud's ubd)"),
    ("The Internet connection appears to be offline.", ("no-internet",),
     "NSURLErrorNotConnectedToInternet's localized description (developer.apple.com, CFNetworkErrors)"),
    # --- Android: AOSP Email / K-9, and libcore's connect exceptions under every Java mail app ---
    ("Couldn't open connection to server.", NOT_REACHED,
     "aosp-mirror/platform_packages_apps_email:res/values/strings.xml (account_setup_failed_ioerror)"),
    (f"java.net.SocketTimeoutException: failed to connect to {H}/192.0.2.10 (port 993) from /10.0.0.5 (port 45678) "
     "after 30000ms", TIMEOUT, "aosp-mirror/platform_libcore:luni/src/main/java/libcore/io/IoBridge.java "
     "(createMessageForException: 'failed to connect to HOST/ADDR (port P) from /ADDR (port P) after MSms')"),
    (f"java.net.ConnectException: failed to connect to {H}/192.0.2.10 (port 993) from /10.0.0.5 (port 45678) after "
     "30000ms: isConnected failed: ECONNREFUSED (Connection refused)", REFUSED, "aosp libcore IoBridge.java"),
    (f"java.net.ConnectException: failed to connect to {H}/192.0.2.10 (port 993) from /:: (port 0) after 30000ms: "
     "connect failed: ENETUNREACH (Network is unreachable)", NO_ROUTE, "aosp libcore IoBridge.java"),
    # FairEmail's own sentence when Android reports a VPN network beside a failed connection
    (f"Couldn't connect to host, port: {H}, 993; timeout 20000. This might be caused by the VPN that is being used",
     VPN, "M66B/FairEmail:app/src/main/java/eu/faircode/email/EmailService.java (title_service_vpn)"),
    # A connection made and then lost, which FairEmail's FAQ 22 (M66B/FairEmail:FAQ.md@e23dd9df, "What does
    # account/folder error ... mean?") reads as the network: ECONNABORTED "when connectivity was abruptly lost", a
    # compressed IMAP stream cut short "possibly due to a bad or interrupted connection".
    ("java.net.SocketException: Software caused connection abort", ("packet-loss", "no-internet"),
     "Android bionic strerror(ECONNABORTED); M66B/FairEmail:FAQ.md#faq22"),
    ("javax.net.ssl.SSLException: Read error: ssl=0x7c2b4a8c48: I/O error during system call, Software caused "
     "connection abort", ("packet-loss", "no-internet"),
     "google/conscrypt:common/src/jni/main/cpp/conscrypt/native_crypto.cc ('Read error: ssl=%p: I/O error during "
     "system call, %s'); M66B/FairEmail:FAQ.md#faq22"),
    ("javax.mail.MessagingException: Unexpected end of ZLIB input stream;\n  nested exception is:\n"
     "\tjava.io.EOFException: Unexpected end of ZLIB input stream", ("packet-loss",),
     "openjdk:java/util/zip/InflaterInputStream.java (fill: EOFException); M66B/FairEmail:FAQ.md#faq22"),
    # --- libraries: a connect that timed out ---
    (f"com.sun.mail.util.MailConnectException: Couldn't connect to host, port: {S}, 587; timeout -1;\n"
     "  nested exception is:\n\tjava.net.SocketTimeoutException: connect timed out", TIMEOUT,
     "javaee/javamail:mail/src/main/java/com/sun/mail/util/MailConnectException.java; openjdk 'connect timed out'"),
    ("System.Net.Mail.SmtpException: Failure sending mail. ---> System.Net.WebException: Unable to connect to the "
     "remote server ---> System.Net.Sockets.SocketException: A connection attempt failed because the connected party "
     "did not properly respond after a period of time, or established connection failed because connected host has "
     "failed to respond 192.0.2.10:587", TIMEOUT,
     "dotnet/runtime System.Net.Mail (net_webstatus_ConnectFailure 'Unable to connect to the remote server'); "
     "WSAETIMEDOUT 10060, learn.microsoft.com windows-sockets-error-codes-2"),
    ("Error: Connection timeout\n    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/"
     "index.js:790:19)\n    at SMTPConnection._onError (/app/node_modules/nodemailer/lib/smtp-connection/index.js:776:20)"
     " {\n  code: 'ETIMEDOUT',\n  command: 'CONN'\n}", TIMEOUT,
     "nodemailer/nodemailer:lib/smtp-connection/index.js (connect timer: 'Connection timeout', ETIMEDOUT, CONN)"),
    ("SMTP ERROR: Failed to connect to server: Connection timed out (110)\nSMTP connect() failed. "
     "https://github.com/PHPMailer/PHPMailer/wiki/Troubleshooting", TIMEOUT, "PHPMailer/PHPMailer:src/SMTP.php"),
    ("dial tcp 192.0.2.10:587: connect: connection timed out", TIMEOUT,
     "golang/go: syscall ETIMEDOUT's text after 'connect: ' (the kernel's time-out, not the dialer's 'i/o timeout')"),
    (f"curl: (28) Failed to connect to {S} port 587 after 129550 ms: Connection timed out", TIMEOUT,
     "curl/curl:lib/connect.c (curl 7.8x: 'Failed to connect to %s port %u after %ld ms: %s')"),
    # nodemailer's greeting timer: connected, and the server said nothing
    ("Error: Greeting never received\n    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/"
     "smtp-connection/index.js:807:19) {\n  code: 'ETIMEDOUT',\n  command: 'CONN'\n}", SILENT,
     "nodemailer/nodemailer:lib/smtp-connection/index.js (_onConnect: greetingTimeout, 'Greeting never received', "
     "ETIMEDOUT, CONN)"),
    # Rust lettre: "Connection error" and its source, std's io::Error ("... (os error 110)")
    ("Error: Connection error: Connection timed out (os error 110)", TIMEOUT,
     "lettre/lettre:src/transport/smtp/error.rs (Display: 'Connection error' + ': ' + source); rust-lang/rust "
     "io::Error Display ('{strerror} (os error {code})')"),
    # --- a server's per-address connection limits ---
    ("* BYE Too many simultaneous connections. (Failure)", TOO_MANY,
     "Gmail IMAP's refusal (M66B/FairEmail FAQ #23 'Too many simultaneous connections')"),
    ("* BYE Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)", TOO_MANY,
     "dovecot/core:src/imap-login (mail_max_userip_connections)"),
    ("421 4.7.0 Too many connections from your IP, try again later", TOO_MANY, "RFC 5321 421; RFC 3463 4.7.0"),
    # --- the client's address on a block list ---
    ("An error occurred while sending mail. The mail server responded: 554 5.7.1 Service unavailable; Client host "
     "[203.0.113.5] blocked using zen.spamhaus.org. Please check the message recipient and try again.", LISTED,
     MC + "messengercompose/composeMsgs.properties (sendFailed's server reply); Postfix reject_rbl_client wording"),
]


@pytest.mark.parametrize(("text", "causes", "source"), CATALOGUE, ids=[c[0][:60] for c in CATALOGUE])
def test_the_first_cause_is_the_one_the_words_decide(text: str, causes: tuple[str, ...], source: str) -> None:
    assert source
    found = _causes(text)
    assert next(iter(found), "fine") in causes, (text, source, found)


# A cut connection with a certificate problem or an inspecting product named stays the scanner's.
@pytest.mark.parametrize("text", [
    f"Connection to server {H} was interrupted. Avast Mail Shield is on.",
    "Task 'user@example.com - Sending and Receiving' reported error (0x800CCC0F) : 'The connection to the server was "
    "interrupted.' ESET NOD32 scans the mail.",
    f"Die Nachricht konnte nicht gesendet werden, weil die Verbindung mit dem SMTP-Server {S} mitten in der "
    "Transaktion verloren wurde. Avast Mail Shield ist aktiv.",
])
def test_a_cut_with_a_mail_scanner_named_is_the_scanners(text: str) -> None:
    assert _causes(text)[:1] == ["tls-interception"], _causes(text)


# Words that say a VPN is NOT on, that the failure stays without it, or that mail needs it, name no VPN.
@pytest.mark.parametrize("text", [
    f"Connection to server {H} timed out. I am not connected to a VPN.",
    f"Connection to server {H} timed out. It does not work without the VPN either.",
    f"Connection to server {H} timed out. I have no VPN.",
    f"Connection to server {H} timed out. It also fails when I turn off the VPN.",
    # a server reached only through the VPN: the failure is without it
    f"Connection to server {H} timed out. It only works when I'm connected to the company VPN.",
])
def test_a_vpn_denied_names_no_vpn(text: str) -> None:
    assert "vpn-interference" not in _causes(text)[:1], _causes(text)


# Thunderbird's netInterruptError in its translations (thunderbird/thunderbird-l10n:{locale}/mail/chrome/messenger/
# messenger.properties, as data/client-messages.yaml quotes them): the same cut, the same reading.
@pytest.mark.parametrize("text", [
    f"Verbindung mit Server {H} wurde unterbrochen.",  # de
    f"La connexion au serveur {H} a été interrompue.",  # fr
    f"Se interrumpió la conexión con el servidor {H}.",  # es-AR
    f"A conexão com o servidor {H} foi interrompida.",  # pt-BR
    f"Соединение с сервером {H} было прервано.",  # ru
    f"サーバー {H} との接続が中断されました。",  # ja
    f"连接服务器 {H} 中断。",  # zh-CN
])
def test_thunderbirds_interrupted_connection_reads_the_same_in_its_translations(text: str) -> None:
    assert _causes(text)[:1] == ["packet-loss"], _causes(text)
