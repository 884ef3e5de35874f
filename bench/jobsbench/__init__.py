"""Side-by-side benchmark of the jobs engine against the Python job queues people compare it with.

Run it with ``.venv/bin/python bench/jobs.py`` (see ``--help``). The orchestrator in
:mod:`bench.jobsbench.main` starts one driver process per database (:mod:`.driver`), because a
Django process is bound to one default database; each driver starts the workers of every
system through :mod:`.launch`, which imports everything first and waits for a "go" line, so
interpreter and Django start-up are excluded from every system's time alike.
"""
