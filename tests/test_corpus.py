"""The real-text corpus (tests/corpus): every text is explained, and the scores stay above their floors.

The floors are the scores reached so far (benchmarks/corpus_score.py prints them); a change
that makes ``explain`` understand fewer real texts fails here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

import scoring  # noqa: E402

from mailexpert.causes import cause_catalogue

WORKING = scoring.working()
HELDOUT = scoring.heldout()
#: The held-out texts with no twin among the working ones: the floor below measures these.
UNSEEN = {e["id"] for e in scoring.unseen(HELDOUT, WORKING)}
KINDS = {"client", "library", "server", "provider", "stack", "lab"}

#: Share of texts whose top diagnosis is one of the expected causes.
# Batch 5a added 32 working texts that no pattern was written for: 94.5 % (290/307) fell to 91.4 %
# (310/339) with no change to the code; batch 5b (31 working texts) to 90.8 % (336/370);
# batch 5c (20) to 89.2 % (348/390). After the concept table it stood at 90.5 % (353/390); batch 5d
# (26 working texts) took it to 87.5 % (364/416), again with no change to the code. Reading
# servers', providers' and libraries' words (login backends, stages, wrapped bounces, quoted
# response codes, Schannel and library TLS texts) raised it to 96.1 % (416/433), then with more
# of them (STARTTLS answers, qmail, Cyrus, JavaMail, Go, curl, Node resolver codes) to 96.5 % (418/433).
# Batch 6 (72 working texts collected blind) took it to 91.7 % (463/505) with no change to the code;
# reading what its misses showed in general form (relay and authenticate-first refusals, 530 at any
# stage, Microsoft's and SendGrid's basic-auth wordings, 4.7.8 under soft_bounce, rustls alert names,
# OpenSSL verify numbers, lettre's codes, a blocklist concept, session logs without AUTH, Google's no-SNI
# certificate, getaddrinfo's EAI_SERVICE, a pasted handshake timeout) and a label audit of six texts whose
# words cannot tell their causes apart raised it to 96.8 % (489/505).
# Batch 7a (30 working texts collected blind: web apps that send mail, non-English threads, smarthost MTAs) took it
# to 95.3 % (510/535) with no change to the code (21 of the 30 right), so the fresh blind batch lowered this floor
# from 0.955 to 0.95. Batch 7b (32 more working texts collected blind: non-English threads, mobile and desktop
# clients, web apps, libraries, providers) took it from 95.5 % (511/535) to 93.7 % (531/567) with no change to the
# code (20 of the 32 right), so it lowered this floor from 0.95 to 0.935. The general fixes drawn from batch 7's
# working misses (Symfony's quoted multi-line reply, SSL/TLS-required wordings, Postfix's and emailjs's
# no-mechanism texts, a 4xx login failure, weak server keys, a valid greeting a client rejects, Exchange Online's
# 'authenticated but not connected') and a label audit of eleven of its texts took it to 97.0 % (550/567).
# collected-lab2 (202 working texts of 11 more real clients and libraries against the lab, 174 of them right
# blind) took it to 94.1 % (724/769) with no change to the code; those libraries' own words (certificate names,
# Ruby's IMAP exceptions, a STARTTLS answered 500/502, another protocol's greeting, GnuTLS's alert names before
# a client's summary) to 96.1 % (739/769), so the fresh blind batch lowered this floor from 0.97 to 0.96.
# Batch 8b (46 working texts collected blind: libraries, TLS/socket/resolver stacks, servers and providers) took it
# from 97.3 % (748/769) to 95.5 % (778/815) with no change to the code (30 of the 46 right), so it lowered this
# floor from 0.96 to 0.95. Batch 8a (45 working texts collected blind: what mail client apps showed users, Apple
# Mail and iOS, Outlook, Thunderbird and K-9, FairEmail, webmail clients and others) took it to 92.1 % (792/860)
# with no change to the code (14 of the 45 right), so it lowered this floor from 0.95 to 0.92. The general fixes
# drawn from batch 8a's and the older working misses (client apps' own catalogues and FAQ meanings, Android's and
# webmail's TLS and resolver texts, the differentials of vague dialogs) took it to 95.9 % (825/860): 0.955.
# Batch 9a (46 working texts collected blind: what self-hosted apps and frameworks that send mail printed) took it
# to 95.4 % (864/906) with no change to the code (33 of the 46 right), so it lowered this floor from 0.955 to 0.953.
# Batch 9b (48 working texts collected blind: self-hosted suites' and less-common providers' and relays' replies
# and server logs) took it to 93.5 % (893/955) with no change to the code (27 of the 48 right), so it lowered this
# floor from 0.953 to 0.935. Batch 10 (39 working texts collected blind: what mail clients themselves printed in
# their logs and debug output) took it to 92.8 % (922/994) with no change to the code (16 of the 39 right), so it
# lowered this floor from 0.935 to 0.927. Batch 11 (14 working texts collected blind: what users pasted in Chinese,
# Japanese, French and Korean) took it to 92.5 % (932/1008) with no change to the code (6 of the 14 right), so it
# lowered this floor from 0.927 to 0.924. Batch 13 (34 working texts collected blind: what mail client apps and
# their users showed) took it to 90.7 % (984/1085) with no change to the code (8 of the 34 right), so it lowered this
# floor from 0.924 to 0.906. The fixes drawn from its working misses (a reply's words after Outlook's "Server
# responded:", qmail's wrapped refusals, more relay and login refusals, rustls's verdicts, the keychain, a client's
# stop on a BAD to an optional command) took it to 91.4 % (992/1085): 0.914. Batch 14 (37 working texts collected
# blind: what mail libraries, the applications built on them and relays printed) took it to 90.6 % (1017/1122) with
# no change to the code (24 of the 37 right), so it lowered this floor from 0.914 to 0.906. The fixes drawn from its
# working misses (a log line's milliseconds are no reply code, gen_smtp's reasons, Go's reply parser refusing another
# protocol's greeting, a bare command in a pasted session, the eMail sender's messages) took it to 91.1 % (1022/1122): 0.910;
# a public provider's server as the current side of a TLS version failure took it to 91.3 % (1024/1122): 0.912;
# Erlang's ssl naming a plain-text byte as a record type, and gen_smtp's socket errors, to 91.4 % (1026/1122): 0.914.
# Batch 15 (29 working texts collected blind: what mail client apps, webmail and the tools under them printed, many in
# Chinese, Russian, Polish, French, Spanish and German) took it from 91.6 % (1049/1145) to 90.7 % (1065/1174) with no
# change to the code (16 of the 29 right), so it lowered this floor from 0.914 to 0.907. The lab's recordings of
# NeoMutt, getmail6, OfflineIMAP3 and aiosmtplib (collected-lab4: 59 working texts, 50 right blind) took it to 90.4 %
# (1115/1233) with no change to the code, so they lowered this floor from 0.907 to 0.904. The fixes drawn from batch 15's
# working misses (NetEase's DT:SPM and the Chinese words for spam and virus in a content refusal, QQ Mail's help link on
# authorization codes when its Chinese words arrive garbled, mailio's own messages) took it to 90.6 % (1117/1233): 0.905.
# Batch 15b (7 working texts more, collected the same way: Python imaplib/smtplib and nodemailer in tools, MailKit,
# bichon; 5 right blind) took it to 90.5 % (1122/1240) with no change to the code, measured before the fixes drawn
# from collected-lab4's working misses landed beside it; with those it stands at 91.2 % (1131/1240): 0.911.
# Batch 17 (45 texts from applications that mail through a library, and providers' pages, collected blind; 25 of its
# 34 working texts right blind) took it to 90.9 % (1175/1293) with no change to the code, so it was lowered to 0.908.
# The fixes drawn from its working misses (NetEase's 'Mail from must equal authorized user' as a sender the login may
# not use; a Python traceback's frame lines read as where the code ran, not what failed) took it to 91.0 % (1177/1293):
# 0.910.
# Batch 16 (32 working texts collected blind: what mail client apps, webmail and hosting help pages printed, from
# Thunderbird for Android, Mailspring, Nylas N1, himalaya, SnappyMail, Nextcloud Mail and others; 11 right blind) took
# it to 89.7 % (1188/1325) with no change to the code, so it lowered this floor from 0.910 to 0.896. The lab's
# recordings of Exim (a Debian smarthost client), GNU Mailutils' mail and movemail, sendemail, mpop, imapclient and
# imap-tools (collected-lab6: 83 working texts, 55 right blind) took it to 88.3 % (1243/1408) with no change to the
# code, so they lowered this floor from 0.896 to 0.882. The fixes drawn from its working misses (a refused AUTH
# before the 530 it explains, Exim's GnuTLS and transport words, GNU Mailutils' and sendEmail's, each from its source)
# and three labels the recorder's shapes give (a mechanism none usable, Mailutils' bare "Authentication failed") took
# it to 89.3 % (1257/1408): 0.892. The lab's recordings of emailjs (collected-lab6b: 14 working texts, 11 right blind)
# took it to 89.2 % (1268/1422) with no change to the code: 0.891. The fixes drawn from batch 16's working misses (a failed
# plain connection to localhost is no block on the way; qmail's rcpthosts refusal with its words reordered) took it
# from 89.5 % (1273/1422) to 89.7 % (1275/1422): 0.896. Batch 18 (44 texts collected blind from the thinnest areas:
# SOGo, Roundcube, Nextcloud Mail's Horde, .NET Schannel and PowerShell, LibreSSL and old macOS TLS stacks, Rust mail
# libraries, Courier, Fastmail, GMX and web.de, Zoho, iCloud; 19 of its 33 working texts right blind) took it to
# 89.0 % (1295/1455) with no change to the code, so it lowered this floor from 0.896 to 0.890. The fixes drawn from
# its working misses (a certificate check that passed, printed as a field's value, is no verdict; United Internet's
# case code "hi" names malformed headers; Fastmail's "Address locked or deactivated" is a locked account) took it to
# 89.2 % (1298/1455): 0.892. collected-lab7 (Mono's SmtpClient and Twisted, 17 of its 22 working texts right
# blind, 21 after the fixes drawn from them) took it to 89.3 % (1319/1477); the floor stands.
# Batch 20 (texts of providers and servers outside the English-speaking world and translated client dialogs:
# 25 of its 34 working texts right blind) took it from 89.8 % (1433/1595) to 89.5 % (1458/1629) with no change to
# the code; the fixes drawn from its working misses (NetEase's, Mail.ru's, Orange's and Alibaba's words for a
# sender that is not the account's, NetEase's IMAP "Unsafe Login" without its tag, a reply quoted with only its
# enhanced code) took it to 90.0 % (1466/1629); the floor stands. Batch 21 (40 texts of mail client apps, 7 of its
# 30 working texts right blind) had taken it to 88.6 % (1440/1625) on main; beside it, batch 20 and its fixes take it to
# 88.8 % (1473/1659, 0.8879), so the floor went from 0.892 to 0.887 until batch 21's own fixes land.
# Batch 24 (29 texts of what mail servers log about a client that cannot log in, connect securely or send; 12 of
# its 22 working texts right blind) took it to 88.7 % (1551/1749) with no change to the code; the fixes drawn from
# its working misses took it to 88.9 % (1554/1749), 88.8 % (1553/1749) beside the Microsoft 365 and Zoho sending
# blocks; the floor stands. A batch 22 text labelled server-reply-permanent when the catalogue had no cause for
# Microsoft's ban of the sending account (5.7.501) took the new sending-limit-exceeded, as its label comment says:
# 88.8 % (1554/1749, 0.8885), so the floor went from 0.887 to 0.888.
# Batch 27 (36 texts of what mail providers reply: Yahoo, AT&T, Comcast, iCloud, IONOS, Titan, GoDaddy, MXroute,
# Postmark, SendGrid, Amazon SES, Google's SMTP relay, Proton bridges; 9 of its 27 working texts right blind) took it
# to 88.2 % (1567/1776, 0.8823; main stood at 89.1 %, 1558/1749) with no change to the code, so the floor went
# from 0.888 to 0.882. Batches 26 and 28 (their blind texts landed beside batch 27's without a floor change) took
# it to 87.6 % (1602/1828, 0.8764) with no change to the code; with the TLS-error reading beside them, 87.8 %
# (1605/1828, 0.8780): 0.876.
# Batch 25 (25 texts of mail client apps; 9 of its 19 working texts right blind) took it to 87.4 % (1614/1847,
# 0.8738) with no change to the code, so the floor went from 0.876 to 0.873 until its fixes land.
# The fixes drawn from batch 27's working misses (providers' sending limits per connection, session, hour and
# domain; block-list and reputation refusals of the sending address by Yahoo, AT&T, Comcast, Proofpoint, MXroute
# and Titan; SendGrid's unauthenticated senders; hydroxide's unknown sender; Yahoo's header and phishing
# verdicts; Amazon SES's API throttling) took it, on a main that had meanwhile read more of batch 26's texts,
# from 87.8 % (1644/1873) to 88.6 % (1660/1873, 0.8863): 0.886.
# Batch 36 (33 texts of mail libraries and application frameworks; 10 of its 25 working texts right blind, 13
# with the fixes drawn from them) took it, beside batches 34 and 35, to 88.4 % (1797/2033, 0.8839): 0.883.
# Batch 35b (9 texts of Evolution, Thunderbird, KMail and macOS Mail dialogs from forum threads; 1 of its 7 working
# texts right blind, unchanged by the fix drawn from them) took it to 88.1 % (1798/2040, 0.8814): 0.881.
# Batch 42 (22 texts of what mail apps show, second round; 3 of its 16 working texts right blind, 5 with the fixes
# drawn from them) took it, beside batch 43 on the main it landed on, to 88.0 % (2012/2287, 0.8798): 0.879.
FLOOR_WORKING = 0.879
# Batch 4 added two held-out client dialogs that nothing written before them explains: the
# held-out score fell from 85.0 % (85/100) to 84.3 % (86/102) with no change to the code.
# Batch 5a's 11 held-out texts took it from 84.3 % (86/102) to 79.6 % (90/113), again with no change to the code;
# batch 5b's 10 to 78.0 % (96/123). The same work on servers', providers' and libraries' words
# (no held-out text looked at) raised it from 82.4 % (117/142) to 83.8 % (119/142). Reading
# concepts (data/concepts.yaml), the client's first bytes in a server log, Winsock numbers in
# HRESULTs and .NET exceptions, and the label audit took it to 86.6 % (123/142); the working
# set then stood at 95.8 % (415/433), and at 88.7 % (384/433) with each text's own phrases
# removed from the tables (benchmarks/corpus_unseen.py). More servers', providers' and libraries'
# words (still without looking at a held-out text) took it to 88.0 % (125/142).
# Batch 6's 25 fresh held-out texts, collected blind, took it to 83.8 % (140/167) with no change to
# the code (15 of the 25 right); the general fixes drawn from batch 6's working misses (no held-out
# text looked at) left it there, so the fresh blind batch lowered this floor from 0.87 to 0.835.
# Batch 7 (20 fresh held-out texts collected blind, 16 of them right) took it from 83.8 % (140/167) to 83.6 %
# (148/177) with 7a and to 83.4 % (156/187) with 7b, with no change to the code, so the fresh blind batch lowered
# this floor from 0.835 to 0.83.
# collected-lab2's 68 held-out lab texts (55 right blind) took it to 82.7 % (211/255); the words read from that
# batch's working texts (no held-out text looked at) to 85.1 % (217/255). Batch 8b's 16 held-out texts (13 right
# blind) took it to 84.9 % (230/271) with no change to the code; the floor stands. Batch 8a's 15 held-out client
# texts (4 right blind) took it to 81.8 % (234/286) with no change to the code, so it lowered this floor from 0.83
# to 0.815. The fixes drawn from the working misses (no held-out text looked at) took it to 82.2 % (235/286): 0.818.
# Batch 9a's 16 held-out texts (11 right blind) took it to 82.1 % (248/302) with no change to the code; the floor
# stands. Batch 9b's 16 held-out texts (self-hosted suites, less-common providers and relays; 7 right blind) took it
# to 80.2 % (255/318) with no change to the code, so it lowered this floor from 0.818 to 0.801. Batch 10's 13 held-out
# mail-client log texts (5 right blind) took it to 78.5 % (260/331) with no change to the code, so it lowered this
# floor from 0.801 to 0.785. Batch 11's 5 held-out non-English texts (3 right blind) took it to 78.3 % (263/336) with
# no change to the code, so it lowered this floor from 0.785 to 0.782. The causes sender-address-not-allowed and
# client-ip-blocklisted took it from 78.6 % (275/350, with batch 12) to 77.4 % (271/350): the working texts they
# name were labelled with the generic reply class (or mx-host-used-for-submission) before the causes existed and
# were relabelled from their threads; held-out labels were not looked at, so this floor went from 0.782 to 0.774
# until they were. Then the six held-out texts that get sender-address-not-allowed while labelled with a reply class
# (or none) were relabelled from their ids, sources and label comments only (texts not read): each thread says the
# account may not send as that sender (Exchange Send As and 5.7.60, Zoho's "Relaying disallowed as", Hostinger's
# "not owned by user", SendGrid's unverified sender identity, an SES sandbox), so each accepts the cause beside its
# old label, as the working ones do: 79.1 % (277/350), floor 0.788. Batch 13's 11 held-out client-app texts
# (4 right blind) took it to 77.8 % (281/361) with no change to the code, so it lowered this floor from 0.788 to 0.778.
# Batch 14's 12 held-out library and relay texts (9 right blind) took it from 78.1 % (282/361) to 78.0 % (291/373)
# with no change to the code; the floor stands. The fixes drawn from its working misses (no held-out text looked at)
# took it to 78.3 % (292/373). Batch 15's 10 held-out client-app and library texts (6 right blind) took it from
# 78.7 % (300/381) to 78.3 % (306/391) with no change to the code; the floor stands. Batch 15b's 2 held-out texts
# (both right blind) took it to 79.2 % (327/413). collected-lab6's 28 held-out lab texts (22 right blind), measured
# with batches 16 and 17 beside them, took it to 78.3 % (367/469) with no change to the code; the floor stands. The
# fixes drawn from collected-lab6's working misses (no held-out text looked at) took it to 78.5 % (368/469);
# collected-lab6b's 5 held-out emailjs texts (4 right blind) to 78.5 % (372/474). Batch 18's 11 held-out texts (4 right
# blind) took it to 77.5 % (376/485) with no change to the code, so it lowered this floor from 0.778 to 0.775. The
# fixes drawn from its working misses (no held-out text looked at) took it to 77.7 % (377/485): 0.777.
# collected-lab7's 8 held-out Mono SmtpClient and Twisted texts (4 right blind, still 4 after the fixes drawn from its
# working misses) took it to 77.3 % (381/493), so it lowered this floor from 0.777 to 0.772.
# collected-lab8's 16 held-out texts of PHP's imap extension (c-client) and poplib (its held-out set, with one
# older poplib text: 11/17 right blind and after the fixes drawn from its working misses), beside batch 19's,
# took it to 77.2 % (406/526, 0.7719), so it lowered this floor from 0.772 to 0.771.
# Batch 20's 11 held-out texts of providers outside the English-speaking world (5 right blind, 5 after the fixes
# drawn from its working misses) took it from 77.3 % (411/532) to 76.6 % (416/543) with no change to the code, and
# the fixes (no held-out text looked at) to 77.0 % (418/543, 0.7698). Batch 21's 11 held-out client-app texts (2
# right blind) had taken it to 76.2 % (413/542) on main; beside them, batch 20 and its fixes take it to 75.9 %
# (420/553, 0.7595), so the floor went from 0.771 to 0.759 until batch 21's own fixes land.
# Batch 22's 12 held-out bounce messages (5 right blind, 5 after the fixes drawn from its working misses) took it
# to 75.2 % (425/565, 0.7522), so the floor went from 0.759 to 0.752.
# Main then stood at 75.0 % (433/577, 0.7504) after the Microsoft 365 and Zoho sending blocks. Batch 24's 7 held-out
# texts of mail servers' logs (4 right blind) took it to 74.8 % (437/584) with no change to the code; the fixes drawn
# from its working misses (LibreSSL's ACCEPT_SR_CLNT_HELLO_C "wrong version number" is the version check; Exim's log
# of its 554 synchronization refusal; no held-out text looked at) took it to 75.0 % (438/584, 0.74999): 0.749.
# Batch 27's 9 held-out provider replies (2 right blind) took it to 74.2 % (440/593, 0.74199) with no change to the
# code, so the floor went from 0.749 to 0.741. Batches 26's and 28's held-out texts beside them took it to 73.9 %
# (451/610, 0.7393) with no change to the code: 0.739. Batch 25's 6 held-out client-app texts (3 right blind)
# took it to 73.7 % (454/616, 0.7370) with no change to the code: 0.737.
# Until then the held-out figure counted texts whose words (numbers and spacing aside) a later batch had collected
# again into the working set (a collector may not open the held-out set), and a fix made for the working twin fixed
# the held-out one: 63 of them on main after batch 30, 59 right, against 72.4 % of the rest. Since then the floor is
# on the held-out texts without a working twin (scoring.unseen), and corpus_split.py refuses a text the corpus
# already holds: 72.4 % (411/568, 0.7236) on main when this was measured.
FLOOR_HELDOUT = 0.723
#: Failure texts that explain calls fine or declines (the goal is none).
# Batches 5a, 5b and 5c raised the count from 21 to 33, 37 and then 44 with no change to the code;
# it stood at 17 (10 working, 7 held out) after the server and library wordings. The blind label
# audit gave four failure texts that were labelled `none` the causes they name (`none` is only for
# texts not about a failure), which took it to 20 (13 working, 7 held out) with no change to the code;
# then to 19 (12 working, 7 held out), and down to 15 (10 working, 5 held out) with the later
# server, provider and library wordings. Batch 6 (97 texts collected blind) took it to 24 with no change to
# the code; the fixes drawn from its working misses brought it back to 18 (10 working, 8 held out), so the
# fresh blind batch raised this ceiling from 16 to 18. Batch 7a (40 texts collected blind) took it to 21
# (12 working, 9 held out) with no change to the code, so the fresh blind batch raised this ceiling from 18 to 21;
# batch 7b (42 texts) took it to 23 (14 working, 9 held out), raising it from 21 to 23; the fixes drawn from
# batch 7's working misses brought it to 21 (12 working, 9 held out). collected-lab2 (270 lab texts) took it to
# 25 with no change to the code, and its working texts' words back to 23 (12 working, 11 held out: 2 of them its
# own), raising it from 21 to 23. Batch 8b (62 texts collected blind) took it to 24 (13 working, 11 held out) with
# no change to the code, raising it from 23 to 24. Batch 8a (60 client texts collected blind) took it to 30
# (17 working, 13 held out) with no change to the code, raising it from 24 to 30; the fixes drawn from the working
# misses brought it to 24 (12 working, 12 held out). Batch 9a (62 texts collected blind) took it to 25 (13 working,
# 12 held out) with no change to the code; the ceiling stands. Batch 9b (64 texts collected blind: self-hosted
# suites, less-common providers and relays) took it to 31 (16 working, 15 held out) with no change to the code,
# raising it from 25 to 31. Batch 10 (52 mail-client texts collected blind) took it to 32 (15 working, 17 held out)
# with no change to the code, raising it from 31 to 32. Batch 11 (19 non-English texts collected blind) took it to 35
# (16 working, 19 held out) with no change to the code, raising it from 32 to 35. Batch 12 (57 website and web-shop
# texts collected blind) took it to 37 (17 working, 20 held out) with no change to the code, raising it from 35 to 37.
# Batch 13 (45 client-app texts collected blind) took it to 45 (26 working, 19 held out) with no change to the code,
# raising it from 37 to 45; the fixes drawn from its working misses brought it to 41 (22 working, 19 held out).
# Batch 14 (49 library and relay texts collected blind) took it to 43 (23 working, 20 held out) with no change to the
# code, raising it from 41 to 43; the fixes drawn from its working misses brought it to 42 (22 working, 20 held out).
# Batch 15 (39 client-app and library texts collected blind) took it to 45 (25 working, 20 held out) with no change to
# the code, raising it from 42 to 45. The lab's recordings of NeoMutt, getmail6, OfflineIMAP3 and aiosmtplib
# (collected-lab4, 79 texts) took it to 50 (29 working, 21 held out) with no change to the code, raising it from 45 to 50.
# Batch 16 (43 client-app texts collected blind), measured with batch 17 beside it, took it to 56 (34 working, 22 held
# out) with no change to the code, raising it from 50 to 56. The lab's recordings of Exim, GNU Mailutils, sendemail,
# mpop, imapclient and imap-tools (collected-lab6, 111 texts) took it to 65 (40 working, 25 held out) with no change
# to the code, raising it from 56 to 65; the fixes drawn from their working misses brought it to 61 (37 working, 24
# held out). Batch 20 left it at 60 (34 working, 26 held out); batch 21 (40 client-app texts collected blind) beside
# it took it to 73 (45 working, 28 held out) with no change to the code, raising it from 61 to 73 until its fixes land.
# Batch 21's fixes and the session's later ones (batches 22-24, the sending-limit cause) brought it to 69 (41
# working, 28 held out): the ceiling went from 73 to 69.
# Batch 27 (36 provider replies collected blind) took it to 74 (43 working, 31 held out) with no change to the code,
# raising it from 69 to 74; batches 26 and 28 beside it took it to 77 (45 working, 32 held out). Batch 25 (25
# client-app texts collected blind) took it to 78 (45 working, 33 held out) with no change to the code.
# Batch 27's fixes (Amazon SES's API throttling no longer declined among them) brought it, on a
# main at 75 (44 working, 31 held out), to 73 (42 working, 31 held out).
# This session's batches 31-34 and transcripts2 (137 texts collected blind: device notifications, regional
# providers, webmail, Windows senders, debug transcripts) took it to 80 (47 working, 33 held out), with the fixes
# drawn from their working misses in: texts that name no failure a program's words or a reply would tell (a
# dialog's "Email Address Rejected by Server", a bare "MAX RCPT TO DAILY LIMIT"), raising it from 73 to 80.
# Batch 35b (9 texts of desktop mail dialogs from forum threads) added one held-out text explain declines: 81 (47 working,
# 34 held out).
# Batch 38 (25 texts of mail apps' and mail-sending devices' messages, six held out) added six texts explain
# declines, three of each set (add-on messages that name no failure: an EWS add-on's "HTTP Client error 401"
# after a Thunderbird upgrade, its unreadable locale string, DavMail's echo of a TLS handshake as a command):
# 83 (47 working, 36 held out) on a main that had meanwhile taken batch 41.
# Batch 42 (22 texts of what mail apps show, second round) added three working texts explain declines (NeoMutt's
# "gnutls_priority_set_direct(@SYSTEM): The request is invalid", K-9's transcribed "authenticationfailed", Delta
# Chat's "other os error"): 84 (48 working, 36 held out) on a main that had meanwhile taken batch 43.
# Batch srvlog (34 real Postfix and Dovecot logs of failing sessions, eight held out) added one text of each set
# explain declines (a working one: Postfix's counts of a session whose MAIL FROM was refused before STARTTLS, "ehlo=1
# mail=0/1 rset=0/1 quit=1", whose 530 smtpd does not log): 86 (49 working, 37 held out).
# Batch 44 (28 texts of webmail front-ends and the self-hosted stacks behind them, seven held out) added one
# held-out text explain declines or calls fine (its working one, Postfix's "bad command startup -- throttling",
# is read since): 87 (49 working, 38 held out).
# Batch 45 (26 texts of mail libraries in Go, Erlang, Rust, Dart, Swift, R, Julia, Haskell...) added two working
# texts explain declines: a Swift library's "SMTPError 3" and a Vapor client's bare "login failure", whose meaning
# no public source gives: 88 (50 working, 38 held out).
# Batch 47 (30 providers' and ISPs' own replies, eight held out) added two held-out texts explain declines or calls
# fine (not named here: held out); its three working ones (Spectrum/Road Runner's "Outbound Mail Refused", declined;
# Cox's AUP#CXCNCT and Rackspace's G28, read as a bare temporary refusal) are read since: 89 (49 working, 40 held
# out).
# Batch 46 (28 texts of what mobile and desktop mail apps show, seven held out; collected on a main at 86: 48 working,
# 38 held out) added five working texts explain declines and three held-out ones: iOS Mail's French "Le serveur
# imap-mail.outlook.com ne répond pas" (a connection failure in words; the page's cause, basic authentication turned
# off at Outlook.com, is not in them), and four of FairEmail's FAQ fragments: "Invalid ID Token Issued at time is
# more than 10 minutes ..." (a wrong clock, which explain reads only from a probe), "ServiceDisabled" (Google's
# account manager; no public source of its meaning beyond the FAQ), "Read error ... BAD_DECRYPT" and "Write error"
# (a connection lost mid-session; no reading of its own yet): 96 (53 working, 43 held out) measured with batch 47 and
# main's K-9 fix, which reads one of the 49 working ones since.
# Readings of messages explain used to decline (Outlook's 0x800CCCDB/DC, Nextcloud Mail's and Mailspring's
# connection messages, Webklex php-imap, Swift-SMTP, SnappyMail's "Domain is not allowed", OpenSSL's PEM "no start
# line", Postfix's mail=0/N counts, tests/test_explain_app_declines.py) took it to 84 (42 working, 42 held out).
# Batch 48 (9 texts of KMail, Pine, The Bat!, Windows Live Mail and Outlook Express for Mac, two held out) added two
# working texts explain declines: KMail's "Unable to transport message. Failed to create SMTP Job" (a distribution's
# broken KDE PIM package; the words say only that the job was not made) and Windows Live Mail's Japanese 0x8DE0006
# dialog (an account suspended until a picture's characters are typed; no public source of the code's meaning beyond
# the reporter's page): 86 (44 working, 42 held out).
# Batch 50 (26 server logs: Exim, Postfix, Dovecot, Sendmail, hMailServer, MailEnable, mox, six held out) added one
# held-out text explain declines or calls fine (not named here: held out); its three working ones (Exim's "rejected
# EHLO from ...: syntactically invalid argument(s)", MailEnable's ME-I0111 and ME-E0109 relay codes) are read since:
# 85 (42 working, 43 held out). Both batches together: 87 (44 working, 43 held out).
# Batch 49 (29 texts of devices and applications that send mail, seven held out) added one held-out text explain
# declines or calls fine (not named here: held out); none of its working ones: 87 (43 working, 44 held out),
# measured with batches 48 and 50 and main's mid-session readings (which read one of the 44 working ones since).
# Then the port/mode readings, the multi-line evidence order and AppAuth's ID-token clock messages read two working
# and one held-out text more: 84 (41 working, 43 held out), measured on main 642a927.
# Batch 52 (30 library texts, eight held out) added one working text explain declines: laminas-mail's "Could not
# read from smtp.aol.com" (b52-laminas-could-not-read-after-wrong-password; the connection AOL dropped after a refused
# login, which the words alone do not say): 85 (42 working, 43 held out).
# Then a damaged local store (EWS sync state, Akonadi), a daily limit named in any order, the French relay
# refusal, 'rejecting spoofed' and 'requires valid address' read five working and one held-out text more:
# 79 (37 working, 42 held out), measured on branch declined over main 24ba9f6.
# Then 'requires valid address' was read only beside a mail word (anybody's words alone: a smart contract's too),
# so FairEmail's FAQ quoting them bare (b21-fairemail-requires-valid-address) is declined again: 80 (38 working,
# 42 held out), measured on main c83ef55.
# Batch 54 (34 mail-server texts, nine held out) added five held-out texts explain calls fine (not named here: held
# out) and one working one: Yahoo's "[TS01] Messages from ADDR temporarily deferred due to user complaints" in Exim's
# mainlog (b54-exim-yahoo-ts01-deferred-user-complaints), read as a transient reply, a warning, where the thread found
# the sending server's own address deferred for its reputation: 86 (39 working, 47 held out).
# Then Yahoo's temporary deferrals of a sending address read client-ip-blocklisted (that text among them), and a
# Symfony Mailer empty-code family and MailKit's and PHPMailer's siblings were catalogued: 83 (36 working, 47 held
# out), measured on main 721074d.
# Then the libraries' whole message families (curl, Ruby, Perl, Go, aiosmtplib, Django...) read one working text
# more, and providers' documented replies one held-out text: 81 (35 working, 46 held out), measured on main c8c1d9b.
# Then iOS Mail's French "ne répond pas" read as no answer (the mobile clients' catalogue) one working text more:
# 80 (34 working, 46 held out), measured on main 6ca3960.
# Then the limits catalogue (limitsdiff) read one held-out text more (which one is not looked at: held out):
# 79 (34 working, 45 held out), measured on main bfd9e85.
# Then the server states' catalogue (servstate) read two held-out texts more: 77 (34 working, 43 held out),
# measured on main 073e79e. Then the libraries' second pass (libs2) read a working text as a failure:
# 76 (33 working, 43 held out), measured on main 67e62ec.
# Then the relays' API refusals (relayapi) read a held-out text as a failure, and a pasted 4yz refusal reads as
# an error (server-reply-transient-pasted: RFC 5321's 4yz is a command not accepted): 60 (27 working, 33 held
# out), measured on main a70c3f5.
# Batch 57 (40 server and provider texts, ten held out; no change to the code) added one working text explain
# declines, QQ Mail's "550 Mail content denied" inside PMail's Chinese log line (b57-qq-mail-content-denied-pmail-forward),
# and two held-out ones (not named here: held out): 63 (28 working, 35 held out).
# Batch 58 (11 client texts, three held out; no change to the code) added two working texts explain declines:
# K-9's bare "Invalid recipient." where the carrier's mobile addresses were on Spamhaus
# (b58-k9-invalid-recipient-mobile-ip-on-spamhaus), and Kanmail's "Missing smtp setting: host" where the account's
# SMTP host field was empty (b58-kanmail-outlook-missing-smtp-setting-host): 65 (30 working, 35 held out).
# Then the session's general readings (appliances', helpdesks' and ops tools' words, a recipient refusal without
# its code, a bare code behind words that say only that sending failed) took it down: 62 (29 working, 33 held out),
# measured on main ef0f621.
# Batch 59 (30 texts of mail libraries and the applications built on them, eight held out; no change to the code)
# added one working text explain declines: RechnungsFee's German "Netzwerkfehler [Error 11001] getaddrinfo faild"
# (b59-de-rechnungsfee-smtp-getaddrinfo-failed-wrong-server-name; Windows' WSAHOST_NOT_FOUND from a server name
# that did not resolve, its words as typed in the issue): 63 (30 working, 33 held out).
# Batch 61 (28 server and provider texts, seven held out; no change to the code) added three working texts explain
# declines: Gmail's delay notice "read error: generic::failed_precondition" from a broken receiving iRedMail server
# (b61-gmail-delayed-read-error-failed-precondition-iredmail), GMX's German notice that POP3/IMAP/SMTP are switched off
# by default (b61-gmx-german-protocols-pop3-imap-smtp-disabled-notice) and a bare "Could not complete sender verify"
# from an Italian host's help page (b61-xlogic-could-not-complete-sender-verify): 66 (33 working, 33 held out).
# Then the session's general readings (Batch 61's misses: Exim's deferred sender verify, GMX's protocols off; Winsock
# codes behind other words; bare TLS handshake failures and NSS alert names) took it down: 61 (29 working, 32 held
# out), measured on main 5ee99fb.
# Batch 63 (28 server and provider texts, seven held out; no change to the code) added one working text explain
# declines, Ipswitch IMail's SMTPD log line "Denied access from 1.2.3.4" (b63-imail-smtpd-log-denied-access-from: the
# address is on the server's Control Access list), and one held-out one (not named here: held out): 63 (30 working,
# 33 held out), measured on main 9cf0ef3.
# Batch 62 (30 texts of mail libraries and TLS stacks, eight held out; no change to the code) added three working
# texts explain declines: MesaLink's bare "[TLSErrorAlertReceivedHandshakeFailure]" from SMTPS servers whose TLS it
# could not share (b62-zh-mesalink-smtps-handshake-failure-alert), OpenBazaar's "The integration test was not
# successful: EOF" from implicit-TLS port 465 (b62-openbazaar-go-aol-465-integration-test-eof) and Misskey's generic
# "Internal error occurred" where the mail server refused the sending host's foreign address
# (b62-ja-misskey-internal-error-foreign-ip-restriction): 64 (32 working, 32 held out), measured on main 9cf0ef3;
# with batch 63 beside it: 66 (33 working, 33 held out).
# The last resort for a text about mail that says only that something failed (concepts.yaml unsaid: a program's crash,
# a bounce, a refusal, the server's failure, a named protocol's session failing without a reason), so that such a text
# is not declined, took it to 45 (19 working, 26 held out), measured on branch declined over main 9cf0ef3;
# on main with batches 62 and 63 (85fd23b + this): 50 (23 working, 27 held out). The session's readings of batch 62's
# misses (rustls alert names among them) took it to 48 (21 working, 27 held out), measured on main 0604e56.
# Batch 65 (30 server, provider and library texts, eight held out; no change to the code) added two working texts
# explain declines: NMTnet's bare "Relay operation rejected" (b65-nmtnet-relay-operation-rejected-pop-before-smtp: POP
# before SMTP not done) and Cleanmail's "Forged sender domain from this server" (b65-cleanmail-forged-sender-domain-
# bluewin: a bluewin.ch sender not sent through Bluewin's servers), and two held-out ones (not named here: held out):
# 52 (23 working, 29 held out), measured on branch batch65 over main 73665a1.
# Batch 64 (30 client texts, eight held out; no change to the code) added one working text explain declines, Wino
# Mail 2.0's truncated "The request was canceled due to configured HttpClient..." from an autodiscovery regression
# fixed in a later release (b64-wino-v2-autodiscover-httpclient-canceled), and one held-out one (not named here: held
# out): 50 (22 working, 28 held out), measured on main 73665a1; with batch 65 beside it: 54 (24 working, 30 held
# out), measured on main 9885ec4 + batch 64.
# The session's readings (concepts-en's English readings, xprog's words in other languages, the batches' misses)
# took it to 51 (23 working, 28 held out), measured on main 7e49ffe.
# The next session's concept readings (a program's own settings missing or set against each other, a bare failed
# step, a connection the server closed, the languages' words in data/concept-words/) took it to 43 (21 working, 22
# held out), measured on main 5c017ba.
# Batch 67 (30 server, provider and library texts, eight held out; no change to the code) added three working texts
# explain calls fine or declines: Free's "250 Spam Detected; Discarded Email" (b67-free-250-spam-detected-discarded-
# email: a success code whose own words say the message was destroyed as spam), Free's personal pages' "Trop de
# destinataires, vous êtes suspendu" (b67-free-pages-perso-trop-de-destinataires-suspendu: a sending limit, in French)
# and an older Dovecot's POP3 "Aborted login: user=<...>, method=PLAIN" (b67-dovecot-pop3-aborted-login-user-method-
# plain-old-format: a refused login), and one held-out one (not named here: held out): 47 (24 working, 23 held out),
# measured on branch batch67 over main 3152c20.
# Batch 66 (31 client texts, eight held out; no change to the code) added three working texts explain declines:
# Mailspring's Japanese "too many active connections to your Gmail account" (b66-mailspring-ja-gmail-too-many-
# connections), Delta Chat's Russian "no internet connection, login failed" (b66-deltachat-ru-no-internet-login-failed)
# and Claws Mail's Japanese "mailbox is locked" (b66-claws-ja-pop3-mailbox-locked), and no held-out one: with batch 67, 50 (27
# working, 23 held out), measured on branch batch66 over main 432643a.
# Branch b66misses reads those three (the Japanese and Romance words of a connection limit, Delta Chat's "no internet
# connection" rows, the Japanese words of a locked mailbox): 47 (24 working, 23 held out), over main 26018a3.
# Branch b67misses reads those three (a 2xx whose words say the filter discarded the message as spam, "too many
# recipients" in French, Dovecot 1.x's "Aborted login" with the mechanism named): with b66misses, 44 (21 working, 23 held out),
# measured on branch b67misses over main b8829f9.
# Batch 69 (30 client texts, eight held out; no change to the code) added three working texts explain declines:
# fetchmail's French "Required APOP timestamp not found in greeting" (b69-fetchmail-fr-apop-timestamp-missing),
# Sylpheed's Korean "Mailbox is locked." (b69-sylpheed-ko-mailbox-locked) and Thunderbird's Spanish "does not seem to
# support encrypted passwords" (b69-thunderbird-es-smtp-encrypted-password-not-offered), and no held-out one: 47 (24
# working, 23 held out), measured on branch batch69 over main 73fe999.
# Branch othermiss reads a relay refusal worded "Relay operation rejected" (BlackJumboDog's, as a Japanese ISP's FAQ
# quotes it without its code): one fewer, 46 (23 working, 23 held out), over main 3fbfb5b.
# Batch 70 (30 server and provider texts, eight held out; no change to the code) added four working texts explain
# declines: OpenSMTPD's "smtp event=authentication ... result=permfail" (b70-opensmtpd-authentication-result-permfail:
# a refused login), Magic Winmail's "the message matches up to the filter rule" (b70-winmail-delivery-failure-matches-
# filter-rule: a content filter), atmail's "Your account has been rate limited. (SRL-UPD)" (b70-atmail-account-rate-
# limited-srl-upd: a sending limit) and 163.net's "This Message is not welcome" (b70-163net-this-message-is-not-welcome:
# a content filter), and no held-out one: four more, 50 (27 working, 23 held out) over main 33dc471.
# This rise is the batch's own count (the one allowed exception); a branch reading those four lowers it again.
# Branch clientmiss reads FairEmail's lone "+OK" (a POP3 greeting that is the whole error: another protocol's client on
# a POP3 port): one fewer, 49 (26 working, 23 held out), over main with batch 70.
# Branch bmisses reads the three batch-69 texts (fetchmail's French APOP timestamp, Sylpheed's Korean "Mailbox is
# locked.", Thunderbird's Spanish encrypted-password hint) from their programs' own catalogues in every locale: 46
# (23 working, 23 held out), over main with batch 71.
# Branch catgeneral reads a server said to be out of reach, a failed STARTTLS or secure session and a connection
# closed or timed out where no mail word stands (concepts.yaml): two held-out texts fewer, 44 (23 working, 21 held
# out), over main with greethost.
# Branch b70misses reads four of batch 70's (OpenSMTPD's pre-6.4 authentication log line, a filter rule the message
# matched, an account rate limited, a message not welcome) and one held-out text more: 39 (19 working, 20 held out),
# over main with catgeneral.
# Batch 73 (30 network-path texts, eight held out; no change to the code) added two held-out texts explain calls fine
# or declines and no working one: 41 (19 working, 22 held out) over main dca8fc4. This rise is the batch's own count
# (the one allowed exception); a branch reading them lowers it again.
# Branch restmiss reads a filtering service's bare "Forged sender domain from this server" (server-replies.yaml):
# 40 (18 working, 22 held out), over main with batch 73.
# Branch certfam reads the Nylas sync engine's account-check sentences (client-messages.yaml): 38 (16 working,
# 22 held out), over main with restmiss.
# Batch 76 (27 library texts from ecosystems the corpus holds few of, seven held out; no change to the code) added two
# working texts explain declines (mail-send's bare MissingStartTls, Swift-SMTP's Socket.Error error 1 in Kmart) and one
# held-out text: 41 (18 working, 23 held out) over main 0b6dbdf. This rise is the batch's own count (the one allowed
# exception); a branch reading them lowers it again.
# Batch 75 (30 localized Thunderbird and Evolution dialogs, eight held out; no change to the code) added one working
# text explain declines (Evolution's Simplified Chinese trust prompt for a revoked certificate) and one held-out one:
# 43 (19 working, 24 held out) with batch 76. The batch's own count again.
# Branch clientfam3 reads K-9 Mail 5.x's "Cannot connect to server. (Unable to connect)", the handshake's own
# SSLException (client-messages.yaml), and a Czech Windows mail program's "Nepodařilo se navázat zabezpečené spojení
# (SSL nebo TLS)" (error-texts.yaml): 41 (17 working, 24 held out), measured on the branch rebased over batches 75-76.
# Branch netpath reads qmail-send's logged delivery reports ("_" for spaces, "/" for line ends, undone in pastetext):
# 40 (17 working, 23 held out), measured on the branch rebased over batches 75-76 and clientfam3.
# Branch pathfam reads mail-send's (Rust) MissingStartTls (library-messages.yaml): 39 (16 working, 23 held out).
# Branch tlsfam reads Evolution's trust prompt for a revoked certificate in Chinese, Japanese and Korean (the
# participles of e-trust-prompt.c's G_TLS_CERTIFICATE_REVOKED in concepts.yaml revoked): 38 (15 working, 23 held out),
# measured on the branch rebased over pathfam.
# Batch 77 (13 mail-client texts, three held out; no change to the code) added one working text explain declines (Wino
# Mail's "Syntax error in CAPABILITIES, Unexpected token '+'") and one held-out one: 40 (16 working, 24 held out) over
# main with this session's family branches. This rise is the batch's own count (the one allowed exception); a branch reading them lowers it again.
# Batch 81 (six consumer/mobile mail app texts, two held out; no change to the code) added one working text explain
# declines (K-9 Mail's bare "GaiException: android_getad"): 41 (17 working, 24 held out) over main 693c948+f39a2fc. This
# rise is the batch's own count (the one allowed exception); branch batch81's reading lowers it again.
# Branch batch81 reads Android's GaiException as the failed name look-up it is (data/error-texts.yaml): 40 (16 working,
# 24 held out).
# Batch 82 (ISPs' and web hosts' mail, six held out; no change to the code) added three working texts explain declines
# (Telserco's "Your IP address has been restricted due to heavy usage.", AwardSpace's "Message count quota exceeded",
# Junara's "You've reached your sending limit."): 43 (19 working, 24 held out). This rise is the batch's own count (the
# one allowed exception); a branch reading them lowers it again.
# Branch batch82 then reads two of them (a host's sending limit or quota "reached" or "exceeded" in its own words,
# data/concepts.yaml sending-limit-hit): 41 (17 working, 24 held out).
# Branch imapcat reads Dovecot's "* BYE Too many invalid IMAP commands." as what the client sent (a client that
# speaks no IMAP to the port, data/error-texts.yaml client_first) instead of a bare BYE, a warning: 40 (16 working,
# 24 held out).
MAX_FAILURES_SAID_FINE = 40


def test_corpus_is_real_sized_and_well_formed() -> None:
    every = WORKING + HELDOUT
    assert len(every) >= 300
    ids = [e["id"] for e in every]
    assert len(ids) == len(set(ids)), "duplicate ids"
    catalogue = set(cause_catalogue()) | {"none"}
    for e in every:
        assert e["text"].strip() and e["source"].strip() and e["program"].strip(), e["id"]
        assert e["kind"] in KINDS, e["id"]
        assert e["cause"] and set(e["cause"]) <= catalogue, (e["id"], e["cause"])
        assert e["cause"] == ["none"] or "none" not in e["cause"] or len(e["cause"]) > 1, e["id"]
    # The held-out quarter was chosen at random per collected file (benchmarks/corpus_split.py).
    assert 0.2 <= len(HELDOUT) / len(every) <= 0.3


@pytest.fixture(scope="module")
def scores() -> dict[str, scoring.Score]:
    return {"working": scoring.score(WORKING), "heldout": scoring.score(HELDOUT)}


@pytest.mark.parametrize("entry", WORKING + HELDOUT, ids=[e["id"] for e in WORKING + HELDOUT])
def test_text_is_explained_without_crashing(entry: dict, scores: dict[str, scoring.Score]) -> None:
    outcome = next(o for s in scores.values() for o in s.outcomes if o.id == entry["id"])
    assert not outcome.error, outcome.error


def test_working_set_top1_floor(scores: dict[str, scoring.Score]) -> None:
    assert scores["working"].top1 >= FLOOR_WORKING


def test_heldout_set_top1_floor(scores: dict[str, scoring.Score]) -> None:
    unseen = [o for o in scores["heldout"].outcomes if o.id in UNSEEN]
    assert len(unseen) >= 0.85 * len(HELDOUT)
    assert scoring.Score(tuple(unseen)).top1 >= FLOOR_HELDOUT


def test_no_permanent_refusal_is_called_fine(scores: dict[str, scoring.Score]) -> None:
    """A server's permanent refusal (5xx, NO, BAD, -ERR) always gets a diagnosis of severity error."""
    said_fine = [o.id for s in scores.values() for o in s.permanent_said_fine]
    assert said_fine == []
    assert sum(o.permanent for s in scores.values() for o in s.outcomes) >= 80


def test_failures_are_not_called_fine(scores: dict[str, scoring.Score]) -> None:
    said_fine = [o.id for s in scores.values() for o in s.failures_said_fine]
    assert len(said_fine) <= MAX_FAILURES_SAID_FINE, said_fine


def test_twins_are_the_same_words_whatever_the_numbers_and_spacing() -> None:
    a = "Aug 12 21:56:59 host postfix/smtp[592]: 535 5.7.8  Error: authentication failed"
    b = "aug 3 09:01:02 host postfix/smtp[17]:\n535 5.7.8 error: authentication failed"
    assert scoring.twin_key(a) == scoring.twin_key(b)
    assert scoring.twin_key(a) != scoring.twin_key(a.replace("authentication", "authorization"))
    held = [{"id": "h1", "text": b}, {"id": "h2", "text": "421 4.7.0 Try again later"}]
    assert [e["id"] for e in scoring.unseen(held, [{"id": "w", "text": a}])] == ["h2"]


def test_corpus_split_refuses_a_text_the_corpus_already_holds(tmp_path: Path) -> None:
    """corpus_split.py names the new file's entries whose text the corpus holds (here a working text
    with other numbers) or that the file gives twice, so that nobody tunes on a held-out text's twin."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import corpus_split

    known = WORKING[0]["text"]
    fresh = "a message no collector has ever seen, 4242"
    entries = [{"id": "old", "text": known.replace("0", "7")}, {"id": "new", "text": fresh},
               {"id": "again", "text": fresh.replace("4242", "17")}]
    path = tmp_path / "collected-new.yaml"
    assert corpus_split.already_held(path, entries) == ["old", "again"]
    assert corpus_split.already_held(path, entries[1:2]) == []
