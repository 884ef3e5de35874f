"""Fault-injected soak: ``.venv/bin/python bench/soak.py [--short] [--users N] ...``.

A compressed day of digests for N people against the fake Google (latency, 500s, 429s,
revoked tokens, hostile and late mail) with four ``runscheduler`` processes on PostgreSQL,
one SIGKILLed every 30 s, and an SMTP sink that drops 2% of connections after DATA; prints
the table of what was due, built, sent, lost and doubled. See bench/soakbench/ and
bench/README.md.
"""

import sys
from pathlib import Path

# Run as a script, bench/ is first on the path and would shadow the project's apps.
ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

if __name__ == "__main__":
    from bench.soakbench.main import main

    main()
