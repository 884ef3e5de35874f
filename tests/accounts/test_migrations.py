"""accounts/0004: the retired "paused by us" column is gone, after the schedules read it."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from accounts.models import GoogleAccount

pytestmark = pytest.mark.django_db

DROP = ("accounts", "0004_drop_digests_paused_by_us")


def test_the_column_is_gone_from_the_table():
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(
            cursor, GoogleAccount._meta.db_table
        )
    assert "digests_paused_by_us" not in {c.name for c in columns}
    assert "status" in {c.name for c in columns}


def test_the_schedules_migration_reads_it_before_it_is_dropped():
    graph = MigrationLoader(connection).graph
    assert ("digests", "0007_schedules") in graph.forwards_plan(DROP)
