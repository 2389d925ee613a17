#!/usr/bin/env python3
"""Install mailexpert from this checkout into a virtual environment, on any supported Python.

    python3 install.py [--venv DIR] [--test]

Why a script and not a bare ``pip install -e .``: mailexpert's rule engine, durable-rules
2.0.28, ships only a source archive whose C extension is compiled at install time, and on
Python 3.13 its code calls ``PyEval_CallObject``, which 3.13 removed. pip then builds a
module that installs but fails to import ("undefined symbol: PyEval_CallObject"), and keeps
that broken build in its wheel cache for the next install. This script builds durable-rules
(on 3.13, with the call mapped to its replacement ``PyObject_CallObject``, same meaning, and
bypassing the cache), checks that it imports, then installs mailexpert itself.

Where it installs: into ``--venv DIR`` (created if needed); else into the virtual
environment it runs in; else into ``.venv`` next to this file. System Pythons refuse
``pip install`` outside a virtual environment (PEP 668), so it never installs there.

Only the standard library is used: this runs before anything is installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIN_PYTHON = (3, 11)
# The name durable-rules is published under, as pip compares it (PEP 503 normalised).
ENGINE = "durable-rules"
# Python 3.13 removed PyEval_CallObject; PyObject_CallObject takes the same arguments.
ENGINE_DEFINE = ("PyEval_CallObject", "PyObject_CallObject")

DEBIAN_PACKAGES = "python3-venv python3-dev build-essential"
HELP_VENV = (
    "Python's venv module cannot create an environment with pip here.\n"
    f"  Debian/Ubuntu: sudo apt-get install {DEBIAN_PACKAGES}\n"
    "  Fedora: sudo dnf install python3-devel gcc"
)
HELP_BUILD = (
    "durable-rules is compiled from source at install time and needs a C compiler and the Python headers.\n"
    f"  Debian/Ubuntu: sudo apt-get install {DEBIAN_PACKAGES}\n"
    "  Fedora: sudo dnf install python3-devel gcc\n"
    "  macOS: xcode-select --install\n"
    "  Windows: Microsoft C++ Build Tools (workload 'Desktop development with C++')"
)


class InstallError(Exception):
    """A step failed; the message says what to do."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="install.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--venv", type=Path, help="the virtual environment to use or create (default: the active one, else .venv)")
    parser.add_argument("--test", action="store_true", help="also install the test tools (pytest, pytest-bdd)")
    args = parser.parse_args(argv)
    try:
        if sys.version_info < MIN_PYTHON:
            raise InstallError(f"mailexpert needs Python >= {'.'.join(map(str, MIN_PYTHON))}; this is {sys.version.split()[0]}")
        python = environment_python(args.venv)
        install(python, test=args.test)
    except InstallError as exc:
        print(f"install.py: {exc}", file=sys.stderr)
        return 1
    return 0


def in_venv() -> bool:
    return sys.prefix != sys.base_prefix


def environment_python(requested: Path | None) -> Path:
    """The interpreter of the environment to install into, created if needed."""
    if requested is None and in_venv():
        return Path(sys.executable)
    target = (requested or HERE / ".venv").absolute()
    python = venv_python(target)
    if python.exists():
        check_version(target, python)
        if subprocess.call([str(python), "-m", "pip", "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
            raise InstallError(f"{target} has no pip; remove it and run install.py again.\n{HELP_VENV}")
        return python
    if target.exists() and any(target.iterdir()):
        raise InstallError(f"{target} exists but is not a virtual environment")
    print(f"install.py: creating the virtual environment {target}", flush=True)
    try:
        venv.EnvBuilder(with_pip=True).create(target)
    except (subprocess.CalledProcessError, OSError) as exc:
        # A half-made environment without pip would be taken for a good one next time.
        shutil.rmtree(target, ignore_errors=True)
        raise InstallError(f"{HELP_VENV}\n({exc})") from None
    return python


def check_version(target: Path, python: Path) -> None:
    """An environment made earlier by another Python (``.venv`` from python3, then
    ``python3.13 install.py``) would get the install silently, on the Python not asked for."""
    ours = "{}.{}".format(*sys.version_info[:2])
    try:
        theirs = subprocess.check_output([str(python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                         text=True, stderr=subprocess.DEVNULL).strip()
    except (subprocess.CalledProcessError, OSError):
        raise InstallError(f"the Python of {target} does not run; remove {target} and run install.py again") from None
    if theirs != ours:
        raise InstallError(f"{target} is a Python {theirs} environment, but install.py runs on Python {ours}.\n"
                           f"  Remove it, choose another one (--venv .venv{ours.replace('.', '')}), "
                           f"or run install.py with Python {theirs}.")


def venv_python(target: Path) -> Path:
    return target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def engine_requirement() -> str:
    """durable-rules as pinned in pyproject.toml (the one place that states its version)."""
    with open(HERE / "pyproject.toml", "rb") as f:
        dependencies = tomllib.load(f)["project"]["dependencies"]
    for requirement in dependencies:
        if requirement.replace("_", "-").lower().startswith(ENGINE):
            return requirement
    raise InstallError(f"pyproject.toml does not list {ENGINE}")


def run(command: list[str], env: dict[str, str] | None = None) -> None:
    print("+ " + " ".join(command), flush=True)
    status = subprocess.call(command, env=env)
    if status != 0:
        raise InstallError(f"this command failed with status {status}: {' '.join(command)}")


def engine_imports(python: Path) -> bool:
    probe = "import durable.engine"
    return subprocess.call([str(python), "-c", probe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0


def build_env(python: Path) -> dict[str, str] | None:
    """The environment that compiles durable-rules correctly for ``python``'s version; None
    when a plain build is correct (before 3.13)."""
    version = subprocess.check_output([str(python), "-c", "import sys; print(sys.version_info >= (3, 13))"], text=True)
    if version.strip() != "True":
        return None
    env = dict(os.environ)
    name, value = ENGINE_DEFINE
    # durable-rules' setup.py replaces CFLAGS, but the compiler still reads CPPFLAGS
    # (Unix) and CL (MSVC, where '#' stands for '=').
    if os.name == "nt":
        env["CL"] = f"{env.get('CL', '')} /D{name}#{value}".strip()
    else:
        env["CPPFLAGS"] = f"{env.get('CPPFLAGS', '')} -D{name}={value}".strip()
    return env


def check_build_tools(python: Path) -> None:
    """Fail early, with the packages to install, when durable-rules cannot be compiled."""
    if os.name == "nt":
        return  # MSVC is found by setuptools itself; its error names the Build Tools
    query = "import sysconfig; print(sysconfig.get_paths()['include']); print(sysconfig.get_config_var('CC') or 'cc')"
    include, cc = subprocess.check_output([str(python), "-c", query], text=True).splitlines()
    missing = []
    if not (Path(include) / "Python.h").exists():
        missing.append(f"the Python headers ({include}/Python.h)")
    compiler = cc.split()[0] if cc.split() else "cc"
    if shutil.which(compiler) is None:
        missing.append(f"a C compiler ({compiler})")
    if missing:
        raise InstallError("missing " + " and ".join(missing) + ".\n" + HELP_BUILD)


def install(python: Path, *, test: bool) -> None:
    pip = [str(python), "-m", "pip"]
    if not engine_imports(python):
        check_build_tools(python)
        env = build_env(python)
        # --use-pep517 keeps pips before 23.1 off the deprecated `setup.py install` path;
        # --force-reinstall replaces a build that is there but does not import.
        command = [*pip, "install", "--use-pep517", "--no-deps", "--force-reinstall"]
        if env is not None:
            # Only a build made here with the define works: --no-binary refuses a wheel from
            # an index, --no-cache-dir one from pip's cache (which does not know about the
            # define). Not asked when no define is needed: Debian 12's pip 23.0 warns about
            # --no-binary ("DEPRECATION: --no-binary currently disables reading from the cache").
            command += ["--no-cache-dir", "--no-binary", ENGINE]
        run([*command, engine_requirement()], env=env)
        if not engine_imports(python):
            raise InstallError(f"{ENGINE} was built but does not import; try: {python} -c 'import durable.engine'")
    extras = "[test]" if test else ""
    run([*pip, "install", "-e", f"{HERE}{extras}"])
    run([str(python), "-c", "import mailexpert"])
    bindir = python.parent
    print(f"\nmailexpert is installed in {bindir.parent}.", flush=True)
    if os.name == "nt":
        print(f"Activate it with {bindir / 'activate'}, then run: mailexpert demo")
    else:
        print(f"Activate it with `. {bindir / 'activate'}`, then run: mailexpert demo")


if __name__ == "__main__":
    sys.exit(main())
