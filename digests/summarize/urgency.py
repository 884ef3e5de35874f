"""The urgency class of a message, with the reasons that produced it.

Two things are settled before any weighing: phishing and automatic replies ask nothing of the
reader (low). Everything else is the urgency model's call over the signals, and the reasons
name the signals that pushed hardest towards the class it chose.
"""

from __future__ import annotations

from digests.models import Urgency
from digests.summarize.authenticity import Authenticity
from digests.summarize.model import UrgencyModel, load_model

_REASONS = {
    "deadline_overdue": "the deadline has just passed",
    "deadline_26h": "due within about a day",
    "deadline_7d": "due within a week",
    "deadline_later": "due in more than a week",
    "deadline_none": "no deadline",
    "person_asks_1": "a person asks you to do something",
    "person_asks_2": "a person asks you several things",
    "person_asks_0": "nothing asked of you",
    "auto_asks_1": "a personal obligation from a system",
    "auto_asks_2": "personal obligations from a system",
    "auto_asks_0": "automated, asks nothing",
    "auto_obligation": "a system reports an obligation of yours",
    "auto_obligation_listed": "a system reports an obligation, to a list",
    "auto_receipt": "a receipt or confirmation",
    "auto_trouble_soon": "a system reports trouble of yours within a day",
    "automated": "sent by a machine",
    "mass_mail": "sent to a list or a crowd",
    "to_me": "addressed to you",
    "cc_me": "you are in copy",
    "not_addressed": "not addressed to you directly",
    "many_recipients": "sent to many people",
    "urgent_subject": "urgent wording in the subject",
    "urgent_text": "urgent wording in the text",
    "happening_now": "happening right now",
    "consequence": "says what goes wrong otherwise",
    "ownership": "concerns something you own",
    "consequence_owned": "something you own is failing or at risk",
    "security_alert": "security alert",
    "security_genuine": "security alert that passes sender authentication",
    "marketing": "marketing language",
    "trial_upsell": "trial-ending upsell",
    "auto_marketing": "marketing: a machine selling under time pressure",
    "auto_upsell": "an upsell before a trial or plan runs out",
    "no_rush": "says there is no rush",
    "fyi": "for your information",
    "receipt": "receipt or shipping notice",
    "recruiter": "recruiter outreach",
    "ci_failed": "a build or pipeline failed",
    "ci_failed_owned": "your build or pipeline failed",
    "relayed_ask": "a person asks you through a tool",
    "relayed_ask_soon": "a person asks you through a tool, due within a day",
    "oncall_alert": "a monitoring alert for you as on-call or owner",
    "rsvp_answer": "an answer to an invitation",
    "announcement": "an announcement to many",
    "question": "asks you a question",
    "reply_thread": "a reply in a conversation",
    "invitation": "calendar invitation",
    "invitation_soon": "event within 36 hours",
    "invitation_far": "event more than 10 days ahead",
}


def describe(signal: str) -> str:
    if signal.startswith(("person_deadline_", "auto_deadline_")):
        return _REASONS.get(signal.split("_", 1)[1], signal)
    if "_mail_date_" in signal:
        bucket = signal.rsplit("_", 1)[1]
        if bucket == "none":
            return "the mail names no date"
        when = _REASONS.get(f"deadline_{bucket}", bucket).removeprefix("due ")
        return f"the mail names a date {when}"
    return _REASONS.get(signal, signal.replace("_", " "))


def settled(signals: dict[str, float], authenticity: Authenticity) -> tuple[Urgency, str] | None:
    """The class and reason when a rule settles it before any weighing, else None."""
    if authenticity.suspicious:
        why = "sender fails authentication" if authenticity.auth_failed else "look-alike sender"
        return Urgency.LOW, f"looks like phishing: {why}, credential or payment bait"
    if signals.get("auto_reply"):
        return Urgency.LOW, "automatic reply"
    if signals.get("rsvp_answer"):
        return Urgency.LOW, "an answer to an invitation"
    if signals.get("live_alert_for_me"):
        return Urgency.URGENT, "a live alert for something you are on call for or own"
    if signals.get("own_account_alert"):
        return Urgency.URGENT, "security alert about your own account, sender authenticated"
    if signals.get("from_me"):
        return Urgency.LOW, "you sent this"
    if signals.get("auto_upsell"):
        return Urgency.LOW, "an upsell before a trial or plan runs out"
    if signals.get("auto_marketing") and not signals.get("security_alert"):
        return Urgency.LOW, "marketing: a machine selling under time pressure"
    if signals.get("recruiter"):
        return Urgency.LOW, "recruiter outreach"
    if signals.get("auto_trouble_soon"):
        return Urgency.URGENT, "a system reports trouble of yours within a day"
    if signals.get("deadline_overdue") and signals.get("to_me") and not signals.get("automated"):
        # The rubric's "act within a day" holds all the more once the time has passed; the
        # model saw too few such asks to learn it.
        return Urgency.URGENT, "a person's ask to you whose deadline has just passed"
    return None


# Mail the rubric reads as asking nothing of the reader, whatever its sentences say.
_ASKS_NOTHING = ("auto_reply", "rsvp_answer", "from_me", "auto_upsell", "recruiter")


def asks_nothing(signals: dict[str, float]) -> bool:
    """An automatic reply, an RSVP, your own mail, an upsell, marketing or a recruiter."""
    marketing = signals.get("auto_marketing") and not signals.get("security_alert")
    return bool(marketing or any(signals.get(name) for name in _ASKS_NOTHING))


def _written_to_you(signals: dict[str, float]) -> bool:
    """A person's own mail to the reader: not a list, a crowd or an announcement."""
    crowd = ("many_recipients", "mass_mail", "announcement", "automated")
    return bool(signals.get("bias_person") and signals.get("to_me")) and not any(
        signals.get(name) for name in crowd
    )


def classify_urgency(
    signals: dict[str, float], authenticity: Authenticity, model: UrgencyModel | None = None
) -> tuple[Urgency, tuple[str, ...]]:
    """The class and up to three reasons, most decisive first (``model``: the committed one)."""
    if (rule := settled(signals, authenticity)) is not None:
        return rule[0], (rule[1],)
    model = model or load_model()
    probabilities = model.probabilities(signals)
    chosen = max(model.classes, key=lambda c: (probabilities[c], -model.classes.index(c)))
    if chosen == Urgency.LOW and _written_to_you(signals):
        # The rubric's low is mail that asks nothing of anyone in particular; a person's mail to
        # you alone is at least worth reading (medium), even when no ask was recognised in it.
        return Urgency.MEDIUM, ("a person writing to you directly",)
    reasons: list[str] = []
    for name, push in model.contributions(signals, chosen):
        text = describe(name)
        if push <= 0 or name == "bias_person" or text in reasons:
            continue
        reasons.append(text)
        if len(reasons) == 3:
            break
    return Urgency(chosen), tuple(reasons or ["nothing stands out"])
