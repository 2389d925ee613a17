"""The name an SMTP server gives itself in its greeting, and the registered domain it is under.

RFC 5321 section 4.1.1.1 (and 4.2): the greeting is ``220 SP ( Domain / address-literal ) [ SP textstring ]``;
its first word is the server's own name. A name with a dot (``smtp.gmail.com``, ``server-9.example.net``) says
whose server answered; an address literal, a bare word ("220 ESMTP ready") or a name without a dot says nothing.
The name is compared with a provider's ``greets_as`` (data/providers.yaml) by its last two labels: those domains
are all of two labels, so a name under them shares them, and any other name (one under co.uk as well) does not.
"""

from __future__ import annotations

import re

# The greeting's first word after its code ("220 " or a multi-line greeting's "220-"), a DNS name of two or more
# labels whose last is alphabetic (RFC 1123 section 2.1's labels; a top-level domain is never all digits).
_GREETING_NAME = re.compile(
    r"^220[ -]((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z-]{0,61}[A-Za-z])\.?(?=[\s(]|$)")


def greeted_name(greeting: str) -> str | None:
    """The DNS name an SMTP greeting (its text from the code on) gives its server, in lower case; None when
    its first word is none (an address literal, a bare word, a name without a dot)."""
    m = _GREETING_NAME.match(greeting.lstrip())
    return m.group(1).lower() if m else None


def registered_domain(name: str) -> str:
    """A name's last two labels (``server-9.example.net`` -> ``example.net``)."""
    return ".".join(name.lower().rstrip(".").split(".")[-2:])
