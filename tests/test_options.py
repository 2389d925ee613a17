"""The typed entry point: diagnose(account, options), keyword conveniences, and clear refusals."""

from __future__ import annotations

import attrs
import pytest

import mailexpert
from mailexpert import Account, DiagnoseOptions, SettingsError
from mailexpert.lab import Lab
from mailexpert.options import from_keywords


def test_an_unknown_keyword_is_refused_with_the_nearest_option() -> None:
    with pytest.raises(SettingsError, match=r"unknown option 'imapp' \(did you mean 'imap'\?\)"):
        mailexpert.diagnose("alice@example.test", imapp="mail.example.test")


@pytest.mark.parametrize(("keywords", "message"), [
    ({"timeout": "soon"}, r"option 'timeout' takes a number of seconds, not str 'soon'"),
    ({"timeout": True}, r"option 'timeout' takes a number of seconds"),
    ({"timeout": -1}, r"option 'timeout' must be more than 0"),
    ({"timeout": float("nan")}, r"option 'timeout' must be more than 0 and finite"),
    ({"timeout": 10_000}, r"option 'timeout' must be at most 300 seconds"),
    ({"deadline": "later"}, r"option 'deadline' takes a number of seconds"),
    ({"no_login": "yes"}, r"option 'no_login' takes True or False, not str"),
    ({"envelope_test": None}, r"option 'envelope_test' takes True or False, not NoneType"),
    ({"revocation_check": "no"}, r"option 'revocation_check' takes True or False, not str"),
    ({"dns_servers": 53}, r"option 'dns_servers' takes resolver addresses"),
    ({"answers": {"q": 1}}, r"option 'answers' takes a mapping"),
    ({"progress": "print"}, r"option 'progress' takes a function, not str"),
    ({"ca_file": 3}, r"option 'ca_file' takes a file path, not int"),
])
def test_a_value_of_the_wrong_type_names_the_option_and_what_it_takes(keywords: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        mailexpert.diagnose("alice@example.test", **keywords)


def test_the_proxy_value_is_never_quoted_in_an_error() -> None:
    with pytest.raises(SettingsError) as info:
        DiagnoseOptions(proxy=b"http://user:s3cret@proxy")  # type: ignore[arg-type]
    assert "s3cret" not in str(info.value)


def test_a_lone_string_is_one_value_not_its_letters() -> None:
    _, options = from_keywords("alice@example.test", None, {"dns_servers": "127.0.0.2", "rule_folders": "my-rules"})
    assert options.dns_servers == ("127.0.0.2",)
    assert options.rule_folders == ("my-rules",)


def test_keywords_fill_the_account_and_override_the_options() -> None:
    base = DiagnoseOptions(timeout=2.0, no_login=True)
    account, options = from_keywords("alice@example.test", base, {"timeout": 3.0, "imap": "mail.example.test:993"})
    assert options == attrs.evolve(base, timeout=3.0)
    assert str(account.imap) == "imap mail.example.test:993/ssl"
    assert options.collection_deadline == 9.0  # max(3 x 3, 3 + 5)


def test_an_account_and_options_object_diagnose_the_lab() -> None:
    with Lab(scenario="cert-expired") as lab:
        kw = lab.target.diagnose_options(timeout=2.0)
        account = Account(email=lab.target.email, **{k: kw.pop(k) for k in ("username", "password", "oauth_token",
                                                                             "imap", "pop3", "smtp") if k in kw})
        report = mailexpert.diagnose(account, DiagnoseOptions(**kw))
    assert report.top is not None
    assert report.top.cause == "cert-expired"
