"""Mail from the tools people work in: help desks, deal desks, billing, code hosts, HR systems."""

import datetime as dt
import zoneinfo

from digests.parsing import parse_message
from digests.summarize import SummaryContext, analyze, features_for
from digests.summarize.authenticity import is_lookalike
from digests.summarize.people import RECEIVING_AS_OWNER
from tests.digests.factories import ME, gmail_message, mail

NOW = dt.datetime(2026, 11, 30, 9, 15, tzinfo=dt.UTC)
CONTEXT = SummaryContext(now=NOW, zone=zoneinfo.ZoneInfo("UTC"), me=ME)
PASSED = {"Authentication-Results": "mx.google.com; dkim=pass; spf=pass; dmarc=pass"}


def parsed(
    body: str, sender: str, subject: str, headers: dict[str, str] | None = None, to: str = ME
):
    message = mail(body, sender=sender, subject=subject, headers=headers, to=to)
    return parse_message(gmail_message(message))


def test_a_help_desk_subdomain_named_after_the_readers_company_is_no_look_alike():
    assert not is_lookalike("lumenfold.zendesk.com", "Lumenfold Support", "lumenfold.com")
    assert is_lookalike("lumenfold.mail-quota.com", "Lumenfold Support", "lumenfold.com")


def test_an_approval_request_for_a_discount_is_no_marketing():
    body = (
        "Marcus Bell has requested your approval for the following item.\n\n"
        "Opportunity: Norvik Freight - Renewal FY27\nDiscount: 35% (exceeds 25% threshold)\n\n"
        "Please approve by 5:00 PM today."
    )
    message = parsed(body, "Salesforce <noreply@salesforce.com>", "Approval Request: Norvik")
    assert not features_for(message, CONTEXT).get("auto_marketing")
    assert analyze(message, CONTEXT).urgency != "low"


def test_a_shop_offering_a_discount_is_still_marketing():
    body = "Hi,\n\nGet an extra 20% discount on everything this weekend."
    message = parsed(body, "Shop <news@shop.example>", "Weekend deals")
    assert features_for(message, CONTEXT).get("auto_marketing")


def test_a_balance_that_runs_out_in_about_nine_hours_is_trouble_within_the_day():
    body = (
        "Hi,\n\nAuto-recharge failed on your account: the card was declined.\n"
        "At your current usage your balance will reach $0.00 in about 9 hours. When the "
        "balance is exhausted, outbound messaging on this account is suspended."
    )
    message = parsed(body, "Billing <billing@twilio.example>", "Action required: recharge failed")
    assert features_for(message, CONTEXT).get("auto_trouble_soon")
    assert analyze(message, CONTEXT).urgency == "urgent"


def test_a_secret_scanning_alert_on_a_list_sent_to_its_committer_is_urgent():
    body = (
        "GitHub secret scanning found a secret in acme/edge-config.\n"
        "Secret type: Amazon AWS Access Key ID. This repository is PUBLIC.\n\n"
        "You are receiving this because you are the committer and an admin of acme/edge-config."
    )
    headers = PASSED | {"List-Id": "acme/edge-config <edge-config.acme.github.com>"}
    subject = "[acme/edge-config] Secret scanning alert: AWS access key detected"
    message = parsed(body, "GitHub <noreply@github.com>", subject, headers)
    assert message.is_mass_mail
    assert analyze(message, CONTEXT).urgency == "urgent"


def test_the_same_alert_to_a_watcher_is_not_the_readers_own():
    body = (
        "GitHub secret scanning found a secret in acme/edge-config.\n"
        "You are receiving this because you are watching this repository."
    )
    headers = PASSED | {"List-Id": "acme/edge-config <edge-config.acme.github.com>"}
    subject = "[acme/edge-config] Secret scanning alert: AWS access key detected"
    message = parsed(body, "GitHub <noreply@github.com>", subject, headers)
    assert not features_for(message, CONTEXT).get("own_account_alert")


def test_an_overdue_scorecard_is_due_today():
    body = (
        "Hi Lucia,\n\nYour scorecard for Ivan Roldan (Senior Data Engineer) is overdue.\n"
        "Scorecards not submitted before the debrief are not shown to the hiring team.\n\n"
        "Submit scorecard: https://app.greenhouse.example/scorecards/48812093/edit"
    )
    subject = "Reminder: your scorecard for Ivan Roldan is overdue"
    analysis = analyze(parsed(body, "Greenhouse <no-reply@greenhouse.example>", subject), CONTEXT)
    assert [item.due for item in analysis.action_items] == [dt.date(2026, 11, 30)]


def items_of(body: str, sender: str, subject: str) -> list[tuple[str, dt.date | None]]:
    """The items' texts without the subject they may add ("... (re: Payouts paused)")."""
    analysis = analyze(parsed(body, sender, subject), CONTEXT)
    return [(item.text.split(" (re: ")[0], item.due) for item in analysis.action_items]


def test_a_machines_list_after_please_provide_the_following_is_one_item_per_line():
    body = (
        "Hi Chloe,\n\nWe're reviewing your account and need a little more information. Until "
        "we receive it, payouts are paused.\n\n"
        "Please provide the following in your Dashboard by December 4, 2026:\n"
        "- a recent bank statement for the account ending 0427\n"
        "- proof of your business address\n\n"
        "If we don't receive them by then, we may need to pause payments as well."
    )
    found = items_of(body, "Stripe <support@stripe.example>", "Action required: payouts paused")
    assert found == [
        ("Provide a recent bank statement for the account ending 0427", dt.date(2026, 12, 4)),
        ("Provide proof of your business address", dt.date(2026, 12, 4)),
    ]


def test_please_note_the_following_introduces_news_not_tasks():
    body = (
        "Hi Chloe,\n\nPlease note the following changes to your plan:\n"
        "- the storage limit rises to 2 TB\n- support hours now start at 8:00\n"
    )
    assert items_of(body, "Stripe <support@stripe.example>", "Your plan is changing") == []


def test_a_duty_notices_request_after_a_lead_is_the_readers_and_its_footer_is_not():
    body = (
        "Hi Kiele,\n\nWe weren't able to debit your bank account for the payroll of Friday "
        "(8 employees). Your bank returned the debit.\n\n"
        "To make sure your team is paid on Friday, please update your bank account in Gusto "
        "by 4:00 PM UTC today.\n\nPlease do not reply to this email."
    )
    subject = "Payroll could not be debited - action needed today"
    found = items_of(body, "Gusto <no-reply@gusto.example>", subject)
    assert found == [("Update your bank account in Gusto", dt.date(2026, 11, 30))]


def test_a_chat_digest_gives_the_ask_of_the_line_that_mentions_the_reader_only():
    body = (
        "You have 3 new mentions in Acme.\n\n#sre-apac\n"
        "Kenji Watanabe (10:42 AM): @Wei Ling can you take a look at the alert routing change "
        "for the SG clusters when you have time?\n\n#incidents\n"
        "Marcus Lee (11:05 AM): @here please update the status page.\n\n"
        "Open Slack: https://acme.slack.example/\n"
        "Change how often you get these emails in your preferences."
    )
    headers = {"List-Unsubscribe": "<https://slack.example/unsubscribe>", "Precedence": "bulk"}
    message = parse_message(
        gmail_message(
            mail(
                body,
                sender="Slack <feedback@slack.example>",
                subject="[Slack] Notifications from the Acme workspace",
                to="weiling.tan@acme.example",
                headers=headers,
            )
        )
    )
    context = SummaryContext(now=NOW, zone=zoneinfo.ZoneInfo("UTC"), me="weiling.tan@acme.example")
    analysis = analyze(message, context)
    assert [item.text for item in analysis.action_items] == [
        "Review the alert routing change for the SG clusters "
        "(re: Notifications from the Acme workspace)"
    ]
    assert [item.due for item in analysis.action_items] == [None]


def test_a_tracker_assigning_an_issue_gives_the_issue_as_the_item():
    body = (
        "Ryan Cho assigned an issue to you\n\n"
        "RevOps-214 Dedupe duplicate accounts in Salesforce Status: Backlog Priority: Low\n\n"
        'Ryan Cho: "Not urgent, pick it up whenever you have a gap."\n\n'
        "View issue: https://linear.example/acme/issue/REVOPS-214"
    )
    found = items_of(body, "Linear <notifications@linear.example>", "Ryan assigned RevOps-214")
    assert found == [("Work on RevOps-214: Dedupe duplicate accounts in Salesforce", None)]


def test_a_shop_owner_writing_from_hello_at_her_shop_is_a_person():
    body = (
        "hey Alex!!\n\nI've been using your linen runners in every post since April and would "
        "love to feature your shop in my autumn series. No rush at all, let me know what you "
        "think!\n\nJess x"
    )
    found = signals_of(body, "Jess Moreau <hello@jessmakeshome.example>", "collab idea")
    assert not found.get("automated")


def test_a_shops_shipping_note_greeting_the_reader_stays_a_machines():
    body = (
        "Hi Alex,\n\nGood news, your order is on its way.\nOrder: YS-4418291\n"
        "Track your package: https://track.example/778122910043\n\nYubico"
    )
    found = signals_of(body, "Yubico Store <orders@yubico.example>", "Your order has shipped")
    assert found.get("automated")


def signals_of(body: str, sender: str, subject: str) -> dict[str, float]:
    message = parse_message(
        gmail_message(mail(body, sender=sender, subject=subject, to=f"Alex Morgan <{ME}>"))
    )
    return features_for(message, CONTEXT)


def test_a_brands_look_alike_that_fails_its_checks_is_phishing_without_bait():
    body = (
        'HR Team shared a document with you\n"Offer letters 2026.pdf"\n\nHello,\n'
        "Please review the attached offer letters before end of day.\n\nOpen"
    )
    headers = {"Authentication-Results": "mx.google.com; dkim=fail"}
    sender = "Google Drive <drive-shares@g00gle-docs-share.example>"
    message = parsed(body, sender, 'HR Team shared "Offer letters 2026.pdf" with you', headers)
    analysis = analyze(message, CONTEXT)
    assert analysis.suspicious
    assert analysis.urgency == "low"
    assert analysis.action_items == ()


def test_a_build_failure_on_someone_elses_branch_from_builds_at_is_low():
    body = (
        "Failed: acme/mobile-app #5521\nBranch: anh/fix-push-token\n"
        'Commit: "handle null token" by Anh Tran\n'
        "Test Suite 'PushTokenTests' failed\n\n"
        "You're receiving this because you follow acme/mobile-app.\n"
        "Update your notification settings: https://ci.example/settings"
    )
    subject = "Failed: acme/mobile-app - anh/fix-push-token (build #5521)"
    analysis = analyze(parsed(body, "CircleCI <builds@circleci.example>", subject), CONTEXT)
    assert analysis.urgency == "low"
    assert analysis.action_items == ()


def test_a_system_generated_task_notice_is_a_machines_duty():
    body = (
        "Hello Alex Morgan,\n\nYou have a new task in your Workday inbox.\n"
        "Task: 2026 Mid-Year Self-Assessment\nDue date: 12/04/2026\n\n"
        "This is a system-generated message from Workday. Please do not reply."
    )
    subject = "Action Required: Complete your 2026 Mid-Year Self-Assessment"
    found = signals_of(body, "Workday <acme@myworkday.example>", subject)
    assert found.get("automated")


def test_a_conference_notice_to_its_author_alone_lists_their_duties_despite_bulk_headers():
    body = (
        "Dear Alex Morgan,\n\n"
        "This is a final reminder for accepted paper #1184, for which you are the corresponding "
        "author.\n\nThe camera-ready deadline is TODAY, November 30, 2026, 23:59 AoE (UTC-12).\n\n"
        "Before the deadline, the corresponding author must:\n"
        "- upload the camera-ready PDF on OpenReview, and\n"
        "- complete the copyright transfer form linked from the submission page.\n\n"
        "Best regards,\nProgram Chairs"
    )
    headers = PASSED | {"Precedence": "bulk"}
    subject = "[ACDL 2026] Camera-ready deadline today (AoE) - Submission #1184"
    sender, to = "Program Chairs <noreply@openreview.example>", f"Alex Morgan <{ME}>"
    message = parse_message(
        gmail_message(mail(body, sender=sender, to=to, subject=subject, headers=headers))
    )
    evening = SummaryContext(now=NOW.replace(hour=20), zone=zoneinfo.ZoneInfo("UTC"), me=ME)
    analysis = analyze(message, evening)

    assert analysis.urgency == "urgent"  # due in 16 hours
    texts = [item.text for item in analysis.action_items]
    assert texts[0].startswith("Upload the camera-ready PDF")
    assert texts[1].startswith("Complete the copyright transfer form")
    # 23:59 anywhere on Earth (UTC-12) on 30 November is 11:59 UTC on 1 December.
    assert {(i.due, i.time) for i in analysis.action_items} == {
        (dt.date(2026, 12, 1), dt.time(11, 59))
    }


def test_a_trial_ending_notice_greeting_the_reader_stays_an_upsell():
    body = (
        "Hi Alex Morgan,\n\nYour Pro trial ends in 48 hours. Add a payment method to keep Pro "
        "features; otherwise your stack moves to the free plan."
    )
    headers = PASSED | {"Precedence": "bulk", "List-Unsubscribe": "<https://x.example/u>"}
    subject, to = "Your Pro trial ends in 48 hours", f"Alex Morgan <{ME}>"
    sender = "Grafana <noreply@grafana.example>"
    message = parse_message(
        gmail_message(mail(body, sender=sender, to=to, subject=subject, headers=headers))
    )
    analysis = analyze(message, CONTEXT)
    assert analysis.urgency == "low"
    assert analysis.action_items == ()


def test_a_notice_greeting_the_reader_by_the_name_in_their_address_is_theirs_to_do():
    body = (
        "<p>Dear Alex Morgan,</p><p>You have been assigned an access certification campaign as "
        "the accountable executive. Due: 4 December 2026.</p><p>Please approve or revoke each "
        "access item.</p><p><a href='https://idn.example/cert'>Open certification</a></p>"
    )
    headers = PASSED | {"Precedence": "bulk"}
    subject = "Access certification due: Q4 payroll access - 14 users"
    message = parse_message(
        gmail_message(
            mail(
                "",
                sender="IdentityNow <noreply@idn.example>",
                to="alex.morgan@example.com",
                subject=subject,
                headers=headers,
                html=body,
            )
        )
    )
    me = SummaryContext(now=NOW, zone=zoneinfo.ZoneInfo("UTC"), me="alex.morgan@example.com")
    analysis = analyze(message, me)
    assert analysis.urgency != "low"
    # the ask, not the button under it
    assert [i.text.split(" (re:")[0] for i in analysis.action_items] == [
        "Approve or revoke each access item"
    ]


PAYROLL = (
    "Important: Payroll funding not received\n\nPay date: 12/01/2026\nAmount due: $48,221.37\n\n"
    "Our records show that the ACH debit for this payroll was returned by your bank (R01 - "
    "Insufficient funds). ADP must receive a wire transfer for the full amount by 4:00 p.m. ET "
    "today. If funds are not received, direct deposits will not be released.\n\n"
    "Contact your service team at 1-800-555-0199 with questions."
)


def test_a_payment_not_received_is_the_readers_to_fix_today():
    message = parsed(PAYROLL, "ADP Payroll <noreply@adp.com>", "Payroll funding not received")
    analysis = analyze(message, CONTEXT)
    assert analysis.urgency == "urgent"
    (item,) = analysis.action_items
    assert item.text.startswith("Pay the $48,221.37")
    assert (item.due, item.time) == (dt.date(2026, 11, 30), dt.time(21))  # 16:00 ET in UTC


def test_funding_that_has_not_been_received_is_still_owed():
    subject = "Payroll funding has not been received"
    message = parsed(PAYROLL, "ADP Payroll <noreply@adp.com>", subject)
    assert analyze(message, CONTEXT).action_items[0].text.startswith("Pay the $48,221.37")


def test_a_payment_received_is_still_a_confirmation():
    body = "We received your wire transfer of $48,221.37. Payroll will run as scheduled."
    message = parsed(body, "ADP Payroll <noreply@adp.com>", "Payroll funding received")
    assert analyze(message, CONTEXT).action_items == ()


CERT = (
    "cert-watch report\n\nhost: gw-maui.example.com\nnot after: 2026-11-30 22:00 UTC\n"
    "owner: {owner}\nauto-renew: FAILED (ACME challenge timeout)\n\nWhen this certificate "
    "expires, the sensors behind this gateway cannot upload readings. Renew it manually."
)
BULK = {"Precedence": "bulk", "Auto-Submitted": "auto-generated"}


def test_a_bulk_marked_notice_naming_the_reader_as_owner_is_theirs():
    body = CERT.format(owner=f"Keoni Akana <{ME}>")
    message = parsed(
        body,
        "cert-watch <cw@example.com>",
        "Certificate expires today",
        BULK,
        to=f"Keoni Akana <{ME}>",
    )
    analysis = analyze(message, CONTEXT)
    assert analysis.urgency == "urgent"
    assert analysis.action_items[0].text.startswith("Renew")


def test_a_bulk_notice_naming_someone_else_as_owner_stays_a_list_mail():
    body = CERT.format(owner="Lani Kahale <lani@example.com>")
    message = parsed(body, "cert-watch <cw@example.com>", "Certificate expires today", BULK)
    assert analyze(message, CONTEXT).urgency == "low"


CONCUR = (
    "Your expense report has been returned.\n\nReport name: SMM Hamburg 2026\n"
    'Returned by: Stefan Braun\n\nApprover comment: "Hotel receipt for 8-10 Sept is missing. '
    'Please attach it and resubmit by Friday, 4 December."\n\nThis is an automated notification.'
)


def test_a_returned_expense_report_is_the_readers_to_resubmit():
    message = parsed(CONCUR, "SAP Concur <AutoNotification@concur.example>",
                     "Expense report returned: SMM Hamburg 2026")  # fmt: skip
    analysis = analyze(message, CONTEXT)
    assert analysis.urgency == "high"
    assert [(i.text, i.due) for i in analysis.action_items] == [
        (
            "Correct and resubmit the expense report \u201cSMM Hamburg 2026\u201d",
            dt.date(2026, 12, 4),
        )
    ]


def test_a_notice_of_a_certificate_you_own_is_yours_though_sent_in_bulk():
    body = (
        "Certificate expiry notice\n\nCommon name: siem.example.com\nOwner: me (Security)\n"
        "Expires: 2026-12-04 00:00 UTC (in 4 days)\n\nWhen this certificate expires the SIEM "
        "rejects all log shippers."
    )
    subject = "[cert-monitor] Certificate you own expires in 4 days: siem.example.com"
    message = parsed(body, "cert-monitor <cm@example.com>", subject, BULK)
    analysis = analyze(message, CONTEXT)
    assert analysis.urgency == "high"
    assert analysis.action_items[0].text.startswith("Renew the certificate for siem.example.com")


def test_an_invoice_approval_naming_an_early_payment_discount_is_no_marketing():
    body = (
        "Invoice INV-88213 requires your approval.\n\nSupplier: Brightfold Logistics Ltd\n"
        "Payment terms: 2/10 Net 30 - discount expires 4 Dec 2026\n\nYou are the only approver. "
        "Approve by 4 Dec 2026 to keep the 2% early payment discount (EUR 847.60)."
    )
    subject = "Invoice INV-88213 from Brightfold Logistics Ltd requires your approval"
    message = parsed(body, "Coupa <do_not_reply@acme.coupahost.example>", subject)
    assert not features_for(message, CONTEXT).get("auto_marketing")
    assert analyze(message, CONTEXT).urgency == "high"


def test_a_secret_scanning_alert_to_a_repos_administrator_is_theirs_though_list_mail():
    body = (
        "Secret scanning found a valid secret in acme/checkout-config\n\nSecret type: Amazon AWS "
        "Access Key ID\nValidity: Active\n\nYou are receiving this alert because you are an "
        "administrator of acme/checkout-config.\n\n1. Revoke the credential immediately."
    )
    headers = {
        **BULK,
        **PASSED,
        "List-Id": "acme/checkout-config <checkout-config.acme.github.com>",
    }
    subject = "[acme/checkout-config] Secret scanning alert: AWS Access Key ID detected"
    message = parsed(body, "GitHub <noreply@github.com>", subject, headers)
    assert RECEIVING_AS_OWNER.search(message.clean_body)
    assert features_for(message, CONTEXT).get("own_account_alert")
    assert analyze(message, CONTEXT).urgency == "urgent"
    bare = body.replace("an administrator", "watching")
    other = parsed(bare, "GitHub <noreply@github.com>", subject, headers)
    assert not RECEIVING_AS_OWNER.search(other.clean_body)
    owner = body.replace("an administrator", "a code owner")
    assert RECEIVING_AS_OWNER.search(owner)  # "(CODEOWNERS: * @you)"


def test_a_reminder_greeting_the_reader_about_their_own_due_review_is_theirs():
    body = (
        "Hi Sofia,\n\nYour self-review for the H1 2026 Performance Review cycle is due Friday, "
        "December 4.\n\nContinue your self-review: https://acme.latticehq.example/reviews/self"
    )
    headers = {"Auto-Submitted": "auto-generated", "List-Unsubscribe": "<https://l.example/u>"}
    subject = "Reminder: your self-review for H1 2026 Performance Review is due Friday"
    sender = "Lattice <notifications@lattice.example>"
    message = parsed(body, sender, subject, headers, to=f"Sofia Costa <{ME}>")
    analysis = analyze(message, CONTEXT)
    assert analysis.urgency == "high"
    assert analysis.action_items[0].text.startswith("Submit your self-review")


def test_a_sale_greeting_the_reader_under_your_seat_expires_stays_marketing():
    body = (
        "Hi Sofia,\n\nWe've been holding a VIP delegate place for you, but your reservation "
        "expires at 23:59 TONIGHT.\n\nBook in the next few hours and save ILS 1,400.\n\n"
        "Secure your seat now: https://events.example/book"
    )
    headers = {"List-Unsubscribe": "<https://events.example/unsubscribe>"}
    message = parsed(
        body,
        "SuperReturn <events@events.example>",
        "URGENT: your reserved seat expires tonight",
        headers,
        to=f"Sofia Costa <{ME}>",
    )
    assert analyze(message, CONTEXT).urgency == "low"
