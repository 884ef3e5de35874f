"""What a machine's alert or notice asks in its text: one imperative item naming the object."""

import datetime as dt

import pytest

from digests.summarize import ActionItem, find_action_items
from digests.summarize.notices import is_machine
from tests.digests.test_summarize_actions import BERLIN, MONDAY, items_of, parsed, texts

FRIDAY = MONDAY + dt.timedelta(days=4)


def test_a_change_you_did_not_make_is_one_item_with_its_condition_due_today():
    body = (
        "The bank account used for your salary was changed today at 14:21.\n\n"
        "If you made this change, no action is needed. If you did not make this change, "
        "contact the Payroll team immediately on 0118 496 0300 so the change can be reversed "
        "before the pay run, and change your password."
    )
    found = items_of(
        body,
        automated=True,
        subject="Your payment elections have been changed",
        sender="Workday <kestrel@myworkday.example>",
    )
    assert found == [
        ActionItem(
            "Check the change to your payment elections and contact the Payroll team "
            "if you didn't make this change",
            MONDAY,
        )
    ]


def test_a_new_login_alert_names_the_login_and_folds_in_securing_the_account():
    body = (
        "Someone just logged in to the store admin with your staff account.\n\n"
        "If this was you, you can ignore this email.\n\n"
        "If it wasn't you, reset your password now from the admin (Settings > Account > "
        "Security) and sign out all other sessions."
    )
    found = items_of(
        body,
        automated=True,
        subject="New login to Tandem Roast admin from Jakarta, Indonesia",
        sender="Stallfront Security <security@stallfront.example>",
    )
    assert texts(found) == [
        "Check the new login to Tandem Roast admin from Jakarta, Indonesia and reset your "
        "password from the admin if it wasn't you"
    ]


def test_telling_someone_else_stays_an_item_of_its_own():
    alert = "If this wasn't you, reset your password now and report the activity to your admin."
    found = items_of(alert, automated=True, subject="Suspicious activity on your account")
    assert texts(found) == [
        "Reset your password if it wasn't you",
        "Report the activity to your admin",
    ]


def test_a_french_alert_keeps_its_language():
    body = "Si ce n'était pas vous, changez immédiatement votre mot de passe."
    found = items_of(body, automated=True, subject="Nouvelle connexion à votre compte")
    assert texts(found) == ["Changez votre mot de passe, si ce n'était pas vous"]


def test_nothing_to_do_when_the_alert_only_says_ignore_it():
    body = "Your password was reset. If you did not request this, you can ignore this email."
    assert items_of(body, automated=True, subject="Password reset requested") == []


def test_the_fix_line_of_an_outage_alert_is_the_item_due_today():
    body = (
        "Since 06:40 today, every checkout on tandemroast.sg has failed.\n\n"
        "Cause: the API credentials of your PayNow card gateway expired on 20 November.\n\n"
        'Fix: in your admin go to Settings > Payments > PayNow Cards, click "Reconnect" and '
        "sign in to your gateway account."
    )
    found = items_of(
        body,
        automated=True,
        subject="Checkout is failing on tandemroast.sg",
        sender="Stallfront Alerts <alerts@stallfront.example>",
    )
    assert found == [ActionItem("Reconnect PayNow Cards in Settings > Payments", MONDAY)]


def test_a_list_of_your_failing_checks_is_one_item_each():
    body = (
        "These tests are failing and you are the owner. They need to pass by Friday.\n\n"
        "1. MFA enforced for all GitHub org members: 2 members without MFA\n"
        "2. Offboarded users removed from Okta: 1 account (m.bell)\n"
    )
    found = items_of(
        body,
        automated=True,
        subject="2 failing tests assigned to you are due Friday",
        sender="Vanta <notifications@vanta.example>",
    )
    assert found == [
        ActionItem("Enforce MFA for all GitHub org members: 2 members without MFA", FRIDAY),
        ActionItem("Remove offboarded users from Okta: 1 account (m.bell)", FRIDAY),
    ]


def test_a_list_that_is_not_yours_gives_nothing():
    body = "Weekly status:\n\n1. MFA enforced for all members: passing\n2. Backups encrypted: ok\n"
    assert items_of(body, automated=True, subject="Weekly compliance digest") == []


def test_a_ticket_escalated_to_you_is_answered_by_its_sla():
    body = (
        "Ticket #60127 has been escalated to Tier 3 and assigned to you.\n\n"
        "SLA: next response due today 14:00 CET\n\nView ticket: https://x.example/60127"
    )
    found = items_of(
        body,
        automated=True,
        subject="[Acme] Ticket #60127 escalated to you: Webhooks not delivered (SLA 14:00)",
        sender="Acme Support <support@acme.zendesk.example>",
    )
    assert found == [
        ActionItem("Respond to ticket #60127: Webhooks not delivered", MONDAY, dt.time(14))
    ]


def test_a_notice_whose_subject_states_the_ask():
    body = "From Friday only security keys are accepted for admin accounts."
    found = items_of(
        body,
        automated=True,
        subject="Required: enroll your YubiKey by Friday (admin accounts)",
        sender="IT Security <it-security@acme.example>",
    )
    assert found == [ActionItem("Enroll your YubiKey (admin accounts)", FRIDAY)]


def test_a_term_to_act_in_is_due_at_its_end():
    body = (
        "Le informamos de que tiene una nueva notificación disponible.\n\n"
        "Dispone de 10 días naturales para acceder a su contenido."
    )
    found = items_of(
        body,
        automated=True,
        subject="Nueva notificación disponible",
        sender="DEHú <noreply@dehu.example>",
    )
    assert found == [
        ActionItem("Acceder a su contenido (Nueva notificación disponible)", dt.date(2026, 12, 10))
    ]


@pytest.mark.parametrize(
    ("subject", "body", "headers"),
    [
        (
            "Reminder: register for our webinar on Friday",
            "Seats are limited. You have 3 days to register for the discount.",
            {"List-Unsubscribe": "<https://x.example/u>"},
        ),
        ("Your password was changed", "If this was you, no action is needed.", {}),
        (
            "Your trial ends soon",
            "You have 3 days to upgrade your plan before your trial ends.",
            {},
        ),
    ],
)
def test_marketing_and_statements_stay_without_items(subject, body, headers):
    found = items_of(
        body, automated=True, subject=subject, sender="Acme <hello@acme.example>", headers=headers
    )
    assert found == []


def test_a_replacement_card_to_activate_is_one_item_naming_the_card():
    body = (
        "We are replacing your Business Card ending 2290 with a new card ending 7730.\n\n"
        "Please activate the new card via the app (Cards > Activate) by 4 December 2026."
    )
    found = items_of(
        body,
        subject="Your replacement DBS Business Card is on its way",
        sender="DBS Bank <cards@dbs.example>",
        automated=True,
    )
    assert found == [
        ActionItem("Activate the replacement DBS Business Card ending 7730", dt.date(2026, 12, 4))
    ]
    assert is_machine(parsed(body, sender="DBS Bank <cards@dbs.example>"))
    assert is_machine(parsed(body, sender="IT Helpdesk <helpdesk@northwind.example>"))


@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        (
            "New sign-in to your Dropbox account",
            "A new browser signed in to your account. Wasn't you? Reset your password and "
            "check your connected devices.",
            "Check the recent activity on your Acme account and reset your password "
            "if it wasn't you",
        ),
        (
            "Your password was changed",
            "If you didn't make this change, please contact us immediately at help@acme.example.",
            "Check the change to your password and contact Acme at help@acme.example "
            "if you didn't make this change",
        ),
        (
            "Your email address was updated",
            "If this wasn't you, your account may be at risk. We recommend that you reset your "
            "password right away.",
            "Check the update to your email address and reset your password if it wasn't you",
        ),
    ],
)
def test_the_ways_an_alert_says_if_it_was_not_you(subject, body, expected):
    found = items_of(body, automated=True, subject=subject, sender="Acme <no-reply@acme.example>")
    assert found == [ActionItem(expected, MONDAY)]


@pytest.mark.parametrize(
    "body",
    [
        "Thanks for signing up. If you didn't sign up for Acme, you can ignore this email.",
        "Your order is on its way. If you do not want these emails, update your preferences.",
    ],
)
def test_a_condition_that_asks_nothing_gives_nothing(body):
    assert items_of(body, automated=True, subject="Welcome", sender="Acme <hi@acme.example>") == []


def test_a_list_of_your_overdue_trainings_is_one_item_each():
    body = (
        "You have 2 overdue trainings:\n- Complete Security Awareness 2026\n"
        "- Complete Data Privacy Basics\n\nPlease finish them by Friday."
    )
    found = items_of(
        body, automated=True, subject="Overdue trainings", sender="LMS <lms@x.example>"
    )
    assert found == [
        ActionItem("Complete Security Awareness 2026", FRIDAY),
        ActionItem("Complete Data Privacy Basics", FRIDAY),
    ]


def test_a_subject_that_asks_with_a_date_is_the_item():
    found = items_of(
        "Hi Sam, your timesheet for last week is still open.",
        automated=True,
        subject="Submit your timesheet by Friday",
        sender="Harvest <notifications@harvest.example>",
    )
    assert found == [ActionItem("Submit your timesheet", FRIDAY)]
    unsure = items_of("Welcome!", automated=True, subject="Verify your email address")
    assert unsure == []
    nudge = items_of("Welcome!", automated=True, subject="Reminder: complete your profile")
    assert nudge == []


def test_an_alert_routed_to_you_as_owner_is_yours_to_investigate_today():
    body = (
        "Labels:\nalertname = ReconciliationDuplicatePostings\nseverity = critical\n"
        "Annotations:\nsummary = Nightly reconciliation started twice\n"
        "oncall = jonas.weber (primary)\nservice = ledger-recon\n"
    )
    message = parsed(
        body,
        subject="[FIRING:2] ReconciliationDuplicatePostings (ledger-recon critical)",
        sender="Alertmanager <alertmanager@alerts.acme.example>",
    )
    found = find_action_items(message, BERLIN, automated=True, me="jonas.weber@acme.example")
    assert found == [
        ActionItem("Investigate Reconciliation Duplicate Postings (ledger-recon)", MONDAY)
    ]
    someone_else = find_action_items(message, BERLIN, automated=True, me="ana.ruiz@acme.example")
    assert someone_else == []


def test_a_page_naming_the_reader_as_on_call_assignee_asks_to_acknowledge_it():
    body = (
        "Asset: CSG-02 Clean Steam Generator\nSeverity: CRITICAL\n\n"
        "On-call assignee: Marcus Hale (Utilities Engineering)\n"
        "Escalation: Utilities Manager at 04:42 if not acknowledged\n\n"
        "Acknowledge: reply ACK to this message\n"
    )
    message = parsed(
        body,
        subject="[CRITICAL][ON-CALL] CSG-02 conductivity high",
        sender="BMS Alerts <bms@pharma.example>",
    )
    found = find_action_items(message, BERLIN, automated=True, me="marcus.hale@pharma.example")
    assert [i.text for i in found] == ["Acknowledge CSG-02 conductivity high"]
    someone_else = find_action_items(message, BERLIN, automated=True, me="ana.ruiz@pharma.example")
    assert someone_else == []


def test_a_german_ticket_and_a_spanish_fix_line_keep_their_language():
    ticket = items_of(
        "Das Ticket #4711 wurde Ihnen zugewiesen. Bitte antworten Sie bis heute 16:00 Uhr.",
        automated=True,
        subject="Ticket #4711 zugewiesen: Lieferschein fehlt für die Bestellung",
        sender="Servicedesk <support@firma.example>",
    )
    assert texts(ticket) == ["Ticket #4711 beantworten: Lieferschein fehlt für die Bestellung"]
    fix = items_of(
        "Desde hoy tu dominio tienda.es no resuelve y la tienda no está disponible. "
        "Solución: cambia los registros DNS en el panel de tu registrador.",
        automated=True,
        subject="Tu tienda no está disponible",
        sender="Tiendas Alertas <alertas@tiendas.example>",
    )
    assert texts(fix) == ["Cambia los registros DNS en el panel de tu registrador"]


@pytest.mark.parametrize(
    ("subject", "sender", "body", "expected"),
    [
        (
            "Your invoice INV-2041 is due on December 3",
            "Acme Billing <billing@acme.example>",
            "Hi Sam, invoice INV-2041 for $412.18 is due on December 3. Pay now",
            ActionItem("Pay the invoice INV-2041 ($412.18)", dt.date(2026, 12, 3)),
        ),
        (
            "Ihre Rechnung 12345 ist fällig",
            "Stadtwerke <rechnung@stadtwerke.example>",
            "Sehr geehrter Herr Weber, Ihre Rechnung 12345 über 84,20 € ist am 3. Dezember "
            "fällig. Bitte überweisen Sie den Betrag bis dahin.",
            ActionItem("Rechnung 12345 (84,20 €) bezahlen", dt.date(2026, 12, 3)),
        ),
        (
            "Your password expires in 5 days",
            "Okta <noreply@okta.example>",
            "Your password expires in 5 days. Change it at https://pw.example before it expires.",
            ActionItem("Change your Okta password", dt.date(2026, 12, 5)),
        ),
        (
            "Action requise : validez votre note de frais avant le 4 décembre",
            "Notilus <noreply@notilus.example>",
            "Bonjour, votre note de frais de novembre est en attente de validation.",
            ActionItem("Valider votre note de frais", dt.date(2026, 12, 4)),
        ),
        (
            "Recordatorio: firma pendiente del contrato de alquiler",
            "Signaturit <noreply@signaturit.example>",
            "Hola, tienes pendiente firmar el contrato de alquiler antes del 4 de diciembre.",
            ActionItem("Firmar el contrato de alquiler", dt.date(2026, 12, 4)),
        ),
        (
            "Time-off request needs your approval: Carla Mendes, Dec 21-24",
            "BambooHR <notifications@bamboohr.example>",
            "Carla Mendes requested 4 days off. Approve or deny the request.",
            ActionItem("Approve the time-off request for Carla Mendes, Dec 21-24 in BambooHR"),
        ),
    ],
)
def test_a_bill_a_password_a_claim_a_signature_each_one_item(subject, sender, body, expected):
    assert items_of(body, automated=True, subject=subject, sender=sender) == [expected]


def test_a_bill_paid_by_direct_debit_asks_nothing():
    body = "Your invoice for $412.18 is due on December 3 and will be charged to your card."
    found = items_of(
        body,
        automated=True,
        subject="Your invoice is due on December 3",
        sender="Acme <b@a.example>",
    )
    assert found == []


def test_a_new_device_signed_in_is_an_alert_not_a_done_deal():
    body = (
        "Your Apple ID was used to sign in on a new iPhone. If this was you, you can ignore this. "
        "If not, go to appleid.apple.com to change your password."
    )
    found = items_of(
        body,
        automated=True,
        subject="Security alert: new device signed in",
        sender="Apple <appleid@id.apple.example>",
    )
    assert texts(found) == [
        "Check the recent activity on your Apple account and go to appleid.apple.com to change "
        "your password if it wasn't you"
    ]


def test_what_an_alert_says_must_be_done_is_the_item():
    body = (
        "Current: -52 °C (rising). This alarm repeats until acknowledged. Samples must be moved "
        "to a backup unit (F-07 or F-09, Bloco C) before the temperature reaches -20 °C.\n\n"
        "Acknowledge: https://monitor.example/ack/F-12"
    )
    found = items_of(
        body,
        automated=True,
        subject="ALARM: Freezer F-12 (lab 12) temperature -52 °C - rising",
        sender="Monitor <alarmes@lab.example>",
    )
    assert found == [
        ActionItem("Move the samples to a backup unit (F-07 or F-09, Bloco C)", MONDAY)
    ]
    receipt = items_of(
        "Returns must be requested within 30 days of delivery.",
        automated=True,
        subject="Your order has shipped",
        sender="Shop <orders@shop.example>",
    )
    assert receipt == []


def test_your_own_request_acknowledged_by_a_help_desk_asks_nothing():
    body = (
        "Thank you for contacting Acme Support. We have received your request. "
        "An engineer will respond within 1 business day (first response SLA)."
    )
    found = items_of(
        body,
        automated=True,
        subject="Request #33188 escalated to you: Admin console session timeout",
        sender="Acme Support <support@acme.example>",
    )
    assert found == []


def test_a_term_that_is_a_right_is_no_item():
    body = "Your parcel was delivered. You have 30 days to return your item to us."
    found = items_of(
        body, automated=True, subject="Delivered: your order", sender="Shop <orders@shop.example>"
    )
    assert found == []


def test_a_german_alert_drops_its_modal_and_please():
    body = "Neue Anmeldung unter Windows. Wenn Sie das nicht waren, sollten Sie Ihr Konto schützen."
    found = items_of(
        body,
        automated=True,
        subject="Sicherheitswarnung",
        sender="Google <no-reply@google.example>",
    )
    assert texts(found) == ["Ihr Konto schützen, falls Sie das nicht waren"]


def test_a_lock_that_waits_on_the_reader_asks_for_what_lifts_it_by_the_lock_time():
    body = (
        "Hi Kwame,\n\nYou have 4 transactions older than 30 days without receipts.\n\n"
        "Per the expense policy, your card ending in 3391 will be locked at 23:59 today unless "
        "receipts and memos are added.\n\nAdd receipts"
    )
    found = items_of(
        body,
        automated=True,
        subject="Your card ending in 3391 will be locked tonight",
        sender="Brex <no-reply@brex.example>",
    )
    assert [(i.text, i.due, i.time) for i in found] == [
        ("Add receipts and memos", MONDAY, dt.time(23, 59))
    ]


def test_a_lock_that_waits_on_an_upgrade_is_selling_not_a_duty():
    body = (
        "Hi Kwame,\n\nYour workspace will be paused on Friday unless you upgrade to the Team "
        "plan.\n\nUpgrade now"
    )
    found = items_of(
        body,
        automated=True,
        subject="Your workspace will be paused",
        sender="Boardly <no-reply@boardly.example>",
    )
    assert found == []


def test_a_notices_pay_now_button_is_no_second_item():
    body = (
        "Dear Hannah,\n\nThe invoice for Term 3 fees is now 21 days overdue. To keep Ruby's "
        "place, please pay the balance by 5:00 pm today through the parent portal.\n\nPay now"
    )
    found = items_of(
        body,
        automated=True,
        subject="Overdue account - action required today",
        sender="Little Wattle <accounts@wattle.example>",
    )
    assert [i.text.split(" (re: ")[0] for i in found] == [
        "Pay the balance through the parent portal"
    ]


def test_a_page_names_the_reader_only_as_the_current_assignee_of_a_live_alert():
    message = parsed(
        "On-call assignee: Priya Nair\nPrevious on-call: Marcus Hale (handed over at 08:00)\n",
        subject="[ALERT] High error rate on payments-api",
        sender="Opsgenie <alerts@opsgenie.example>",
    )
    assert find_action_items(message, BERLIN, automated=True, me="marcus.hale@x.example") == []
    resolved = parsed(
        "Resolved automatically at 08:41.\nOn-call assignee: Marcus Hale\n",
        subject="[ALERT] Disk usage high on build-07",
        sender="Opsgenie <alerts@opsgenie.example>",
    )
    assert find_action_items(resolved, BERLIN, automated=True, me="marcus.hale@x.example") == []
