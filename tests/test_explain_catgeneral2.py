"""The general layer under programs nobody catalogued, second round (branch catgeneral2): words that
benchmarks/catalogue_unseen.py found missing once a program's own rows were taken away, added to the concept table
(mailexpert/data/concepts.yaml and data/concept-words/<language>.yaml) so that the situation reads whatever program says
it; a pasted text read in its composed form (NFC); and the neighbours that keep their reading.

Each word stands in the catalogues of two programs or more (its data row's source names them); the texts below are
sentences of the same situation in other words than any catalogue row, so that only the general layer reads them.
"""

from __future__ import annotations

import unicodedata

import pytest

from mailexpert import clientmessages, concepts, pastetext
from mailexpert.errors import InputError
from mailexpert.explain import explain

#: (group, a sentence of a language that now says the group's concept).
WORDS = [
    ("failure", "Připojení k serveru selhalo"),
    ("failure", "Savienojums ar serveri neizdevās"),
    ("failure", "Povezava s strežnikom je spodletela"),
    ("failure", "Det gick inte att hämta meddelanden"),
    ("failure", "Не атрымалася адправіць ліст"),
    ("failure", "Fallo al conectar con el servidor"),
    ("failure", "Gwall wrth gysylltu â'r gweinydd"),
    ("check-advice", "Skontrolujte nastavenia servera"),
    ("check-advice", "Tarkista palvelimen asetukset"),
    ("check-advice", "Ελέγξτε τις ρυθμίσεις"),
    ("check-advice", "请检查服务器设置"),
    ("wrong", "Lietotājvārds ir nepareizs"),
    ("wrong", "Helytelen jelszó"),
    ("closed", "Connection to imap.example.org closed"),
    ("closed", "Connection closed by the remote host."),
    ("closed", "Verbindung zu imap.example.org geschlossen"),
    ("not-supported", "Serveris neatbalsta STARTTLS"),
    ("not-supported", "Сервер STARTTLS қолдамайды"),
    ("credentials", "Rangt lykilorð"),
    ("credentials", "Nepareiza parole"),
    ("credentials", "Σφάλμα πιστοποίησης"),
]


@pytest.mark.parametrize(("group", "text"), WORDS)
def test_a_languages_word_says_its_concept(group: str, text: str) -> None:
    assert concepts.names(text, group), (group, text)


#: A sentence no catalogue holds, and the reading the general layer gives it (the first groups of the reading).
READINGS = [
    # a login that failed, in words of failure and of the login that were missing before
    ("IMAP: Autentifikācija neizdevās", {"wording": "refused"}),
    ("SMTP: Innskráning mistókst", {"wording": "refused"}),
    ("Σφάλμα πιστοποίησης στον διακομιστή SMTP", {"wording": "refused"}),
    # the advice to check the login's words after a failure
    ("SMTP: Skontrolujte používateľské meno a heslo", {"wording": "refused"}),
    # STARTTLS the server does not support
    ("SMTP serveris neatbalsta STARTTLS", {"wording": "starttls-not-offered"}),
]


@pytest.mark.parametrize(("text", "gives"), READINGS)
def test_the_general_layer_reads_the_situation(text: str, gives: dict[str, str]) -> None:
    found = concepts.read(text)
    assert found is not None, text
    assert {k: found.reading.gives.get(k) for k in gives} == gives, (text, found.reading)


def test_a_connection_closed_by_the_other_end_reads_as_closed() -> None:
    # mutt's and claws-mail's words, the host between: the connection closed (no greeting's candidates)
    found = concepts.read("IMAP: Connection to imap.example.org:993 closed by the remote host.")
    assert found is not None and "closed" in found.reading.all, found


@pytest.mark.parametrize("text", [
    # a folder or a file closed, nothing of mail: no reading
    "Der Ordner wurde geschlossen",
    "La ventana fue cerrada",
    # a setting's advice with no failure, no login and no mail word
    "Tarkista asetukset",
])
def test_words_alone_outside_mail_read_nothing(text: str) -> None:
    assert concepts.read(text) is None, text


def test_a_decomposed_text_reads_as_its_composed_form() -> None:
    # Sylpheed's Finnish catalogue prints the letter and its accent apart (NFD): "epa" + U+0308.
    composed = "IMAP4-tunnistautuminen epäonnistui."
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert pastetext.decoded(decomposed) == composed
    top = explain(decomposed).top
    assert top is not None and top.cause == explain(composed).top.cause  # type: ignore[union-attr]


def test_the_catalogues_are_read_composed() -> None:
    # the catalogue texts the wording tables are compiled from match a composed paste
    texts = [m["text"] for path in (clientmessages.DATA_FILE, clientmessages.LIBRARY_FILE)
             for _, m in clientmessages.rows(clientmessages.read(path))]
    assert len(texts) > 10_000
    assert all(unicodedata.is_normalized("NFC", t) for t in texts), [t for t in texts if not unicodedata.is_normalized("NFC", t)][:3]


def test_an_error_beside_another_service_stays_declined() -> None:
    # the failure words widened do not make another service's text a mail text
    with pytest.raises(InputError):
        explain("psql: error: connection to server failed: Savienojums neizdevās")
