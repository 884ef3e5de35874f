"""``python -m fakegoogle --port 8765 [--mailbox demo@example.com]``: the demo's Google."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from fakegoogle.mailbox import DEMO_EMAIL
from fakegoogle.server import serve
from fakegoogle.state import FakeGoogle


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m fakegoogle",
        description="Serve a fake Google (OAuth and Gmail API) on loopback, for the GDA demo.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="loopback address (default %(default)s)"
    )
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument(
        "--mailbox",
        action="append",
        metavar="EMAIL",
        help=f"account to create with the demo mailbox (repeatable; default {DEMO_EMAIL})",
    )
    parser.add_argument(
        "--auto-consent",
        choices=["allow", "deny"],
        help="skip the consent screen and answer for the user",
    )
    parser.add_argument(
        "--latency",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait this long before answering each request (a batch once), e.g. 0.05",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    fake = FakeGoogle(auto_consent=args.auto_consent, latency=max(0.0, args.latency))
    for email in args.mailbox or [DEMO_EMAIL]:
        fake.load_demo_mailbox(email)
    try:
        running = serve(fake, host=args.host, port=args.port)
    except (ValueError, OSError) as exc:
        print(f"fakegoogle: {exc}", file=sys.stderr)
        return 2
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"fakegoogle serving {running.base_url}", flush=True)
    for account in fake.accounts:
        count = len(account.mailbox.messages)
        print(f"  account {account.email}: {count} messages", flush=True)
    while not stopping.wait(0.5):
        pass
    running.stop()
    print("fakegoogle stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
