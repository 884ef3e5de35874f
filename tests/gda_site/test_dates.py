"""How long ago, in words: ``gda_site.dates.ago`` and the ``ago`` filter."""

import datetime as dt

import pytest
from django.template import Context, Template

from gda_site.dates import ago

NOW = dt.datetime(2026, 12, 4, 14, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("before", "said"),
    [
        (dt.timedelta(0), "just now"),
        (dt.timedelta(seconds=59), "just now"),
        (dt.timedelta(seconds=-5), "just now"),  # another machine's clock runs a little ahead
        (dt.timedelta(minutes=1), "1\xa0minute ago"),
        (dt.timedelta(hours=2, minutes=3), "2\xa0hours, 3\xa0minutes ago"),
    ],
)
def test_ago_says_just_now_within_a_minute_else_how_long(before, said):
    assert ago(NOW - before, now=NOW) == said


def test_the_filter_counts_from_the_moment_given():
    template = Template("{% load site_dates %}{{ then|ago:now }}")
    shown = template.render(Context({"then": NOW - dt.timedelta(seconds=20), "now": NOW}))
    assert shown == "just now"


@pytest.mark.parametrize(
    ("before", "said"),
    [
        (dt.timedelta(0), "less than a minute"),
        (dt.timedelta(seconds=30), "less than a minute"),
        (dt.timedelta(minutes=5), "5\xa0minutes"),
    ],
)
def test_how_long_a_job_has_waited_is_never_zero_minutes(before, said):
    template = Template("{% load site_dates %}{{ then|waited:now }}")
    assert template.render(Context({"then": NOW - before, "now": NOW})) == said
