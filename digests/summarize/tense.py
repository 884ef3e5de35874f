"""Whether a date phrase tells what happened: "we met on Monday", "I immediately thought"."""

from __future__ import annotations

import re

from digests.summarize.sentences import Caseless

# Before a weekday, words that put it in the past: "we met on Monday", "down since Friday".
_PAST_BEFORE = re.compile(
    r"(?:\b(?:last|past|since|ago|vergangen\w*|vorige[mnr]?|"
    r"thanks? (?:you )?for (?:the|your)\b[^.,;]{0,25}|"
    # "Following our chat on Friday", "as discussed in the call on Monday": it happened
    r"(?:following|further to|as discussed|as agreed|per) (?:in |at |during )?(?:our|the|your|"
    r"my)\b[^.,;]{0,25}|"
    r"(?:met|was|were|had|did|said|told|went|spoke|saw|got|came|left|"
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\byour )(?<!\bour )(?<!\bmy )(?<!\bthis )"
    r"(?!(?:need|requir|expect|schedul|plann|book|mov|push|postpon|reschedul|extend|set|"
    r"block|reserv|fix|lock|due|target|aim|slat|confirm|propos|suggest)ed)\w{3,}ed|"
    # "el enlace que creaste el lunes", "lo enviaron el viernes": the Spanish preterite;
    # "j'ai parlé à Karim ce matin": the French perfect
    r"\w{2,}(?:aste|iste|aron|ieron)|(?:j'ai|on a|nous avons|il a|elle a|tu as|vous avez) "
    r"\w+[éiu]e?s?)\b"
    r"(?:\s+(?!(?:for|to|until|till|by|before|next|this|on)\b)[\w'-]+){0,3}))\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_PAST_BEFORE = Caseless(_PAST_BEFORE)  # only where it starts is read: lower-cased, faster

EARLIER_TODAY = re.compile(
    r"today|this (?:morning|afternoon)|heute|aujourd'hui|ce matin|hoy|esta mañana", re.I
)
# After "immediately", "sofort": a verb in the past tense tells what happened.
_NARRATED = re.compile(
    r"\s+(?:[a-z]{3,}ed|thought|knew|saw|went|got|took|came|felt|made|said|told|wrote|"
    r"sent|found|began|ran|fell|rang|spotted|noticed)\b",
    re.IGNORECASE,
)
AT_ONCE = re.compile(
    r"immediately|sofort|immédiatement|tout de suite|de inmediato|right away|straight away|"
    r"at once|ya mismo|sur-le-champ|umgehend",
    re.I,
)
_PERFECT = re.compile(
    r"\b(?:had|was|were|habe|hat|hatte|hatten|haben|war|ai|as|a|avons|avez|ont|avait|he|has|"
    r"ha|hemos|han|había)\s+$",
    re.IGNORECASE,
)


def narrated(before: str, text: str, match: re.Match[str]) -> bool:
    """ "We immediately rolled back", "ich habe sofort an dich gedacht": it happened."""
    told = _SUBJECT.search(before[-12:]) and _NARRATED.match(text, match.end())
    return bool(told or _PERFECT.search(before[-16:]))


_SUBJECT = re.compile(r"\b(?:i|we|he|she|they|it)\s+$", re.IGNORECASE)

_FUTURE = re.compile(r"\b(will|'ll|shall|going to|to be|be|until|till|by|before|from)\b", re.I)


def in_the_past(before: str) -> bool:
    """What comes before a weekday puts it in the past ("met on", not "will be paused on")."""
    match = _PAST_BEFORE.search(before)
    return match is not None and not _FUTURE.search(before[max(0, match.start() - 12) :])
