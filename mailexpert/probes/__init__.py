"""Probe collectors: each observes one part of the mail path and returns facts.

One module per collector -- :mod:`.dns`, :mod:`.tcp`, :mod:`.tls`, :mod:`.session`,
:mod:`.web`, :mod:`.environment`, :mod:`.discovery` -- all following one protocol::

    async def collect(ctx: ProbeContext) -> list[Fact]

where :class:`~mailexpert.probes.context.ProbeContext` carries the options, the deadline,
the network guard, the shared DNS cache, the login budget and the redacted transcript.
Shared plumbing: :mod:`.context`, :mod:`.resolve` (dnspython only), :mod:`.net`
(connections and bounded reads), :mod:`.handshake` (one TLS handshake as a fact),
:mod:`.http` (HTTPS GET, HTTP CONNECT proxy) and :mod:`.autoconfig_xml` (a safe parser).
The session probe speaks each mail protocol through its dialect in :mod:`.dialects`.
:mod:`mailexpert.collect` runs them all.

Nothing is imported here: ``explain`` uses :mod:`.variants` alone, without the event loop
and the network plumbing the collectors need. Import what you use from its module.
"""
