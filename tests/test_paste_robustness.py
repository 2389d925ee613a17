"""A catalogue text reads the same when a user pastes it as real users do (pastetext.decoded).

The perturbation classes fixed here (benchmarks/perturb_bench.py measures them all on the catalogues):

- invisible characters a copy adds: a byte-order mark first, zero-width spaces and word joiners
  between words (a web page's break hints), soft hyphens -- dropped between Latin-script characters
  only: Khmer writes a zero-width space between its words (Thunderbird's km catalogue below);
- full-width forms a CJK input method types (U+FF01-U+FF5E: "５３５", "："), made ASCII -- digits and
  letters everywhere, punctuation only on a line with no CJK, kana or Hangul, where a Chinese
  translation's own "：" and "（smtp）" are its program's (PHPMailer's zh_cn below);
- "&nbsp;" in an HTML-escaped copy (it decodes to the no-break space the readers take for a space);
- a mail reply's quote marks ("> " before each line, RFC 3676 section 4.5) and a forum code block's
  line numbers ("1 ", "2 ", ...), taken off only when every line that is not blank carries them:
  not a debug log's arrows (curl -v's "> EHLO" and "< 250") nor a server's codes ("250 " / "251 ");
- a retyped text's slip in a long word (a letter dropped, doubled, swapped, replaced), a terminal's wrap
  inside a word, a text cut off inside its last word (mailexpert/retyped.py; tests/test_explain_typos.py
  has more, with the neighbours that keep their own readings).

The texts are the catalogues' own rows (mailexpert/data/client-messages.yaml, library-messages.yaml),
each from the public source named beside it.
"""

from __future__ import annotations

import pytest

from mailexpert.errors import InputError
from mailexpert.explain import explain
from mailexpert.pastetext import decoded

#: (text, the causes its catalogue row names, source)
TEXTS = [
    ("Your login has expired.", {"password-expired"}, "horde/base:login.php (REASON_EXPIRED)"),
    ("No compatible authentication mechanism was found", {"auth-mechanism-unsupported"},
     "lettre/lettre:src/transport/smtp/client/connection.rs"),
    ("No authentication mechanisms supported by both server and client", {"auth-mechanism-unsupported"},
     "eclipse-ee4j/angus-mail:providers/smtp/src/main/java/org/eclipse/angus/mail/smtp/SMTPTransport.java"),
    ("Got unexpected smtp-server response: mail.example.com", {"wrong-protocol-on-port"}, "curl/curl:lib/smtp.c"),
    ("WARNING: Server hostname does not match certificate", {"cert-hostname-mismatch"},
     "neomutt/neomutt:conn/openssl.c"),
    ("Temporary failure because a subsystem is down.", {"server-unavailable"},
     "KDE/trojita:src/Imap/Tasks/OpenConnectionTask.cpp"),
    ("Connection to server mail.example.com timed out.", {"port-blocked-outbound"},
     "mozilla/releases-comm-central:mail/locales/en-US/chrome/messenger/messenger.properties (netTimeoutError)"),
    ("Only plain text characters (7-bit ASCII) are allowed in passwords. UTF or composed characters are not "
     "allowed.", {"client-config-corrupt"}, "truenas/middleware:src/middlewared/middlewared/plugins/mail.py"),
    ("Authentication method 'mail.example.com' is not supported by the server. Consider using 'Auto' or use "
     "another method from the list returned by GetSupportedAuthenticationMethods.", {"auth-mechanism-unsupported"},
     "the Rebex.Smtp assembly's message strings (tb-killa/rwe-innogy-livisi-smarthome:Rebex.Smtp/onrkn/aeclc.cs)"),
    ("System.ArgumentException: The host name cannot be empty. (Parameter 'host')", {"client-config-corrupt"},
     "jstedfast/MailKit:MailKit/MailService.cs"),
]


def _top(text: str) -> str:
    try:
        report = explain(text)
    except InputError:
        return "(declined)"
    return report.top.cause if report.top else "(fine)"


def _invisible(text: str) -> str:
    words = text.split(" ")
    return "\ufeff" + "".join(w + (" \u200b" if i % 3 == 0 else "\u00a0" if i % 3 == 1 else "\u2060 ")
                              for i, w in enumerate(words[:-1])) + words[-1]


_FULL = {c: chr(ord(c) + 0xFEE0) for c in ":()[]0123456789,;!?"}


def _fullwidth(text: str) -> str:
    return "".join(_FULL.get(c, c) for c in text)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("'", "&#39;").replace(" ", "&nbsp;", 2)


def _quoted(text: str) -> str:
    # A mail client's quote: the lines wrapped at about 72 columns, "> " before each.
    import textwrap
    lines = textwrap.wrap(text, 72) or [text]
    return "\n".join("> " + line for line in (lines if len(lines) > 1 else [text[:len(text) // 2], text[len(text) // 2:]]))


def _numbered(text: str) -> str:
    import textwrap
    lines = textwrap.wrap(text, 72)
    return "\n".join(f"{n:>2} {line}" for n, line in enumerate(lines, 1))


@pytest.mark.parametrize(("text", "causes", "source"), TEXTS, ids=[t[:40] for t, _, _ in TEXTS])
@pytest.mark.parametrize("perturb", [_invisible, _fullwidth, _html], ids=["invisible", "fullwidth", "html"])
def test_a_catalogue_text_reads_the_same_through_the_paste(perturb, text: str, causes: set[str], source: str) -> None:
    assert _top(text) in causes, (source, text)
    assert _top(perturb(text)) in causes, (source, perturb(text))


@pytest.mark.parametrize(("text", "causes", "source"), [t for t in TEXTS if len(t[0]) > 72],
                         ids=[t[:40] for t, _, _ in TEXTS if len(t) > 72])
@pytest.mark.parametrize("perturb", [_quoted, _numbered], ids=["mail-quoted", "line-numbers"])
def test_a_quoted_or_numbered_long_text_reads_the_same(perturb, text: str, causes: set[str], source: str) -> None:
    assert _top(perturb(text)) in causes, (source, perturb(text))


@pytest.mark.parametrize(("text", "source"), [
    # Khmer writes a zero-width space between words: Thunderbird's km catalogue keeps them.
    ("\u1798\u17b7\u1793\u200b\u17a2\u17b6\u1785\u200b\u178f\u1797\u17d2\u1787\u17b6\u1794\u17cb\u200b"
     "\u1791\u17c5\u200b\u1798\u17c9\u17b6\u179f\u17ca\u17b8\u1793\u200b\u1798\u17c1 mail.example.com; "
     "\u1780\u17b6\u179a\u200b\u178f\u1797\u17d2\u1787\u17b6\u1794\u17cb\u200b\u178f\u17d2\u179a\u17bc\u179c"
     "\u200b\u1794\u17b6\u1793\u200b\u1794\u178a\u17b7\u179f\u17c1\u1792\u17d4",
     "thunderbird/thunderbird-l10n:km/mail/chrome/messenger/messenger.properties (connectionRefusedError)"),
    # A Chinese translation's own full-width colon.
    ("SMTP 错误：登录失败。", "PHPMailer/PHPMailer:language/phpmailer.lang-zh_cn.php (authenticate)"),
])
def test_a_script_s_own_characters_are_kept(text: str, source: str) -> None:
    assert decoded(text) == text, source


@pytest.mark.parametrize(("text", "kept"), [
    ("> EHLO client.example.org\n< 250-mail.example.com\n< 250 AUTH LOGIN PLAIN", True),  # curl -v's arrows
    ("250 first line of something\n251 second line of something", True),  # a server's codes, not line numbers
    ("> only one quoted line", True),
    ("> Authentication failed for this account, please\n> check your password", False),
    ("1 Connection to server mail.example.com\n2 timed out.", False),
])
def test_quote_marks_and_line_numbers_come_off_only_where_every_line_has_them(text: str, kept: bool) -> None:
    assert (decoded(text) == text) is kept


@pytest.mark.parametrize("text", [
    "error: expected ';' before '}' token",
    "TypeError: Cannot read properties of undefined (reading 'length')",
    "The quick brown fox jumps over the lazy dog while the kettle boils in the kitchen.",
])
@pytest.mark.parametrize("perturb", [_invisible, _fullwidth, _html, _quoted, _numbered, "slip", "cut", "split"])
def test_a_text_not_about_mail_gets_no_reading_from_the_paste(perturb, text: str) -> None:
    perturb = {"slip": lambda t: (_slips(t) or [t])[0], "cut": lambda t: t[:len(t) * 4 // 5],
               "split": lambda t: t[:len(t) // 2] + "\n" + t[len(t) // 2:]}.get(perturb, perturb)
    assert _top(text) in ("(declined)", "(fine)")
    assert _top(perturb(text)) in ("(declined)", "(fine)"), perturb(text)


@pytest.mark.parametrize("perturb", [_invisible, _fullwidth, _html, _quoted])
def test_a_text_that_only_says_it_failed_reads_as_before(perturb) -> None:
    # Nothing specific in the words: whatever it reads as, the paste's marks change nothing, and it is never fine.
    text = "Sending of the message failed. An error occurred while sending mail to mail.example.com."
    before = explain(text)
    after = explain(perturb(text))
    assert after.has_errors and before.has_errors
    assert (after.top.cause if after.top else None) == (before.top.cause if before.top else None)


@pytest.mark.parametrize(("text", "causes", "source"), [
    ("No compatible authentication mechanism was found", {"auth-mechanism-unsupported"},
     "lettre/lettre:src/transport/smtp/client/connection.rs"),
    ("No certificate issuer found", {"cert-untrusted-issuer"}, "eworm-de/claws-mail:src/common/ssl_certificate.c"),
    ("Bad authentication response from server.", {"password-rejected"},
     "GNOME/evolution-data-server:src/camel/camel-sasl-*.c, camel-service.c (sasl-bad-response)"),
])
def test_a_message_retyped_in_capitals_is_not_an_imap_status(text: str, causes: set[str], source: str) -> None:
    # "NO ..." shouted whole is a sentence's first word; an IMAP server's untagged NO keeps its reading.
    assert _top(text.upper()) in causes, (source, text)


@pytest.mark.parametrize(("text", "cause"), [
    ("NO [AUTHENTICATIONFAILED] Authentication failed.", "password-rejected"),
    ("NO [AUTHENTICATIONFAILED] AUTHENTICATION FAILED.", "password-rejected"),
])
def test_an_untagged_imap_refusal_still_reads_as_one(text: str, cause: str) -> None:
    assert _top(text) == cause


def _slips(text: str) -> list[str]:
    """The text with one slip in its longest word of 8 letters or more, at its middle: a letter dropped,
    doubled, swapped with the next, replaced by its keyboard neighbour (the four slips perturb_bench makes)."""
    import re
    words = re.findall(r"(?<![\w.])[A-Za-z]{8,}(?![\w.])", text)
    if not words:
        return []
    word = max(words, key=len)
    at = len(word) // 2
    near = {"a": "s", "e": "r", "i": "o", "o": "i", "n": "m", "t": "r", "r": "t", "s": "a", "c": "v", "l": "k"}
    typed = [word[:at] + word[at + 1:], word[:at] + word[at] + word[at:], word[:at] + word[at + 1] + word[at] + word[at + 2:],
             word[:at] + near.get(word[at].lower(), "e") + word[at + 1:]]
    return [text.replace(word, t, 1) for t in typed]


@pytest.mark.parametrize(("text", "causes", "source"), [t for t in TEXTS if _slips(t[0])],
                         ids=[t[:40] for t, _, _ in TEXTS if _slips(t)])
def test_a_catalogue_text_retyped_with_a_slip_reads_the_same(text: str, causes: set[str], source: str) -> None:
    for typed in _slips(text):
        assert _top(typed) in causes, (source, typed)


@pytest.mark.parametrize(("text", "causes", "source"), [t for t in TEXTS if len(t[0]) > 40],
                         ids=[t[:40] for t, _, _ in TEXTS if len(t[0]) > 40])
def test_a_catalogue_text_wrapped_inside_a_word_reads_the_same(text: str, causes: set[str], source: str) -> None:
    # A terminal's hard wrap at a width that falls inside a word: the word's two pieces, with and without a hyphen.
    at = next(i for i in range(len(text) * 2 // 3, len(text)) if text[i - 1].isalpha() and text[i].isalpha())
    for wrapped in (text[:at] + "\n" + text[at:], text[:at] + "-\n" + text[at:]):
        assert _top(wrapped) in causes, (source, wrapped)


@pytest.mark.parametrize(("text", "causes", "source"), [
    ("No compatible authentication mechanism was fo", {"auth-mechanism-unsupported"},
     "lettre/lettre:src/transport/smtp/client/connection.rs"),
    ("WARNING: Server hostname does not match certi", {"cert-hostname-mismatch"}, "neomutt/neomutt:conn/openssl.c"),
    ("Temporary failure because a subsyst", {"server-unavailable"},
     "KDE/trojita:src/Imap/Tasks/OpenConnectionTask.cpp"),
])
def test_a_catalogue_text_cut_inside_its_last_word_reads_the_same(text: str, causes: set[str], source: str) -> None:
    assert _top(text) in causes, (source, text)
