"""The signals urgency is judged on, one number each, every one of them meaning something.

How far the nearest deadline is (hours from when the digest is built), who asks (a person or a
machine; the reader directly, in copy or through a list), what happens otherwise ("will be
suspended", "blocked on"), whose it is ("you're on call", "your account"), and what kind of
mail it is (marketing pressure, automatic reply, receipt, recruiter, someone else's CI).
The model in ``model.py`` weighs them; the names here are its feature names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from digests.parsing import ParsedMessage
from digests.summarize.authenticity import READ_CHARS, Authenticity, is_sister
from digests.summarize.dates import Deadline
from digests.summarize.envelope import RSVP, is_auto_reply, method, starts_within
from digests.summarize.mail_kinds import MARKETING, RECEIPT, RECRUITER, SALES_PRESSURE, TRIAL
from digests.summarize.notices import OWED, mentions
from digests.summarize.people import RECEIVING_AS_OWNER, in_bulk
from digests.summarize.sentences import cues_of, for_yes_or_no, lowered, new_text
from digests.summarize.types import ActionItem, SummaryContext

_URGENT = re.compile(
    r"\b(urgent|urgently|asap|a\.s\.a\.p|emergency|"
    # "I immediately thought of you", "immediately after the offsite": no hurry in those.
    r"immediately(?! (?:thought|after|before|following|afterwards))|right away|time[- ]sensitive|"
    r"critical|p0|p1|sev ?[12]|dringend|sofort|urgente|urgence)\b",
    re.IGNORECASE,
)
_NOW = re.compile(
    r"\b(right now|right away|as we speak|at the moment|currently (down|exposed|failing|"
    r"broken|public)|since (this morning|an hour|\d+ ?(min|minutes|hours))|still (down|failing|"
    r"exposed|public)|gerade|en ce moment|ahora mismo|en este momento)\b",
    re.IGNORECASE,
)
_CONSEQUENCE = re.compile(
    r"\b(suspend\w*|downgrad\w*|lapse\w*|expir\w*|will be (deleted|closed|cancell?ed|locked|"
    r"removed|disabled|shut)|shut ?down|terminat\w*|blocked( on)?|blocking|breach\w*|"
    r"exposed|leak\w*|outage|is down|went down|are down|failing|failed|declined|overdue|"
    r"past due|at risk|penalt\w*|late fee|lose|miss the|no longer|abgelaufen|échec|fallido|"
    r"overbooked|cancell?ed|annul\w*|storniert|cancelad[oa])\b",
    re.IGNORECASE,
)
_OWNERSHIP = re.compile(
    r"\b(you'?re on[- ]call|you are on[- ]call|on[- ]call|you own|you'?re the owner|owner:|"
    r"assigned to you|your (account|domain|service|card|subscription|workspace|team|store|"
    r"repo|repository|cluster|database|server|site|certificate|commit|pr|pull request|branch|"
    r"payment|invoice|approval|review|sign-?off)|you'?re the registrant|you triggered|"
    r"(last )?modified by you|you are the owner|"
    r"(job|script|pipeline|integration|sync|export|import|migration|report|workflow|feed) "
    r"(that )?you (set up|built|wrote|configured|deployed|maintain|created)|"
    # the same said the other way round: "you set up this pipeline, so could you look?"
    r"you (set up|built|wrote|configured|maintain|created) (this|that|the|our) (\w+ )?(job|"
    r"script|pipeline|integration|sync|export|import|migration|workflow|feed|dashboard|build)|"
    r"your direct reports|as (the )?(approver|owner|registrant|admin)|votre compte|"
    r"ihr konto|dein konto|su cuenta|tu cuenta|owned by you|you(?:'re| are) (?:listed as )?"
    r"(?:the )?owner|dont vous êtes (?:le |la )?propriétaire|deren eigentümer(?:in)? sie sind|"
    r"del que es propietari[oa])\b",
    re.IGNORECASE,
)
_SECURITY = re.compile(
    r"\b(new sign-?in|new login|sign-?in attempt|login attempt|password (was )?changed|"
    r"unusual (activity|sign-?in)|security alert|suspicious (activity|sign-?in)|"
    r"2-step|two-factor|access key|secret (was )?(detected|exposed)|credentials? exposed|"
    r"alerte de sécurité|nouvelle connexion|neue anmeldung|sicherheitswarnung|compromised|"
    r"unauthori[sz]ed ?access|credential (misuse|exfiltration|compromise)|exfiltrat\w*|"
    r"alerta de seguridad|nuevo inicio de sesión|"
    # what a genuine alert tells the reader to check: "if this wasn't you"
    r"if (this|that|it) (wasn'?t|was not) you|if you did(n'?t| not) (make|do|request|"
    r"authori[sz]e|recogni[sz]e) (this|that|it)|new device|"
    r"(token|api key|secret|password|credentials?)\b[^.\n]{0,60}\b(found|exposed|leaked|"
    r"published|revoked)|si ce n'(était|est) pas vous|nouvel appareil|si no (fuiste|has sido) "
    r"tú|nuevo dispositivo|wenn sie (das|dies) nicht (waren|selbst)|neues gerät)\b",
    re.IGNORECASE,
)
_NO_RUSH = re.compile(
    r"\b(no rush|no hurry|no urgency|not urgent|whenever (you|works)|when you get a chance|"
    r"when you have (a|some) (minute|moment|time)|in the coming weeks|keine eile|"
    r"pas d'urgence|rien ne presse|sin prisa|no corre prisa|low priority)\b",
    re.IGNORECASE,
)
_FYI = re.compile(
    r"\b(fyi|for your information|heads[- ]up|just so you know|no action (needed|required)|"
    r"nothing (for you )?to do|for your records|zur info|pour info|para tu información)\b",
    re.IGNORECASE,
)
_CI = re.compile(
    r"\b(build|pipeline|workflow|ci|check(s)?|job|run|deploy(ment)?)\b[^.\n]{0,40}"
    r"\b(failed|failing|broken|errored)\b",
    re.IGNORECASE,
)
_RELAYED = re.compile(
    r"\b(requested your review|review requested|requested changes|mentioned you|"
    r"assigned (this|it|an? (issue|task|ticket)|the (issue|ticket)|[a-z][a-z0-9]*-\d+|#\d+)? ?"
    r"to you|"
    r"asked you|needs your review|"
    r"code ?owner review)\b",
    re.IGNORECASE,
)
# A live problem the reader answers for: the alert in the subject, their duty in the text.
_LIVE_SUBJECT = re.compile(
    r"\b(firing|triggered|incident|alert|critical|outage|is down|error rate|spike|"
    r"sev ?[12]|p[12])\b",
    re.IGNORECASE,
)
_ON_DUTY = re.compile(
    r"\b(on[- ]call|you'?re (the )?(primary|secondary)|you are (the )?(primary|secondary)|"
    r"escalated to you|paging you|you own|you'?re the owner|"
    r"your (service|team's service|cluster|database|program|deployment))\b",
    re.IGNORECASE,
)
# A monitoring alert paging the reader: "[FIRING]", "incident triggered", "you are on call".
_ALERT = re.compile(
    r"\b(firing|triggered|incident|paged|page|alert|error spike|spike in errors|sev ?[12]|p[12])\b",
    re.IGNORECASE,
)
_ANNOUNCE = re.compile(
    r"\b(all[- ]hands|everyone|all staff|team-wide|company-wide|town ?hall|(dear|hi|hello) "
    r"(all|team|colleagues)|liebe kolleg\w*|chers collègues|bonjour à tous|hola a todos|"
    r"estimad[oa]s compañer[oa]s)\b",
    re.I,
)

_OWNER_NAMED = re.compile(
    r"\b(?:owner|owned by|propriétaire|eigentümer|propietario)\s*[:=]?\s*<me>", re.IGNORECASE
)

# "the domain expires in 25 hours": something lapses a count of hours after the mail was sent.
_IN_HOURS = re.compile(
    r"\b(?:expir\w*|lapses?|ends?|suspended|deleted|downgraded|disabled|paused|locked|"
    r"cancell?ed|läuft|expire|caduca|vence|runs? out|reach(?:es)? [$€£]?0(?:[.,]00)?)"
    r"(?!\w)[^.\n]{0,30}?\b(?:in|within|dans|en|in den nächsten|innerhalb von) "
    r"(?:the next |les |las próximas )?(?:about |around |approximately |roughly |~)?(\d{1,2}) ?"
    r"(?:hours|hrs|h|heures|horas|stunden)\b",
    re.IGNORECASE,
)
# A tool's list mail that is about the reader's own work: "you are receiving this because you
# are the committer".
_APPROVAL = re.compile(
    r"\b(?:requires|awaiting|needs|waiting for) your approval|\bapproval (?:required|request)",
    re.IGNORECASE,
)
STALE_HOURS = -36  # a date this far behind the digest is old news, not an emergency
# The rubric's own edges: within about a day is urgent, within the week high, later medium.
# Finer buckets fitted our corpus better and new mail worse.
DEADLINE_BUCKETS = (
    (0, "overdue"),
    (26, "26h"),
    (7 * 24 + 12, "7d"),
)


def deadline_hours(deadlines: Sequence[Deadline], ctx: SummaryContext) -> float | None:
    """Hours from the digest to the nearest deadline (negative when just past; None if none).

    Dates long past (more than ``-STALE_HOURS`` hours) count as no deadline at all.
    """
    hours = [(d.moment(ctx.zone) - ctx.now).total_seconds() / 3600 for d in deadlines]
    live = [h for h in hours if h >= STALE_HOURS]
    return min(live) if live else None


def _bucket(hours: float | None) -> str:
    if hours is None:
        return "none"
    for limit, name in DEADLINE_BUCKETS:
        if hours <= limit:
            return name
    return "later"


def compute_signals(
    message: ParsedMessage,
    items: Sequence[ActionItem],
    ctx: SummaryContext,
    authenticity: Authenticity,
    extra_deadlines: Sequence[Deadline] = (),
    *,
    machine: bool = False,
    read_nearest_date: Callable[[], Deadline | None] = lambda: None,
) -> dict[str, float]:
    """Feature name -> value (mostly 0/1) for one message.

    ``read_nearest_date`` reads the nearest date the mail names; it is called only when no
    ask's own date decides (reading every sentence's date is the costly part).
    """
    # Every pattern here is matched on lower-cased text without re.IGNORECASE: the same
    # answers, two to six times faster (see the end of the module).
    text = f"{message.subject}\n{new_text(message)[:READ_CHARS]}".lower()
    subject = message.subject.lower()
    body = new_text(message).lower()
    invitation = message.calendar is not None and message.calendar.method not in {"CANCEL", "REPLY"}
    auto_reply = is_auto_reply(message)
    automated = (machine and not invitation) or auto_reply
    # Calendar mail (invitations, cancellations, agendas) names dates, not trouble.
    calendar = message.calendar is not None or message.from_address.lower().startswith(
        "calendar-notification@"
    )
    obligation = automated and bool(_OWED.search(text))  # every signal reading it is a machine's
    # Each pattern is searched once, however many signals read it.
    consequence, ownership = bool(_CONSEQUENCE.search(text)), _found(_OWNERSHIP, text)
    # "(owner: lan.nguyen@...)": the reader's own address named as the owner.
    ownership = ownership or bool(ctx.me and _found(_OWNER_NAMED, text.replace(ctx.me, " <me> ")))
    security, receipt = _found(_SECURITY, text), _found(RECEIPT, text)
    marketing, trial = _found(MARKETING, text), _found(TRIAL, text)
    ci = _found(_CI, text)
    deadlines = [Deadline(i.due, i.time) for i in items if i.due] + list(extra_deadlines)
    nearest = functools.cache(read_nearest_date)
    handle = ctx.me.partition("@")[0]
    # Cheap tests first: the patterns run only where their answer counts.
    relayed = automated and (
        _found(_RELAYED, text)
        or bool(handle and f"@{handle}" in text)
        or mentions(new_text(message), ctx.me)
    )
    machine_duty = automated and (items or obligation) and not relayed
    if not deadlines and machine_duty and (dated := nearest()):
        # "payment failed ... paused at 23:59 today". A person's undated ask stays undated,
        # also through a tool: item_dates already weighed the mail's dates ("No rush" after
        # "came in today").
        deadlines = [dated]
    hours = deadline_hours(deadlines, ctx)
    nearest_date = nearest() if hours is None or relayed else None
    mail_hours = deadline_hours([nearest_date], ctx) if nearest_date else None
    me = ctx.me
    direct = message.addressed_to(me) if me else "to"
    recipients = len(message.to) + len(message.cc)
    who = "auto" if automated else "person"
    announced = (recipients > 8 or direct == "") and bool(_ANNOUNCE.search(text))
    bucket = _bucket(hours)
    mine = me.rpartition("@")[2]
    sender_domain = message.from_address.lower().rpartition("@")[2]
    # "acme.com" writing to "acme.ch": the same company in another country
    same_org = bool(me) and (sender_domain == mine or is_sister(sender_domain, mine))
    # Sent in bulk: a list, or mail that offers an unsubscribe link (promotions, newsletters).
    mass = in_bulk(message, me)
    bulk = mass or "list-unsubscribe" in message.headers
    # A machine telling the reader that something of theirs breaks: how soon (read only then).
    trouble = automated and direct == "to" and not bulk and not trial and not marketing
    trouble = trouble and not calendar and (obligation or consequence)
    soon = hours if hours is not None else mail_hours  # the ask's own date comes first
    if trouble and (counted := _IN_HOURS.search(text)):
        left = float(counted.group(1)) - (ctx.now - message.received_at).total_seconds() / 3600
        soon = left if soon is None else min(soon, left)
    s: dict[str, float] = {
        "bias_person": float(not automated),
        f"deadline_{bucket}": 1.0,
        # The nearest date the mail names at all, asked for or not: "la reunión es mañana".
        **({f"{who}_mail_date_{_bucket(mail_hours)}": 1.0} if hours is None else {}),
        f"{who}_asks_{min(len(items), 2)}": 1.0,
        "automated": float(automated),
        "from_me": float(bool(me) and message.from_address.lower() == me),
        "auto_obligation": float(automated and obligation and direct == "to"),
        "auto_obligation_listed": float(automated and obligation and mass),
        "auto_receipt": float(automated and not obligation and receipt),
        # A machine telling the reader that something of theirs breaks within the day.
        "auto_trouble_soon": float(trouble and soon is not None and soon <= 30),
        "mass_mail": float(mass),
        "auto_reply": float(auto_reply),
        "to_me": float(direct == "to"),
        "cc_me": float(direct == "cc"),
        "not_addressed": float(direct == "" and bool(me)),
        "many_recipients": float(recipients > 8),
        "urgent_subject": float(_found(_URGENT, subject)),
        "urgent_text": float(_found(_URGENT, body)),
        "happening_now": float(_found(_NOW, text)),
        "consequence": float(consequence),
        "ownership": float(ownership),
        "consequence_owned": float(consequence and ownership),
        "security_alert": float(security),
        "security_genuine": float(security and authenticity.auth_passed),
        # The rubric's urgent case: an authenticated alert about the reader's own account.
        "own_account_alert": float(
            security
            and authenticity.auth_passed
            and direct == "to"
            and (not mass or bool(RECEIVING_AS_OWNER.search(body)))
        ),
        "marketing": float(marketing),
        "trial_upsell": float(trial),
        # A machine selling an upgrade before a trial or plan runs out: pressure, no obligation.
        "auto_upsell": float(automated and trial and marketing),
        # A machine selling: "your 40% discount expires tonight" is pressure, not a deadline.
        # (not an approval request naming an early-payment discount)
        "auto_marketing": float(
            automated and _found(SALES_PRESSURE, text) and not _APPROVAL.search(subject)
        ),
        "no_rush": float(_found(_NO_RUSH, text)),
        "fyi": float(_found(_FYI, text)),
        "receipt": float(receipt),
        # Outreach from outside the reader's organisation, not an answer in a thread of theirs.
        "recruiter": float(
            not same_org
            and "in-reply-to" not in message.headers
            and not subject.startswith("re:")
            and _found(RECRUITER, text)
        ),
        "ci_failed": float(ci),
        # A person asking through a machine: GitHub's "requested your review", "mentioned you".
        "relayed_ask": float(automated and relayed),
        "relayed_ask_soon": float(
            automated and relayed and mail_hours is not None and mail_hours <= 30
        ),
        "live_alert_for_me": float(
            automated
            and not mass
            and direct == "to"
            and bool(_LIVE_SUBJECT.search(subject))
            and bool(_ON_DUTY.search(body))
        ),
        "oncall_alert": float(automated and ownership and _found(_ALERT, text)),
        "ci_failed_owned": float(ci and ownership),
        "rsvp_answer": float(bool(RSVP.search(subject)) or method(message) == "REPLY"),
        "announcement": float(announced),
        "question": float("?" in body and not automated),
        "reply_thread": float(
            "in-reply-to" in message.headers or subject.lower().startswith("re:")
        ),
        "suspicious": float(authenticity.suspicious),
        "auth_failed": float(authenticity.auth_failed),
        "invitation": float(invitation),
        "invitation_soon": float(invitation and starts_within(message, ctx.now, 36)),
        "invitation_far": float(invitation and not starts_within(message, ctx.now, 24 * 10)),
    }
    return {name: value for name, value in s.items() if value}


# Every pattern above is written case-insensitively and used on lower-cased text.
for _name, _value in list(globals().items()):
    if isinstance(_value, re.Pattern) and _value.flags & re.IGNORECASE:
        globals()[_name] = lowered(_value)
# Asked only whether they match: regrouped by first letter, faster.
_CONSEQUENCE, _OWNERSHIP, _OWED = (for_yes_or_no(p) for p in (_CONSEQUENCE, _OWNERSHIP, OWED))

# What these patterns cannot match without: one of the strings (tests/digests/
# test_summarize_shortcuts.py checks each). Most mail holds none, and skips the pattern.
NEEDS_TEXT: dict[re.Pattern[str], tuple[str, ...]] = {
    _CI: ("fail", "broken", "errored"),
    TRIAL: ("trial", "plan expires"),
    _RELAYED: ("review", "requested", "mentioned you", "assigned", "asked you"),
    _NOW: (
        *("right", "as we speak", "moment", "currently", "since", "still", "gerade"),
        "ahora mismo",
    ),
    _NO_RUSH: (
        *("no rush", "no hurry", "no urgency", "not urgent", "whenever", "when you"),
        *("coming weeks", "keine eile", "d'urgence", "ne presse", "prisa", "low priority"),
    ),
    _FYI: (
        *("fyi", "for your information", "heads", "just so you know", "no action"),
        *("nothing", "for your records", "zur info", "pour info", "para tu información"),
    ),
}
# The rest as read off the patterns themselves.
_DERIVED = (_OWNERSHIP, _OWNER_NAMED, _SECURITY, RECEIPT, MARKETING, _URGENT)
NEEDS_TEXT.update({p: cues_of(p) for p in (*_DERIVED, SALES_PRESSURE, RECRUITER, _ALERT)})
# Looked up by id(): hashing a compiled pattern hashes all its code, microseconds each time.
_CUES = {id(pattern): cues for pattern, cues in NEEDS_TEXT.items()}


def _found(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the pattern is found in the lower-cased text, looking only if it may be."""
    return any(map(text.__contains__, _CUES[id(pattern)])) and bool(pattern.search(text))
