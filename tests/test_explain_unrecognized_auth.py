"""Exchange's and Microsoft 365's "504 5.7.4 Unrecognized authentication type": alone it is
the mechanism first and a login sent before STARTTLS beside it; in a session log that shows
the client never sent STARTTLS where the server offers it, the login before TLS comes first.
The logs are written for these tests in PHPMailer's debug format."""

from __future__ import annotations

from helpers import causes_of

from mailexpert.explain import recognise

REPLY = "504 5.7.4 Unrecognized authentication type [AM0PR02CA0001.eurprd02.prod.outlook.com]"
GREETING = ("2026-03-04 08:00:01 SERVER -> CLIENT: 220 AM0PR02CA0001.outlook.office365.com Microsoft ESMTP MAIL "
            "Service ready\n2026-03-04 08:00:01 CLIENT -> SERVER: EHLO web01.example.com\n")
PLAIN_EHLO = ("2026-03-04 08:00:01 SERVER -> CLIENT: 250-AM0PR02CA0001.outlook.office365.com Hello [203.0.113.5]\n"
              "250-SIZE 157286400\n250-PIPELINING\n250-ENHANCEDSTATUSCODES\n250-STARTTLS\n250-8BITMIME\n250 SMTPUTF8\n")
AUTH = (f"2026-03-04 08:00:02 CLIENT -> SERVER: AUTH LOGIN\n2026-03-04 08:00:02 SERVER -> CLIENT: {REPLY}\n"
        f"2026-03-04 08:00:02 SMTP ERROR: AUTH command failed: {REPLY}\n")
NO_STARTTLS = GREETING + PLAIN_EHLO + AUTH
WITH_STARTTLS = (GREETING + PLAIN_EHLO + "2026-03-04 08:00:01 CLIENT -> SERVER: STARTTLS\n"
                 "2026-03-04 08:00:01 SERVER -> CLIENT: 220 2.0.0 SMTP server ready\n"
                 "2026-03-04 08:00:02 CLIENT -> SERVER: EHLO web01.example.com\n"
                 "2026-03-04 08:00:02 SERVER -> CLIENT: 250-AM0PR02CA0001.outlook.office365.com Hello [203.0.113.5]\n"
                 "250-SIZE 157286400\n250-AUTH NTLM\n250 SMTPUTF8\n" + AUTH)
NTLM_BEFORE_TLS = NO_STARTTLS.replace("250-STARTTLS\n", "250-STARTTLS\n250-AUTH NTLM\n")


def test_alone_it_is_the_mechanism_first_and_tls_beside_it() -> None:
    causes = causes_of(REPLY)
    assert causes[0] == "auth-mechanism-unsupported", causes
    assert "auth-requires-tls" in causes, causes


def test_alone_with_a_client_set_to_starttls_the_login_went_over_tls() -> None:
    assert "auth-requires-tls" not in causes_of(REPLY, "smtp smtp.office365.com:587/starttls")


def test_a_log_without_starttls_where_the_server_offers_it_is_a_login_before_tls() -> None:
    caps = [f for f in recognise(NO_STARTTLS).facts if f.kind == "service.capabilities"]
    assert caps and caps[0].get("tls") is False and caps[0].get("starttls") is True, caps
    assert caps[0].get("auth_offered") is False
    assert causes_of(NO_STARTTLS)[0] == "auth-requires-tls"


def test_a_log_with_only_ntlm_before_tls_is_a_login_before_tls_and_the_mechanism_beside_it() -> None:
    caps = [f for f in recognise(NTLM_BEFORE_TLS).facts if f.kind == "service.capabilities"]
    assert caps and caps[0].get("mechanisms") == "NTLM", caps
    causes = causes_of(NTLM_BEFORE_TLS)
    assert causes[0] == "auth-requires-tls", causes
    assert "auth-mechanism-unsupported" in causes, causes


def test_a_log_where_the_client_used_starttls_is_no_login_before_tls() -> None:
    caps = [f for f in recognise(WITH_STARTTLS).facts if f.kind == "service.capabilities"]
    assert caps and caps[0].get("tls") is True and caps[0].get("mechanisms") == "NTLM", caps
    causes = causes_of(WITH_STARTTLS)
    assert "auth-requires-tls" not in causes, causes
    assert causes[0] == "auth-mechanism-unsupported", causes


def test_the_commands_a_log_shows_sent_are_those_of_the_one_pass_pattern() -> None:
    # sessionlog._sent starts from the commands and looks back for the log's prefix (cheaper on a
    # long log); it must find what the plain pattern finds, at the same places.
    import random
    import re

    from mailexpert.sessionlog import _sent

    one_pass = re.compile(r"(?:client -> server:|\bsend:|(?<![\w-])c:)[ \t]*(EHLO|HELO|AUTH|STARTTLS)\b", re.IGNORECASE)
    pieces = ["client -> server:", "CLIENT -> SERVER:", "send:", "Send:", "end:", "c:", " c:", "xc:", "-c:", " ", "\t",
              "\n", "AUTH", "ehlo", "HELOx", "STARTTLS", "a", "s"]
    rng = random.Random(7)
    texts = [NO_STARTTLS, WITH_STARTTLS] + [
        "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(3000)]
    for text in texts:
        assert _sent(text) == [(m.start(), m.group(1).upper()) for m in one_pass.finditer(text)], text
    assert [verb for _, verb in _sent(NO_STARTTLS)] == ["EHLO", "AUTH"]


def test_a_log_where_the_server_offers_no_starttls_shows_no_capabilities_from_it() -> None:
    # Without STARTTLS, offered or sent, the log says nothing of a login before TLS.
    text = NO_STARTTLS.replace("250-STARTTLS\n", "")
    assert not any(f.kind == "service.capabilities" for f in recognise(text).facts)
    assert any(f.kind == "service.capabilities" for f in recognise(NO_STARTTLS).facts)


# An AUTH answered as an unknown command (RFC 5321 section 4.2.4) inside TLS, where the EHLO answer read after the
# client's STARTTLS offers other mechanisms (RFC 4954 sections 3 and 4) than the answer before TLS did.
UNKNOWN_INSIDE_TLS = WITH_STARTTLS.replace("250-AUTH NTLM\n", "250-AUTH CRAM-MD5\n").replace(
    REPLY, "502 5.5.2 Error: command not recognized").replace("250-STARTTLS\n", "250-STARTTLS\n250-AUTH PLAIN LOGIN\n", 1)


def test_the_offer_beside_an_unknown_auth_is_the_one_on_its_connection() -> None:
    from mailexpert.sessionlog import auth_before_tls, auth_offered_beside

    where = ("smtp.example.org", 587)
    offered = auth_offered_beside(UNKNOWN_INSIDE_TLS, where)
    assert offered is not None and offered.get("mechanisms") == "CRAM-MD5", offered
    # the connection went over TLS, and STARTTLS is no longer ahead of it
    assert offered.get("tls") is True and offered.get("starttls") is False, offered
    assert offered.get("password_auth") is False and offered.get("oauth_only") is False, offered
    # one reading of the log: what the login-before-TLS check reads of the same connection
    assert auth_before_tls(UNKNOWN_INSIDE_TLS, where) == offered
    causes = causes_of(UNKNOWN_INSIDE_TLS)
    assert causes[0] == "auth-mechanism-unsupported", causes


def test_an_offer_logged_after_the_last_auth_is_not_its_connections() -> None:
    from mailexpert.sessionlog import auth_offered_beside

    # The client's AUTH went over a connection whose EHLO answer offered no AUTH; a later connection's offer
    # (the log goes on after the refusal) says nothing of it.
    plain = (GREETING + PLAIN_EHLO.replace("250-STARTTLS\n", "") + AUTH.replace(REPLY, "502 5.5.2 command not recognized")
             + GREETING + PLAIN_EHLO.replace("250-STARTTLS\n", "250-AUTH CRAM-MD5\n"))
    assert auth_offered_beside(plain, ("smtp.example.org", 25)) is None
    # the same log cut before the later connection, with the offer moved onto the first: read
    first = GREETING + PLAIN_EHLO.replace("250-STARTTLS\n", "250-AUTH CRAM-MD5\n") + AUTH
    offered = auth_offered_beside(first, ("smtp.example.org", 25))
    assert offered is not None and offered.get("tls") is False and offered.get("starttls") is False, offered
