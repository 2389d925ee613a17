"""What the lab's external servers (Dovecot, Postfix) share: a private instance of a real
program in a temporary folder, started until its ports answer and stopped for good.

A subclass says its name, its log, the files whose tail explains a failed start, and how to
force a stop; it sets ``folder``, ``ports``, ``_process`` and ``_stderr`` in its ``start()``.
"""

from __future__ import annotations

import ipaddress
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from mailexpert.errors import LabError

#: Seconds a program may take to listen on every port, and to exit after SIGTERM.
START_TIMEOUT = 10.0
STOP_TIMEOUT = 8.0


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class Daemon:
    NAME = "server"
    #: The program's log in the instance's folder (:attr:`log_text`).
    LOG = ""
    #: Files in the instance's folder whose tails say why a start failed.
    LOG_FILES: tuple[str, ...] = ()

    def __init__(self, address: str) -> None:
        if not _loopback(address):
            raise LabError(f"{self.NAME} must listen on loopback (127.0.0.0/8 or ::1), not {address}")
        self.address = address
        self.ports: dict[str, int] = {}
        self.folder: Path | None = None
        self.ca_file: str = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.address} {self.ports}>"

    @property
    def log_text(self) -> str:
        if self.folder is None or not (self.folder / self.LOG).exists():
            return ""
        return (self.folder / self.LOG).read_text(errors="replace")

    def start(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def _wait_listening(self) -> float:
        """Wait until every port answers; returns the start's deadline for further waits."""
        deadline = time.monotonic() + START_TIMEOUT
        pending = set(self.ports.values())
        while pending:
            if self._process is not None and self._process.poll() is not None:
                raise LabError(f"{self.NAME} exited with status {self._process.returncode}: {self._log_tail()}")
            if time.monotonic() > deadline:
                raise LabError(f"{self.NAME} did not listen within {START_TIMEOUT} s: {self._log_tail()}")
            for port in list(pending):
                try:
                    with socket.create_connection((self.address, port), timeout=0.2):
                        pending.discard(port)
                except OSError:
                    pass
            if pending:
                time.sleep(0.02)
        return deadline

    def _log_tail(self) -> str:
        if self.folder is None:
            return ""
        text = ""
        for name in self.LOG_FILES:
            path = self.folder / name
            if path.exists():
                text += path.read_text(errors="replace")[-800:]
        return text.strip()

    def _kill(self, process: subprocess.Popen[bytes]) -> None:
        """Force a stop that SIGTERM did not bring about."""
        process.kill()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._kill(process)
                process.wait(2.0)
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
