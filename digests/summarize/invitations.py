"""Questions that invite: "Would you like to come for a day or two?", "Would you have 30
minutes sometime?". Each is answered, yes or no or with a time, so the item says to answer.
"""

from __future__ import annotations

import re

# "Would you like to come for a day or two?": an invitation, answered yes or no.
_INVITED = re.compile(
    r"^(?:would|do) you (?:like|want|fancy|care) to (?=(?:come|join|attend|speak|present|"
    r"take part|participate|be (?:part of|on|there|involved)|sit on|serve on|visit|stop by|"
    r"drop by|come along)\b)",
    re.IGNORECASE,
)
# "Would you have 30 minutes sometime in the next few weeks?": a time for a call.
_HAVE_TIME = re.compile(
    r"^(?:would|do|will|might) you have (?:a spare |a free |)(?:(?P<n>\d+|ten|fifteen|twenty|"
    r"thirty|forty-five|sixty)[ -]?(?:minutes?|mins?)|(?P<hour>an|half an) hour)\b",
    re.IGNORECASE,
)
_NUMBERS = {"ten": "10", "fifteen": "15", "twenty": "20", "thirty": "30", "forty-five": "45"}
_HOUR = {"an": "60", "half an": "30"}


def invitation(clause: str, who: str) -> str:
    """An invitation or a request for time as what the reader answers ("Tell Tobias whether
    you'd like to come ...", "Reply to Ken with a time for a 30-minute call"), else ``clause``."""
    if invited := _INVITED.match(clause):
        return f"Tell {who} whether you'd like to {clause[invited.end() :]}"
    if slot := _HAVE_TIME.match(clause):
        n = slot.group("n").lower() if slot.group("n") else _HOUR[slot.group("hour").lower()]
        return f"Reply to {who} with a time for a {_NUMBERS.get(n, n)}-minute call"
    return clause
