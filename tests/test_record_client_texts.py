"""The corpus recorder keeps the lab account's secrets out of what it records: a client's
output may show them raw, in base64, or inside a SASL response (PLAIN, XOAUTH2)."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from record_client_texts import hide_secrets  # noqa: E402


def test_a_clients_output_shows_no_secret_of_the_lab_account() -> None:
    password, token = "s3cret-Pa55", "ya29.a0AfB_lab-token-42"
    b64 = lambda text: base64.b64encode(text.encode()).decode()  # noqa: E731
    out = (f"login failed for alice ({password})\n"
           f">>> AUTH LOGIN\n>>> {b64(password)}\n"
           f">>> AUTH PLAIN {b64(chr(0) + 'alice' + chr(0) + password)}\n"
           f">>> AUTH XOAUTH2 {b64('user=alice' + chr(1) + 'auth=Bearer ' + token + chr(1) + chr(1))}\n"
           f"token {token} refused\n535 5.7.8 Authentication failed")
    shown = hide_secrets(out, password, token)
    for secret in (password, b64(password), token, b64(chr(0) + "alice" + chr(0) + password)):
        assert secret not in shown
    assert "AUTH PLAIN <redacted>" in shown and "AUTH XOAUTH2 <redacted>" in shown
    assert "(********)" in shown and "535 5.7.8 Authentication failed" in shown
    assert hide_secrets("535 5.7.8 Authentication failed", password, None) == "535 5.7.8 Authentication failed"
