import pytest

from jobs.models import Job
from jobs.transitions import Status
from tests.jobs.factories import DeadJobFactory, JobFactory

pytestmark = pytest.mark.django_db


def test_job_factory_makes_a_due_one_off_job():
    job = JobFactory()
    assert Job.objects.get(pk=job.pk).status == Status.PENDING
    assert not job.is_recurring


def test_two_one_off_jobs_of_one_user_and_type_are_refused_by_the_database():
    from django.db import IntegrityError, transaction

    job = JobFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        JobFactory(user=job.user)


def test_dead_job_factory_carries_a_readable_error():
    job = DeadJobFactory(schedule="0 8 * * *")
    assert job.is_recurring
    assert (job.status, job.retry_count) == (Status.DEAD, 10)
