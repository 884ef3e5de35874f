"""Items that read right: the ask itself, not its lead, its elaboration or the sender's needs."""

import pytest

from digests.summarize.leaks import readable
from digests.summarize.non_asks import names_only, signed
from tests.digests.test_summarize_actions import items_of, texts

DEV = "Dev Patel <dev@x.example>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "No rush at all, but whenever you get a chance could you send me the slides?",
            ["Send Dev the slides"],
        ),
        (
            "I do need the final numbers by 10am tomorrow though, as that's when I order.",
            ["Send Dev the final numbers"],
        ),
        (
            "For the April 2 QBR I'd like the roadmap slides by Monday March 30, 10:00 ET.",
            ["Send Dev the roadmap slides for the April 2 QBR"],
        ),
        (
            "Take your time to review the contract, but please send me your comments by Friday.",
            ["Send Dev your comments"],
        ),
        (
            "We received this in error, so could you please resend the invoice to ap@x.example?",
            ["Resend the invoice to ap@x.example"],
        ),
        (
            "Could you send me the slides sometime? Do not hesitate to call me.",
            ["Send Dev the slides"],
        ),
        (
            "I need your written authorisation for the board replacement before 7pm.",
            ["Authorise the board replacement"],
        ),
        (
            "Would you like us to arrange the replacement valuation through our panel?",
            ["Tell Dev whether they should arrange the replacement valuation through our panel"],
        ),
        (
            "No rush at all - but when you get a chance I'd welcome your thoughts on the sweep.",
            ["Send Dev your thoughts on the sweep"],
        ),
        (
            "Ahead of our QBR at 7:30 a.m. Central, could you send me the uptime report?",
            ["Send Dev the uptime report"],
        ),
        (
            "One thing I'll need from you: the pricing sheet in AUD by Friday your time, "
            "so finance can load it.",
            ["Send Dev the pricing sheet in AUD"],
        ),
        (
            "I need the tender response by noon tomorrow, London time.",
            ["Send Dev the tender response"],
        ),
    ],
)
def test_the_item_starts_where_the_ask_does_and_keeps_no_zone(body, expected):
    subject = expected[0].partition(" the ")[2]  # a subject the item already names
    assert texts(items_of(body, subject=subject, sender=DEV)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd like the team to decide by Friday.",
        "I'd like the doc complete by then.",
        "I'd like the contract signed by Friday.",
        "We'd like the new website live by 1 April.",
    ],
)
def test_liking_the_thing_done_by_a_time_hands_nothing_in(sentence):
    assert items_of(f"Hi,\n\n{sentence}\n\nDev", sender=DEV) == []


def test_a_need_for_time_is_the_senders_not_an_ask():
    body = (
        "Please send me the vendor comparison by Thursday. I'm presenting on Friday, "
        "so I'll need a little time with it before then."
    )
    assert texts(items_of(body, subject="Vendor comparison", sender=DEV)) == [
        "Send Dev the vendor comparison"
    ]


def test_a_decision_names_its_options():
    listed = (
        "I've narrowed it down to two spaces:\n"
        "Option A - Kreuzberg, Ritterstraße: 620 m², 12-month lease.\n"
        "Option B - Mitte, Linienstraße: 580 m², move-in ready.\n"
        "Which option should we go with? The landlord needs an answer by Thursday."
    )
    assert texts(items_of(listed, subject="Office move: A or B?", sender=DEV)) == [
        "Decide between Option A (Kreuzberg) and Option B (Mitte) for the office move"
    ]
    lettered = (
        "Options:\nA) ship without offline maps and add them in 5.1\n"
        "B) ship with offline maps behind a toggle, default off\n"
        "I need your decision by noon tomorrow."
    )
    assert texts(items_of(lettered, subject="Mobile 5.0 scope", sender=DEV)) == [
        "Decide whether to ship without offline maps or ship with offline maps behind a toggle "
        "for the mobile 5.0 scope"
    ]
    inline = (
        "One decision I need from you: which way do you want to go on the caching layer, "
        "Redis Cluster or Memcached?"
    )
    assert texts(items_of(inline, subject="search infra", sender=DEV)) == [
        "Decide between Redis Cluster and Memcached for the caching layer"
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Can you pull the November churn numbers? Logo churn and net revenue churn, split "
            "by plan, is all I need.",
            ["Pull the November churn numbers"],
        ),
        (
            "Would you join the call? Happy to work around your schedule, just send me a couple "
            "of times that suit you.",
            ["Join the call", "Send Dev a couple of times that suit you"],
        ),
        (
            "Sorry for the dramatic subject line, Marta told me to make sure people open it.",
            [],
        ),
        (
            "Could you send the signed SOW today? If there's a problem with clause 9, let me know.",
            ["Send the signed SOW", "Tell Dev if there's a problem with clause 9"],
        ),
    ],
)
def test_a_statement_is_no_item_and_an_ask_inside_one_is(body, expected):
    subject = expected[0].partition(" the ")[2] if expected else "Planning doc"
    assert texts(items_of(body, subject=subject, sender=DEV)) == expected


@pytest.mark.parametrize(
    "detail",
    [
        "Please use the FX rates from the March memo rather than spot.",
        "Please check in particular pages 12-13, the photo is dark.",
        "You can comment directly in the Google Doc.",
        "Tu peux commenter directement dans le Google Doc, je consolide ensuite.",
    ],
)
def test_how_to_do_the_ask_is_part_of_it(detail):
    body = f"Could you send me the pricing sheet by Friday? {detail}"
    assert texts(items_of(body, subject="pricing sheet", sender=DEV)) == [
        "Send Dev the pricing sheet"
    ]


def test_what_to_include_details_the_earlier_ask():
    body = (
        "Please submit your roadmap in Productboard by 18 December. We'll review them in "
        "January. Aiko, please include the APAC asks from the advisory board."
    )
    assert texts(items_of(body, subject="roadmap", sender=DEV)) == [
        "Submit your roadmap in Productboard"
    ]


def test_a_list_item_that_tells_news_is_context_not_a_thing_to_send():
    body = (
        "Two things from me:\n"
        "1) The insurance renewal form is due tomorrow at 11am. Could you add the equipment list "
        "to the form and send the form back to me?\n"
        "2) Separately, the landlord shared the new floor plan. Please send me your comments "
        "by Friday."
    )
    assert texts(items_of(body, subject="insurance form + floor plan", sender=DEV)) == [
        "Add the equipment list to the form and send the form back to Dev",
        "Send Dev your comments (re: insurance form + floor plan)",
    ]


def test_when_to_answer_belongs_to_the_ask_and_a_bare_let_me_know_is_a_reply():
    body = (
        "Would you be up for mentoring Kavya? It's an hour a week. It would count toward "
        "your promo case. Let me know when you've had a chance to think about it."
    )
    assert texts(items_of(body, subject="mentoring Kavya", sender=DEV)) == [
        "Tell Dev whether you're up for mentoring Kavya"
    ]
    invite = "We're hosting a small dinner on 12 November. Could you let me know by 20 October?"
    assert texts(items_of(invite, subject="Founders dinner", sender=DEV)) == [
        "Reply to Dev about founders dinner"
    ]


def test_news_of_what_follows_is_no_item():
    body = "Can you join the auditors call at 3pm? Invite to follow from their side."
    assert texts(items_of(body, subject="auditors call", sender=DEV)) == [
        "Join the auditors call at 3pm"
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("I need a written status update from you by 5pm.", "Send Dev a written status update"),
        (
            "Can you review my PR for the billing migration?",
            "Review Dev's PR for the billing migration",
        ),
        (
            "can you hop on the 8am call and demo the filters? they asked specifically. -D",
            "Hop on the 8am call and demo the filters",
        ),
        (
            "By Friday, please:\n- propose three dates for the hearing, and",
            "Propose three dates for the hearing",
        ),
    ],
)
def test_the_item_keeps_nothing_that_only_made_sense_in_the_mail(body, expected):
    subject = expected.partition(" ")[2]
    assert texts(items_of(body, subject=subject, sender=DEV)) == [expected]


def test_a_spanish_list_item_asking_to_confirm_is_confirmed_not_sent():
    body = (
        "Necesito dos cosas antes de las 18:00 de hoy:\n- Los archivos finales del logotipo.\n"
        "- Que me confirmes el Pantone exacto del azul, porque salía casi morado."
    )
    assert texts(items_of(body, subject="Logo", sender="Marta Olivares <m@x.example>")) == [
        "Enviar a Marta los archivos finales del logotipo",
        "Confirmar a Marta el Pantone exacto del azul",
    ]


def test_joining_names_the_event_the_subject_names():
    body = "The auditors want to go through the balances on a call today. Can you join?"
    assert texts(items_of(body, subject="Auditors call today 3pm UK", sender=DEV)) == [
        "Join the Auditors call"
    ]


def test_answering_the_questions_just_asked_is_no_second_item():
    body = (
        "Two open points are left:\n1. Do we sync drafts automatically, or ask the driver?\n"
        "2. Is 72 hours the right cap?\n"
        "Could you answer those in the doc and give the PRD your sign-off by Friday?"
    )
    found = texts(items_of(body, subject="PRD sign-off", sender=DEV))
    assert found[-1] == "Give the PRD your sign-off"
    assert len(found) == 2


def test_first_thing_is_a_time_not_part_of_the_ask():
    body = "Can you sign off on the binder set first thing so I can send the runner?"
    assert texts(items_of(body, subject="binder set", sender=DEV)) == ["Sign off on the binder set"]


def test_an_ask_addressed_to_another_recipient_is_theirs():
    body = (
        "Please send me the roadmap by Friday. Sam, please update the dashboard before the "
        "review. Alex, please include the APAC asks."
    )
    found = items_of(
        body,
        subject="roadmap",
        sender=DEV,
        to="Alex Morgan <alex@x.example>",
        cc="Sam Ortiz <sam@x.example>",
    )
    assert texts(found) == ["Send Dev the roadmap"]


def test_a_pronoun_can_stand_for_what_the_sentence_named_before_the_ask():
    body = (
        "Nominate projects we depend on in the sheet by 15 January. Jonas, you mentioned the "
        "Go Postgres driver and the decimal library deserve support; please add them."
    )
    assert texts(items_of(body, subject="OSS sponsorship", sender=DEV))[-1] == (
        "Add the Go Postgres driver and the decimal library"
    )


def test_the_readers_part_named_in_the_subject_is_what_to_send():
    body = "Topic: the 2026 amendments. Send it to me as a Word file."
    assert texts(items_of(body, subject="Section newsletter - your piece", sender=DEV)) == [
        "Send your piece for the Section newsletter to Dev as a Word file"
    ]


def test_handling_it_is_sending_what_they_want():
    body = (
        "Camille, tu peux gérer ? Ils veulent notre retour sur les pénalités SLA avant "
        "vendredi. Pour moi 10 % plafonné c'est le maximum."
    )
    found = items_of(body, subject="Harwell - SLA", sender="Arnaud Béranger <a@x.example>")
    assert texts(found) == ["Envoyer notre retour sur les pénalités SLA"]
    english = "Can you handle it? They want our position on the SLA credits by Friday."
    assert texts(items_of(english, subject="Harwell - SLA", sender=DEV)) == [
        "Send our position on the SLA credits"
    ]


def test_a_statement_that_holds_the_readers_duty_gives_it():
    body = "Invoice INV-2291 needs your approval before the run on Friday."
    assert texts(items_of(body, subject="INV-2291", sender=DEV)) == ["Approve invoice INV-2291"]


def test_a_duty_stated_for_everyone_is_the_readers_ask():
    assert readable("Everyone needs to submit the timesheet", "Dev", recent=False) == (
        "Submit the timesheet"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a note is told, not asked
            "Could you send me the signed memo by Tuesday 9am? Note that we are on winter time "
            "by then.",
            ["Send Dev the signed memo"],
        ),
        (  # "Sam -- please ..." is Sam's task; the reader is Alex
            "Alex -- please send Mira your notes on the grade by Friday. "
            "Sam -- please book the suite for the 14th.",
            ["Send Mira your notes on the grade"],
        ),
        (  # a piece of a sentence is no item
            "Please sign page 4 and send back a clear scan by the 13th. If you want, I can "
            "also prepare the payment via your bank account \u2013 just let me know.",
            ["Sign page 4 and send back a clear scan"],
        ),
    ],
)
def test_notes_other_peoples_tasks_and_fragments_give_no_items(body, expected):
    found = texts(items_of(f"Hi Alex,\n\n{body}\n\nDev", sender=DEV, cc="Sam Reyes <sam@x>"))
    assert found == expected


def test_the_senders_sign_off_is_told_from_an_ask():
    assert signed("Mark (re: AWB 729-4418 - certs missing)", "Mark")
    assert signed("Mark Delaney | Import Manager", "Mark")
    assert not signed("Mark the invoice as paid", "Mark")
    assert not signed("Send Mark the scanned certs", "Mark")
    assert names_only("Export Operations | Ocean Link Logistics Shanghai")
    assert not names_only("Export Q3 Figures")


@pytest.mark.parametrize(
    "warning",
    [
        "Don't delete the sheet, we need it for the analysis.",
        "No borres el archivo, lo necesitamos para el análisis.",
        "Ne supprime pas le fichier, on en a besoin.",
    ],
)
def test_a_warning_not_to_do_something_is_no_item(warning):
    body = f"Hi Alex,\n\nPlease restrict the sharing of the sheet today. {warning}\n\nDev"
    assert texts(items_of(body, sender=DEV)) == ["Restrict the sharing of the sheet"]


def test_dont_forget_is_still_an_ask():
    body = "Hi Alex,\n\nDon't forget to send the signed form by Friday.\n\nDev"
    assert texts(items_of(body, sender=DEV)) == ["Send the signed form"]


def test_a_placeholder_beside_the_asks_that_say_what_is_no_item_of_its_own():
    body = (
        "Hi,\n\nCould you send me the final Q4 trial balance by tomorrow morning? Please also "
        "update the royalty accrual rollforward. If either isn't final, send what you have.\n\nDev"
    )
    got = texts(items_of(body, subject="Audit items", sender=DEV))
    assert len(got) == 2
    assert not any(t.startswith("Send what you have") for t in got)


def test_a_placeholder_that_is_the_only_ask_stays():
    body = (
        "Hi,\n\nThe Level 3 plan came back from the fire engineer. Can you handle this one?\n\nDev"
    )
    assert texts(items_of(body, subject="Level 3 evacuation plan", sender=DEV)) == [
        "Handle this one (re: Level 3 evacuation plan)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Since you still owe me from last time)",
        "Because the auditors asked twice already",
        "As discussed, our board signed off on the extra pumping station",
        "Remember we need at least two English-speaking agents on every shift",
        "Don't forget daylight saving finishes, so that's 8am the new time",
    ],
)
def test_a_reason_a_recap_or_a_reminder_of_a_fact_is_no_item(text):
    assert readable(text, "Dev", recent=False) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "No rush at all, but it would help if you could look at section 4 with Fernanda",
            "Look at section 4 with Fernanda",
        ),
        ("Would be great if you could grab a coffee next week", "Grab a coffee next week"),
        ("Don't forget to send the signed form", "Don't forget to send the signed form"),
    ],
)
def test_an_ask_behind_a_courtesy_is_the_item(text, expected):
    assert readable(text, "Dev", recent=False) == expected


def test_a_list_item_that_reports_a_finding_is_context_for_the_ask_after_it():
    body = (
        "Hi,\n\nQA flagged two things:\n"
        "1. The CoA for lot SB-2602 shows free fatty acid at 3.4% but the spec says max 3.0%. "
        "Can you send a revised CoA?\n"
        "2. We need the pallet configuration for the 20ft container.\n\n"
        "Please get both to me by Tuesday.\n\nDev"
    )
    got = texts(items_of(body, subject="Lot SB-2602", sender=DEV))
    assert not any("shows free fatty acid" in t for t in got)
    assert any(t.startswith("Send a revised CoA") for t in got)


@pytest.mark.parametrize(
    "contingency",
    [
        "If you need additional time, please contact the Editorial Office before the due date.",
        "If none of the times work for you, contact your child's teacher directly.",
        "If you can't make it, call the front desk.",
    ],
)
def test_what_to_do_if_the_ask_cannot_be_met_is_no_second_item(contingency):
    body = f"Dear parent,\n\nPlease sign up for a slot by March 20. {contingency}\n\nOffice"
    assert texts(items_of(body, subject="Conferences", sender=DEV)) == [
        "Sign up for a slot (re: Conferences)"
    ]


@pytest.mark.parametrize("lead", ["Marcus - need", "Marcus, need", "Need"])
def test_a_bare_need_after_the_readers_name_asks_for_the_thing(lead):
    body = f"{lead} the Q2 occupancy numbers for the board deck by noon tomorrow. Thx\nDev"
    assert texts(items_of(body, subject="Q2 occupancy", sender=DEV)) == [
        "Send Dev the Q2 occupancy numbers for the board deck"
    ]


def test_them_after_i_still_have_a_count_of_things_is_those_things():
    body = (
        "Hi Rachel,\n\nADP locks the run at 8 p.m. tonight and I still have 6 timesheets from "
        "the Newark warehouse sitting in your approval queue. Can you approve them before "
        "then?\n\nDev"
    )
    assert texts(items_of(body, subject="Payroll locks tonight", sender=DEV)) == [
        "Approve 6 timesheets from the Newark warehouse"
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Our site security needs the final witness list by EOD today, otherwise they "
            "cannot print the badges.",
            "Send Dev the final witness list",
        ),
        (
            "Bram at Verhoef Customs needs the corrected invoice no later than 14:00 today.",
            "Send Dev the corrected invoice",
        ),
        (
            "I've been asked to chase the updated chronology. Realistically she needs it by "
            "6pm tonight.",
            "Send Dev the updated chronology",
        ),
        (
            "The catch certificates are missing for the lots. I need them by 5pm on Friday.",
            "Send Dev the catch certificates",
        ),
    ],
)
def test_a_dated_need_asks_to_send_the_thing(sentence, expected):
    got = texts(items_of(f"Hi,\n\n{sentence}\n\nDev", subject="Docs", sender=DEV))
    assert [t.split(" (re: ")[0] for t in got] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Could you return the signed DPA by Friday? Our data team needs it on file before "
        "they can open the upload.",
        "Could you upload it before 2 and send me the receipt? I need it for the EOFY pack.",
        "The server needs a restart before Friday.",
    ],
)
def test_a_need_that_gives_a_reason_or_names_no_thing_to_send_asks_nothing_more(sentence):
    got = texts(items_of(f"Hi,\n\n{sentence}\n\nDev", subject="Docs", sender=DEV))
    assert not any(t.startswith("Send Dev") for t in got)


def test_a_list_of_aspects_after_especially_on_is_what_the_one_ask_covers():
    body = (
        "Hi Daniel,\n\nI've written up the proposal. Would appreciate your input before the "
        "review, especially on:\n- break-glass accounts\n- contractors in Manila\n\nDev"
    )
    assert texts(items_of(body, subject="FIDO2 proposal", sender=DEV)) == [
        "Send Dev your input before the review"
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("No rush, but when you have a shortlist I'd love to see it.", "Send Dev a shortlist"),
        ("I'd love to see the draft before Friday.", "Send Dev the draft"),
    ],
)
def test_a_wish_to_see_a_thing_asks_to_send_it(sentence, expected):
    got = texts(items_of(f"Hi,\n\n{sentence}\n\nDev", subject="Role", sender=DEV))
    assert [t.split(" (re: ")[0] for t in got] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I would be grateful if you could send me the form.", "Send Dev the form"),
        (
            "I would be very grateful if you could tell me whether the topic fits your group.",
            "Tell Dev whether the topic fits your group",
        ),
        ("Comments by Friday 27 November would be great.", "Send Dev your comments"),
    ],
)
def test_a_polite_wish_is_the_ask_it_makes(sentence, expected):
    got = texts(items_of(f"Dear Alex,\n\n{sentence}\n\nDev", subject="Thesis", sender=DEV))
    assert [t.split(" (re: ")[0] for t in got] == [expected]


@pytest.mark.parametrize(
    ("subject", "sentence", "expected"),
    [
        (
            "Report",
            "If you need more time, let me know by Wednesday, otherwise please submit the risk "
            "report by Friday.",
            "Submit the risk report",
        ),
        (
            "Workshop",
            "If you can't make the workshop on Thursday, please send Marta your notes on the "
            "pricing model beforehand.",
            "Send Marta your notes on the pricing model beforehand",
        ),
        (
            "Interview slots",
            "If none of these times work, please send me two alternatives by tomorrow and I'll "
            "rebook the panel.",
            "Send Dev two alternatives",
        ),
        (
            "Two things",
            "Please approve the Q4 budget by Friday. The hiring plan slipped again - can you give "
            "me an update?",
            "Give Dev an update",
        ),
    ],
)
def test_an_ask_beside_a_contingency_or_a_short_ask_is_kept(subject, sentence, expected):
    got = texts(items_of(f"Hi Alex,\n\n{sentence}\n\nDev", subject=subject, sender=DEV))
    assert expected in [t.split(" (re: ")[0] for t in got]


def test_a_list_after_in_particular_is_one_ask_each_unless_it_details_a_view():
    body = (
        "Hi Alex,\n\nBefore your start date, please send me the following, in particular:\n"
        "- the signed NDA\n- your W-9 form\n- a copy of your passport\n\nDev"
    )
    assert len(items_of(body, subject="Onboarding paperwork", sender=DEV)) == 3


@pytest.mark.parametrize(
    ("subject", "sentence"),
    [
        ("Berlin trip", "I'd love to see the new office while I'm there if you have time."),
        ("Onboarding", "Great first month. I'd love to see the team grow by next summer."),
        ("Migration", "We're migrating the CRM this weekend. Would appreciate your patience."),
        (
            "Client report",
            "The client needs the report by Friday, so I'll finish it tonight and send it over.",
        ),
        (
            "Catering",
            "The caterer needs the final headcount by Thursday. I'll collect the RSVPs and send "
            "it to them.",
        ),
        (
            "Status",
            "The roof needs the repairs finished before Friday's storm, so the contractor comes "
            "on Wednesday.",
        ),
        (
            "Mietvertrag",
            "kurze Info: the landlord needs the signed lease by Friday, ich kümmere mich darum.",
        ),
    ],
)
def test_a_wish_or_a_need_the_sender_meets_asks_nothing(subject, sentence):
    assert items_of(f"Hi Alex,\n\n{sentence}\n\nDev", subject=subject, sender=DEV) == []


@pytest.mark.parametrize(
    "subject",
    [
        "Notes from our offline discussion",
        "Q3 sales down 12% vs forecast",
        "Why is the conversion rate down?",
        "Proposal for the stuck shipments",
    ],
)
def test_a_look_at_a_subject_that_names_no_failing_thing_stays_a_review(subject):
    got = texts(items_of("Hi,\n\nCould you take a look?\n\nDev", subject=subject, sender=DEV))
    assert got[0].startswith("Review ")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Please be there for 8:30 sharp.", "Be there for 8:30 sharp"),
        (
            "Could you confirm that PO with Bosch before noon tomorrow?",
            "Confirm that PO with Bosch",
        ),
        ("Please email Anna Schmidt. Please email Tom Berg.", "Email Anna Schmidt"),
    ],
)
def test_rewordings_keep_to_what_they_fit(sentence, expected):
    got = texts(items_of(f"Hi Alex,\n\n{sentence}\n\nDev", subject="Follow-ups", sender=DEV))
    assert got[0].split(" (re: ")[0] == expected
