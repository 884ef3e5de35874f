"""Fixtures for the jobs tests. The test job types live in ``procapp/jobs.py`` so that the
scheduler processes started by the tests (``processes.py``) know them too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model

import tests.jobs.procapp.jobs  # noqa: F401  (registers the test.* job types)
from jobs.models import Job


@pytest.fixture
def make_users() -> Callable[[int], list[Any]]:
    """Users without password hashing: the jobs tests need rows, not logins."""
    User = get_user_model()
    counter = iter(range(1_000_000))

    def make(count: int) -> list[Any]:
        start = next(counter) * 100_000
        users = [User(email=f"user{start + i}@example.com") for i in range(count)]
        User.objects.bulk_create(users, batch_size=1000)
        return list(User.objects.filter(email__in=[u.email for u in users]).order_by("pk"))

    return make


@pytest.fixture
def user(make_users: Callable[[int], list[Any]]) -> Any:
    return make_users(1)[0]


@pytest.fixture
def record_file(tmp_path: Any) -> Any:
    return tmp_path / "runs.log"


def runs(path: Any) -> list[tuple[str, str, str]]:
    """(job id, pid, event) for every line a test handler recorded."""
    if not path.exists():
        return []
    return [tuple(line.split()) for line in path.read_text().splitlines()]  # type: ignore[misc]


def reload(job: Job) -> Job:
    return Job.objects.get(pk=job.pk)


@pytest.fixture
def staff_client(client: Any) -> Any:
    """The test client signed in as a superuser, for the admin pages."""
    staff = get_user_model().objects.create(
        email="staff@example.com", is_staff=True, is_superuser=True
    )
    client.force_login(staff)
    return client
