"""The soak's ``runscheduler`` processes: started, SIGKILLed and restarted, their peak memory
and CPU time collected (``wait4`` gives the rusage of a killed child too)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def peak_rss_kib(pid: int) -> int:
    """VmHWM (peak resident set) of a live process, in KiB; 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


@dataclass
class Slot:
    """One of the N scheduler places; the process in it changes at every kill."""

    index: int
    popen: subprocess.Popen[bytes] | None = None
    starts: int = 0
    kills: int = 0
    peak_kib: int = 0
    cpu_seconds: float = 0.0


@dataclass
class Schedulers:
    env: dict[str, str]
    args: list[str]
    log_dir: Path
    count: int = 4
    slots: list[Slot] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start_all(self) -> None:
        self.slots = [Slot(i) for i in range(self.count)]
        for slot in self.slots:
            self._start(slot)

    def _start(self, slot: Slot) -> None:
        log = (self.log_dir / f"scheduler-{slot.index}-{slot.starts}.log").open("wb")
        slot.popen = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "runscheduler", *self.args],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        slot.starts += 1

    def _reap(self, slot: Slot, *, block: bool = True) -> bool:
        """Collect the slot's exited process (its CPU time and peak); False if still running.

        Popen.poll() is never used: it would reap the child and lose its rusage.
        """
        assert slot.popen is not None
        if slot.popen.returncode is not None:
            return True
        pid, status, usage = os.wait4(slot.popen.pid, 0 if block else os.WNOHANG)
        if pid == 0:
            return False
        slot.popen.returncode = os.waitstatus_to_exitcode(status)
        slot.cpu_seconds += usage.ru_utime + usage.ru_stime
        slot.peak_kib = max(slot.peak_kib, usage.ru_maxrss)
        return True

    def restart(self, slot: Slot) -> None:
        """Start a new process in a slot whose process exited on its own."""
        with self._lock:
            self._start(slot)

    def kill_and_restart(self, slot: Slot) -> None:
        with self._lock:
            assert slot.popen is not None
            slot.peak_kib = max(slot.peak_kib, peak_rss_kib(slot.popen.pid))
            slot.popen.send_signal(signal.SIGKILL)
            self._reap(slot)
            slot.kills += 1
            self._start(slot)

    def sample_memory(self) -> None:
        with self._lock:
            for slot in self.slots:
                if slot.popen is not None and slot.popen.returncode is None:
                    slot.peak_kib = max(slot.peak_kib, peak_rss_kib(slot.popen.pid))

    def dead(self) -> list[Slot]:
        """Slots whose process exited on its own (a crash: the soak restarts and reports it)."""
        with self._lock:
            return [s for s in self.slots if s.popen is not None and self._reap(s, block=False)]

    def stop_all(self, grace: float = 30) -> None:
        with self._lock:
            for slot in self.slots:
                if slot.popen is not None and slot.popen.returncode is None:
                    slot.peak_kib = max(slot.peak_kib, peak_rss_kib(slot.popen.pid))
                    slot.popen.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + grace
            for slot in self.slots:
                if slot.popen is None or slot.popen.returncode is not None:
                    continue
                while not self._reap(slot, block=False) and time.monotonic() < deadline:
                    time.sleep(0.1)
                if slot.popen.returncode is None:
                    slot.popen.send_signal(signal.SIGKILL)
                    self._reap(slot)
