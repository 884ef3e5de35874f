"""What a machine's notice obliges the reader to do: the duty its remedy names."""

import datetime as dt

from digests.summarize.actions import find_action_items
from tests.digests.factories import ME
from tests.digests.test_summarize_actions import BERLIN, FRIDAY, MONDAY, items_of, parsed, texts


def test_a_declined_charge_asks_to_update_the_card_not_to_pay_the_balance():
    body = (
        "We tried to charge the Visa card ending 4417 for your Tabletop plan (invoice TT-88, "
        "A$420.00) on 15 July and again today. Both attempts were declined by the card issuer.\n\n"
        "If the payment method isn't updated, ordering will be suspended tonight.\n\n"
        "To update the card, sign in to the back office and go to Settings > Billing."
    )
    found = texts(
        items_of(
            body,
            automated=True,
            subject="Payment failed - your venues will be suspended",
            sender="Tabletop Billing <billing@tabletop.example>",
        )
    )
    assert found == ["Update the payment method for the Tabletop account"]


def test_an_expired_card_and_an_invoice_to_retry_is_one_item_naming_both():
    body = (
        "We couldn't process the payment of US$912.40 for invoice CL-INV-0042 (November usage).\n\n"
        "Reason: card expired (Mastercard ending 0552)\n\n"
        "To update your payment method, sign in to the console and go to Billing > Payment "
        "methods, then retry the invoice."
    )
    found = texts(
        items_of(
            body,
            automated=True,
            subject="Action needed: payment for Orchard Labs could not be processed",
            sender="Cumulus Billing <billing@cumulus.example>",
        )
    )
    assert len(found) == 1
    assert found[0].endswith(" and pay invoice CL-INV-0042")


def test_an_access_review_names_how_many_accounts_to_certify_or_revoke():
    body = (
        "As part of the Q4 access review, you are listed as the owner of 9 user accounts with "
        "access to the MES.\n\n"
        "Please certify or revoke each account in the IAM portal by Friday."
    )
    found = texts(
        items_of(
            body,
            automated=True,
            subject="[Action required] Q4 access recertification - due Friday",
            sender="Acme IAM <iam-noreply@acme.example>",
        )
    )
    assert found == ["Certify or revoke the 9 user accounts in the Q4 access recertification"]


def test_any_paging_tool_s_triggered_incident_is_acknowledged_the_day_it_fires():
    body = (
        "INCIDENT TRIGGERED\n#7310 Checkout error rate > 5% (shop-eu)\nService: Checkout\n"
        "Assigned to: Sam Ortiz (Primary on-call)\n"
        "Acknowledge: https://acme.beeper.example/incidents/7310/ack\n"
        "You are receiving this because you are on call for Checkout."
    )
    found = items_of(
        body,
        automated=True,
        subject="[Beeper] TRIGGERED #7310: Checkout error rate > 5% (shop-eu)",
        sender="Beeper <alerts@beeper.example>",
    )
    assert [(i.text, i.due) for i in found] == [
        ("Acknowledge Beeper incident #7310 (Checkout error rate > 5%)", dt.date(2026, 11, 30))
    ]


def test_a_machine_s_advice_beside_the_duty_is_no_item():
    body = (
        "We are replacing your card ending 2290 with a new card ending 7730.\n\n"
        "Please activate the new card in the app by 10 April 2026. Remember to update merchants "
        "who bill the old card. Please do not use any link in emails about this card. If you "
        "used your old PIN on any other card, change it there as well."
    )
    found = texts(
        items_of(
            body,
            automated=True,
            subject="Your replacement Harbour Business Card is on its way",
            sender="Harbour Bank <cards@harbour.example>",
        )
    )
    assert found == ["Activate the replacement Harbour Business Card ending 7730"]


def test_each_task_a_tool_counts_for_the_reader_is_an_item_due_on_its_own_date():
    body = (
        "Hi Eero, the H1 review cycle is open\n\nYou have 2 tasks waiting:\n\n"
        "Peer review for Ana Silva due Wed, Dec 2\n\nSelf-review due Fri, Dec 4\n\n"
        "Start reviewing"
    )
    found = items_of(
        body,
        automated=True,
        subject="H1 reviews: you have 2 tasks due this week",
        sender="Cadence Reviews <no-reply@cadence.example>",
    )
    assert [(i.text, i.due) for i in found] == [
        ("Submit the peer review for Ana Silva", dt.date(2026, 12, 2)),
        ("Submit your self-review", dt.date(2026, 12, 4)),
    ]


def test_an_alert_s_recommended_steps_are_one_item_each():
    body = (
        "SecretWatch detected a valid secret pushed to a public repository you own.\n\n"
        "Key ID: AKIAEXAMPLE123\nFile: config/keys.ini, line 3\n\n"
        "Recommended steps:\n"
        "- Deactivate and delete the access key in IAM, then issue a new one.\n"
        "- Review CloudTrail for activity from this key since 09:00 UTC.\n"
        "- Remove the file from the repository history (revoke first).\n\n"
        "Open the incident: https://app.secretwatch.example/incidents/1"
    )
    found = texts(
        items_of(
            body,
            automated=True,
            subject="[SecretWatch] Exposed AWS credential in acme/scripts",
            sender="SecretWatch Alerts <alerts@secretwatch.example>",
        )
    )
    assert found == [
        "Deactivate and delete the access key in IAM, then issue a new one",
        "Review CloudTrail for activity from this key since 09:00 UTC",
        "Remove the file from the repository history",
    ]


def test_an_office_writing_to_the_reader_by_name_with_a_dated_please_sets_a_duty():
    body = (
        "Dear {greeting},\n\nBasement level B2 closes tonight as a precaution against "
        "flooding.\n\nOur records show your vehicle (plate NDA 4521) is still parked at slot "
        "B2-117. Please move it to the open lot on Level 3 by 10:00 PM tonight.\n\nAdmin Office"
    )

    def found(greeting: str) -> list:
        message = parsed(
            body.format(greeting=greeting),
            sender="Admin Office <admin@residences.example>",
            to=f"Alex Morgan <{ME}>",
        )
        return find_action_items(message, BERLIN, automated=True, me=ME)

    (item,) = found("Ms. Morgan")
    assert item.text == "Move your vehicle to the open lot on Level 3"
    assert (item.due, item.time) == (MONDAY, dt.time(22))
    assert found("resident") == []  # a notice to everyone in the building


def test_a_rejected_court_filing_asks_to_correct_and_resubmit_what_was_filed():
    body = (
        "Your submission has been REJECTED by the Prothonotary's office.\n\n"
        "Reason: Notice of Action not signed; page 3 missing from PDF.\n\n"
        "To preserve the original submission date, a corrected document must be resubmitted "
        "through your e-Filing account by 4:30 PM today."
    )
    found = items_of(
        body,
        automated=True,
        subject="Filing REJECTED - Statement of Claim - Hfx No. 531207",
        sender="Court e-Filing <noreply@efile.example>",
    )
    assert [i.text.split(" (re: ")[0] for i in found] == [
        "Correct and resubmit the Statement of Claim - Hfx No. 531207"
    ]
    assert found[0].time == dt.time(16, 30)


def test_a_reminder_to_release_time_entries_is_the_readers_duty():
    body = (
        "You have 23.5 hours of unreleased time for October 2026.\n\n"
        "October billing closes Friday at 18:00. Please release all October time entries "
        "before then."
    )
    found = texts(
        items_of(
            body,
            automated=True,
            subject="Reminder: 23.5 hours of unreleased October time",
            sender="Finance <finance-noreply@firm.example>",
        )
    )
    assert [t.split(" (re: ")[0] for t in found] == ["Release all October time entries"]


def test_a_spanish_debit_that_failed_for_insufficient_funds_asks_to_pay():
    body = (
        "Estimada Martina:\n\nNo pudimos debitar la cuota de junio ($ 412.300) de su contrato "
        "de leasing AP-330871 por fondos insuficientes.\n\nTiene tiempo hasta el 15 de junio "
        "para abonarla desde la app o por transferencia."
    )
    found = texts(
        items_of(
            body,
            automated=True,
            subject="Su cuota de junio no pudo debitarse - contrato AP-330871",
            sender="AutoPlan Leasing <avisos@autoplan.example>",
        )
    )
    assert len(found) == 1
    assert found[0].startswith("Pagar $ 412.300")


def test_a_review_cycle_listing_people_is_one_item_naming_them():
    body = (
        "Hi Rachel,\n\nThe Mid-year 2026 review cycle closes on Friday at 11:59 PM.\n\n"
        "You still have 4 manager reviews to submit:\n- Denise Kowalski\n- Hannah Price\n"
        "- Tariq Bashir\n- Mei Chen\n"
    )
    found = items_of(
        body,
        automated=True,
        subject="Reminder: 4 manager reviews due Friday",
        sender="Lattice <notifications@lattice.example>",
    )
    assert texts(found) == [
        "Submit 4 manager reviews for Denise Kowalski, Hannah Price, Tariq Bashir and Mei Chen"
    ]
    assert found[0].time == dt.time(23, 59)


def test_list_entries_under_an_intro_verb_read_as_its_object():
    from digests.summarize.listing import entry_object

    assert entry_object("Self-review for H1") == "self-review for H1"
    assert entry_object("Signed W-9 (current revision)") == "signed W-9 (current revision)"
    assert entry_object("Denise Kowalski") == "Denise Kowalski"


_CLASS_LIST = {"List-Id": "Grade 3B Parents <grade3b-parents.school.example>", "Precedence": "list"}


def _to_the_class(body: str, subject: str = "Trip tomorrow"):
    message = parsed(
        body,
        subject=subject,
        sender="Karen Lund <karen.lund@school.example>",
        to="Grade 3B Parents <grade3b-parents@school.example>",
        headers=_CLASS_LIST,
    )
    return find_action_items(message, BERLIN, automated=True, me=ME)


def test_a_class_list_mail_to_the_families_asks_each_family_what_it_asks_by_a_date():
    body = (
        "Dear parents,\n\nGrade 3B goes to the Experimentarium tomorrow. Please hand in the "
        "signed slip and 60 DKK by 8:15 tomorrow morning.\n\nBest wishes,\nKaren"
    )
    assert [(i.text, i.due, i.time) for i in _to_the_class(body)] == [
        (
            "Hand in the signed slip and 60 DKK",
            MONDAY + dt.timedelta(1),
            dt.time(8, 15),
        )
    ]


def test_the_families_greeting_may_follow_a_school_banner_and_be_in_german():
    body = (
        "Schule Hirslanden · Klasse 4b\n\nElternsprechtag\n\nLiebe Eltern der Klasse 4b\n\n"
        "Bitte füllen Sie das Formular im Elternportal bis Donnerstag aus."
    )
    assert [i.due for i in _to_the_class(body, subject="Elternsprechtag")] == [
        MONDAY + dt.timedelta(3)
    ]


def test_a_class_list_mail_that_announces_or_asks_without_a_date_asks_nothing():
    closed = "Dear families,\n\nThe school is closed on Friday for staff training. Enjoy the break!"
    labels = "Dear families,\n\nPlease remember to label your child's coats and lunch boxes."
    assert _to_the_class(closed) == []
    assert _to_the_class(labels) == []


def test_a_rejected_file_that_must_be_uploaded_again_is_the_readers_to_upload():
    body = (
        "Dear Grace Kim,\n\nThe ACH payroll file FWM-PR-1211 submitted today was rejected.\n\n"
        "Reason: batch header 3 contains an invalid company ID.\n\nTo keep this effective date, "
        "a corrected file must be uploaded in Meridian Commercial Online by 1:00 p.m. ET "
        "tomorrow. Files received after the cutoff will settle on December 14."
    )
    found = items_of(
        body,
        automated=True,
        subject="ACH file rejected - payroll 12/01",
        sender="Meridian Bank Treasury Services <alerts@meridianbank.example>",
    )
    assert [(i.text, i.due, i.time) for i in found] == [
        (
            "Upload the corrected file in Meridian Commercial Online",
            MONDAY + dt.timedelta(1),
            dt.time(19),
        )
    ]


def test_no_signature_required_on_a_delivery_asks_nothing():
    body = (
        "Hi Liam,\n\nYour parcel is out for delivery today.\n\nEstimated delivery: 10:00 am - "
        "2:00 pm\n\nNo signature required. If you're not home, we'll leave it in a safe place."
    )
    found = items_of(
        body,
        automated=True,
        subject="Your parcel is out for delivery",
        sender="ParcelRoo Tracking <tracking@parcelroo.example>",
    )
    assert found == []


def test_a_repositorys_alert_to_its_administrator_alone_asks_them_though_a_list_sends_it():
    body = (
        "Secret scanning found a valid secret in larkspur/checkout-config\n\n"
        "Secret type: Amazon AWS Access Key ID\nValidity: Active\n\n"
        "You are receiving this alert because you are an administrator of "
        "larkspur/checkout-config.\n\nRecommended next steps:\n"
        "1. Revoke the credential with the provider (AWS IAM) immediately.\n"
        "2. Close the alert as revoked."
    )
    message = parsed(
        body,
        subject="[larkspur/checkout-config] Secret scanning alert: AWS Access Key ID detected",
        sender="GitHub <noreply@github.com>",
        headers={"List-Id": "larkspur/checkout-config <checkout-config.larkspur.github.com>"},
    )
    items = find_action_items(message, BERLIN, automated=True, me=ME)
    assert texts(items)[0].startswith("Revoke the AWS Access Key ID exposed in larkspur")
    assert items[0].due == MONDAY  # a live key exposed: revoked the day it is found


def test_a_workflow_step_assigned_to_the_reader_is_theirs_to_do_by_its_due_date():
    body = (
        "Hi Noor,\n\nOwen Pryce assigned you to review Pemberton Mutual - DPA v3.\n\n"
        "Step Legal Ops review\n\nDue date 2026-12-03\n\nOpen workflow"
    )
    found = items_of(
        body,
        automated=True,
        subject="You've been assigned a review",
        sender="Ironclad <notifications@ironclad.example>",
    )
    assert [(i.text, i.due) for i in found] == [
        ("Review Pemberton Mutual - DPA v3", MONDAY + dt.timedelta(3))
    ]


def test_a_ticket_escalated_to_the_reader_in_the_text_is_theirs_to_answer():
    body = (
        "##- Please type your reply above this line -##\n\nTicket #88412 has been escalated to "
        "you (Siobhan Keane) by Conor Walsh.\n\nPriority Urgent\n\nView ticket #88412"
    )
    found = items_of(
        body,
        automated=True,
        subject="[Escalated] #88412 Kestrel Bank - agents unable to log in",
        sender="Lumenfold Support <support@lumenfold.zendesk.com>",
    )
    assert texts(found) == ["Respond to ticket #88412: Kestrel Bank - agents unable to log in"]


def test_a_declined_card_transaction_is_a_security_check_due_today_not_an_rsvp():
    body = (
        "Dear Reader,\n\nWe declined a transaction on your credit card ending 4417 because it "
        "looked unusual.\n\nIf you did not attempt this transaction, please call our 24x7 "
        "fraud line at 1800 555 0419 immediately."
    )
    found = items_of(
        body,
        automated=True,
        subject="Declined transaction on your Kaveri Platinum card ending 4417",
        sender="Kaveri Bank Alerts <alerts@kaveribank.example>",
    )
    assert [i.due for i in found] == [MONDAY]
    assert "fraud line" in found[0].text


def test_a_notice_that_names_the_readers_role_tells_them_what_to_do():
    keyholder = (
        "Event: SPRINKLER WATERFLOW, riser zone 2\n\nAs on-call keyholder, attend site to meet "
        "the fire department and reset the system."
    )
    booking = (
        "Permit: BP-2026-0931\nPermit holder contact: Alex Morgan, Halvorsen Builders\n\n"
        "The permit holder contact must confirm this booking in the portal by Tuesday, "
        "December 1 at 12:00 PM (NST)."
    )
    sender = "Monitoring <alerts@monitoring.example>"
    assert texts(items_of(keyholder, automated=True, subject="ALARM", sender=sender)) == [
        "Attend site to meet the fire department",
        "Reset the system",
    ]
    message = parsed(booking, subject="Booking", sender=sender, to="Alex Morgan <alex@example.com>")
    found = find_action_items(message, BERLIN, automated=True, me="alex@example.com")
    assert texts(found) == ["Confirm this booking in the portal"]


def test_a_failed_payment_subject_worded_as_a_sentence_names_the_account_instead():
    body = (
        "Hi Diego,\n\nWe couldn't process the payment for your March invoice.\n\nTo avoid "
        "suspension of your service, update your payment method today before 23:59.\n\nConecta"
    )
    found = texts(
        items_of(
            body,
            automated=True,
            subject="We couldn't process your payment",
            sender="Conecta Billing <billing@conecta.example>",
        )
    )
    assert found == ["Update the payment method for the Conecta account"]


def test_a_statement_of_charges_outstanding_asks_to_pay_them_with_the_amount():
    body = (
        "Dear Oliver Hughes,\n\nPlease find below quay rent charges outstanding on account "
        "77104. As nominated payer you are required to settle within 5 days.\n\n"
        "Total GBP 840.00\n\nPayment due: 04/12/2026."
    )
    found = items_of(
        body,
        automated=True,
        subject="Statement: quay rent outstanding - Brackwater 3PL (acct 77104)",
        sender="Port Accounts <accounts@port.example>",
    )
    assert [(i.text, i.due) for i in found] == [("Pay the quay rent (GBP 840.00)", FRIDAY)]


def _bulk_notice(body: str, subject: str, sender: str):
    message = parsed(
        body,
        subject=subject,
        sender=sender,
        to=f"Felix Braun <{ME}>",
        headers={"Precedence": "bulk", "Auto-Submitted": "auto-generated"},
    )
    return find_action_items(message, BERLIN, automated=True, me=ME)


def test_an_overdue_mandatory_course_marked_bulk_is_still_the_readers_duty_named_by_its_line():
    body = (
        "Hallo Felix Braun,\n\ndie folgende Pflichtschulung ist überfällig:\n\n"
        "Kurs: GMP-Grundlagen 2026 (GMP-101)\nFällig seit: 31.08.2026\n\n"
        "Ihr Zugang wird heute um 23:59 Uhr gesperrt, wenn die Schulung bis dahin nicht "
        "abgeschlossen ist."
    )
    subject = "Letzte Erinnerung: Pflichtschulung überfällig \u2013 Zugang wird heute gesperrt"
    found = _bulk_notice(body, subject, "Lernportal <learning@pharma.example>")
    assert [(i.text.split(" (re: ")[0], i.due, i.time) for i in found] == [
        ("Schulung GMP-Grundlagen 2026 (GMP-101) abschließen", MONDAY, dt.time(23, 59))
    ]


def test_an_expiring_certification_asks_for_the_course_that_keeps_it():
    body = (
        "Hello Felix Braun,\n\nYour shipper certification for dry ice expires on 2026-12-05.\n\n"
        "To keep shipping without interruption, complete the 40-minute refresher module by "
        "2026-12-04.\n\nPolarline Compliance"
    )
    subject = "Your dry ice shipper certification expires on 2026-12-05"
    found = _bulk_notice(body, subject, "Polarline Compliance <compliance@polarline.example>")
    assert [(i.text.split(" (re: ")[0], i.due) for i in found] == [
        ("Complete the 40-minute refresher module", FRIDAY)
    ]


def test_a_failed_upload_of_the_readers_file_asks_to_correct_and_resubmit_it():
    body = (
        "Hello Felix Braun,\n\nThe forecast file you uploaded failed validation: item VT-20 "
        "is discontinued.\n\nThe forecast window closes on 2026-12-04 at 17:00.\n\n"
        "Correct the file and upload it again in the portal."
    )
    subject = "Your Q3 2026 forecast upload failed validation"
    found = _bulk_notice(body, subject, "Vialtek Portal <portal@vialtek.example>")
    assert [(i.text.split(" (re: ")[0], i.due) for i in found] == [
        ("Correct and resubmit the Q3 2026 forecast", FRIDAY)
    ]


def test_a_workday_inbox_task_for_a_self_evaluation_names_the_review_and_skips_advice():
    body = (
        "You have a new task in your Workday inbox.\n\nComplete Self Evaluation: 2026 Annual "
        "Performance Review - Nomvula Dlamini\n\nDue Date: 2026-12-04\n\nPlease allow around "
        "30 minutes to complete the goals section."
    )
    found = items_of(
        body,
        automated=True,
        subject="Inbox: Complete Self Evaluation: 2026 Annual Performance Review - Nomvula Dlamini",
        sender="Workday <workday@myworkday.example>",
    )
    assert [(i.text.split(" (re: ")[0], i.due) for i in found] == [
        ("Submit your 2026 Annual Performance Review Self Evaluation in Workday", FRIDAY)
    ]


def test_a_notice_whose_list_follows_please_asks_each_entry():
    body = (
        "Dear Mr Papadakis,\n\nTo complete your team's registration for stage 1, please:\n\n"
        "1. register your team on the competition platform by 4 December;\n"
        "2. upload the CVs of the lead architect by the same date.\n\nThe Secretariat"
    )
    found = items_of(
        body,
        automated=True,
        subject="Your expression of interest",
        sender="Competition <noreply@competition.example>",
    )
    assert [i.text.split(" (re: ")[0] for i in found][:1] == [
        "Register your team on the competition platform"
    ]


def test_notices_that_say_nothing_is_due_or_owed_ask_nothing():
    sender = "Harbour Authority <accounts@harbour.example>"
    body = "Your statement for account 55120 is attached. Balance: GBP 0.00."
    subject = "Statement: balance outstanding GBP 0.00"
    assert items_of(body, automated=True, subject=subject, sender=sender) == []
    body = "Your file upload failed due to a server error. No action is needed: we retried it."
    found = _bulk_notice(body, "Your file upload failed", "Drive <noreply@drive.example>")
    assert found == []
    body = (
        "Hello Felix Braun,\n\nYour licence for the desktop app expires on 5 December. "
        "Auto-renewal is on, so you don't need to do anything."
    )
    found = _bulk_notice(body, "Your licence expires on 5 December", "App <no@app.example>")
    assert found == []


def test_a_lock_unless_a_thing_is_done_asks_only_when_the_thing_is_the_readers():
    body = "Inactive accounts will be closed unless they are renewed. No action is needed."
    found = items_of(body, automated=True, subject="Notice", sender="Host <no@host.example>")
    assert found == []
    body = (
        "The east entrance will be closed on Friday unless the contractor's permit is signed "
        "by the city."
    )
    found = items_of(body, automated=True, subject="Door", sender="Facilities <f@acme.example>")
    assert found == []
