"""A machine's notice of the reader's own obligation: one item naming verb and object."""

import datetime as dt

import pytest

from digests.summarize.notices import mentions, to_the_reader
from digests.summarize.obligations import duty_item, is_vague, mail_language
from tests.digests.test_summarize_actions import items_of, texts


@pytest.mark.parametrize(
    ("subject", "lead", "sender", "lang", "expected"),
    [
        (
            "Action required: Q1 access review for Warehouse Systems - 14 identities await you",
            "14 identities await your decision.",
            "SailPoint",
            "en",
            "Complete the Q1 access review for Warehouse Systems",
        ),
        (
            "Your mid-year self-assessment is due Friday",
            "Hi Sam, your self-assessment is due on Friday.",
            "Workday",
            "en",
            "Submit your mid-year self-assessment in Workday",
        ),
        (
            "Your AWS access key AKIA...7QX will be deactivated in 48 hours",
            "Rotate it before then.",
            "AWS",
            "en",
            "Rotate AWS access key AKIA...7QX",
        ),
        (
            "Payment failed for account ending 8830",
            "We could not process your payment of $3,912.44.",
            "AT&T",
            "en",
            "Pay the $3,912.44 balance for account ending 8830",
        ),
        (
            "[Airflow] DAG failed: wms_nightly_export",
            "You are on call. Task load_orders failed after 3 retries.",
            "Airflow",
            "en",
            "Fix and re-run the failed wms_nightly_export DAG",
        ),
        (
            "Aktion erforderlich: Rezertifizierung der Zugriffsrechte für SAP FI",
            "Bitte prüfen Sie die Zugriffsrechte Ihrer Mitarbeiter und bestätigen Sie die "
            "Berechtigungen für das System. Die Frist ist der 12. März und wir bitten um "
            "Ihre Entscheidung.",
            "IAM",
            "en",
            "Rezertifizierung der Zugriffsrechte für SAP FI abschließen",
        ),
        (
            "Prélèvement échoué pour votre abonnement Pro",
            "Le prélèvement de 49,00 € a été rejeté.",
            "OVH",
            "fr",
            "Régler 49,00 € pour votre abonnement Pro",
        ),
        (
            "[acme/docs-site] Secret scanning alert: Amazon AWS Access Key ID detected",
            "GitHub found a secret in acme/docs-site. Revoke it with the provider.",
            "GitHub",
            "en",
            "Revoke the Amazon AWS Access Key ID exposed in acme/docs-site",
        ),
        (
            "[GitHub] Your personal access token was found in a public repository and revoked",
            'GitHub revoked it to protect you.\nToken: "laptop-cli" (classic, scopes: repo)',
            "GitHub",
            "en",
            "Check your GitHub account for activity using the exposed personal access token "
            '"laptop-cli"',
        ),
        (
            "3 expense reports are waiting for your approval",
            "You're the approver for these reports.",
            "Expensify",
            "en",
            "Approve the 3 expense reports in Expensify",
        ),
        (
            "Invoice INV-88213 from Lumen Couriers requires your approval",
            "The following invoice is awaiting your review. Amount due: USD 4,120.00.",
            "Coupa",
            "en",
            "Approve the invoice INV-88213 from Lumen Couriers in Coupa",
        ),
        (
            "Certificate renewal awaiting your approval: api.acme.io (expires Aug 8)",
            "A renewal request is waiting for approval.",
            "DigiCert",
            "en",
            "Approve the certificate renewal for api.acme.io in DigiCert",
        ),
        (
            "Mandatory training assigned: Safeguarding Adults Level 2 (due 24/02/2026)",
            "Your refresher for the following mandatory course is due.",
            "Kestrel Learning",
            "en",
            "Complete the Safeguarding Adults Level 2 training",
        ),
        (
            "Scorecard due: Amira Haddad - Senior Backend Engineer (Berlin)",
            "Thanks for interviewing Amira Haddad today.",
            "Greenhouse",
            "en",
            "Submit the scorecard for Amira Haddad in Greenhouse",
        ),
        (
            "Reminder: renewal of food establishment licence FE-26-03318",
            "Your licence is due for renewal.",
            "Singapore Food Agency",
            "en",
            "Renew the food establishment licence FE-26-03318",
        ),
        (
            "[certwatch] status.acme.io expires in 16h - auto-renewal failing (owner: you)",
            "Certificate expiry warning. Auto-renewal has failed 3 times.",
            "certwatch",
            "en",
            "Fix the failing renewal of the status.acme.io certificate",
        ),
        (
            "Please DocuSign: Lease Renewal - 1420 N Dearborn Unit 5B",
            "Renee Castillo sent you a document to review and sign.",
            "Renee Castillo via Docusign",
            "en",
            "Sign the Lease Renewal for 1420 N Dearborn Unit 5B in Docusign",
        ),
        (
            "Payment failed - production services will be suspended in 24 hours",
            "We were unable to charge your Visa. Please update your payment method.",
            "Stackhaven Billing",  # the notice's words name no object: the brand's account
            "en",
            "Update the payment method for the Stackhaven account",
        ),
        (
            "Renewal failed: certificate for api.example.co.uk expires in 20 hours",
            "The automatic renewal attempt failed.",
            "CertPilot",  # the object after the notice's words and colon
            "en",
            "Fix the failing renewal of the certificate for api.example.co.uk",
        ),
        (
            "verdeloop.com expires in 6 days - auto-renew is off",
            "Your domain verdeloop.com expires on June 1, 2026.",
            "Hostwell Domains",
            "en",
            "Renew the domain verdeloop.com or turn on auto-renew",
        ),
        (
            "Security alert",
            "We noticed a new sign-in to your Google Account.\nDevice: Windows\n"
            "Location: Lagos, Nigeria (approximate)",
            "Google",
            "en",
            "Check the new Windows sign-in from Lagos to your Google account",
        ),
        (
            "Ihre hinterlegte Kreditkarte läuft am 31.07.2026 ab",
            "die für Ihr Kundenkonto K-204918 hinterlegte Kreditkarte läuft am 31.07.2026 ab. "
            "Bitte aktualisieren Sie Ihre Zahlungsdaten.",
            "Serverhaus",  # an expiring card, for the account the notice numbers
            "de",
            "Zahlungsmethode für das Serverhaus-Kundenkonto K-204918 aktualisieren",
        ),
        (
            "Sicherheitswarnung",
            "Neue Anmeldung in Ihrem Google-Konto.\nGerät: Windows\nOrt: Lagos, Nigeria",
            "Google",
            "de",
            "Die neue Anmeldung (Windows) aus Lagos im Google-Konto prüfen",
        ),
        (
            "Security alert: new sign-in on Linux",
            "A new sign-in to your account was detected. If not, secure your account.",
            "Account Security",  # a sender named for what it does is no brand
            "en",
            "Check the recent activity on your account",
        ),
    ],
)
def test_a_personal_obligation_names_its_verb_and_object(subject, lead, sender, lang, expected):
    kind, text = duty_item(subject, lead, sender, mail_language(lead, lang))
    assert kind
    assert text == expected


def test_a_subscription_that_failed_to_renew_is_no_certificate_to_fix():
    kind, _ = duty_item("Auto-renewal failed for acme.io", "We could not charge you.", "Reg", "en")
    assert kind != "renewfail"


def test_no_duty_for_upsells_auto_replies_or_someone_elses_build():
    assert duty_item("Your trial expires in 3 days - upgrade now", "", "Acme", "en") == ("", "")
    assert duty_item("Automatic reply: renewal of the lease", "", "Ana", "en") == ("", "")
    failed = "[CI] Run failed: api-tests - mb/fx-rounding"
    assert duty_item(failed, "Build on branch mb/fx-rounding failed.", "CI", "en") == ("", "")


def test_a_list_mail_is_a_duty_only_when_it_says_it_is_the_readers():
    subject = "[ops] Run failed: nightly-sync"
    assert duty_item(subject, "Sync failed.", "GitHub", "en", mass=True) == ("", "")
    mine = "You are receiving this because you are the owner of this workflow."
    assert duty_item(subject, mine, "GitHub", "en", mass=True)[1].startswith("Fix and re-run")


def test_button_texts_are_vague_and_give_way_to_the_duty():
    assert is_vague("Pay now", "pay")
    assert is_vague("Check: Security alert")
    assert is_vague("Make a payment via the portal to avoid interest", "pay")
    assert not is_vague("Enforce MFA for the 2 GitHub org members without it", "access")


def test_a_failed_payment_mail_gives_one_item_not_its_buttons():
    body = (
        "We were unable to process your payment of $3,912.44 for account ending 8830.\n\n"
        "Please make a payment by Friday to avoid interruption.\n\nPay now"
    )
    found = items_of(
        body,
        automated=True,
        subject="Your payment failed - account ending 8830",
        sender="AT&T Billing <billing@att.example>",
    )
    assert texts(found) == ["Pay the $3,912.44 balance for account ending 8830"]


@pytest.mark.parametrize(
    ("body", "subject", "sender", "expected"),
    [
        (
            "You have been assigned incident #4471. Acknowledge: https://acme.pagerduty.com/i/4471",
            "[PagerDuty] Triggered: #4471 WMS API 5xx",
            "PagerDuty <no-reply@pagerduty.com>",
            ["Acknowledge PagerDuty incident #4471 (WMS API 5xx)"],
        ),
        (
            "We could not process your payment of $3,912.44 for account ending 8830. Pay now",
            "Your AT&T payment failed",
            "AT&T <billing@att.example>",
            ["Pay the $3,912.44 AT&T balance for account ending 8830"],
        ),
        (
            "DAG wms_export failed on task load. You are on call for data-platform.",
            "[Airflow] DAG wms_export failed",
            "Airflow <airflow@x.example>",
            ["Fix and re-run the failed wms_export DAG"],
        ),
        (
            "Bitte führen Sie die Rezertifizierung für 12 Benutzer bis Freitag durch. Jetzt prüfen",
            "Aktion erforderlich: Rezertifizierung SAP-Berechtigungen Q2",
            "IAM Portal <iam-noreply@x.example>",
            ["Rezertifizierung SAP-Berechtigungen Q2 abschließen"],
        ),
        (
            "Your pipeline has failed. Commit Author: Mariana Costa.",
            "lab/hplc-pipeline | Failed pipeline for mariana/calibration-fix",
            "GitLab <gitlab@git.example>",
            [],
        ),
        (
            "Your contract with Acme expires on 30 June 2026.",
            "Your contract expires on 30 June",
            "Acme Renewals <renewals@acme.example>",
            [],
        ),
    ],
)
def test_a_machine_mail_gives_its_obligation_or_nothing(body, subject, sender, expected):
    assert texts(items_of(body, automated=True, subject=subject, sender=sender)) == expected


@pytest.mark.parametrize(
    "subject",
    [
        "Freigabe erteilt: Rechnung 2026-0147",
        "Your renewal of example.com was successful",
        "Payment received - account ending 8830",
        "Access review completed: Q1 Warehouse Systems",
    ],
)
def test_a_receipt_or_confirmation_is_no_duty(subject):
    assert duty_item(subject, "Hello", "Portal", "en") == ("", "")


def test_the_duty_is_due_when_the_ask_it_replaces_is_not_on_the_mails_first_date():
    body = (
        "Thanks for interviewing Amira Haddad today (System Design, 14:00-15:00).\n\n"
        "Your scorecard is due by Thursday at 15:00.\n\nSubmit scorecard: https://x.example/s/1"
    )
    found = items_of(
        body,
        automated=True,
        subject="Scorecard due: Amira Haddad - Senior Backend Engineer",
        sender="Greenhouse <no-reply@greenhouse.example>",
    )
    assert [(i.text, i.due) for i in found] == [
        ("Submit the scorecard for Amira Haddad in Greenhouse", dt.date(2026, 12, 3))
    ]


def test_a_security_alert_without_a_date_is_due_the_day_it_came():
    body = (
        "Someone just used your password to try to sign in to your account. Google blocked "
        "them, but you should check what happened.\n\nCheck activity"
    )
    found = items_of(
        body, automated=True, subject="Critical security alert", sender="Google <no-reply@g.co>"
    )
    assert [(item.text, str(item.due)) for item in found] == [
        ("Check the recent activity on your Google account", "2026-11-30")
    ]


def test_an_incident_page_is_due_the_day_it_fires_not_when_the_shift_ends():
    body = (
        "You have been assigned incident #4471.\nAssigned to: Sam (on call until Thu 3 Dec, "
        "09:00)\nAcknowledge: https://acme.pagerduty.com/i/4471"
    )
    found = items_of(
        body,
        automated=True,
        subject="[PagerDuty] Triggered: #4471 WMS API 5xx",
        sender="PagerDuty <no-reply@pagerduty.com>",
    )
    assert [(i.due, i.time) for i in found[:1]] == [(dt.date(2026, 11, 30), None)]


def test_a_declined_card_is_due_before_the_payment_is_tried_again():
    body = (
        "We couldn't collect CHF 79.00 for your Shopwerk plan. Your card ending in 5521 was "
        "declined.\n\nWe'll try again automatically on 3 December. If that payment also fails, "
        "your store will be paused on 5 December.\n\nUpdate payment details: https://x.example/b"
    )
    found = items_of(
        body,
        automated=True,
        subject="Payment for your Shopwerk subscription failed",
        sender="Shopwerk <billing@shopwerk.example>",
    )
    assert [(i.text, i.due) for i in found] == [
        ("Update the payment method for the Shopwerk subscription", dt.date(2026, 12, 3))
    ]


def test_an_access_reviews_own_steps_give_way_to_the_review():
    assert is_vague("Certify or revoke each item (re: Q1 access recertification)", "access")
    assert not is_vague("Certify or revoke each item (re: Q1 access recertification)", "pay")


def test_an_expiring_card_names_the_account_it_pays_not_the_date():
    lead = (
        "The payment card ending 4410 used for your Workspace subscription (account "
        "HPB-ZH-0093) expires on 31 October 2026. Please add a new card before that date."
    )
    subject = "Your payment card expires on 31 October 2026"
    _, text = duty_item(subject, lead, "LSEG Data & Analytics", "en")
    assert text == "Update the payment method for the LSEG account HPB-ZH-0093"


@pytest.mark.parametrize(
    "text",
    [
        "Update your payment details",
        "Aktualisieren Sie Ihre Zahlungsdaten",
        "Actualiza tus datos de pago",
    ],
)
def test_updating_payment_details_is_what_a_card_duty_already_says(text):
    assert is_vague(text, "card")


def test_an_access_reviews_per_user_step_gives_way_to_the_review():
    assert is_vague("Confirm the access is still needed or revoke it", "access")
    assert not is_vague("Confirm the new supplier bank details with finance", "access")


def test_a_security_alerts_own_steps_are_its_items_not_the_general_check():
    body = (
        "At 03:12 today we blocked a sign-in to your account from Minsk. We have paused access "
        "from external apps.\n\nPlease, today:\n"
        "- change your password yourself at the IT Self-Service portal, and\n"
        "- call the IT Service Desk on extension 4400 so we can restore external access.\n\n"
        "IT Security Team"
    )
    found = items_of(
        body,
        automated=True,
        subject="Security alert: sign-in to your account blocked",
        sender="Kingsbridge IT Security <it-security@kingsbridge.ac.uk>",
    )
    assert [item.text.split(" (re:")[0].split()[0] for item in found] == ["Change", "Call"]
    assert all(str(item.due) == "2026-11-30" for item in found)


def test_a_mention_of_a_two_word_first_name_is_the_reader():
    assert mentions("Kenji (10:42 AM): @Wei Ling can you look?", "weiling.tan@acme.example")
    assert not mentions("Kenji (10:42 AM): @Wei Chen can you look?", "weiling.tan@acme.example")
    line = "Kenji Watanabe (10:42 AM): @Wei Ling can you take a look?"
    assert to_the_reader(line) == "can you take a look?"


@pytest.mark.parametrize(
    ("subject", "lead", "expected"),
    [
        (
            "Examination fee pending - Aarav Iyer, Class 6B",
            "The half-yearly examination fee of Rs. 2,400 for your ward is still pending.",
            "Pay the Rs. 2,400 Examination fee",
        ),
        (
            "Unpaid invoice INV-2291",
            "Invoice INV-2291 over $1,200.00 is unpaid.",
            "Pay the $1,200.00 invoice INV-2291",
        ),
    ],
)
def test_a_fee_or_invoice_still_pending_is_a_payment_to_make(subject, lead, expected):
    kind, text = duty_item(subject, lead, "Accounts Office", "en")
    assert kind == "pay"
    assert text == expected


def test_a_payment_in_transit_is_no_duty():
    assert (
        duty_item("Your payment is pending", "We are processing your payment.", "Shop", "en")[0]
        != "pay"
    )


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Payment unsuccessful - policy AUT-5567120", "the policy AUT-5567120"),
        ("Auto-renewal failed: brightpath-clinic.com expires today", "brightpath-clinic.com"),
        (
            "Payment declined - your auto policy DW-4471902 will be cancelled tonight",
            "the auto policy DW-4471902",
        ),
    ],
)
def test_a_failed_payment_subject_names_what_it_was_for_after_the_failure(subject, expected):
    lead = "Your card was declined. Please update your payment method."
    _, text = duty_item(subject, lead, "Keystone Mutual", "en")
    assert text == f"Update the payment method for {expected}"


def test_no_outstanding_balance_is_no_duty():
    kind, _ = duty_item("Statement: no outstanding balance", "Thank you.", "Bank", "en")
    assert kind != "pay"


def test_a_notices_own_tasks_are_no_buttons():
    from digests.summarize.non_asks import without_non_asks
    from digests.summarize.types import ActionItem

    tasks = [ActionItem("Pay invoice"), ActionItem("Submit timesheet")]
    assert without_non_asks(tasks, "", "en", machine=True) == tasks
    with_buttons = [ActionItem("Approve the invoice"), ActionItem("Approve Reject")]
    assert without_non_asks(with_buttons, "", "en", machine=True) == with_buttons[:1]
    # a code host's column heading, "File" though it reads like a verb
    with_heading = [ActionItem("Review PR #812"), ActionItem("File Changes (4 files)")]
    assert without_non_asks(with_heading, "", "en", machine=True) == with_heading[:1]
