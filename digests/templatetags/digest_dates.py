"""``{{ moment|day_time }}``, ``|day``, ``|clock``, ``|moment``: dates as every page and email
writes them (the site's ``site_dates`` filters, gda_site.dates), in the zone the template is
rendered in; and ``|house_dates`` for the analyzer's dates in stored text."""

from __future__ import annotations

import datetime as dt

from django import template

from digests.render import dates
from gda_site.templatetags import site_dates

register = template.Library()
# The site's filters under their own names, flags (expects_localtime) and all.
register.filters.update(site_dates.register.filters)


@register.filter
def house_dates(text: str, near: dt.datetime | dt.date | None) -> str:
    """Stored text (an overview) with the analyzer's dates in the house format; ``near`` is
    the digest's end, whose year the dates are read near."""
    if isinstance(near, dt.datetime):
        near = dates.local(near).date()
    return dates.house_dates(str(text), near) if isinstance(near, dt.date) else text
