"""A Thunderbird profile's prefs.js for a test: the sample profile as another Thunderbird wrote it."""

from __future__ import annotations

from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "thunderbird" / "prefs.js"
#: The sample's Thunderbird version, which extensions.lastAppVersion and others record.
SAMPLE_VERSION = "115.6.1"


def thunderbird_prefs(folder: Path, *, version: str = SAMPLE_VERSION, tls_max: int | None = None,
                      smtp_port: int = 587) -> Path:
    """The sample prefs.js written to ``folder`` with Thunderbird ``version``, its TLS cap
    (``security.tls.version.max``: 3 is TLS 1.2, 4 TLS 1.3; None: not set) and the account's
    outgoing port (465: ``try_ssl`` 3, implicit TLS; 587: 2, STARTTLS)."""
    text = SAMPLE.read_text().replace(SAMPLE_VERSION, version)
    if smtp_port != 587:
        text = text.replace('"mail.smtpserver.smtp1.port", 587', f'"mail.smtpserver.smtp1.port", {smtp_port}')
        text = text.replace('"mail.smtpserver.smtp1.try_ssl", 2', '"mail.smtpserver.smtp1.try_ssl", 3')
    if tls_max is not None:
        text += f'user_pref("security.tls.version.max", {tls_max});\n'
    prefs = folder / "prefs.js"
    prefs.write_text(text)
    return prefs
