"""Urgency on mail from new authors: sister domains, machine duties in four languages."""

from digests.parsing import parse_message
from digests.summarize import check_authenticity
from tests.digests.factories import gmail_message, mail

READER = "lukas.imhof@northwind.ch"


def parsed(body: str, sender: str, **options):
    return parse_message(gmail_message(mail(body, sender=sender, to=READER, **options)))


def test_a_colleague_on_the_companys_other_country_domain_is_not_phishing():
    body = (
        "Lukas,\n\nThe board asked for the updated listings before the closed session. "
        "Can you upload them by 8 a.m. Monday? The database lock is on the 20th.\n\nRebecca"
    )
    found = check_authenticity(parsed(body, "Rebecca Sloane <rebecca@northwind.com>"), READER)
    assert found.sister
    assert not found.suspicious


def test_the_same_name_under_another_ending_with_credential_bait_is_phishing():
    body = (
        "Dear user,\n\nYour mailbox will be suspended within 24 hours. "
        "Verify your password here to keep your account: https://northwind.co/verify"
    )
    found = check_authenticity(parsed(body, "IT Service Desk <it@northwind.co>"), READER)
    assert found.suspicious
