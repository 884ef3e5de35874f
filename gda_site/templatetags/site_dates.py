"""``{{ moment|day_time }}``, ``|day``, ``|clock``, ``|moment``, ``|ago``, ``|waited``: dates in
the house format (gda_site.dates), in the zone the template is rendered in. Any app's templates
may load them, the staff admin's included; ``digest_dates`` adds the digest's own filter."""

from __future__ import annotations

import datetime as dt

from django import template

from gda_site import dates

register = template.Library()


# expects_localtime: Django hands over an aware value already in the active zone (or as it
# stands under {% localtime off %}, as for a time read in its schedule's own zone).
@register.filter(expects_localtime=True)
def day_time(value: dt.datetime | None) -> str:
    """ "Fri 4 Dec 2026, 15:00"; empty for no value."""
    return dates.day_time(value, value.tzinfo) if isinstance(value, dt.datetime) else ""


@register.filter(expects_localtime=True)
def day(value: dt.date | None) -> str:
    """ "Fri 4 Dec 2026"; empty for no value."""
    return dates.day(value) if isinstance(value, dt.date) else ""


@register.filter(expects_localtime=True)
def clock(value: dt.datetime | dt.time | None) -> str:
    """ "15:00"; empty for no value."""
    if isinstance(value, dt.datetime):
        return dates.clock(value, value.tzinfo)
    return dates.clock(value) if isinstance(value, dt.time) else ""


@register.filter(name="moment", expects_localtime=True)
def moment_filter(value: dt.datetime | None) -> str:
    """ "15:00" today, else "Sat 5 Dec 2026, 15:00"; empty for no value."""
    return dates.moment(value, value.tzinfo) if isinstance(value, dt.datetime) else ""


@register.filter(name="waited")
def waited_filter(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """ "less than a minute", else "5 minutes", counted to ``now`` if given; empty for no value."""
    return dates.waited(value, now) if isinstance(value, dt.datetime) else ""


@register.filter(name="ago")
def ago_filter(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """ "just now", else "5 minutes ago", counted to ``now`` if given; empty for no value."""
    return dates.ago(value, now) if isinstance(value, dt.datetime) else ""
