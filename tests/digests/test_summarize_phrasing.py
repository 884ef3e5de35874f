"""An ask's final wording: object named, reason cut, RSVP and preparation apart, no chaff."""

import datetime as dt

import pytest

from digests.summarize.non_asks import is_phone_line
from digests.summarize.phrasing import polish, topic_object, unsolicited
from tests.digests.test_summarize_actions import items_of, texts

DANA = "Dana Lee <dana@x.example>"


def test_a_subject_names_its_object_without_the_status_words():
    assert topic_object("CHG-20931 needs your approval") == "CHG-20931"
    assert topic_object("FYI: Carrier bid comparison - need it Monday") == "Carrier bid comparison"
    assert topic_object("Quick question") == ""
    assert topic_object("Your password expires in 3 days") == "Your password"
    assert topic_object("The Q3 deck is ready for review") == "The Q3 deck"
    assert topic_object("Storybook deploy broken") == "Storybook deploy"
    assert topic_object("Action required: complete security training by Wednesday") == (
        "security training"
    )


@pytest.mark.parametrize(
    ("body", "subject", "expected"),
    [
        (
            "CHG-20931 is queued. Can you approve it today, otherwise it slips a week?",
            "CHG-20931 needs your approval",
            ["Approve CHG-20931"],
        ),
        (
            "Could you have the carrier bid comparison ready for Monday morning?",
            "Carrier bids",
            ["Prepare the carrier bid comparison"],
        ),
        (
            "Please loop me in on the outcome.",
            "Vendor call with Acme",
            ["Tell Dana the outcome of Vendor call with Acme"],
        ),
        (
            "Would you be comfortable introducing me to Priya at Maersk?",
            "Intro?",
            ["Introduce Dana to Priya at Maersk"],
        ),
        (
            "I'd like your take on whether Bremen or Hamburg should pilot the Intune migration.",
            "Intune pilot",
            ["Tell Dana whether Bremen or Hamburg should pilot the Intune migration"],
        ),
        ("Send us the countersigned DPA.", "DPA for Acme", ["Send Dana the countersigned DPA"]),
    ],
)
def test_pronouns_and_placeholders_name_the_object(body, subject, expected):
    assert texts(items_of(body, subject=subject, sender=DANA)) == expected


def test_come_and_bring_is_two_items_an_answer_and_a_preparation():
    body = "Team dinner on the 14th! Let me know if you can come and bring the Q3 numbers."
    assert texts(items_of(body, subject="Team dinner on the 14th", sender=DANA)) == [
        "Reply to Dana to confirm attendance at the team dinner on the 14th",
        "Prepare the Q3 numbers for the team dinner on the 14th",
    ]
    german = "Gebt mir Bescheid, ob ihr kommt, und bringt eure Roadmap mit."
    assert texts(items_of(german, subject="Teamtag im Mai", sender=DANA)) == [
        "Dana die Teilnahme an Teamtag im Mai bestätigen",
        "Eure Roadmap für Teamtag im Mai vorbereiten",
    ]


def test_questions_for_an_answer_stay_in_the_mails_language():
    spanish = "Dime si la aprobamos o pedimos otra cotización."
    assert texts(items_of(spanish, subject="Cotización", sender="Héctor Ruiz <h@x.example>")) == [
        "Decir a Héctor si la aprobamos o pedimos otra cotización"
    ]


def test_pleasantries_constraints_phone_lines_and_recruiters_give_no_item():
    body = (
        "Hope the quarter-end crunch is treating you kindly. Keep it to 10 slides. "
        "Call Sam on 0412 555 019 as soon as you see this. Please approve the Acme refund today."
    )
    assert texts(items_of(body, subject="Refund", sender=DANA)) == ["Approve the Acme refund"]
    pitch = "I came across your profile and we are hiring a Staff Engineer. Open to a chat?"
    assert items_of(pitch, subject="Staff role", sender="Rec <r@talent.example>") == []
    assert unsolicited(pitch)
    assert not unsolicited("Please review the hiring plan for Q3 by Friday.")


def test_a_phone_number_alone_is_not_the_ask_and_a_real_ask_keeps_its_words():
    assert is_phone_line("Call the on-call engineer: +91 80 4567 1234")
    assert not is_phone_line("Call Helen about the suspension letter")
    assert polish("Review the budget draft", "Dana", "Budget") == ["Review the budget draft"]


def test_a_decision_asked_as_a_question_or_a_wish_tells_the_asker():
    asked = "Would that be something the L&D budget could cover, or the home's budget?"
    assert texts(items_of(asked, subject="Leadership coaching - possible?", sender=DANA)) == [
        "Tell Dana whether leadership coaching would be something the L&D budget could cover, "
        "or the home's budget"
    ]
    wish = "Priya, as it affects your homes most, I'd like HR's decision on this by Friday."
    assert texts(items_of(wish, subject="Re: Apprenticeship levy", sender=DANA)) == [
        "Tell Dana HR's decision on Apprenticeship levy"
    ]
    question = "Would your team consider hosting two interns next summer?"
    assert texts(items_of(question, subject="Internships", sender=DANA)) == [
        "Reply to Dana about hosting two interns next summer"
    ]


def test_a_spanish_request_in_the_present_names_its_object():
    body = "Cuando puedas, antes de fin de mes, me las mandas en PDF."
    sender = "Nieves Prado <n@x.example>"
    assert texts(items_of(body, subject="facturas 2025", sender=sender)) == [
        "Enviar a Nieves facturas 2025 en PDF"
    ]


def test_an_rsvp_alone_is_a_reply_confirming_attendance_in_the_mails_language():
    english = "We are hosting a dinner for the team. Let me know if you can make it."
    assert texts(items_of(english, subject="Team dinner", sender=DANA)) == [
        "Reply to Dana to confirm attendance at the team dinner"
    ]
    spanish = "Confírmame esta noche si puedes venir."
    assert texts(items_of(spanish, subject="Consejo", sender="Pablo Gil <p@x.example>")) == [
        "Confirmar a Pablo la asistencia a consejo"
    ]
    french = "Pourriez-vous me le confirmer et m'envoyer une courte biographie ?"
    assert texts(items_of(french, subject="Table ronde", sender="Julien Roy <j@x.example>")) == [
        "Confirmer à Julien votre participation à table ronde",
        "Envoyer à Julien une courte biographie",
    ]


def test_a_question_about_a_time_asks_to_suggest_or_book_one():
    july = "Would a date in July work for you?"
    assert texts(items_of(july, subject="Contract review", sender=DANA)) == [
        "Suggest a date in July to Dana"
    ]
    grab = "Can we grab 30 minutes this week to go through the privilege log?"
    assert texts(items_of(grab, subject="Discovery", sender=DANA)) == [
        "Schedule a 30-minute call with Dana to go through the privilege log"
    ]


def test_which_should_we_is_the_readers_decision_and_keeps_the_subject_when_it_still_points():
    body = "Two versions are ready. Which one should we ship in this cycle?"
    assert texts(items_of(body, subject="ETA drift warnings", sender=DANA)) == [
        "Decide which one to ship in this cycle (re: ETA drift warnings)"
    ]


def test_consent_stays_a_question_while_a_favour_becomes_the_verb():
    consent = "Are you OK with moving the launch to May?"
    assert texts(items_of(consent, subject="Launch date", sender=DANA)) == [
        "Tell Dana whether you are OK with moving the launch to May"
    ]
    favour = "Would you be happy to share the deck with Priya?"
    assert texts(items_of(favour, subject="Intro", sender=DANA)) == ["Share the deck with Priya"]
    over = "Could you send it over by Friday so that legal can review?"
    assert texts(items_of(over, subject="DPA for Acme - countersignature", sender=DANA)) == [
        "Send DPA for Acme"
    ]


def test_a_link_goes_with_the_preposition_that_led_to_it():
    body = "Your password expires soon. Change it at https://id.example/password before it expires."
    items = items_of(body, subject="Your password expires in 3 days")
    assert texts(items) == ["Change your password before it expires"]


def test_a_vote_between_options_takes_no_date_from_the_options():
    body = (
        "Hi all,\n\nTwo options:\n  1. Lisbon, Tue-Wed in the second week\n"
        "  2. Amsterdam, Thu-Fri in the third week\n\nPlease vote by replying. Maya"
    )
    assert [item.due for item in items_of(body, subject="Team offsite")] == [None]


@pytest.mark.parametrize(
    "body",
    [
        "Hi,\n\nI'd love your eyes on the paging section of the proposal by Friday.",
        "Hi,\n\nCould you take a quick look at the paging section of the proposal by Friday?",
    ],
)
def test_eyes_or_a_look_on_a_draft_is_a_review(body):
    assert texts(items_of(body)) == ["Review the paging section of the proposal"]


def test_an_ask_ending_in_a_colon_before_a_link_alone_is_no_list_intro():
    body = (
        "Hi,\n\nI'd love your eyes on the paging section, whenever you get to it:\n"
        "https://docs.example/d/burn-rate-proposal\n"
    )
    assert texts(items_of(body)) == ["Review the paging section"]


def test_i_would_like_you_to_after_a_lead_is_the_ask():
    body = "Hi,\n\nBefore I show it to Rick I'd like you to check the formulas in the sheet."
    assert texts(items_of(body)) == ["Check the formulas in the sheet"]


def test_a_question_after_one_more_question_is_an_ask():
    body = "Hi,\n\nOne more question: is the large meeting room free on Tuesdays?"
    found = items_of(body)
    assert len(found) == 1
    assert "meeting room" in found[0].text


def test_a_pronoun_in_a_request_takes_the_object_the_subject_asks_about():
    body = "hey,\n\ni'm down with a fever. could you run it in my place?\n\ndana"
    found = items_of(body, subject="can you run the DR drill tonight?")
    assert texts(found) == ["Run the DR drill in Dana's place"]


def test_a_need_for_both_after_a_list_is_one_item_per_entry():
    body = (
        "Dear Fatima,\n\nTwo items remain open before the partner can sign off:\n"
        "- The bank confirmation letters.\n- The signed management representation letter.\n"
        "I'd need both by 9:00 am on Friday.\n\nKind regards,\nRuth"
    )
    found = items_of(body, sender="Ruth Adeyemi <ruth@audit.example>")
    assert texts(found) == [
        "Send Ruth the bank confirmation letters",
        "Send Ruth the signed management representation letter",
    ]
    assert {item.due for item in found} == {dt.date(2026, 12, 4)}


def test_an_estimate_for_these_after_a_list_stays_one_item():
    body = (
        "Hi,\n\nThe owners mentioned three features last week.\n- loyalty stamps\n"
        "- pre-order pickup slots\n- an admin page for the menu\n"
        "Could you put together a rough estimate for these by Friday?"
    )
    assert len(items_of(body)) == 1


def test_it_would_help_if_you_pulled_together_asks_to_pull_together():
    body = "Hi,\n\nIt would help if you pulled together a list of the agencies we used in H1."
    assert texts(items_of(body)) == ["Pull together a list of the agencies we used in H1"]


def test_a_past_time_told_in_an_aside_is_no_deadline():
    body = (
        "hey,\n\nno rush at all, but I'd love your eyes on the paging section since you felt "
        "the pain the most (that 3am disk alert week...).\n"
    )
    found = items_of(body)
    assert [item.due for item in found] == [None]


def test_someone_who_will_need_a_thing_by_a_date_asks_to_send_it():
    body = "Hi,\n\nReception will also need the names of your staff by Friday for the gate passes."
    found = items_of(body)
    assert texts(found) == ["Send Reception the names of your staff for the gate passes"]
    assert [item.due for item in found] == [dt.date(2026, 12, 4)]


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd appreciate knowing which way you're leaning by Friday so I can draw up the paperwork.",
        "It would be good to know which way you're leaning by Friday.",
    ],
)
def test_wanting_to_know_which_way_asks_to_tell(sentence):
    found = items_of(f"Hi,\n\n{sentence}", sender="Daniel Fujimoto <daniel@lease.example>")
    assert texts(found) == ["Tell Daniel which way you're leaning"]


def test_a_thing_that_must_reach_an_office_by_a_date_is_to_be_sent_there():
    found = items_of("Dear Valentina,\n\nSamples must reach our Santiago office by Friday.")
    assert [item.text.split(" (re: ")[0] for item in found] == [
        "Send samples to our Santiago office"
    ]


@pytest.mark.parametrize(
    ("ask", "expected"),
    [
        ("Please be there for the joint survey.", ["Attend the joint survey"]),
        (
            "Please be there in person, and bring the as-built drawings.",
            ["Attend in person", "Bring the as-built drawings"],
        ),
        (
            "Please be on that call too in case he asks about the open bugs.",
            ["Join the call"],
        ),
    ],
)
def test_being_there_is_attending(ask, expected):
    body = f"Omar,\n\nThe inspection is tomorrow at 8:00. {ask}\n\nFiona"
    assert texts(items_of(body, subject="Handover inspection", sender=DANA)) == expected


def test_a_confirmation_of_whether_or_that_goes_to_the_asker():
    body = "Omar,\n\nCan you confirm whether the new venue works for you by Friday?\n\nFiona"
    got = texts(items_of(body, subject="Venue", sender="Fiona Grant <fiona@x.example>"))
    assert [t.split(" (re: ")[0] for t in got] == [
        "Confirm to Fiona whether the new venue works for you"
    ]
