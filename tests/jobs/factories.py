import factory
from django.utils import timezone

from jobs.models import Job
from jobs.transitions import Status
from tests.accounts.factories import UserFactory


class JobFactory(factory.django.DjangoModelFactory):
    """A one-off job of a test type, due now; pass ``schedule=`` for a recurring one."""

    class Meta:
        model = Job

    user = factory.SubFactory(UserFactory)
    type = "test.noop"
    payload = factory.LazyFunction(dict)
    status = Status.PENDING
    next_run = factory.LazyFunction(timezone.now)


class DeadJobFactory(JobFactory):
    status = Status.DEAD
    retry_count = 10
    last_error = "RuntimeError: the handler failed ten times"
    last_traceback = 'Traceback (most recent call last):\n  File "handler.py"\nRuntimeError'
