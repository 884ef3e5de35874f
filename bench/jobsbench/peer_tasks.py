"""The no-op and probe tasks of the Django-based peers (django-tasks-db and django-q2)."""

from __future__ import annotations

from django_tasks import task

from bench.jobsbench.probe import report_start


@task()
def tasks_noop(user_id: int) -> None:
    """One digest's worth of queue work with nothing inside: what is left is the queue's cost."""


@task()
def tasks_probe(key: str) -> None:
    report_start(key)


def q_noop(user_id: int) -> None:
    """django-q2 takes plain functions by dotted path."""


def q_probe(key: str) -> None:
    report_start(key)
