"""Jobs engine benchmark: ``.venv/bin/python bench/jobs.py [--jobs 5000] [--repeat 3] ...``.

Drain throughput, claim-loop cost with idle future jobs and enqueue-to-start latency, beside
procrastinate, django-tasks-db and django-q2 in the same run. See bench/jobsbench/.
"""

import sys
from pathlib import Path

# Run as a script, bench/ is first on the path, and this very file would shadow the `jobs`
# app for every import below: put the project first instead.
ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

if __name__ == "__main__":
    from bench.jobsbench.main import main

    main()
