"""The report for a person: plain text for a terminal and Markdown for a ticket.

Both show the most likely root cause first, in plain words, with numbered fix steps and the
evidence; then other findings, what was noticed on other servers of the domain, failing
observations no cause explains, which common clients refuse the server's TLS, open
questions, and the checks that passed. Every text a server or a file provided goes through
:mod:`mailexpert.textsafe` first: it cannot drive a terminal or become a link or an image.
The JSON form is :func:`mailexpert.report.render_json`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mailexpert import relevance, tlsclients
from mailexpert.facts import Fact
from mailexpert.report import Report
from mailexpert.textsafe import escape, markdown, markdown_code

# --- text ---------------------------------------------------------------------------

_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m", "ok": "\x1b[1;32m", "dim": "\x1b[2m"}
_RESET = "\x1b[0m"
#: The generic finding for failing observations no rule explains.
UNEXPLAINED_ADVICE = ("mailexpert knows no cause that explains this; give these observations to the "
                      "provider's support or the network administrator.")
#: Checks the diagnosis's own deadline cut short (relevance.cut_short): no finding about the
#: server, but no pass either.
CUT_SHORT_HEADING = "Not finished: the diagnosis ran out of time before these checks ended"
CUT_SHORT_ADVICE = ("Nothing is known yet of what they would have found: diagnose again, with a longer --timeout "
                    "if this computer or the network is slow.")
#: The text report lists at most this many observations a cause explains.
MAX_EXPLAINS_LINES = 5
#: The text report lists at most this many passed checks.
MAX_PASSED_LINES = 25


def _fact_line(fact: Fact) -> str:
    fields = ", ".join(f"{k}={v}" for k, v in fact.items)
    return escape(f"{fact.kind}: {fields}")


_PROTOCOL_NAMES = {"smtp": "SMTP", "imap": "IMAP", "pop3": "POP3", "https": "HTTPS"}


def _hostport(fact: Fact) -> str:
    host, port = str(fact.get("host", "?")), fact.get("port")
    host = f"[{host}]" if ":" in host else host
    return f"{host}:{port}" if port is not None else host


def _ports(ports: Sequence[int]) -> str:
    ports = sorted(set(ports))
    return f"port{'s' if len(ports) > 1 else ''} {', '.join(str(p) for p in ports)}"


def passed_checks(facts: Sequence[Fact]) -> list[str]:
    """What worked, in words, one line per kind of check and host: names resolved, ports open,
    greetings, TLS handshakes and certificates, logins, web pages. Pasted facts prove nothing."""
    seen = [f for f in facts if f.get("source") != "pasted"]
    mail_hosts = [str(f["host"]) for f in seen if f.kind == "account.setting"]

    def host_order(host: str) -> int:  # the account's mail hosts first
        return mail_hosts.index(host) if host in mail_hosts else len(mail_hosts)

    def grouped(kind: str, test: Any) -> dict[str, list[Fact]]:
        groups: dict[str, list[Fact]] = {}
        for f in seen:
            if f.kind == kind and test(f):
                groups.setdefault(str(f["host"]), []).append(f)
        return dict(sorted(groups.items(), key=lambda item: host_order(item[0])))

    lines: list[str] = []
    resolved: dict[str, list[str]] = {}
    for f in seen:
        if f.kind == "dns.answer" and f.get("outcome") == "answer" and f.get("rrtype") in ("A", "AAAA"):
            names = resolved.setdefault(f"the {f['role']} resolver {f['resolver']}", [])
            if f["name"] not in names:
                names.append(f["name"])
    for where, names in resolved.items():
        lines.append(f"DNS: {', '.join(names)} resolve{'s' if len(names) == 1 else ''} at {where}")
    compares = [f for f in seen if f.kind == "dns.compare"]
    if compares and all(f.get("same") for f in compares):
        lines.append(f"DNS: the system and reference resolvers give the same addresses for "
                     f"{', '.join(dict.fromkeys(str(f['name']) for f in compares))}")
    mx = [str(f["name"]) for f in seen if f.kind == "dns.answer" and f.get("rrtype") == "MX"
          and f.get("outcome") == "answer" and f.get("role") == "system"]
    if mx:
        lines.append(f"DNS: {', '.join(dict.fromkeys(mx))} has MX records")
    # A name the hosts file maps is reached at the file's addresses only: a connection to
    # DNS's address is no check that passed for this computer's mail program.
    pinned: dict[str, set[str]] = {}
    for f in seen:
        if f.kind == "dns.hosts-entry":
            pinned.setdefault(str(f["name"]), set()).add(str(f["address"]))
    for f in seen:
        if f.kind == "dns.hosts-file" and f.get("outcome") == "read" and f.get("mapped") == 0:
            lines.append(f"Hosts file: {f['file']} maps none of the mail servers' names")
    for host, group in grouped("tcp.connect", lambda f: f.get("outcome") == "connected").items():
        if host in pinned:
            group = [f for f in group if f.get("address") in pinned[host]]
        if group:
            at = " (at the hosts file's address)" if host in pinned else ""
            lines.append(f"TCP: {host} accepts connections on {_ports([f['port'] for f in group])}{at}")
    for host, group in grouped("service.greeting", lambda f: f.get("status") == "ok"
                               and f.get("spoken") == f.get("protocol")).items():
        by_protocol: dict[str, list[int]] = {}
        for f in group:
            by_protocol.setdefault(_PROTOCOL_NAMES.get(f["protocol"], f["protocol"]), []).append(f["port"])
        spoken = "; ".join(f"{name} on {_ports(ports)}" for name, ports in by_protocol.items())
        lines.append(f"Greeting: {host} answers {spoken}")
    # A certificate on its authority's revocation list verifies as such: it is no check that passed either.
    revoked = {(str(f["host"]), f.get("port")) for f in seen if f.kind == "tls.revocation" and f.get("status") == "revoked"}
    revoked_hosts = {h for h, _ in revoked}
    for host, group in grouped("tls.handshake", lambda f: f.get("outcome") == "ok").items():
        modes: dict[tuple[str, str], list[int]] = {}
        for f in group:
            how = "after STARTTLS on" if f.get("mode") == "starttls" else "on"
            modes.setdefault((str(f.get("version") or "TLS"), how), []).append(f["port"])
        parts = ", ".join(f"{version} {how} {_ports(ports)}" for (version, how), ports in modes.items())
        verified = "; certificate verified" if all(f.get("verify") in (None, "ok") for f in group) \
            and host not in revoked_hosts else ""
        lines.append(f"TLS: {host}: {parts}{verified}")
    # A certificate whose handshake failed to verify (an untrusted issuer, a self-signed one) is
    # no check that passed, however well it covers the name; where another port of the host has
    # such a certificate, the line names the ports whose certificate passed.
    refused = {(str(f["host"]), f.get("port")) for f in seen
               if f.kind == "tls.handshake" and f.get("outcome") == "cert-invalid"} | revoked
    certificates = grouped("tls.certificate", lambda f: f.get("covers_host") and (f.get("days_left") or 0) > 0
                           and (f.get("days_valid") is None or f["days_valid"] >= 0)
                           and (str(f["host"]), f.get("port")) not in refused)
    for host, group in certificates.items():
        f = group[0]
        until = f" until {str(f['not_after'])[:10]}" if f.get("not_after") else ""
        issuer = f", issued by {f['issuer']}" if f.get("issuer") else ""
        ports = [g["port"] for g in group if g.get("issuer") == f.get("issuer") and isinstance(g.get("port"), int)]
        where = f" ({_ports(ports)})" if ports and any(h == host for h, _ in refused) else ""
        lines.append(f"Certificate: {host}{where} is covered and valid{until} ({f['days_left']} days left){issuer}")
    for host, group in grouped("tls.revocation", lambda f: f.get("status") == "good").items():
        lines.append(f"Revocation: the certificate of {host} ({_ports([f['port'] for f in group])}) is not on "
                     f"its authority's revocation list (CRL)")
    for f in seen:
        if f.kind == "login.result" and f.get("outcome") == "success":
            mechanism = f" with {f['mechanism']}" if f.get("mechanism") else ""
            lines.append(f"Login: {_PROTOCOL_NAMES.get(f['protocol'], f['protocol'])} login on {_hostport(f)} "
                         f"accepted{mechanism}")
    for f in seen:
        if f.kind == "envelope.result" and f.get("outcome") == "accepted":
            lines.append(f"Sender: {_hostport(f)} takes mail from {f['sender']} after the login "
                         f"(MAIL FROM and RCPT TO accepted; no message sent)")
    for f in seen:
        if f.kind == "web.fetch" and f.get("outcome") == "ok":
            status = f" (HTTP {f['status']})" if f.get("status") is not None else ""
            via = " through the proxy" if f.get("via") == "proxy" else ""
            lines.append(f"Web: {f['url']} answered{via}{status}")
    return list(dict.fromkeys(lines))


def render_text(report: Report, *, color: bool = False, verbose: bool = False) -> str:
    """Plain-language report for a terminal: root cause first, fixes, then the rest."""

    def paint(style: str, text: str) -> str:
        return f"{_COLORS[style]}{text}{_RESET}" if color else text

    out: list[str] = []
    if report.account and report.account.get("email"):
        out.append(f"mailexpert report for {escape(str(report.account['email']))}")
        out.append("")
    roots = report.root_causes
    if not roots and not report.unexplained:
        if report.alternatives:
            out.append(paint("ok", "No problem found with the settings given."))
        elif passed_checks(report.facts):
            out.append(paint("ok", "No problem found: every check passed."))
        else:
            out.append(paint("ok", "No problem found in these facts."))
        out.append("")
    for n, d in enumerate(roots):
        heading = "Most likely cause" if n == 0 else "Also found"
        out.append(paint(d.severity, f"{heading}: {escape(d.title)}") + f"  [{d.cause}, {d.severity}, {d.confidence}]")
        out.append(f"  {escape(d.summary)}")
        for extra in d.instances[1:]:
            out.append(f"  {escape(extra)}")
        if d.explains:
            out.append(f"  Explains what fails ({len(d.explains)}):")
            for fact in d.explains[:MAX_EXPLAINS_LINES]:
                out.append(f"    - {escape(relevance.describe(fact))}")
            if len(d.explains) > MAX_EXPLAINS_LINES:
                out.append(f"    … and {len(d.explains) - MAX_EXPLAINS_LINES} more")
        out.append(f"  Why: {escape(d.explanation)}")
        out.append("  How to fix it:")
        for i, step in enumerate(d.fix, 1):
            out.append(f"    {i}. {escape(step)}")
        for ref in d.references:
            out.append(f"    see {escape(ref)}")
        out.append("  Evidence:")
        for fact in d.evidence:
            out.append(f"    - {_fact_line(fact)}")
        out.append("")
    cut = [f for f in report.unexplained if relevance.cut_short(f)]
    failing = [f for f in report.unexplained if f not in cut]
    if failing:
        heading = "Failing, and explained by no known cause" if roots else "Most likely cause: unknown, but this fails"
        out.append(paint("error", f"{heading}:"))
        for fact in failing:
            out.append(f"  - {escape(relevance.describe(fact))}")
        out.append(f"  {UNEXPLAINED_ADVICE}")
        out.append("")
    if cut:
        out.append(paint("error", f"{CUT_SHORT_HEADING}:"))
        for fact in cut:
            out.append(f"  - {escape(relevance.describe(fact))}")
        out.append(f"  {CUT_SHORT_ADVICE}")
        out.append("")
    if report.alternatives:
        out.append(paint("dim", "Also noticed on other servers of this domain (not the settings given):"))
        for d in report.alternatives:
            where = f" on {', '.join(d.concerns)}" if d.concerns else ""
            source = f" (found by {', '.join(d.sources)})" if d.sources else ""
            out.append(f"  - {escape(d.title)} [{d.cause}, {d.severity}]{escape(where)}{source}: {escape(d.summary)}")
        out.append("")
    symptoms = [d for d in report.diagnoses if not d.is_root]
    if symptoms:
        out.append(paint("dim", "Symptoms explained by the above:"))
        for d in symptoms:
            out.append(f"  - {escape(d.title)} [{d.cause}] (explained by {d.superseded_by}): {escape(d.summary)}")
        out.append("")
    tls_lines = tlsclients.text_lines(report.facts)
    if tls_lines:
        out.append("TLS clients (by their published defaults):")
        out += [f"  {escape(line)}" for line in tls_lines]
        out.append("")
    passed = passed_checks(report.facts)
    if passed:
        out.append(paint("ok", "Checks that passed:"))
        for line in passed[:MAX_PASSED_LINES]:
            out.append(f"  ✓ {escape(line)}")
        if len(passed) > MAX_PASSED_LINES:
            out.append(f"  … and {len(passed) - MAX_PASSED_LINES} more")
        out.append("")
    if report.questions:
        out.append("Open questions (answer with --answer ID=VALUE):")
        for q in report.questions:
            choices = f" [{'/'.join(q.choices)}]" if q.choices else ""
            out.append(f"  - {q.id}: {escape(q.text)}{choices}")
        out.append("")
    for note in report.notes:
        out.append(f"Note: {escape(note)}")
    if verbose:
        out.append("Trace (rules fired, in order):")
        for t in report.trace:
            out.append(f"  [{t.round}] {t.rule_id} -> {escape(t.result)}")
    return "\n".join(out).rstrip() + "\n"


# --- Markdown ---------------------------------------------------------------------


def _md(text: str) -> str:
    return markdown(text)


def _code(text: str) -> str:
    return markdown_code(text, in_table=True)


def render_markdown(report: Report) -> str:
    out: list[str] = ["# mailexpert report", ""]
    if report.account and report.account.get("email"):
        out += [f"Account: {_code(str(report.account['email']))}", ""]
    if not report.root_causes and not report.unexplained:
        out += ["No problem found with the settings given." if report.alternatives else "No problem found.", ""]
    cut = [f for f in report.unexplained if relevance.cut_short(f)]
    failing = [f for f in report.unexplained if f not in cut]
    if failing:
        out += ["## Failing, and explained by no known cause", ""]
        out += [f"- {_md(relevance.describe(f))}" for f in failing]
        out += ["", _md(UNEXPLAINED_ADVICE), ""]
    if cut:
        out += [f"## {CUT_SHORT_HEADING}", ""]
        out += [f"- {_md(relevance.describe(f))}" for f in cut]
        out += ["", _md(CUT_SHORT_ADVICE), ""]
    alternatives = [d for d in report.diagnoses if d.alternative]
    if alternatives:
        out += ["## Also noticed on other servers of this domain", ""]
        for d in alternatives:
            where = f" on {', '.join(d.concerns)}" if d.concerns else ""
            source = f" (found by {', '.join(d.sources)})" if d.sources else ""
            out += [f"- **{_md(d.title)}** (`{d.cause}`, {d.severity}){_md(where)}{_md(source)}: {_md(d.summary)}"]
        out += [""]
    for d in report.diagnoses:
        if d.alternative:
            continue
        level = "##" if d.is_root else "###"
        tag = "" if d.is_root else f" (symptom of `{d.superseded_by}`)"
        out += [f"{level} {_md(d.title)}{tag}", ""]
        out += [f"- **Cause:** `{d.cause}` · **rank:** {d.rank} · **severity:** {d.severity} · "
                f"**confidence:** {d.confidence} · **explains:** {len(d.explains)} failing observation(s)"]
        out += [f"- **Summary:** {_md(d.summary)}", f"- **Why:** {_md(d.explanation)}", "", "**Fix:**", ""]
        out += [f"{i}. {_md(step)}" for i, step in enumerate(d.fix, 1)]
        if d.references:
            out += ["", "**References:** " + ", ".join(f"<{r}>" for r in d.references)]
        out += ["", "| evidence |", "|---|"]
        out += [f"| {_code(_fact_line(f))} |" for f in d.evidence]
        out += [""]
    tls_lines = tlsclients.text_lines(report.facts)
    if tls_lines:
        out += ["## TLS clients", "", "By their published defaults:", ""]
        out += [f"- {_md(line.strip())}" for line in tls_lines]
        out += [""]
    if report.questions:
        out += ["## Open questions", ""]
        out += [f"- `{q.id}`: {_md(q.text)}" for q in report.questions]
        out += [""]
    out += ["## Trace", "", "| round | rule | result |", "|---|---|---|"]
    out += [f"| {t.round} | `{t.rule_id}` | {_md(t.result)} |" for t in report.trace]
    return "\n".join(out).rstrip() + "\n"
