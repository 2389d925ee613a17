"""A mail program's own copy of the mailbox -- the synchronisation state it hands back to the server, its
local database of folders and messages -- found damaged: explain names the damaged profile
(client-profile-corrupt), not a setting, a password or the network. The wordings are those of
Exchange Web Services (ErrorInvalidSyncStateData) and KDE's Akonadi (mailexpert/data/error-texts.yaml,
file: store)."""

from __future__ import annotations

import pytest

from mailexpert.explain import explain


def top(text: str) -> str | None:
    report = explain(text)
    return report.top.cause if report.top else None


@pytest.mark.parametrize("text", [
    # Airmail/Airmail_Public#281 (Office 365 through EWS)
    "Error for <account>. Synchronization state data is corrupt or otherwise invalid.",
    # EWS's SyncFolderHierarchy wording and its response code
    "SyncFolderHierarchy failed: Synchronization state data is corrupted or otherwise invalid.",
    "Microsoft.Exchange.WebServices.Data.ServiceResponseException: ErrorInvalidSyncStateData",
    # KDE's Akonadi, under KMail (dvratil.cz on KMail's duplicates; alien.slackbook.org on the KDE 4.7 migration)
    "Multiple Merge Candidates",
    "Failed to fetch the resource collection.",
])
def test_a_damaged_local_store_is_the_profile(text: str) -> None:
    assert top(text) == "client-profile-corrupt"


def test_a_configuration_file_stays_a_configuration_problem() -> None:
    assert top("isync: Cannot open config file '/home/alice/.mbsyncrc': No such file or directory") == "client-config-corrupt"


def test_the_advice_rebuilds_the_local_copy() -> None:
    report = explain("Synchronization state data is corrupt or otherwise invalid.")
    assert report.top is not None and report.top.cause == "client-profile-corrupt"
    steps = " ".join(report.top.fix)
    assert "add it again" in steps and "akonadictl fsck" in steps


def test_a_locked_profile_is_said_to_be_locked_not_damaged() -> None:
    """Thunderbird's ProfileLockedDialog (toolkit/xre/nsAppRunner.cpp): another copy holds the profile's
    lock, or a crashed one left it. The same cause (the profile), its own summary and steps."""
    report = explain("Thunderbird is already running, but is not responding. To use Thunderbird, you must first "
                     "close the existing Thunderbird process, restart your device, or use a different profile.")
    assert report.top is not None and report.top.cause == "client-profile-corrupt"
    assert "locked" in report.top.summary and "damaged" not in report.top.summary
    steps = " ".join(report.top.fix)
    assert "parent.lock" in steps and "SCANPST" not in steps
