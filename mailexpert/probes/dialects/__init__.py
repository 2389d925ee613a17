"""One dialect per mail protocol, chosen by :data:`DIALECTS`; see :mod:`.base`."""

from __future__ import annotations

from mailexpert.probes.dialects.base import Caps, Dialect, Talk
from mailexpert.probes.dialects.imap import IMAP
from mailexpert.probes.dialects.pop3 import POP3
from mailexpert.probes.dialects.smtp import SMTP

#: protocol name (as in a server setting) -> its dialect
DIALECTS: dict[str, Dialect] = {d.protocol: d for d in (SMTP(), IMAP(), POP3())}

__all__ = ["DIALECTS", "Caps", "Dialect", "Talk"]
