"""Sample the scheduler processes of a drain with py-spy and say where their time goes.

py-spy samples every thread from outside the process, including the worker threads that
cProfile would not see, and needs no change to the engine. The raw output is kept under
var/bench-logs for a flame graph; the summary lists the functions with the most samples on
top of the stack (self) and anywhere in it (inclusive).
"""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
import sys
from pathlib import Path

FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*)\)$")


def py_spy() -> str:
    found = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if not found:
        raise RuntimeError("py-spy is not installed: pip install -r requirements-bench.txt")
    return found


def start(pid: int, output: Path) -> subprocess.Popen[bytes]:
    """Sample until the process exits; py-spy then writes ``output`` and exits itself."""
    command = [py_spy(), "record", "--pid", str(pid), "--format", "raw", "--rate", "250",
               "--function", "--nonblocking", "--output", str(output)]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def frames(line: str) -> tuple[list[str], int]:
    stack, _, count = line.rstrip().rpartition(" ")
    return [frame for frame in stack.split(";") if frame], int(count)


def is_waiting(leaf: str) -> bool:
    """A thread parked in the pool's queue or on an event: py-spy's --nonblocking mode does
    not always see those as idle."""
    return leaf.endswith(IDLE_LEAVES)


IDLE_LEAVES = ("(concurrent/futures/thread.py:69)", "(threading.py:295)", "(threading.py:331)")
OWN_CODE = "(jobs/"


def summarize(outputs: list[Path], top: int = 12) -> str:
    self_samples: collections.Counter[str] = collections.Counter()
    own_inclusive: collections.Counter[str] = collections.Counter()
    total = waiting = 0
    for output in outputs:
        if not output.exists():
            continue
        for line in output.read_text().splitlines():
            names, count = frames(line) if line.strip() else ([], 0)
            if not names:
                continue
            if is_waiting(names[-1]):
                waiting += count
                continue
            total += count
            self_samples[names[-1]] += count
            for name in set(names):
                if OWN_CODE in name:
                    own_inclusive[name] += count
    if not total:
        return "    no samples (py-spy could not attach?)"
    lines = [
        f"    {total} busy samples ({waiting} more of threads parked in the pool or on an "
        "event, left out); self time, top of stack:"
    ]
    lines += [f"    {100 * n / total:5.1f}%  {name}" for name, n in self_samples.most_common(top)]
    lines.append("    the engine's functions, inclusive:")
    lines += [f"    {100 * n / total:5.1f}%  {name}" for name, n in own_inclusive.most_common(top)]
    return "\n".join(lines)
