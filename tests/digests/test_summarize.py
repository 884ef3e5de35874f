"""Local analysis: summaries, action items and their due dates, urgency, reading time."""

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
    extractive_summary,
    find_action_items,
    reading_seconds,
    resolve_due,
    split_sentences,
    write_overview,
)
from tests.digests.factories import gmail_message, mail

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# Monday 30 November 2026, 09:15 in Berlin.
RECEIVED = dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)
CONTEXT = SummaryContext(now=RECEIVED + dt.timedelta(hours=1), zone=BERLIN)


def parsed(body="Hello.", *, received=RECEIVED, labels=("INBOX",), **options):
    return parse_message(gmail_message(mail(body, **options), received=received, labels=labels))


def local(moment: dt.datetime, zone=BERLIN) -> dt.datetime:
    return moment.astimezone(zone)


# --- due dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("please send the signed contract by Friday 5pm", dt.date(2026, 12, 4)),
        ("by EOD", dt.date(2026, 11, 30)),
        ("before the end of the day", dt.date(2026, 11, 30)),
        ("tomorrow", dt.date(2026, 12, 1)),
        ("by Dec 4", dt.date(2026, 12, 4)),
        ("by December 4th, 2027", dt.date(2027, 12, 4)),
        ("by 4 December", dt.date(2026, 12, 4)),
        ("by the 4th of Dec", dt.date(2026, 12, 4)),
        ("by 2026-12-04", dt.date(2026, 12, 4)),
        ("by Monday", dt.date(2026, 11, 30)),  # said on a Monday: today
        ("by next Monday", dt.date(2026, 12, 7)),
        ("by end of week", dt.date(2026, 12, 4)),
        ("by the end of the month", dt.date(2026, 11, 30)),
        ("within 48 hours", dt.date(2026, 12, 2)),
        ("before 3pm", dt.date(2026, 11, 30)),
        ("next week", dt.date(2026, 12, 7)),
        ("by Jan 4", dt.date(2027, 1, 4)),  # late in the year: next January
        ("by 2026-02-30", None),
        ("whenever you like", None),
    ],
)
def test_due_dates_resolve_against_the_received_time(phrase, due):
    assert resolve_due(phrase, local(RECEIVED)) == due


def test_due_dates_use_the_readers_time_zone():
    late = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)  # Tuesday 00:30 in Berlin
    assert resolve_due("by EOD", local(late, BERLIN)) == dt.date(2026, 12, 1)
    assert resolve_due("by EOD", local(late, NEW_YORK)) == dt.date(2026, 11, 30)


def test_action_items_get_due_dates_in_the_readers_zone():
    message = parsed(
        "Please send the report by tomorrow.",
        received=dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC),
    )
    assert find_action_items(message, BERLIN, automated=False) == [
        ActionItem("Send the report by tomorrow", dt.date(2026, 12, 2))
    ]
    assert find_action_items(message, NEW_YORK, automated=False)[0].due == dt.date(2026, 12, 1)


# --- action items ---------------------------------------------------------------------------


def items_of(body, automated=False, **options):
    return find_action_items(parsed(body, **options), BERLIN, automated=automated)


def test_polite_requests_become_action_items():
    body = (
        "Hi Alex,\n\nThanks for the call. Please send the signed contract by Friday 5pm. "
        "Could you also review the budget draft by Dec 4? The weather is nice."
    )
    assert items_of(body) == [
        ActionItem("Send the signed contract by Friday 5pm", dt.date(2026, 12, 4)),
        ActionItem("Review the budget draft by Dec 4", dt.date(2026, 12, 4)),
    ]


def test_imperative_sentence_is_an_action_item():
    assert items_of("Sign the NDA before Wednesday.") == [
        ActionItem("Sign the NDA before Wednesday", dt.date(2026, 12, 2))
    ]


def test_lead_in_and_mentions_are_trimmed():
    assert items_of("Quick nudge: please approve the PR.")[0].text == "Approve the PR"
    assert items_of('"@alex can you confirm the numbers?"')[0].text == "Confirm the numbers"


def test_request_inherits_the_deadline_stated_just_before():
    body = "The agency needs the release by 3pm today. Could you check the quotes?"
    assert items_of(body) == [ActionItem("Check the quotes", dt.date(2026, 11, 30))]


def test_subject_is_the_request_when_the_body_has_none():
    assert items_of("Thanks!", subject="Can you review the press release before 3pm?") == [
        ActionItem("Review the press release before 3pm", dt.date(2026, 11, 30))
    ]


def test_boilerplate_is_not_an_action_item():
    body = "Let me know if you have any questions. Feel free to call me. Click here to unsubscribe."
    assert items_of(body) == []


def test_machines_give_action_items_only_with_a_date():
    body = "Please rate your ride. Payment is due by Dec 10."
    assert items_of(body, automated=True) == [
        ActionItem("Payment is due by Dec 10", dt.date(2026, 12, 10))
    ]


def test_quoted_text_gives_no_action_items():
    assert items_of("Done.\n\nOn Mon, Dana wrote:\n> Please send it by Friday.") == []


def test_at_most_three_action_items():
    body = " ".join(f"Please send file {n}." for n in range(6))
    assert len(items_of(body)) == 3


# --- urgency ---------------------------------------------------------------------------------


def urgency_of(body="Hello, here is the update.", **options):
    return analyze(parsed(body, **options), CONTEXT).urgency


def test_urgent_subject_with_near_deadline_is_urgent():
    assert (
        urgency_of("Please sign the contract by tomorrow.", subject="URGENT: contract")
        == Urgency.URGENT
    )


def test_asap_in_the_text_with_a_request_is_high():
    assert urgency_of("Can you look at the outage ASAP?", subject="Checkout") == Urgency.HIGH


def test_deadline_within_48_hours_counts_more_than_one_next_week():
    soon = urgency_of("Please send the slides by tomorrow.", subject="Slides")
    later = urgency_of("Please send the slides by Dec 9.", subject="Slides")
    assert (soon, later) == (Urgency.HIGH, Urgency.MEDIUM)


def test_action_required_wording_is_at_least_medium():
    assert (
        urgency_of("Reminder: the form closes soon.", subject="Action required") == Urgency.MEDIUM
    )


def test_labels_raise_urgency():
    assert urgency_of(labels=("INBOX",)) == Urgency.LOW
    assert urgency_of(labels=("INBOX", "IMPORTANT")) == Urgency.MEDIUM
    assert urgency_of(labels=("INBOX", "IMPORTANT", "STARRED")) == Urgency.HIGH


def test_a_question_from_a_person_is_medium():
    assert urgency_of("Are you free for lunch?") == Urgency.MEDIUM


@pytest.mark.parametrize(
    ("sender", "headers", "labels"),
    [
        ("Shop <deals@shop.example>", {"List-Unsubscribe": "<mailto:u@shop.example>"}, ("INBOX",)),
        ("Bank <no-reply@bank.example>", {}, ("INBOX",)),
        ("Promo <promo@x.example>", {}, ("INBOX", "CATEGORY_PROMOTIONS")),
    ],
)
def test_automated_mail_is_low_whatever_it_shouts(sender, headers, labels):
    body = "URGENT!!! Act now, this is critical. Please reply ASAP."
    assert (
        urgency_of(body, subject="URGENT", sender=sender, headers=headers, labels=labels)
        == Urgency.LOW
    )


def test_automated_notice_with_a_deadline_is_medium_but_mass_mail_is_not():
    bill = urgency_of("Payment is due by Dec 2.", sender="Power <billing@power.example>")
    newsletter = urgency_of(
        "Payment is due by Dec 2.",
        sender="Power <billing@power.example>",
        headers={"List-Id": "<news.power.example>"},
    )
    assert (bill, newsletter) == (Urgency.MEDIUM, Urgency.LOW)


def invitation_message(start: dt.datetime, method: str = "REQUEST"):
    message = mail(
        "Details below.",
        subject="Invitation: Review",
        sender="Sam <calendar-notification@google.com>",
    )
    ics = (
        f"BEGIN:VCALENDAR\r\nMETHOD:{method}\r\nBEGIN:VEVENT\r\nSUMMARY:Review\r\n"
        f"DTSTART:{start:%Y%m%dT%H%M%SZ}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    message.add_alternative(ics, subtype="calendar", params={"method": method})
    return parse_message(gmail_message(message, received=RECEIVED))


def test_calendar_invitation_soon_is_high_and_later_is_medium():
    soon = analyze(invitation_message(CONTEXT.now + dt.timedelta(hours=20)), CONTEXT)
    later = analyze(invitation_message(CONTEXT.now + dt.timedelta(days=9)), CONTEXT)
    assert (soon.urgency, later.urgency) == (Urgency.HIGH, Urgency.MEDIUM)
    assert soon.action_items == (
        ActionItem(
            "Reply to the invitation: Review",
            (CONTEXT.now + dt.timedelta(hours=20)).astimezone(BERLIN).date(),
        ),
    )


def test_cancelled_invitation_asks_nothing():
    analysis = analyze(invitation_message(CONTEXT.now + dt.timedelta(hours=5), "CANCEL"), CONTEXT)
    assert analysis.action_items == ()
    assert analysis.summary.startswith("Cancelled: Review")


def test_reasons_explain_the_urgency():
    analysis = analyze(parsed("Please sign by tomorrow.", subject="URGENT: contract"), CONTEXT)
    assert analysis.reasons == (
        "urgent wording in the subject (+3)",
        "deadline within 48 hours (+2)",
    )


# --- summaries and reading time ------------------------------------------------------------


def test_extractive_summary_skips_greetings_and_keeps_the_point():
    body = (
        "Hi Alex,\n\nHope you're well!\n\n"
        "The board pack goes out tomorrow morning and the budget still lacks your approval. "
        "Please approve the product budget by end of day. "
        "Lunch was great yesterday.\n\nThanks,\nMaya"
    )
    summary = extractive_summary(parsed(body, subject="Budget approval"), BERLIN)
    assert "Hope you" not in summary
    assert "Hi Alex" not in summary
    assert "approve the product budget" in summary
    assert len(summary) <= 280


def test_empty_body_falls_back_to_the_subject():
    assert extractive_summary(parsed("", subject="Just a subject"), BERLIN) == "Just a subject"


def test_long_summary_is_cut_at_a_word():
    body = "Please read this. " + "word " * 200 + "end."
    summary = extractive_summary(parsed(body), BERLIN)
    assert len(summary) <= 280
    assert summary.endswith("…")


@pytest.mark.parametrize(("words", "seconds"), [(0, 5), (10, 5), (230, 60), (231, 61), (690, 180)])
def test_reading_time_is_words_at_230_per_minute_at_least_5_seconds(words, seconds):
    assert reading_seconds("word " * words) == seconds


def test_sentences_split_on_punctuation_lines_and_bullets():
    text = "First one. Second, e.g. this one! Third?\n- bullet one\n- bullet two\nShort line\nNext"
    assert split_sentences(text) == [
        "First one.",
        "Second, e.g. this one!",
        "Third?",
        "bullet one",
        "bullet two",
        "Short line",
        "Next",
    ]


def test_wrapped_lines_are_joined():
    text = "This is a long sentence that was wrapped by the mail client at seventy\ncharacters."
    assert split_sentences(text) == [
        "This is a long sentence that was wrapped by the mail client at seventy characters."
    ]


# --- the overview ----------------------------------------------------------------------------


def pair(subject, urgency, sender="Dana <dana@x.example>", due=None):
    message = parsed("x", subject=subject, sender=sender)
    items = (ActionItem("Do it", due),) if due else ()
    return message, Analysis(summary="s", urgency=urgency, action_items=items)


def test_overview_counts_and_names_the_top_items():
    ordered = [
        pair("Contract", Urgency.URGENT, due=dt.date(2026, 12, 4)),
        pair("Budget", Urgency.HIGH, sender="Maya <maya@x.example>"),
        pair("Newsletter", Urgency.LOW),
    ]
    assert write_overview(ordered) == (
        "3 new messages, 1 urgent, 1 high: Contract (Dana, due Fri 04 Dec); Budget (Maya)"
    )


def test_overview_without_anything_urgent():
    assert write_overview([pair("Hello", Urgency.LOW)]) == (
        "1 new message, nothing urgent. Top: Hello (Dana)"
    )


def test_overview_of_nothing():
    assert write_overview([]) == "No new messages."


def test_overview_uses_a_providers_words_after_the_counts():
    assert write_overview([pair("x", Urgency.URGENT)], "Sign the contract.") == (
        "1 new message, 1 urgent. Sign the contract."
    )
