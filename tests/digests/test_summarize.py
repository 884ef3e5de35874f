"""The offline analysis as a whole: urgency with reasons, summaries, the overview, determinism."""

import datetime as dt
import zoneinfo

import pytest

from digests.models import Urgency
from digests.parsing import parse_message
from digests.summarize import (
    ActionItem,
    Analysis,
    SummaryContext,
    analyze,
    reading_seconds,
    write_overview,
    write_summary,
)
from digests.summarize.fallback import fallback_item
from tests.digests.factories import ME, gmail_message, mail

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# Mail arrives Monday 30 November 2026, 09:15 in Berlin; the digest is built an hour later.
RECEIVED = dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)
CONTEXT = SummaryContext(now=RECEIVED + dt.timedelta(hours=1), zone=BERLIN, me=ME)
GOOGLE_PASS = (
    "mx.google.com; dkim=pass header.i=@accounts.google.com; spf=pass "
    "smtp.mailfrom=no-reply@accounts.google.com; dmarc=pass header.from=google.com"
)


def parsed(body="Hello.", *, received=RECEIVED, labels=("INBOX",), **options):
    return parse_message(gmail_message(mail(body, **options), received=received, labels=labels))


def analysis_of(body="Hello, here is the update.", **options):
    return analyze(parsed(body, **options), CONTEXT)


# --- urgency -----------------------------------------------------------------------------


def test_a_persons_ask_due_tonight_is_urgent():
    found = analysis_of(
        "Hi,\n\nCould you send me the signed Acme contract tonight? Legal files it first thing "
        "tomorrow.\n\nThanks,\nPriya",
        subject="Acme contract",
        sender="Priya Shah <priya@acme-partner.example>",
    )
    assert found.urgency == Urgency.URGENT
    assert found.action_items[0].due == dt.date(2026, 11, 30)


def test_a_persons_ask_due_in_four_days_is_high():
    found = analysis_of(
        "Hi,\n\nCould you review the Q1 hiring plan and send me your comments by Friday?\n\nMaya",
        subject="Q1 hiring plan",
        sender="Maya Chen <maya@northwind.example>",
    )
    assert found.urgency == Urgency.HIGH


def test_no_rush_weeks_out_is_medium():
    found = analysis_of(
        "Hi,\n\nNo rush at all on this: when you get a chance, could you share your thoughts on "
        "the offsite agenda? Anything before 4 January works.\n\nTom",
        subject="Offsite agenda",
        sender="Tom Berg <tom@northwind.example>",
    )
    assert found.urgency == Urgency.MEDIUM


@pytest.mark.parametrize(
    ("subject", "body", "sender", "headers"),
    [
        (
            "URGENT: 70% off ends at midnight!",
            "FINAL NOTICE: our biggest sale ends tonight. Shop now and save 70% on every plan.",
            "Shop <deals@shop.example>",
            {"List-Unsubscribe": "<mailto:u@shop.example>", "Precedence": "bulk"},
        ),
        (
            "Your order #4411 has shipped",
            "Good news: your order has shipped. Track your parcel with the link below.",
            "Keyring <orders@keyring.example>",
            {},
        ),
        (
            "Weekly digest: what's new in Rust",
            "This week: async closures land, a new borrow checker and three conference talks.",
            "This Week in Rust <newsletter@rust.example>",
            {"List-Id": "<twir.rust.example>"},
        ),
    ],
)
def test_mail_that_asks_nothing_is_low_whatever_it_shouts(subject, body, sender, headers):
    assert analysis_of(body, subject=subject, sender=sender, headers=headers).urgency == (
        Urgency.LOW
    )


def test_an_out_of_office_reply_is_low_and_asks_nothing():
    found = analysis_of(
        "I am out of the office until 7 December with no access to email. For urgent matters "
        "please contact Jonas Weber.",
        subject="Automatic reply: Budget review tomorrow",
        sender="Malte Brandt <malte@northwind.example>",
        headers={"Auto-Submitted": "auto-replied"},
    )
    assert (found.urgency, found.action_items) == (Urgency.LOW, ())
    assert found.reasons == ("automatic reply",)


def test_a_look_alike_phishing_mail_is_low_and_flagged():
    found = analysis_of(
        "Dear user,\n\nYour mailbox will be suspended in 24 hours. Verify your account password "
        "now to keep receiving mail:\nhttps://mail-example-verify.example/login",
        subject="Mailbox suspension notice",
        sender="Microsoft 365 Team <security@micros0ft-support.example>",
        headers={"Authentication-Results": "mx.google.com; spf=fail; dmarc=fail"},
    )
    assert (found.urgency, found.suspicious, found.action_items) == (Urgency.LOW, True, ())
    assert found.reasons[0].startswith("looks like phishing")


def test_a_genuine_security_alert_for_the_readers_account_is_urgent_and_not_flagged():
    found = analysis_of(
        "A new sign-in to your Google Account was detected on a Windows device in Lagos. If this "
        "was not you, your account may be compromised: check the activity and change your "
        "password now.",
        subject="Security alert: new sign-in to your account",
        sender="Google <no-reply@accounts.google.com>",
        headers={"Authentication-Results": GOOGLE_PASS},
    )
    assert found.suspicious is False
    assert found.urgency == Urgency.URGENT


def test_reasons_name_the_signals_behind_the_class():
    found = analysis_of(
        "Could you send me the signed Acme contract tonight?",
        subject="Acme contract",
        sender="Priya Shah <priya@acme-partner.example>",
    )
    assert found.reasons
    assert any("due" in reason or "asks" in reason for reason in found.reasons)


def test_analysis_is_deterministic():
    message = parsed(
        "Two things I need from you before 14:00:\n- approve the budget\n- sign the NDA",
        subject="Before the board meeting",
    )
    assert {analyze(message, CONTEXT) for _ in range(5)} == {analyze(message, CONTEXT)}


# --- summaries and reading time ------------------------------------------------------------


def test_summary_says_what_and_why_without_the_greeting_or_the_first_sentence():
    body = (
        "Hi Alex,\n\nHope you're well!\n\n"
        "Quick one on the budget. The board pack goes out tomorrow morning and the product "
        "budget still lacks your approval, so Finance cannot lock the numbers.\n\nThanks,\nMaya"
    )
    message = parsed(body, subject="Budget approval", sender="Maya Chen <maya@x.example>")
    summary = write_summary(message, BERLIN)
    assert summary.startswith("Budget approval (Maya): ")
    assert "Hi Alex" not in summary
    assert "Hope you" not in summary
    assert "Quick one on the budget" not in summary
    assert "board pack" in summary.lower()
    assert len(summary) <= 160


def test_summary_does_not_repeat_the_action_item():
    body = (
        "Please approve the Q3 budget in Workday. Finance closes the quarter on Wednesday and "
        "the vendor payments wait on it."
    )
    message = parsed(body, subject="Q3 budget", sender="Maya Chen <maya@x.example>")
    items = (ActionItem("Approve the Q3 budget in Workday"),)
    assert "approve the q3 budget in workday" not in write_summary(message, BERLIN, items).lower()


def test_empty_body_falls_back_to_the_subject():
    summary = write_summary(parsed("", subject="Just a subject"), BERLIN)
    assert summary.startswith("Just a subject")


def test_long_summary_is_cut_at_a_word():
    body = "Please read this. " + "word " * 200 + "end."
    summary = write_summary(parsed(body), BERLIN)
    assert len(summary) <= 160
    assert summary.endswith("…")


@pytest.mark.parametrize(("words", "seconds"), [(0, 5), (10, 5), (230, 60), (231, 61), (690, 180)])
def test_reading_time_is_words_at_230_per_minute_at_least_5_seconds(words, seconds):
    assert reading_seconds("word " * words) == seconds


# --- the overview ----------------------------------------------------------------------------


def pair(subject, urgency, sender="Dana Lee <dana@x.example>", item=None, **options):
    message = parsed("x", subject=subject, sender=sender, **options)
    return message, Analysis(summary="s", urgency=urgency, action_items=(item,) if item else ())


def test_overview_names_what_needs_the_reader_and_counts_the_rest():
    ordered = [
        pair(
            "Budget",
            Urgency.URGENT,
            sender="Maya Chen <maya@x.example>",
            item=ActionItem("Approve the Q3 budget", dt.date(2026, 11, 30), dt.time(17)),
        ),
        pair(
            "Contract",
            Urgency.URGENT,
            sender="Priya Shah <priya@x.example>",
            item=ActionItem("Sign the Acme contract", dt.date(2026, 12, 4)),
        ),
        pair("Launch plan", Urgency.HIGH, item=ActionItem("Review the launch plan")),
        pair("Lunch?", Urgency.MEDIUM),
        pair("News", Urgency.LOW, sender="News <news@x.example>", headers={"List-Id": "<n.x>"}),
        pair("News 2", Urgency.LOW, sender="News <news@x.example>", headers={"List-Id": "<n.x>"}),
    ]
    assert write_overview(ordered) == (
        "Two things need you within a day: approve the Q3 budget (Maya, Mon 30 Nov 17:00) and "
        "sign the Acme contract (Priya, Fri 04 Dec). Due this week: review the launch plan "
        "(Dana). Also 1 message to read and 2 newsletters and notifications."
    )


def test_overview_names_each_mails_soonest_ask_cut_at_a_clause():
    message, _ = pair("Contract", Urgency.HIGH)
    items = (
        ActionItem("Sign the contract", dt.date(2026, 12, 4)),
        ActionItem("Send me the invoice", dt.date(2026, 12, 2), dt.time(17)),
    )
    alert, _ = pair("Security alert", Urgency.URGENT, sender="Account Security <a@x.example>")
    check = ActionItem(
        "Check the recent activity on your account and secure your account if it wasn't you",
        dt.date(2026, 11, 30),
    )
    ordered = [
        (alert, Analysis(summary="s", urgency=Urgency.URGENT, action_items=(check,))),
        (message, Analysis(summary="s", urgency=Urgency.HIGH, action_items=items)),
    ]
    assert write_overview(ordered) == (
        "One thing needs you within a day: check the recent activity on your account and "
        "secure your account (Account, Mon 30 Nov). Due this week: send me the invoice (Dana, "
        "Wed 02 Dec 17:00)."
    )


def test_overview_counts_phishing_apart_from_mail_to_read():
    message, _ = pair("Mailbox suspended", Urgency.LOW)
    phishing = Analysis(summary="s", urgency=Urgency.LOW, suspicious=True)
    assert write_overview([(message, phishing)]) == (
        "Nothing needs you this week. 1 suspicious message (likely phishing)."
    )


def test_overview_without_anything_urgent():
    assert write_overview([pair("Hello", Urgency.MEDIUM)]) == (
        "Nothing needs you this week. 1 message to read."
    )


def test_overview_of_nothing():
    assert write_overview([]) == "No new messages."


def test_overview_uses_a_providers_words_after_the_counts():
    assert write_overview([pair("x", Urgency.URGENT)], "Sign the contract.") == (
        "1 new message, 1 urgent. Sign the contract."
    )


def test_mail_the_reader_sent_is_low():
    found = analysis_of(
        "Could you send me the numbers tonight?", sender=f"Me <{ME}>", to="x@y.example"
    )
    assert (found.urgency, found.reasons) == (Urgency.LOW, ("you sent this",))


def test_a_deadline_long_past_is_no_emergency():
    old = RECEIVED - dt.timedelta(days=10)
    message = parsed(
        "Could you send me the signed contract tonight?",
        received=old,
        subject="Contract",
        sender="Priya Shah <priya@acme-partner.example>",
    )
    assert analyze(message, CONTEXT).urgency != Urgency.URGENT


@pytest.mark.parametrize(
    "subject",
    [
        "Accepted: Budget review",
        "Accepté : Comité commercial",
        "Declined - Weekly sync @ Tue 1 Dec 10:00",
        "Tentatively accepted \u2013 Planning",
        "Accepted with note: Offsite",
    ],
)
def test_an_answer_to_an_invitation_is_low(subject):
    found = analysis_of("Maya has accepted this invitation.", subject=subject)
    assert (found.urgency, found.reasons) == (Urgency.LOW, ("an answer to an invitation",))


def test_a_declined_card_transaction_is_no_answer_to_an_invitation():
    found = analysis_of(
        "We declined a transaction on your card ending 4417 because it looked unusual.",
        subject="Declined transaction on your Platinum card ending 4417",
    )
    assert "an answer to an invitation" not in found.reasons


def test_a_genuine_security_alert_in_french_is_urgent_too():
    found = analysis_of(
        "Nous avons remarqué une nouvelle connexion à votre compte Google depuis un appareil "
        "Windows. Si vous êtes à l'origine de cette connexion, vous n'avez rien à faire.",
        subject="Alerte de sécurité",
        sender="Google <no-reply@accounts.google.com>",
        headers={"Authentication-Results": GOOGLE_PASS},
    )
    assert (found.urgency, found.suspicious) == (Urgency.URGENT, False)


def test_a_live_alert_for_the_on_call_reader_is_urgent():
    found = analysis_of(
        "payments-db-replica-2 replication lag is 94 s (threshold 30 s). You are the primary "
        "on-call for payments this week.",
        subject="[FIRING:1] PaymentsDBReplicationLag (critical)",
        sender="Alertmanager <alertmanager@alerts.example>",
        headers={"Auto-Submitted": "auto-generated"},
    )
    assert found.urgency == Urgency.URGENT
    assert found.reasons == ("a live alert for something you are on call for or own",)


def test_the_same_alert_to_a_list_is_not_forced_urgent():
    found = analysis_of(
        "payments-db-replica-2 replication lag is 94 s (threshold 30 s).",
        subject="[FIRING:1] PaymentsDBReplicationLag (critical)",
        sender="Alertmanager <alertmanager@alerts.example>",
        headers={"List-Id": "<sre-alerts.example>", "Auto-Submitted": "auto-generated"},
    )
    assert found.reasons != ("a live alert for something you are on call for or own",)


# --- the item for mail that wants an answer but words no ask -----------------------------


def test_a_person_who_wants_an_answer_without_asking_gets_a_reply_item():
    found = analysis_of(
        "Hi Alex,\n\nOur 2027 lane rates are out and the Rotterdam-Milan lane drops by 6%. "
        "Interested?\n\nSam",
        subject="Re: Southern Link 2027 rates",
        sender="Sam Reid <sam@southernlink.example>",
    )
    assert found.urgency == Urgency.MEDIUM
    assert found.action_items == (ActionItem("Reply to Sam about Southern Link 2027 rates"),)


def test_a_persons_news_without_a_question_and_a_tool_get_no_reply_item():
    news = "Hi Alex,\n\nHere are two photos from the garden, the roses are out.\n\nHelen"
    assert (
        analysis_of(news, subject="Photos", sender="Helen Morgan <h@x.example>").action_items == ()
    )
    build = "Build #1234 failed. Is it flaky again?"
    assert (
        analysis_of(build, subject="Build FAILED", sender="Jenkins <ci@x.example>").action_items
        == ()
    )


def test_an_fyi_from_a_person_gets_no_reply_item():
    found = analysis_of(
        "Hi Alex,\n\nFYI, the new paging policy goes live next month. Nothing needed from you."
        "\n\nTomasz",
        subject="Paging policy",
        sender="Tomasz Nowak <tomasz@x.example>",
    )
    assert found.action_items == ()


def test_a_system_reporting_trouble_of_yours_gets_no_vague_item_to_look_into_it():
    message = parsed("Escalates in 15 minutes.", subject="[PagerDuty] TRIGGERED #4821: p95 > 8s")
    signals = {"automated": 1.0, "oncall_alert": 1.0, "to_me": 1.0}
    assert fallback_item(message, signals, Urgency.URGENT, BERLIN) is None


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("Hi Alex,\n\nCould you send me the budget numbers by 5pm today?", "the budget numbers"),
        ("When you get a chance next month, could you share the slides?", "the slides"),
    ],
)
def test_a_summary_keeps_its_articles(body, kept):
    # Dropping "the" and "a" to dodge a copy reads as broken English ("share slides").
    assert kept in analysis_of(body, subject="Budget").summary


def test_a_summary_skips_a_sentence_that_repeats_the_action_item():
    body = (
        "Please approve the Q3 product budget by EOD. "
        "Finance closes the quarter on Friday and the board pack goes out Monday."
    )
    analysis = analysis_of(body, subject="Q3 budget")
    assert "board pack" in analysis.summary


def test_each_item_names_the_subject_it_is_about_unless_it_says_it_already():
    body = "Hi Paolo,\n\nPlease register by 24 July via the link in the Learning portal."
    subject = "Zendesk advanced admin training"
    (item,) = analysis_of(body, subject=subject).action_items
    assert item.text == f"Register via the link in the Learning portal (re: {subject})"
    (item,) = analysis_of("Please approve the Q3 budget today.", subject="Q3 budget").action_items
    assert item.text == "Approve the Q3 budget"


def test_overview_says_within_a_day_only_when_so_and_names_a_repeated_ask_once():
    ask = ActionItem("Send Sam the Q4 roadmap slides", dt.date(2026, 12, 2))
    ordered = [
        (parsed("x", subject=f"Slides {n}", sender="Sam Ortiz <sam@x.example>"),
         Analysis(summary="s", urgency=Urgency.URGENT, action_items=(ask,)))
        for n in range(3)
    ]  # fmt: skip
    assert write_overview(ordered, today=dt.date(2026, 11, 30)) == (
        "Three things are urgent: send Sam the Q4 roadmap slides (Sam, Wed 02 Dec) (3 mails)."
    )
    assert write_overview(ordered, today=dt.date(2026, 12, 1)).startswith(
        "Three things need you within a day: send Sam"
    )
