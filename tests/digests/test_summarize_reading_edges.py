"""Edges of reading a mail: wrapped lines, borrowed deadlines, hard limits, signatures."""

import datetime as dt

from digests.parsing import parse_message
from digests.summarize import SummaryContext, analyze
from digests.summarize.dates import resolve_deadline
from tests.digests.factories import ME, gmail_message, mail
from tests.digests.test_summarize_actions import BERLIN, MONDAY, TUESDAY, items_of, parsed, texts
from tests.digests.test_summarize_indirect import texts as texts_from


def test_a_zone_wrapped_onto_the_next_line_still_converts_the_time():
    body = (
        "Hi Sarah,\n\nPlease submit the headcount file (template attached, one row per person)"
        " by Monday 7 December, 9 a.m.\nPacific, so we can load it before calibration.\n\nNicole"
    )
    item = items_of(body)[0]
    assert (item.due, item.time) == (dt.date(2026, 12, 7), dt.time(18))  # 9 a.m. PST in Berlin


def test_before_then_points_back_past_a_sentence_without_a_date():
    body = (
        "Emily,\n\nThe bank's quote is valid until 5pm London time today. I'm happy with it "
        "but policy needs your sign-off as second approver.\nTwo things before then, please:\n"
        "- approve the deal ticket in Kyriba\n"
        "- send me the updated exposure sheet so I can attach it to the board note\n\nDana"
    )
    found = items_of(body, subject="EUR forward - need sign-off today")
    assert [(i.due, i.time) for i in found] == [(MONDAY, dt.time(18))] * 2


def test_at_the_latest_after_an_ask_sets_its_deadline():
    body = (
        "Hi Nadia,\n\nCould you do the legal read tonight? At the latest I'd need your sign-off "
        "by 6am London time tomorrow so the night desk can make the changes.\n\nOwen"
    )
    item = items_of(body)[0]
    assert (item.due, item.time) == (TUESDAY, dt.time(7))
    assert (items_of(body.replace("At the latest I'd", "I'd"))[0].due) == MONDAY


def test_time_for_a_call_in_the_next_few_weeks_borrows_no_renewal_date():
    body = (
        "Hi Kenji,\n\nI'm your new account manager. Your subscription renews on December 31.\n"
        "Would you have 30 minutes in the next few weeks to walk through usage?\n\nLaura"
    )
    item = items_of(body)[0]
    assert item.text.startswith("Reply to Dana with a time for a 30-minute call")
    assert item.due is None


def test_a_question_after_a_lead_with_words_of_its_own_is_the_ask():
    body = (
        "Hi Sarah,\n\nOne question while you're at it: should the two contractors in Melbourne"
        " (the data engineers) be included? Let me know either way.\n\nNicole"
    )
    assert texts(items_of(body)) == [
        "Tell Dana whether the two contractors in Melbourne (the data engineers) should be included"
    ]


def test_would_you_mind_also_joining_asks_to_join():
    body = "Hi Nadia,\n\nWould you mind also joining our call with the reporters on Friday?\n\nSam"
    assert texts(items_of(body))[0].startswith("Join our call with the reporters")


def test_findings_listed_for_the_reader_to_see_are_no_asks():
    body = (
        "Hey Jess,\n\nThe listener survey closed last week. Some things you'll want to see "
        "before planning next season:\n"
        "- 61% listen at 1.25x or faster, so the cold opens might be too slow\n"
        "- 38% say they'd pay for an ad-free feed\n\nNikhil"
    )
    assert items_of(body) == []
    asked = body.replace("Some things you'll want to see", "Two things I need from you")
    assert len(items_of(asked)) == 2


def test_a_signature_line_is_never_the_summary():
    body = (
        "Hi Priya,\n\nThanks for the call.\n\nHannah Brooks | Customer Success Manager, APAC\n"
        "+65 6555 0177"
    )
    message = parse_message(gmail_message(mail(body, subject="QBR", sender="Hannah <h@x.example>")))
    summary = analyze(message, SummaryContext(now=message.received_at, zone=BERLIN, me=ME)).summary
    assert "Customer Success Manager" not in summary
    assert texts_from("Hi,\n\nPlease send the deck.\n\nA | B") == ["Send the deck"]


def test_an_ask_due_the_day_it_came_is_due_the_day_the_digest_is_read():
    body = "Hi,\n\nPlease revoke the exposed key today.\n\nSecurity"
    message = parse_message(gmail_message(mail(body, subject="Exposed key")))
    late = SummaryContext(now=message.received_at + dt.timedelta(days=1), zone=BERLIN, me=ME)
    same = SummaryContext(now=message.received_at + dt.timedelta(hours=2), zone=BERLIN, me=ME)
    assert [i.due for i in analyze(message, late).action_items] == [TUESDAY]
    assert [i.due for i in analyze(message, same).action_items] == [MONDAY]


def test_a_terse_need_is_to_send_the_thing_but_need_a_hand_is_an_offer():
    body = "Board call moved to tomorrow 9am. Need the Q3 liquidity summary first thing.\n\nR"
    assert texts(items_of(body)) == ["Send Dana the Q3 liquidity summary"]
    assert items_of("Need the deck? It's in the shared drive.\n\nR") == []


def test_get_me_those_sends_what_the_sentence_before_says_is_wanted():
    body = (
        "Hi Jack,\n\nUnderwriters want updated replacement values by asset class this year, plus"
        " the loss history. Could you get me those by Friday?\n\nDana"
    )
    assert [(i.text, i.due) for i in items_of(body)] == [
        ("Send Dana updated replacement values", dt.date(2026, 12, 4))
    ]


def test_it_would_help_if_you_sent_me_asks_to_send():
    body = (
        "Hi Emily,\n\nIt would also help if you sent me the list of people who need access "
        "badges, so I can have them printed.\n\nDana"
    )
    assert texts(items_of(body)) == ["Send Dana the list of people who need access badges"]


def test_get_that_to_me_sends_what_the_sender_does_not_have():
    body = (
        "Hi Emily,\n\nI still don't have the certificate of insurance from Swift Movers. "
        "Can you get that to me by end of day?\n\nDana"
    )
    assert texts(items_of(body, subject="Move-in tomorrow")) == [
        "Send Dana the certificate of insurance from Swift Movers"
    ]


def test_bank_details_and_a_tools_buttons_ask_nothing():
    body = (
        "Hi Chloe,\n\nPlease pay the rent by bank transfer today.\n\nSort code 20-45-77 "
        "Account 60311842\n\nAcknowledge | Close | Add note\n\nDana"
    )
    assert texts(items_of(body)) == ["Pay the rent by bank transfer"]


def test_would_you_have_an_hour_asks_for_a_time_and_sets_no_deadline():
    body = (
        "Dear Ms Watanabe,\n\nI will be in Tokyo the week of January 18. Would you have an hour "
        "that week to walk me through the logistics pipeline?\n\nDana"
    )
    assert [(i.text, i.due) for i in items_of(body)] == [
        ("Reply to Dana with a time for a 60-minute call", None)
    ]
    received = dt.datetime(2026, 11, 30, 9, 15, tzinfo=BERLIN)
    assert resolve_deadline("You have 48 hours to respond.", received) is not None
    assert resolve_deadline("Would you have an hour to talk?", received) is None


def test_no_action_needed_right_now_is_no_deadline_of_today():
    body = (
        "Hi Thandi,\n\nWorth reading before the Q3 close.\n"
        "No action needed from you right now.\n\nDana"
    )
    assert [i.due for i in items_of(body)] == [None]


def test_a_time_span_of_an_event_is_no_deadline():
    body = (
        "Sehr geehrte Frau Kohl,\n\nwir würden uns freuen, Sie als Diskutantin zu gewinnen. "
        "Die Veranstaltung findet von 18:30 bis 20:00 Uhr in unseren Räumen statt.\n\nDana"
    )
    message = parse_message(gmail_message(mail(body, subject="Anfrage: Podiumsdiskussion")))
    found = analyze(message, SummaryContext(now=message.received_at, zone=BERLIN, me=ME))
    assert found.urgency != "urgent"
    moved = "Hi,\n\nPlease move the dinner from 6:30 to 7:30.\n\nDana"
    assert items_of(moved)[0].due == MONDAY


def test_a_signature_line_starting_with_a_title_is_never_the_summary():
    body = (
        "Hi Priya,\n\nThanks for the call.\n\nBest regards,\nWei Ling Koh\n"
        "Senior Analyst | Harbourline Research Pte Ltd | 1 Raffles Place, #20-01, Singapore"
    )
    message = parse_message(gmail_message(mail(body, subject="Tokyo", sender="W <w@x.example>")))
    summary = analyze(message, SummaryContext(now=message.received_at, zone=BERLIN, me=ME)).summary
    assert "Senior Analyst" not in summary


def test_a_notices_day_month_year_with_dashes_is_a_date_in_the_readers_zone():
    received = dt.datetime(2026, 8, 20, 0, 0, tzinfo=dt.UTC).astimezone(BERLIN)
    found = resolve_deadline("Valid to 21-Aug-2026 13:00 UTC", received)
    assert (found.due, found.time) == (dt.date(2026, 8, 21), dt.time(15))


def test_a_letters_date_line_is_no_deadline():
    body = (
        "30-Nov-2026\n\nDear Prof. Halvorsen:\n\nYour revision is due by 04-Dec-2026. Please "
        "remember to include a point-by-point response to the reviewers.\n\nEditorial Office"
    )
    assert [i.due for i in items_of(body)] == [dt.date(2026, 12, 4)]


def test_a_buttons_pay_now_through_online_banking_is_no_deadline_of_today():
    received = dt.datetime(2026, 11, 30, 9, 15, tzinfo=BERLIN)
    assert resolve_deadline("Pay now through NetBanking", received) is None
    assert resolve_deadline("Please pay now.", received).due == MONDAY


def test_a_date_after_since_or_no_action_right_now_is_no_deadline():
    received = dt.datetime(2026, 11, 30, 9, 15, tzinfo=BERLIN)
    assert (
        resolve_deadline("Concessions agreed after 1 December are modifications.", received) is None
    )
    assert resolve_deadline("No action needed from you right now.", received) is None
    assert resolve_deadline("Please send it by 1 December.", received).due == TUESDAY


def test_dates_to_offer_borrow_no_date_from_what_they_are_for():
    body = (
        "Dear Ms Mensah,\n\nThe annual gas safety certificate for 3 Wren Close is due for renewal"
        " on 30 September. Our engineer will need access for about 45 minutes.\n\nCould you let"
        " us know a few dates and times in September that would suit you?\n\nKind regards,\nBeth"
    )
    assert items_of(body)[0].due is None
    german = (
        "Liebe Gertrude,\n\nder Notar braucht den Vertrag bis 17. April. Kannst du mir ein paar "
        "Terminvorschläge für die Beurkundung im Mai schicken?\n\nLG Maria"
    )
    assert items_of(german)[0].due is None


def test_options_to_offer_are_due_by_a_limit_said_just_after():
    body = (
        "Dear Jonas,\n\nSir David would like to meet Maren the week of 14 December.\n\nCould you "
        "send me two or three options that work for Maren? I need to confirm his diary by the "
        "18th, as he is finalising the rest of the trip that day.\n\nKind regards,\nPhilippa"
    )
    assert items_of(body)[0].due == dt.date(2026, 12, 18)


def test_a_title_in_the_sign_off_block_is_no_ask_but_a_ps_still_is():
    body = (
        "Hi Rafael,\n\nPlease resolve the 12 open queries by the 4th.\n\nThanks,\nHeather\n\n"
        "Heather Quinn\nLead Clinical Data Manager\nPelion Clinical | Durham, NC | +1 919 555 0173"
    )
    assert texts(items_of(body)) == ["Resolve the 12 open queries"]
    with_ps = body + "\n\nP.S. Could you also send me the site 22 delegation log?"
    assert texts(items_of(with_ps)) == [
        "Resolve the 12 open queries",
        "Send Dana the site 22 delegation log",
    ]


def test_a_code_hosts_review_request_is_one_item_naming_the_pull_request():
    body = (
        "@jdelgado requested your review on: larkspur/sre-runbooks#912 Add failover drill "
        "checklist for payments-db.\n\nAdds a step-by-step checklist for the drill.\n\n"
        "You can view, comment on, or merge this pull request online at:\n"
        "https://github.com/larkspur/sre-runbooks/pull/912\n\nCommit Summary\n"
        "* Add payments-db failover drill checklist\n* Extract Patroni switchover snippet\n\n"
        "File Changes (2 files)\nA drills/payments-db-failover.md (164)\n"
    )
    found = items_of(body, automated=True, sender="Julia Delgado <notifications@github.com>")
    assert texts(found) == [
        "Review PR #912 (Add failover drill checklist for payments-db) in larkspur/sre-runbooks"
    ]


def test_a_trackers_heading_over_a_comment_is_no_ask():
    body = (
        "Sanne de Boer changed FAC-412 to In Progress\n\nFAC-412 Replace LED high-bay lights\n"
        "Assignee: Sanne de Boer\n\nComment by Sanne de Boer:\nContractor on site from "
        "Thursday, bays 1-3 first.\n\nYou are receiving this because you are watching this issue."
    )
    assert items_of(body, automated=True, sender="Sanne de Boer (Jira) <jira@acme.example>") == []
    assert texts(items_of("Hi,\n\nPlease comment on the draft by Friday.\n\nDana")) == [
        "Comment on the draft"
    ]


def test_what_everyone_may_do_is_no_ask_of_the_reader():
    notice = (
        "Hi all,\n\nThe badge system will be down on Saturday from 22:00 to 02:00. No action "
        "needed from you.\n\nQuestions? Reply to this email.\n\nFacilities"
    )
    assert items_of(notice) == []
    receipt = "Your flight is confirmed.\n\nCheck in online 24 hours before departure at x.example."
    assert items_of(receipt) == []
    assert texts(items_of("Hi Ana,\n\nReply to this email with your shirt size.\n\nDana")) == [
        "Reply to this email with your shirt size"
    ]


def test_a_thanks_above_the_asks_is_no_sign_off():
    body = (
        "Hi Sam,\n\nThanks!\n\nSend the signed contract to Legal by Friday.\n"
        "Book the venue for the offsite on 3 June.\nDana"
    )
    assert len(items_of(body)) == 2
    summary_body = parsed("Hi Sam,\n\nMany thanks!\n\nSend me the contract.\nBook the room.\nDana")
    assert "Book the room." in summary_body.clean_body


def test_a_review_request_inside_a_persons_mail_keeps_their_other_asks():
    body = (
        "Hi Ana,\n\nPriya requested your review on #212 Fix the flaky login test\n\n"
        "Separately, please send me the Q3 budget by Friday.\n\nDana"
    )
    found = items_of(body)
    assert any("Q3 budget" in item.text for item in found)
    assert not any(item.text.startswith("Review PR #212") for item in found)


def test_a_subject_that_names_only_a_doing_is_no_object():
    found = items_of("Can you sign this by noon?", subject="Sign by noon")
    assert texts(found) == ["Sign this (re: Sign by noon)"]  # was "Sign Sign"
