"""What a machine's alert tells the reader to do, when its subject names no duty of its own.

A security notice says it in a condition ("If this wasn't you, reset your password now and
sign out all other sessions"), an outage notice in a labelled line ("Fix: in your admin go to
Settings > Payments, click Reconnect"); what a machine assigns (a list of tasks, a ticket, a
term) is read in assignments.py. Each becomes one imperative item naming its object.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from digests.parsing import ParsedMessage
from digests.summarize.assignments import (
    counted_tasks,
    owned_list_items,
    step_list_items,
    subject_ask,
    term_item,
    ticket_item,
)
from digests.summarize.cues import CUED_DATE
from digests.summarize.dates import Deadline, resolve_deadline
from digests.summarize.objects import same_ask
from digests.summarize.passive_duties import ALERT_SUBJECT, must_item, unless_item
from digests.summarize.patterns import sub_named
from digests.summarize.rewrite import IMPERATIVE, action_text
from digests.summarize.sentences import new_text, split_sentences
from digests.summarize.types import MAX_ACTION_ITEMS, ActionItem, truncate

# "If this wasn't you, ...", "If you did not make this change, ...", and their kin.
_NOT_ME = re.compile(
    r"^(?:but\s+|and\s+)?(?:(?:"
    r"(?:if|in case)\s+(?:this|it|that)\s+(?:wasn'?t|was not|isn'?t|is not)\s+you|"
    r"if\s+(?:you\s+)?(?:did\s?n[o']t|didn'?t|do not|don'?t)(?:\s+(?:make|request|authori[sz]e|"
    r"initiate|recogni[sz]e|change|sign|log|perform|do|take|place|add|reset|update|attempt)\b"
    r"[^,:;]{0,60})?|if not|"
    r"(?:falls|wenn)\s+(?:sie|du)\s+[^,:;]{0,40}\bnicht\b[^,:;]{0,40}|"
    r"si\s+(?:ce n'(?:était|est) pas vous|vous n'(?:êtes|étiez) pas à l'origine[^,:;]{0,40}|"
    r"vous ne reconnaissez pas[^,:;]{0,40})|"
    r"si\s+no\s+(?:fuiste tú|has sido tú|fue usted|ha sido usted|reconoces|reconoce|"
    r"realizaste|realizó|hiciste)[^,:;]{0,40})\s*[,:]|"
    r"(?:this |it )?(?:wasn'?t|was not) you\?|not you\?)\s*",
    re.IGNORECASE,
)
# "your account may have been taken over: call the desk": the remedy after the colon.
_STATEMENT_FIRST = re.compile(r"^(?:your|the|this|someone|we)\b[^:]{3,80}:\s+", re.I)
# Said of the account's safety, not a separate step: done as part of the remedy.
_SECURING = re.compile(
    r"^(?:also\s+)?(?:change|reset|update)\s+(?:your\s+|the\s+)?password|^(?:sign|log)\s+out\b|"
    r"^end\s+(?:all\s+)?(?:other\s+)?sessions|^(?:turn on|enable)\s+(?:2fa|two|mfa|multi)|"
    r"^revoke\s+(?:all\s+)?(?:other\s+)?sessions|"
    r"^(?:check|review)\s+(?:your\s+)?(?:connected\s+|recent\s+)?(?:devices|sessions|activity)",
    re.IGNORECASE,
)
_NOISE = [
    # "on 0118 496 0300", "(or +55 19 3555-4000)": the number, not the ask.
    re.compile(r"\s*\((?:or\s+)?\+?[\d\s()-]{7,}\)|\s+(?:on|at|via)\s+\+?\d[\d\s-]{6,}\d", re.I),
    re.compile(r"\s*\([^()]*>[^()]*\)"),  # "(Settings > Account > Security)": the way there
    re.compile(
        r"\s+(?:now|immediately|right away|as soon as possible|asap|sofort|umgehend|"
        r"immédiatement|dès que possible|inmediatamente|lo antes posible|cuanto antes)(?!\w)",
        re.I,
    ),
    re.compile(r",?\s+(?:so|so that|to make sure|in order to)\s+(?:we|the|it|they|you)\b.*$", re.I),
]
_DOING = re.compile(
    rf"{IMPERATIVE.pattern}|^(?:go|click|navigate|visit|log in|sign in|secure|protect)\b", re.I
)
_AND = re.compile(r",?\s+and\s+(?:then\s+)?(?=\w)", re.IGNORECASE)
_CONTACT_US = re.compile(r"\b(contact|call|email|tell|notify) us\b", re.I)
# What a subject names that the reader should check: "New login to X from Y", "Your X was changed".
_NEW_THING = re.compile(
    r"^(?:new|unrecogni[sz]ed|unusual)\s+(?:login|log-in|sign-?in|device|session)\b.*$", re.I
)
_CHANGED = re.compile(
    r"^(?:your\s+)?(?P<what>.{3,60}?)\s+(?:was|were|has been|have been)\s+"
    r"(?P<how>changed|updated|modified|reset|removed)\b",
    re.IGNORECASE,
)
_ALERT_TAG = re.compile(r"^(?:\[[^\]]{1,40}\]\s*|(?:security )?alert\s*:\s*)+", re.I)
_HOW_NOUN = {"changed": "change to", "modified": "change to", "updated": "update to"}
_HOW_NOUN |= {"reset": "reset of", "removed": "removal of"}
_CONDITION = {
    "en": "if it wasn't you",
    "de": "falls Sie das nicht waren",
    "fr": "si ce n'était pas vous",
    "es": "si no fuiste tú",
}


def _clean(action: str) -> str:
    """The remedy without its phone numbers, menu paths, adverbs of haste and purposes."""
    for pattern in _NOISE:
        action = pattern.sub("", action)
    return action.strip(" .;,")


def _event(subject: str) -> str:
    """ "New login to X from Jakarta" -> "the new login to X from Jakarta"; "" if none."""
    subject = _ALERT_TAG.sub("", subject)
    if _NEW_THING.match(subject):
        return f"the {subject[:1].lower()}{subject[1:]}"
    if changed := _CHANGED.match(subject):
        what = re.sub(r"^(?:your|the)\s+", "", changed.group("what"), flags=re.I)
        return f"the {_HOW_NOUN[changed.group('how').lower()]} your {what}"
    return ""


def not_me_items(
    sentences: list[str], subject: str, lang: str, check: str = "", brand: str = ""
) -> list[str]:
    """ "If this wasn't you, reset your password and tell your admin" -> the item(s) it asks.

    The first step carries the condition and what to check ("Check the new login ... and
    reset your password if it wasn't you"); a step that secures the account further is part of
    it, a step that tells someone else is an item of its own. ``check`` is an item already
    found for the alert ("Check the recent activity on your Google account"), ``brand`` the
    sender's name for "contact us".
    """
    for index, sentence in enumerate(sentences):
        found = _NOT_ME.match(sentence.strip())
        if not found:
            continue
        remedy = _STATEMENT_FIRST.sub("", sentence.strip()[found.end() :], count=1)
        steps = _steps(remedy, lang, brand)
        if not steps and index + 1 < len(sentences):
            steps = _steps(sentences[index + 1], lang, brand)  # "Wasn't you? Reset ..."
        if not steps:
            return []
        first, rest = steps[0], [s for s in steps[1:] if not _SECURING.match(s)]
        changed = re.search(r"\bchange", f"{found.group(0)} {subject}", re.I)
        condition = "if you didn't make this change" if changed and lang == "en" else ""
        condition = condition or _CONDITION.get(lang, _CONDITION["en"])
        event = _event(subject) if lang == "en" else ""
        what = (check or (f"Check {event}" if event else "")) if lang == "en" else ""
        head = f"{what} and {first[:1].lower()}{first[1:]}" if what else first
        items = [f"{head} {condition}" if lang == "en" else f"{head}, {condition}"]
        items += [s for s in rest if _DOING.match(s)]
        return [truncate(i[:1].upper() + i[1:], 140) for i in items]
    return []


# "we recommend that you reset ...", "click here to secure ...": the doing after the lead.
_PRELUDE = re.compile(
    r"^(?:please\s+|we (?:strongly )?(?:recommend|suggest|advise)(?: that)?(?: you)?(?: to)?\s+|"
    r"you should\s+|you must\s+|be sure to\s+|make sure to\s+|bitte\s+|veuillez\s+|"
    r"por favor,?\s+|click (?:here|below|the (?:button|link)(?: below)?)\s+to\s+)+",
    re.IGNORECASE,
)


def _steps(remedy: str, lang: str, brand: str) -> list[str]:
    """The remedy's steps, each an imperative without the mail's asides."""
    steps = []
    for step in _AND.split(_clean(remedy)):
        step = _PRELUDE.sub("", _clean(step))
        if lang == "de":  # "sollten Sie Ihr Konto schützen", "ändern Sie bitte ..."
            step = re.sub(r"^(?:sollten|müssen)\s+sie\s+|\s+bitte\b", "", step, flags=re.I)
        if brand and lang == "en":
            step = sub_named(_CONTACT_US, brand, step)
        if step and (_DOING.match(step) or lang != "en"):
            steps.append(step)
    return steps


# "Fix: in your admin go to ...", "To resolve this, reconnect ...": the alert's own remedy.
_FIX = re.compile(
    r"^(?:fix|how to (?:fix|resolve)(?: (?:it|this))?|to (?:fix|resolve|restore) (?:this|it|the|"
    r"checkout|service)(?: \w+){0,2}|what (?:you need )?to do(?: now| next)?|solution|"
    r"next steps?|recommended action|resolution|"
    r"lösung|so beheben sie (?:das|dies)(?: problem)?|pour (?:corriger|résoudre)(?: cela| ce "
    r"problème)?|para (?:solucionarlo|resolverlo|corregirlo)|solución)\s*[:,]\s*",
    re.IGNORECASE,
)
_WHERE = re.compile(r"^(?:in|on|from|under|via)\s+(?:your|the)\s+[\w -]{1,30}?,?\s+(?=\w)", re.I)


def fix_item(sentences: list[str], lang: str = "en") -> str:
    """The instruction after "Fix:" or "To resolve this," as an item ("" when none)."""
    for sentence in sentences:
        if found := _FIX.match(sentence.strip()):
            instruction = sentence.strip()[found.end() :]
            if lang != "en":  # "Lösung: Aktualisieren Sie Ihre Zahlungsdaten."
                instruction = _PRELUDE.sub("", instruction).strip(" .")
                return truncate(instruction[:1].upper() + instruction[1:], 140)
            lead_free = _WHERE.sub("", instruction, count=1)
            instruction = lead_free if _DOING.match(lead_free) else instruction
            if click := _CLICK.match(instruction):
                instruction = _button_text(click)
            if _DOING.match(instruction) and (text := action_text(instruction)):
                return text
    return ""


# "go to Settings > Payments > PayNow Cards, click "Reconnect" and sign in": the button's verb.
_CLICK = re.compile(
    r"^go to (?P<path>[^,]{3,80}?),?\s+(?:and\s+)?click (?:on\s+)?[\"\u201c]?"
    r"(?P<button>[\w -]{2,30}?)[\"\u201d]?(?=[\s,.]|$)(?P<rest>.*)$",
    re.IGNORECASE,
)


def _button_text(click: re.Match[str]) -> str:
    """ "go to A > B, click "Reconnect" and sign in" -> "Reconnect B in A"."""
    button, rest = click.group("button"), click.group("rest")
    if not IMPERATIVE.match(button) or len(button.split()) > 2:
        return click.group(0)
    *where, thing = [p.strip() for p in re.split(r"\s*>\s*", click.group("path"))]
    place = f" in {' > '.join(where)}" if where else ""
    rest = re.sub(r"^,?\s+and\s+(?:sign|log) ?in\b.*$", "", rest, flags=re.I)
    return f"{button} {thing}{place}{rest}"


_ALERT_TAGS = re.compile(r"^(?:\[[^\]]{1,40}\]\s*|(?:alarm|alert|firing|triggered)\s*:\s*)+", re.I)
_RESOURCE = re.compile(
    r"^(?:resource|host|instance|service|affected (?:resource|host|service))\s*[:=]\s*"
    r"(?P<x>[^\s(,]{3,80})",
    re.I | re.M,
)
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_OWNER_WORDS = re.compile(
    r"\b(?:owner|on-?call|oncall|routed to|assignee|assigned|responder)\b", re.I
)


def owner_alert_item(subject: str, text: str, me: str) -> str:
    """ "Investigate <the alert> (<resource>)" when the alert names the reader its owner or
    on-call ("Routed to: prod-shared owner (priya@...)", "oncall = jonas.weber"); else ""."""
    local = me.partition("@")[0].lower()
    if len(local) < 3 or not ALERT_SUBJECT.search(subject):
        return ""
    mine = any(
        local in line.lower() and _OWNER_WORDS.search(line) for line in text.splitlines()[:60]
    )
    # "marcus.hale@" is "Marcus Hale" on the alert's "On-call assignee:" line, as its value
    if not mine and (split := re.fullmatch(r"(\w{2,})[._](\w{2,})", local)):
        named = re.compile(rf"^\s*(?:{_ON_CALL_LINE})\s*:\s*{split[1]}\s+{split[2]}\b", re.I | re.M)
        mine = bool(named.search(text)) and not _RESOLVED.search(f"{subject}\n{text[:600]}")
    if not mine:
        return ""
    what = re.sub(r"\s*\(.*$", "", _ALERT_TAGS.sub("", subject)).strip(" .:-")
    what = _HUMP.sub(" ", what)  # "ReconciliationDuplicatePostings": words to read
    if len(what) < 4:
        return ""
    resource = _RESOURCE.search(text)
    where = f" ({resource.group('x')})" if resource and resource.group("x") not in what else ""
    verb = "Acknowledge" if _ACK.search(text) else "Investigate"
    return truncate(f"{verb} {what}{where}", 140)


_ON_CALL_LINE = (
    r"(?:primary )?on-?call(?: \(primary\))?(?: assignee| engineer| responder)?|assign(?:ee|ed to)"
)
_RESOLVED = re.compile(r"\b(?:resolved|recovered|cleared)\b", re.I)
# "Acknowledge: reply ACK to this message", "... if not acknowledged": the page wants an ack.
_ACK = re.compile(r"^\s*acknowledge\s*:|\bif not acknowledged\b|\breply ack\b", re.I | re.M)


# "Please do the following immediately:" and a list: the notice's own steps, each the reader's.
_FOLLOWING = re.compile(
    r"^\s*(?:please\s+|you (?:must|need to|should)\s+)?(?:do|take|complete|follow|carry out)\s+"
    r"(?:the\s+)?following(?:\s+steps)?\b[^:\n]{0,30}:\s*$|"
    r"^\s*bitte\s+(?:führen sie|erledigen sie|beachten sie)\s+(?:die\s+)?folgende\w*"
    r"[^:\n]{0,30}:\s*$|"
    r"^\s*(?:veuillez|merci de)\s+(?:faire|effectuer|suivre)\s+(?:ce qui suit|les étapes "
    r"suivantes)[^:\n]{0,30}:\s*$|"
    r"^\s*(?:por favor,?\s+)?(?:haga|realice|siga|complete)\s+(?:lo siguiente|los siguientes "
    r"pasos)[^:\n]{0,30}:\s*$",
    re.I | re.M,
)
_STEP_LINE = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*\u2022\u2013])\s+(?P<item>\S.{4,200})$", re.M)


def following_steps(text: str, received: datetime) -> list[tuple[str, Deadline | None]]:
    """(step, its own date) for each imperative line after "Please do the following:"."""
    head = _FOLLOWING.search(text)
    if not head:
        return []
    steps: list[tuple[str, Deadline | None]] = []
    for found in _STEP_LINE.finditer(text, head.end()):
        if text[head.end() : found.start()].count("\n") > len(steps) + 2:
            break  # the list ended: later lines are the mail's footer
        step = _clean(found.group("item").strip(" ."))
        if not IMPERATIVE.match(step):
            continue
        dated = CUED_DATE.search(step)
        own = resolve_deadline(step, received) if dated else None
        step = step[: dated.start()].rstrip(" ,") if dated and dated.start() > 10 else step
        steps.append((truncate(step, 140), own))
    return steps


def _said_in(item: str, sentence: str) -> bool:
    """The item was rewritten from this sentence: all its words are the sentence's."""
    words = set(re.findall(r"[^\W\d_]{3,}", item.lower()))
    return bool(words) and words <= set(re.findall(r"[^\W\d_]{3,}", sentence.lower()))


def alert_items(
    items: list[ActionItem],
    message: ParsedMessage,
    duty: tuple[str, str],
    when: tuple[datetime, Callable[[], Deadline | None]],
    lang: str,
    me: str = "",
) -> list[ActionItem] | None:
    """The items a machine's alert or notice asks for in its text; None when it asks none.

    ``items`` are the asks read sentence by sentence (buttons already dropped), ``duty`` the
    (kind, item) the subject named, ``me`` the reader's address. An alert about something
    happening now is due the day it arrives. ``when``: the arrival, what reads the nearest date.
    """
    received, first = when
    kind, duty_text = duty
    today = Deadline(received.date())
    text = new_text(message)
    sentences = split_sentences(text)[:40]
    subject, topic = message.subject, _topic(message.subject)
    check = duty_text if kind == "security" else ""
    brand = message.from_name.split(" via ")[-1].split()[0] if message.from_name.strip() else ""
    if found := not_me_items(sentences, subject, lang, check, brand):
        at = next(n for n, s in enumerate(sentences) if _NOT_ME.match(s.strip()))
        source = " ".join(sentences[at : at + 2])  # the condition and the sentence after it
        rest = [i for i in items if not _said_in(i.text, source)]
        return [ActionItem(t, today.due) for t in found] + rest
    found_items: list[tuple[str, Deadline | None]] = []
    if listed := owned_list_items(text):  # the list names each task the subject sums up
        found_items = [(t, resolve_deadline(topic, received) or first()) for t in listed]
    elif counted := counted_tasks(text):  # "You have 3 tasks:", each due on its own date
        found_items = [(t, resolve_deadline(f"due {d}", received) or first()) for t, d in counted]
    elif (steps := step_list_items(text)) and not kind:  # "Recommended steps:" and its list
        found_items = [(t, first() or today) for t in steps]
    elif (dated_steps := following_steps(text, received)) and not kind:
        found_items = [(t, own or first() or today) for t, own in dated_steps]
    elif kind:
        return None  # the subject's duty says it
    elif ticket := ticket_item(subject, text[:900], lang):
        found_items = [(ticket, first() or today)]
    elif fix := fix_item(sentences, lang):
        found_items = [(fix, first() or today)]
    elif items:
        return None  # the mail's own asks say it
    elif ask := subject_ask(subject):
        found_items = [(ask, resolve_deadline(topic, received) or first())]
    elif must := must_item(sentences, subject) or unless_item(sentences):
        stated = resolve_deadline(must[1], received)
        found_items = [
            (must[0], stated or first() or (today if ALERT_SUBJECT.search(subject) else None))
        ]
    elif alert := owner_alert_item(subject, text, me):
        found_items = [(alert, today)]
    else:
        term, due = term_item(sentences, topic, received)
        found_items = [(term, Deadline(due) if due else None)] if term else []
    if not found_items:
        return None
    new = [ActionItem(t, d.due if d else None, d.time if d else None) for t, d in found_items]
    texts = [i.text for i in new]
    rest = [i for i in items if not same_ask(i.text, texts)]
    return (new + rest)[:MAX_ACTION_ITEMS]


def _topic(subject: str) -> str:
    """The subject without its reply prefixes and tags."""
    prefix = r"^(?:(?:re|fwd?|aw|wg|tr|rv)\s*:\s*|\[[^\]]{1,40}\]\s*)+"
    return re.sub(prefix, "", subject, flags=re.I)
