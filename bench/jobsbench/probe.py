"""The start-time probe every system's latency job calls first thing.

A UDP datagram on loopback carries the start time to the driver, which blocks in recv and
so takes no CPU from the workers while it waits (a polled file or table would).
"""

from __future__ import annotations

import os
import socket
import time


def report_start(key: str) -> None:
    started = time.time()
    port = int(os.environ["BENCH_PROBE_PORT"])
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.sendto(f"{key} {started!r}".encode(), ("127.0.0.1", port))
