"""Worker processes of one measured run: started together, released together, stopped cleanly."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG_DIR = ROOT / "var" / "bench-logs"


class WorkerGroup:
    """The processes of one run, each in its own session so a stop reaches its children too.

    django-q2's cluster forks its own pool and procrastinate its own tasks: signalling the
    session, not just the launcher, leaves nothing behind between runs.
    """

    def __init__(self, commands: list[list[str]], env: dict[str, str], tag: str) -> None:
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        self.processes: list[subprocess.Popen[str]] = []
        for index, command in enumerate(commands):
            log = LOG_DIR / f"{tag}-{index}.log"
            child_env = {**os.environ, **env, "BENCH_WORKER_LOG": str(log)}
            self.processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "bench.jobsbench.launch", *command],
                    cwd=ROOT,
                    env=child_env,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    start_new_session=True,
                )
            )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        for process in self.processes:
            assert process.stdout is not None
            line = process.stdout.readline().strip()
            if line != "ready" or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"worker {process.args} did not start (said {line!r})")
            process.stdout.close()

    def go(self) -> float:
        """Release every process at once; returns the start of the measured time."""
        started = time.monotonic()
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        return started

    def pids(self) -> list[int]:
        return [process.pid for process in self.processes]

    def check_alive(self) -> None:
        for process in self.processes:
            if process.poll() is not None:
                raise RuntimeError(
                    f"worker {process.args[3:]} exited with {process.returncode}; see {LOG_DIR}"
                )

    def stop(self, grace: float = 15) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            if process.stdin:
                process.stdin.close()
        # The session may outlive its leader (a forked pool still shutting down).
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
