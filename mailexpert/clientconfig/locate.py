"""Where mail clients keep their configuration on Linux, macOS and Windows (``--client-config auto``).

Only the user's own folders are looked at, read from the environment mapping given (HOME,
USERPROFILE, APPDATA, XDG_CONFIG_HOME), so that tests can point them at a temporary folder:

* Thunderbird: ``profiles.ini`` in its folder lists the profiles; each profile's ``prefs.js``
  holds the accounts. The folder is ``~/.thunderbird`` on Linux (also the Snap and Flatpak
  packages' own homes, and Debian's old Icedove ``~/.icedove``), ``~/Library/Thunderbird`` on
  macOS and ``%APPDATA%\\Thunderbird`` on Windows. The profile an installation starts with
  (``[Install...] Default=``), then the one marked ``Default=1``, come first, because
  settings found earlier win.
* msmtp: ``$XDG_CONFIG_HOME/msmtp/config`` or ``~/.msmtprc``; native Windows builds read
  ``msmtprc.txt`` in the home folder.
* mbsync (isync): ``~/.mbsyncrc`` or ``$XDG_CONFIG_HOME/isyncrc``.
"""

from __future__ import annotations

import configparser
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath

from mailexpert import userfile
from mailexpert.errors import ClientConfigError

AUTO = "auto"
MAX_PROFILES_INI_BYTES = 256 * 1024


def _home(environ: Mapping[str, str], platform: str) -> Path | None:
    keys = ("USERPROFILE", "HOME") if platform == "win32" else ("HOME",)
    for key in keys:
        if environ.get(key):
            return Path(environ[key])
    return None


def _xdg_config(environ: Mapping[str, str], home: Path | None) -> Path | None:
    if environ.get("XDG_CONFIG_HOME"):
        return Path(environ["XDG_CONFIG_HOME"])
    return home / ".config" if home else None


def thunderbird_folders(environ: Mapping[str, str], platform: str) -> list[Path]:
    """The folders that may hold Thunderbird's profiles.ini on ``platform``."""
    home = _home(environ, platform)
    if platform == "win32":
        return [Path(environ["APPDATA"]) / "Thunderbird"] if environ.get("APPDATA") else []
    if home is None:
        return []
    if platform == "darwin":
        return [home / "Library" / "Thunderbird"]
    return [home / ".thunderbird", home / "snap" / "thunderbird" / "common" / ".thunderbird",
            home / ".var" / "app" / "org.mozilla.Thunderbird" / ".thunderbird", home / ".icedove"]


def thunderbird_profiles(folder: Path) -> list[Path]:
    """The profile folders that ``folder``/profiles.ini lists, the default ones first."""
    ini = folder / "profiles.ini"
    try:
        data = userfile.read_bytes(ini, MAX_PROFILES_INI_BYTES, ClientConfigError)
    except ClientConfigError:
        return []  # none, or not a readable regular file: no profiles listed
    text = data.decode("utf-8", errors="replace")
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    try:
        parser.read_string(text, str(ini))
    except configparser.Error:
        return []
    install_defaults = [s.get("Default", "") for name, s in parser.items() if name.startswith("Install")]
    ranked: list[tuple[int, int, Path]] = []
    for order, (name, section) in enumerate(parser.items()):
        if not name.startswith("Profile") or not section.get("Path"):
            continue
        raw = section["Path"]
        relative = section.get("IsRelative", "1").strip() == "1"
        path = _profile_path(folder, raw, relative)
        rank = 0 if raw in install_defaults else 1 if section.get("Default", "").strip() == "1" else 2
        ranked.append((rank, order, path))
    return [path for _, _, path in sorted(ranked)]


def _profile_path(folder: Path, raw: str, relative: bool) -> Path:
    # Relative paths are written with "/" on every OS; absolute ones in the OS's own form.
    if relative:
        return folder.joinpath(*PurePosixPath(raw).parts)
    pure = PureWindowsPath(raw) if "\\" in raw or ":" in raw[:3] else PurePosixPath(raw)
    return Path(pure) if pure.is_absolute() else folder.joinpath(*pure.parts)


def msmtp_files(environ: Mapping[str, str], platform: str) -> list[Path]:
    home = _home(environ, platform)
    if platform == "win32":
        folders = [home, Path(environ["APPDATA"]) if environ.get("APPDATA") else None]
        return [f / "msmtprc.txt" for f in folders if f is not None]
    xdg = _xdg_config(environ, home)
    return [p for p in (xdg / "msmtp" / "config" if xdg else None, home / ".msmtprc" if home else None) if p]


def mbsync_files(environ: Mapping[str, str], platform: str) -> list[Path]:
    if platform == "win32":
        return []
    home = _home(environ, platform)
    xdg = _xdg_config(environ, home)
    return [p for p in (home / ".mbsyncrc" if home else None, xdg / "isyncrc" if xdg else None) if p]


def client_config_candidates(environ: Mapping[str, str] | None = None, platform: str | None = None) -> list[Path]:
    """Every place looked at, in order (for messages: where nothing was found)."""
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    places: list[Path] = []
    for folder in thunderbird_folders(environ, platform):
        places.append(folder / "profiles.ini")
    return places + msmtp_files(environ, platform) + mbsync_files(environ, platform)


def find_client_configs(environ: Mapping[str, str] | None = None, platform: str | None = None) -> list[Path]:
    """The client configuration files of this user that exist, Thunderbird's first."""
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    found: list[Path] = []
    for folder in thunderbird_folders(environ, platform):
        for profile in thunderbird_profiles(folder):
            found.append(profile / "prefs.js")
    found += msmtp_files(environ, platform) + mbsync_files(environ, platform)
    return _unique(p for p in found if p.is_file())


def _unique(paths: Iterable[Path]) -> list[Path]:
    return list(dict.fromkeys(paths))


def expand_auto(paths: Sequence[str | os.PathLike[str]], environ: Mapping[str, str] | None = None,
                platform: str | None = None) -> list[str]:
    """``paths`` with each ``auto`` replaced by the files :func:`find_client_configs` finds
    (a file really named ``auto`` is given as ``./auto``)."""
    out: list[str] = []
    for p in paths:
        if str(p) == AUTO:
            out.extend(str(f) for f in find_client_configs(environ, platform))
        else:
            out.append(str(p))
    return list(dict.fromkeys(out))
