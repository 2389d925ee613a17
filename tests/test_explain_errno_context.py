"""An errno's words ("Permission denied", "Operation not permitted", "No such file or directory")
say a connection's fate only when they are said about a connection: the same strerror words in a
server's log of its own files, or in a mail program's error about a file it reads, are read as
that (texts in the shape the programs' sources print them)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain, recognise


def top(text: str) -> str:
    diagnoses = [d for d in explain(text).diagnoses if d.is_root]
    return diagnoses[0].cause if diagnoses else "none"


# Dovecot's eacces_error_get and its "call(path) failed: %m" logs, Postfix local(8): the server's own files.
SERVER_STORAGE = [
    "Error: mkdir(/var/mail/alice/tmp) failed: Permission denied (euid=1000(alice) egid=1000(alice) "
    "missing +w perm: /var/mail/alice)",
    "Dec  1 10:00:00 mail dovecot: imap(alice)<4711><abcd>: Error: open(/var/vmail/example.org/alice/Maildir/"
    "dovecot-uidlist) failed: Permission denied (euid=5000(vmail) egid=5000(vmail) missing +r perm: "
    "/var/vmail/example.org/alice/Maildir/dovecot-uidlist, dir owned by 0:0 mode=0700)",
    "dovecot: lda(bob): Error: chown(/var/mail/bob, group=8(mail)) failed: Operation not permitted "
    "(egid=1001(bob), group based on /var/mail/bob - see http://wiki2.dovecot.org/Errors/ChgrpNoPerm)",
    "imap(bob): Error: write(/var/vmail/bob/dovecot.index.log) failed: No space left on device",
    "imap(bob): Error: Timeout (180s) while waiting for lock for transaction log file "
    "/var/vmail/bob/dovecot.index.log (WRITE lock held by pid 1234)",
    "postfix/local[123]: 4F2A1: to=<bob@example.org>, relay=local, delay=0.1, status=deferred "
    "(cannot update mailbox /var/mail/bob for user bob. cannot open file: Permission denied)",
    "imap(bob)<123><abc>: Error: Mailbox INBOX: fcntl(/var/mail/bob, write-lock, F_SETLKW) locking failed: "
    "Timed out after 300 seconds (WRITE lock held by pid 4242)",
    "lmtp(bob): Error: Creating lock file for /home/bob/.dovecot.lda-dupes timed out in 30 secs",
    "imap(bob): Error: Timeout (180s) while waiting for dotlock for transaction log file /var/vmail/bob/dovecot.index.log",
    "imap[2345]: IOERROR: opening /var/spool/cyrus/mail/a/user/alice/cyrus.header: Permission denied",
    "Dec  1 10:00:00 mail postfix/smtpd[123]: fatal: open /etc/postfix/main.cf: Permission denied",
    "postfix/postdrop[1012]: warning: mail_queue_enter: create file maildrop/234136.1012: Permission denied",
    "dovecot: lda(bob): Error: net_connect_unix(/var/run/dovecot/auth-userdb) failed: Connection refused",
]


@pytest.mark.parametrize("text", SERVER_STORAGE)
def test_a_server_log_of_its_own_files_is_the_server_failing(text: str) -> None:
    facts = recognise(text).facts
    assert [f.kind for f in facts] == ["server.storage"], facts
    assert top(text) == "server-unavailable"


def test_the_server_storage_fact_names_the_path() -> None:
    facts = recognise(SERVER_STORAGE[0]).facts
    assert facts[0].get("path") == "/var/mail/alice/tmp"


def test_a_lock_timeout_the_client_is_told_is_the_server_failing() -> None:
    assert top("a3 NO [UNAVAILABLE] Timeout while waiting for lock") == "server-unavailable"


def test_the_servers_log_beside_the_clients_internal_error_says_why() -> None:
    text = "a2 NO [SERVERBUG] Internal error occurred. Refer to server log for more information.\n" + SERVER_STORAGE[0]
    assert [f.kind for f in recognise(text).facts] == ["server.storage"]


@pytest.mark.parametrize("text", [
    "connect to smtp.example.com port 587: Permission denied",
    "[Errno 13] Permission denied",
    "Error: connect EACCES 192.0.2.10:587",
    "SMTP -> ERROR: Failed to connect to server: Permission denied (13)",
    "dial tcp 192.0.2.10:465: connect: operation not permitted",
])
def test_the_words_said_of_a_connection_stay_a_forbidden_connection(text: str) -> None:
    assert top(text) == "port-blocked-outbound", explain(text).diagnoses


# msmtp, mbsync (isync), fetchmail, curl, and the Python and Node runtimes' file errors: a file the
# mail program reads for itself, not the network and not the server's certificate.
CLIENT_FILES = [
    ("msmtp: cannot set X509 trust file /usr/share/ca-certificates/mozilla/Equifax_Secure_CA.crt for TLS session: "
     "Error while reading file.", "trust"),
    ("msmtp: cannot set X509 key file /home/alice/.certs/client.key and/or X509 cert file /home/alice/.certs/client.pem "
     "for TLS session: Error while reading file.", "certificate"),
    ("msmtp: /home/alice/.msmtprc: contains secrets and therefore must have no more than user read/write permissions",
     "config"),
    ("msmtp: cannot read output of 'pass show mail/work'", "password"),
    ("msmtp: cannot load trust file /etc/ssl/certs/ca-bundle.crt: error:80000002:system library::No such file or directory",
     "trust"),
    ("File /home/alice/.fetchmailrc must have no more than -rwx------ (0700) permissions.", "config"),
    ("Error: Cannot open config file '/home/alice/.mbsyncrc': Permission denied", "config"),
    ("Error while loading certificate file '/etc/ssl/certs/ca-certificates.crt': error:02001002:system library:"
     "fopen:No such file or directory", "trust"),
    ("curl: (77) error setting certificate verify locations:\n  CAfile: /etc/ssl/certs/ca-certificates.crt\n"
     "  CApath: none", "trust"),
    ("curl: (77) Problem with the SSL CA cert (path? access rights?)", "trust"),
    ("curl: (58) Problem with the local SSL certificate", "certificate"),
    ("PermissionError: [Errno 13] Permission denied: '/etc/ssl/private/mail.key'", "config"),
    ("Error: EACCES: permission denied, open '/home/app/certs/ca.pem'", "config"),
    # perror's and msmtp's "PATH: strerror": the words said of the file before them.
    ("msmtp: /home/alice/.msmtprc: Permission denied", "config"),
    ("sendmail: fatal: open /etc/postfix/main.cf: Permission denied", "config"),
]


@pytest.mark.parametrize(("text", "role"), CLIENT_FILES)
def test_a_file_the_program_reads_for_itself_is_its_configuration(text: str, role: str) -> None:
    facts = recognise(text).facts
    assert [(f.kind, f.get("role")) for f in facts] == [("client.file", role)], facts
    assert top(text) == "client-config-corrupt"


def test_the_client_file_fact_names_the_path_without_its_punctuation() -> None:
    facts = recognise(CLIENT_FILES[2][0]).facts
    assert facts[0].get("path") == "/home/alice/.msmtprc"


def test_a_socket_error_without_a_file_name_stays_the_connections() -> None:
    assert top("ConnectionRefusedError: [Errno 111] Connection refused") == "port-closed"
