"""Sibling messages of server log families the corpus samples: each wording is produced by the same
source function as one a collected text shows, so an unseen text of the family reads as well as the
seen one. Each case names the file and function that produces the words."""

from __future__ import annotations

import pytest
from helpers import causes_of

_PAM = "Jun  1 10:00:00 mail dovecot: auth-worker(4242): "


@pytest.mark.parametrize(("text", "cause"), [
    # dovecot/core:src/auth/passdb-pam.c try_pam_auth: "pam_authenticate() failed: " + pam_strerror(status).
    # PAM_AUTH_ERR with Dovecot's own hint: a wrong password.
    (_PAM + "pam(bob,192.0.2.1,<Ab12Cd34>): pam_authenticate() failed: Authentication failure (password mismatch?)",
     "password-rejected"),
    # PAM_AUTHINFO_UNAVAIL: the module cannot reach its store (pam_ldap's server, sssd): the check is down.
    (_PAM + "pam(bob,192.0.2.1,<Ab12Cd34>): pam_authenticate() failed: "
     "Authentication service cannot retrieve authentication info", "server-unavailable"),
    # pam_get_missing_service_file_path: "%s (%s missing?)", logged as an error: the service's PAM file is missing.
    (_PAM + "Error: pam(bob,192.0.2.1): pam_authenticate() failed: Authentication failure (/etc/pam.d/imap missing?)",
     "server-unavailable"),
    (_PAM + "Error: pam(bob,192.0.2.1): unknown user (/etc/pam.d/dovecot missing?)", "server-unavailable"),
    # PAM_USER_UNKNOWN without the hint: auth_request_db_log_unknown_user, "unknown user".
    (_PAM + "pam(bob,192.0.2.1,<Ab12Cd34>): unknown user", "username-wrong"),
    # pam_acct_mgmt: PAM_NEW_AUTHTOK_REQD and PAM_ACCT_EXPIRED -> PASSDB_RESULT_PASS_EXPIRED (NO [EXPIRED]).
    (_PAM + "Error: pam(bob,192.0.2.1,<Ab12Cd34>): pam_acct_mgmt() failed: "
     "Authentication token is no longer valid; new one required", "password-expired"),
    (_PAM + "Error: pam(bob,192.0.2.1,<Ab12Cd34>): pam_acct_mgmt() failed: User account has expired", "password-expired"),
    # pam_acct_mgmt's PAM_PERM_DENIED: this user refused (pam_access), not a socket's EACCES.
    (_PAM + "Error: pam(bob,192.0.2.1,<Ab12Cd34>): pam_acct_mgmt() failed: Permission denied", "password-rejected"),
    # pam_setcred (setcred=yes) failing: the server's PAM credential modules, not a socket's EACCES.
    (_PAM + "Error: pam(bob,192.0.2.1,<Ab12Cd34>): pam_setcred() failed: Permission denied", "server-unavailable"),
])
def test_dovecot_passdb_pam_family(text: str, cause: str) -> None:
    assert causes_of(text)[0] == cause
