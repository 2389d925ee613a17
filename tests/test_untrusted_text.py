"""Untrusted text in reports: a server's words can neither drive a terminal, reorder what is
shown, nor become a link, an image, HTML or formatting in the Markdown report."""

from __future__ import annotations

import re
import unicodedata

import pytest

from mailexpert.explain import explain
from mailexpert.render import render_markdown, render_text
from mailexpert.textsafe import escape, markdown, markdown_code

HOSTILE = ("535 5.7.8 account is locked [Reset your password](https://evil.test/reset) "
           "![x](https://evil.test/pixel.png) <img src=https://evil.test/i.png> <a href='https://evil.test'>here</a> "
           "https://evil.test/bare www.evil.test phish@evil.test `code` ``two`` *bold* _em_ ~~gone~~ | cell "
           "&amp; $x$ \u202egpj.exe\u202c \u200e\u200f\u202a\u202b\u202d\u2066\u2067\u2068\u2069 \u200b\u2060\ufeff "
           "\u2028\u2029 \U000e0041 \x1b[31mred")

BIDI_AND_INVISIBLE = [chr(c) for c in (*range(0x200E, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A),
                                       0x200B, 0x2060, 0xFEFF, 0x2028, 0x2029, 0xE0041, 0x1B)]


@pytest.fixture(scope="module")
def report():
    result = explain(HOSTILE)
    assert result.diagnoses and "evil.test" in result.diagnoses[0].summary
    return result


@pytest.mark.parametrize("render", [render_text, render_markdown])
def test_no_control_bidi_or_invisible_character_survives(report, render) -> None:
    out = render(report)
    assert "\\u202e" in out
    assert not any(ch in out for ch in BIDI_AND_INVISIBLE)
    assert not [ch for ch in out if unicodedata.category(ch) in ("Cf", "Zl", "Zp", "Cc") and ch != "\n"]


def test_markdown_renders_server_text_as_text(report) -> None:
    from markdown_it import MarkdownIt

    out = render_markdown(report)
    html = MarkdownIt("gfm-like").enable("linkify").render(out)
    assert "evil.test" in html
    assert "<img" not in html
    links = re.findall(r'<a href="([^"]+)"', html)
    assert all(not link.startswith(("https://evil", "http://www.evil", "mailto:")) for link in links), links
    assert "<strong>bold" not in html and "<em>em" not in html and "<s>gone" not in html
    assert "[Reset your password](https://evil.test/reset)" in html  # shown, as text


def test_backticks_cannot_close_a_code_span() -> None:
    from markdown_it import MarkdownIt

    for text in ("a`b", "``x``", "`start", "end`", "a ``` b | c [l](https://evil.test)"):
        html = MarkdownIt("gfm-like").render(f"| h |\n|---|\n| {markdown_code(text, in_table=True)} |\n")
        assert html.count("<code>") == 1 and "<a " not in html
        shown = re.search(r"<code>(.*)</code>", html).group(1)
        assert shown.replace("&lt;", "<").replace("&gt;", ">") == text.replace("|", "|")


def test_markdown_text_round_trips() -> None:
    from markdown_it import MarkdownIt

    text = "a [b](c) ![d](e) <f> & `g` *h* _i_ ~j~ | k : l@m.n www.o.p $q$ {r} \\ s"
    html = MarkdownIt("gfm-like").enable("linkify").render(markdown(text))
    shown = re.sub(r"</?p>\n?", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert shown == text


def test_escape_keeps_ordinary_text() -> None:
    assert escape("Grüße, 你好, émoji 👍, tab\tend") == "Grüße, 你好, émoji 👍, tab\\x09end"
    assert escape("\u202eabc") == "\\u202eabc"
    assert escape("\U000e0041") == "\\U000e0041"


def test_escape_of_a_text_with_every_character_stays_bounded() -> None:
    """A hostile text with tens of thousands of distinct characters is escaped as each character
    alone would be, and the table escape keeps between texts does not grow past its bound."""
    from mailexpert import textsafe

    text = "".join(chr(c) for c in range(0xA0, 0x30000) if not 0xD800 <= c < 0xE000 and c % 3 == 0)
    assert escape(text) == "".join(map(textsafe._visible, text))
    assert len(textsafe._SHOWN) <= textsafe._SHOWN_KEPT
    assert "\\u202e" in escape("a\u202eb")  # a reordering character, met after the table is full
