"""install.py, the README's install path: what it refuses before installing anything."""

from __future__ import annotations

import glob
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _install_module():
    spec = importlib.util.spec_from_file_location("install_script", ROOT / "install.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _other_python() -> str | None:
    """A supported Python of another minor version than this one, if the machine has one."""
    names = [shutil.which(f"python3.{minor}") for minor in (11, 12, 13)]
    names += ["/usr/bin/python3", *sorted(glob.glob(str(Path.home() / ".pyenv/versions/3.1[1-3]*/bin/python3")))]
    for name in filter(None, names):
        try:
            version = subprocess.check_output([name, "-c", "import sys; print(sys.version_info[:2])"], text=True)
        except (OSError, subprocess.CalledProcessError):
            continue
        if version.strip() != str(sys.version_info[:2]):
            return name
    return None


def test_an_environment_of_another_python_is_refused_not_used(tmp_path: Path, capsys) -> None:
    """`.venv` made by python3, then `python3.13 install.py --venv .venv`: installing into it
    would give the user the Python they did not ask for."""
    other = _other_python()
    if other is None:
        pytest.skip("no Python of another minor version on this machine")
    venv = tmp_path / ".venv"
    subprocess.run([other, "-m", "venv", "--without-pip", str(venv)], check=True)
    assert _install_module().main(["--venv", str(venv)]) == 1
    err = capsys.readouterr().err
    ours = "{}.{}".format(*sys.version_info[:2])
    assert f"{venv} is a Python 3." in err and f"but install.py runs on Python {ours}" in err
    assert f"--venv .venv{ours.replace('.', '')}" in err
    assert not list(venv.glob("lib/python3*/site-packages/*mailexpert*"))  # nothing was installed
