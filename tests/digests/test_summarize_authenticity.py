"""Phishing: a disguise (failed checks, a look-alike domain, a free-mail Reply-To) plus bait."""

import pytest

from digests.parsing import parse_message
from digests.summarize import check_authenticity
from digests.summarize.authenticity import is_lookalike
from tests.digests.factories import gmail_message, mail

READER = "maya.chen@northwind.io"
PASS = "mx.google.com; dkim=pass header.i=@{d}; spf=pass smtp.mailfrom={d}; dmarc=pass"
FAIL = "mx.google.com; spf=fail smtp.mailfrom={d}; dkim=none; dmarc=fail header.from={d}"


def parsed(body, sender, results="", reply_to=""):
    headers = {"Authentication-Results": results} if results else {}
    if reply_to:
        headers["Reply-To"] = reply_to
    message = mail(body, sender=sender, to=READER, headers=headers)
    return parse_message(gmail_message(message))


@pytest.mark.parametrize(
    ("domain", "name", "expected"),
    [
        ("micros0ft-support.com", "Microsoft", True),  # a brand with a digit for a letter
        ("paypal-security.net", "PayPal", True),
        ("northwlnd.io", "IT Desk", True),  # the reader's own domain, one letter off
        ("northwind-secure.com", "IT Desk", True),
        ("northwind.io.mail-quota.com", "IT Desk", True),  # the reader's name as a subdomain
        ("northwind.secure-login.com", "IT Desk", True),
        ("northwind.coupahost.com", "Coupa", False),  # a host's subdomain for its customer
        ("accounts.google.com", "Google", False),
        ("northwind-group.co.uk", "Hannah Moss", False),  # a sister company, not a disguise
        ("northwind-hr.com", "Northwind HR", True),  # the employer's department, imitated
        ("northwind-payroll.com", "Payroll", True),
        ("sns.amazonaws.com", "AWS Notifications", False),  # Amazon's own senders
        ("amazon-billing.com", "Amazon", True),
        ("acme.example", "Dana Lee", False),
    ],
)
def test_look_alike_domains(domain, name, expected):
    assert is_lookalike(domain, name, "northwind.io") is expected


def test_failed_checks_with_a_credential_threat_are_phishing():
    body = "Dear user, your mailbox will be suspended within 24 hours. Verify your password now."
    found = check_authenticity(
        parsed(body, "IT Support <help@mail-desk.example>", FAIL.format(d="mail-desk.example")),
        READER,
    )
    assert found.suspicious


def test_a_genuine_alert_that_passes_its_checks_is_not_phishing():
    body = "New sign-in to your account from Windows. If this wasn't you, change your password."
    found = check_authenticity(
        parsed(body, "Google <no-reply@accounts.google.com>", PASS.format(d="accounts.google.com")),
        READER,
    )
    assert not found.suspicious
    assert found.auth_passed


def test_a_bank_details_change_answered_to_free_mail_is_phishing():
    body = "Please be informed that our company has changed its bank account with immediate effect."
    found = check_authenticity(
        parsed(
            body,
            "Kallang Estates <accounts@kallang-estates.example>",
            reply_to="kallang.accounts@gmail.com",
        ),
        READER,
    )
    assert found.reply_elsewhere
    assert found.suspicious


def test_german_and_spanish_bait_counts_too():
    german = (
        "Sehr geehrte/r Benutzer/in, bestätigen Sie innerhalb von 12 Stunden Ihre Anmeldedaten."
    )
    spanish = (
        "Estimado usuario, inicie sesión y confirme sus datos de pago en las próximas 12 horas."
    )
    for body in (german, spanish):
        found = check_authenticity(
            parsed(body, "Support <soporte@host-billing.example>", FAIL.format(d="x.example")),
            READER,
        )
        assert found.suspicious


def test_a_colleague_without_authentication_headers_is_not_phishing():
    body = "Your access to the staging cluster expires on Friday; could you renew it?"
    assert not check_authenticity(parsed(body, "Tom Berg <tom@northwind.io>"), READER).suspicious


def test_a_secret_wire_asked_from_a_look_alike_of_the_readers_domain_is_phishing():
    body = (
        "Maya,\n\nAre you at your desk? I need you to handle a confidential wire for an "
        "acquisition we're closing today. Don't discuss with anyone else on the team.\n\nEthan"
    )
    sender = "Ethan Cole <ethan.cole@northwind-mail.com>"
    assert check_authenticity(parsed(body, sender), READER).suspicious
    # the same words from the reader's own domain are a colleague's, however odd
    assert not check_authenticity(
        parsed(body, "Ethan Cole <ethan@northwind.io>"), READER
    ).suspicious


def test_payment_words_beside_a_confidentiality_footer_are_no_secret_wire():
    body = (
        "Hi Maya,\n\nAttached is the payment schedule for Q2. Could you send me the updated "
        "project plan by Friday?\n\nCONFIDENTIALITY NOTICE: this e-mail is confidential and "
        "intended only for the addressee."
    )
    softfail = "mx.google.com; spf=softfail smtp.mailfrom=partner.example"
    found = check_authenticity(parsed(body, "Oliver <oliver@partner.example>", softfail), READER)
    assert not found.suspicious


@pytest.mark.parametrize(
    "change",
    [
        "Due to an audit our bank details have changed.",
        "Please use our updated wire details below.",
        "Wire the payment today to the new account below to avoid cancellation of your bonds.",
    ],
)
def test_changed_payment_details_from_a_failing_sender_are_phishing(change):
    body = f"Hello,\n\nThe annual bond premium of $86,240.00 is overdue. {change}"
    found = check_authenticity(
        parsed(body, "Patrick Doyle <pdoyle@ashgrove-surety.example>", FAIL.format(d="x.example")),
        READER,
    )
    assert found.suspicious


@pytest.mark.parametrize(
    "domain", ["northwind.mailbox-upgrade.example", "northwind.voicemail-inbox.example"]
)
def test_the_readers_name_before_an_unknown_host_is_still_a_look_alike(domain):
    assert is_lookalike(domain, "IT Desk", "northwind.io")


@pytest.mark.parametrize(
    "words",
    [
        "Our cancellation policy: free cancellation up to 7 days before the event.",
        "We've received your updated payment details, thank you.",
    ],
)
def test_a_cancellation_policy_or_a_receipt_of_payment_details_is_no_pressure(words):
    found = check_authenticity(
        parsed(words, "Venue <bookings@venue.example>", reply_to="venue.bookings@gmail.com"),
        READER,
    )
    assert not found.suspicious
