"""Is a server's certificate revoked? Its CA's revocation list (CRL), fetched and applied by OpenSSL.

After the TLS probe has seen a server's certificate (:func:`mailexpert.probes.tls.version_facts`),
this reads the certificate's CRL Distribution Points (RFC 5280 section 4.2.1.13), fetches the
first ``http://`` list with the probes' bounded GET (:func:`mailexpert.probes.http.get`: a
plain GET, nothing else; no proxy, so no proxy credentials go to a CA's host), and lets
OpenSSL decide in one more handshake: a fresh context of the ``mail-client`` profile with the
same trust store, the CRL loaded beside it and ``VERIFY_CRL_CHECK_LEAF`` set. OpenSSL checks
the list's signature against the issuer it found in the trust store, its issuer name, its
thisUpdate/nextUpdate and the certificate's serial number, and refuses a revoked certificate
with X509_V_ERR_CERT_REVOKED (23), which :func:`mailexpert.classify.classify_ssl_error`
reads as verify ``revoked``.

OpenSSL rather than cryptography: checking the list's signature needs the issuer's
certificate, which Python before 3.13 does not hand out (no ``get_verified_chain``): that
would mean building the chain a second time; OpenSSL has it already. And OpenSSL's
``verify_chain`` (crypto/x509/x509_vfy.c) checks revocation only after it has built the chain
to a trusted root and matched the host name (``build_chain``, ``check_chain_extensions``,
``check_id``, then ``check_revocation``): a ``revoked`` comes only from a chain that is
otherwise good. Its validity times come after revocation there, so a certificate outside its
validity period is not checked at all: its verdict is already ``expired`` or
``not-yet-valid`` (and RFC 5280 section 3.3 lets a CA drop an expired certificate from its list).

The outcome is one ``tls.revocation`` fact per server with a certificate: ``revoked``,
``good`` or ``unknown`` (no http distribution point, the fetch failed, the list is too big or
not a CRL, OpenSSL could not use it: stale, another issuer's, a chain that does not verify).
``unknown`` is no evidence of anything: browsers and Windows treat an unreachable list the
same way (soft fail). The check is skipped with ``revocation_check=False``
(``--no-revocation-check``).
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import os
import ssl
import tempfile
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from mailexpert import tlsprofiles
from mailexpert.classify import clean_text
from mailexpert.errors import NetworkNotAllowed
from mailexpert.facts import Fact
from mailexpert.probes import http
from mailexpert.probes.context import ProbeContext

#: The largest CRL fetched (bytes). A CRL grows with every certificate its CA revoked and
#: has not yet seen expire; large CAs split theirs into shards for that reason, but a single
#: list of several MB exists. 8 MiB bounds memory and, on a slow link, time (the fetch has the
#: step timeout as its deadline anyway); a bigger list reads ``unknown``, never a fault.
MAX_CRL = 8 * 1024 * 1024
#: Distribution points tried per certificate (a CA may name a second host for the same list).
MAX_URLS = 2


def crl_urls(cert: x509.Certificate) -> list[str]:
    """The certificate's ``http://`` CRL distribution points, in its order. Only http: RFC 5280
    section 4.2.1.13 names http (and ldap) URIs, the CA/Browser Forum's baseline requirements ask
    for "the HTTP URL of the CA's CRL service" (BR 7.1.2.2b, as zlint's cabf_br lints quote it),
    Mozilla's CCADB wants http only (bugzilla.mozilla.org 1908743: "CRL lookups often fail" with
    https), and a list fetched over TLS would need a revocation check of its own."""
    try:
        points = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    except (x509.ExtensionNotFound, ValueError):
        return []
    urls = []
    for point in points:
        for name in point.full_name or ():
            if isinstance(name, x509.UniformResourceIdentifier) and urlsplit(name.value).scheme.lower() == "http":
                urls.append(name.value)
    return urls


def _crl_pem(body: bytes) -> bytes | None:
    """The list as PEM (what ``load_verify_locations`` reads beside certificates), from DER or
    PEM; None when it is no CRL."""
    try:
        crl = (x509.load_pem_x509_crl(body) if body.lstrip().startswith(b"-----BEGIN")
               else x509.load_der_x509_crl(body))
        return crl.public_bytes(serialization.Encoding.PEM)
    except ValueError:
        return None


def crl_context(ca_file: str | None, crl_pem: bytes) -> ssl.SSLContext:
    """A fresh verifying context (system store plus ``ca_file``, as the session probe's) with
    the CRL loaded and CRL checking of the leaf on. Blocking: loads the system store."""
    context = tlsprofiles.new_context("mail-client", verify=True, ca_file=ca_file)
    fd, path = tempfile.mkstemp(prefix="mailexpert-crl-", suffix=".pem")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(crl_pem)
        context.load_verify_locations(cafile=path)  # reads CRLs too (X509_load_cert_crl_file)
    finally:
        os.unlink(path)
    context.verify_flags |= ssl.VERIFY_CRL_CHECK_LEAF
    return context


async def fetch_crl(ctx: ProbeContext, url: str) -> tuple[bytes | None, str]:
    """The CRL at ``url`` as PEM, or None and why not. A plain GET, bounded by
    :data:`MAX_CRL` and the step timeout; an address outside the allowed networks is not asked."""
    try:
        got = await http.get(ctx, url, body=True, max_body=MAX_CRL + 1)
    except NetworkNotAllowed:
        return None, "the list's address is outside the allowed networks"
    if got.outcome != "ok" or got.status != 200:
        return None, f"fetching {url}: {got.outcome}{f' {got.status}' if got.status else ''}"
    length = got.header("content-length")
    if len(got.body) > MAX_CRL or (length and length.isdigit() and int(length) > MAX_CRL):
        return None, f"the list at {url} is bigger than {MAX_CRL // (1024 * 1024)} MiB"
    pem = await asyncio.to_thread(_crl_pem, got.body)
    if pem is None:
        return None, f"{url} did not answer with a CRL"
    return pem, ""


async def revocation_fact(ctx: ProbeContext, *, host: str, port: int, mode: str, der: bytes,
                          crls: dict[str, asyncio.Task[tuple[bytes | None, str]]],
                          look: Callable[[ssl.SSLContext], Awaitable[Any]]) -> Fact:
    """The ``tls.revocation`` fact of the certificate ``der`` that ``host:port`` presented.

    ``crls`` shares the lists fetched in one run (servers of one CA name the same list);
    ``look(context)`` is one handshake with the server with that context (the TLS probe's
    ``_look``), which sends nothing after it.
    """
    def fact(status: str, reason: str | None = None, url: str | None = None) -> Fact:
        return ctx.fact("tls.revocation", host=host, port=port, mode=mode, status=status,
                        reason=clean_text(reason, 300) if reason else None, crl_url=clean_text(url, 300) if url else None)

    cert = x509.load_der_x509_certificate(der)
    now = _dt.datetime.now(_dt.UTC)
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        return fact("unknown", "not checked: the certificate is outside its validity period")
    urls = crl_urls(cert)[:MAX_URLS]
    if not urls:
        return fact("unknown", "the certificate names no http CRL distribution point")
    pem, why, used = None, "", None
    for url in urls:
        if url not in crls:
            crls[url] = asyncio.ensure_future(fetch_crl(ctx, url))
        pem, why = await crls[url]
        if pem is not None:
            used = url
            break
    if pem is None:
        return fact("unknown", why, urls[0])
    try:
        context = await asyncio.to_thread(crl_context, ctx.options.ca_file, pem)
    except (ssl.SSLError, OSError) as exc:
        return fact("unknown", f"OpenSSL did not take the list: {exc}", used)
    seen = await look(context)
    ctx.note(f"crl {host}:{port}", f"CRL check with {used}: {seen.outcome} {seen.verify or ''}".rstrip())
    if seen.outcome == "ok":
        return fact("good", None, used)
    if seen.outcome == "cert-invalid" and seen.verify == "revoked":
        return fact("revoked", seen.reason, used)
    return fact("unknown", f"the check's handshake ended {seen.outcome}: {seen.reason or ''}".rstrip(": "), used)
