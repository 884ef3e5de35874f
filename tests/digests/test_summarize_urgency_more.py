"""Urgency on mail from new authors: sister domains, machine duties in four languages."""

import datetime as dt
import zoneinfo

import pytest

from digests.parsing import parse_message
from digests.summarize import SummaryContext, check_authenticity, features_for
from tests.digests.factories import ME, gmail_message, mail
from tests.digests.test_summarize_actions import FRIDAY, items_of

READER = "lukas.imhof@northwind.ch"
MACHINE = "IT Security <security@acme.example>"
NOW = dt.datetime(2026, 11, 30, 9, 15, tzinfo=dt.UTC)
CONTEXT = SummaryContext(now=NOW, zone=zoneinfo.ZoneInfo("UTC"), me=ME)


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


ATTESTATIONS = {
    "en": (
        "Reminder: annual conflict-of-interest attestation",
        "Hello Anna Berg,\n\nOur records show you have not yet completed your annual "
        "conflict-of-interest attestation. It must be completed by Friday, December 4. "
        "After that, your access to the records system will be suspended.",
    ),
    "fr": (
        "Rappel : attestation annuelle à compléter",
        "Bonjour Anna Berg,\n\nSelon nos dossiers, vous n'avez pas encore complété votre "
        "attestation annuelle de conformité. Elle doit être complétée au plus tard le vendredi "
        "4 décembre. Au-delà, votre accès sera suspendu.",
    ),
    "de": (
        "Erinnerung: jährliche Compliance-Erklärung",
        "Hallo Anna Berg,\n\nlaut unseren Unterlagen haben Sie Ihre jährliche "
        "Compliance-Erklärung noch nicht ausgefüllt. Sie muss bis Freitag, 4. Dezember "
        "ausgefüllt werden, sonst wird Ihr Zugang gesperrt.",
    ),
    "es": (
        "Recordatorio: declaración anual de conflicto de intereses",
        "Hola Anna Berg:\n\nSegún nuestros registros, aún no ha completado su declaración "
        "anual de conflicto de intereses. Debe completarla antes del viernes 4 de diciembre; "
        "de lo contrario, se suspenderá su acceso.",
    ),
}


@pytest.mark.parametrize("lang", sorted(ATTESTATIONS))
def test_an_offices_reminder_of_a_form_not_yet_completed_is_the_readers_duty(lang):
    subject, body = ATTESTATIONS[lang]
    items = items_of(
        body, automated=True, subject=subject, sender="Compliance Office <compliance@uni.example>"
    )
    assert items
    assert items[0].due == FRIDAY
    assert items[0].text.startswith(DUTIES[lang])


DUTIES = {
    "en": "Complete your annual conflict-of-interest attestation",
    "fr": "Compléter votre attestation annuelle",
    "de": "Ihre jährliche Compliance-Erklärung ausfüllen",
    "es": "Completar su declaración anual",
}


def test_a_security_teams_list_after_please_do_the_following_is_the_readers_to_do():
    body = (
        'Hi Lan,\n\nOur scan found that the sheet "Supplier bank details" (owner: '
        'me@example.com) is shared as "Anyone with the link can view".\n\n'
        "Please do the following immediately:\n"
        '1. Change the sharing setting to "Restricted".\n'
        "2. Reply to confirm by 12:00 today, so we can tell Finance.\n"
    )
    items = items_of(
        body,
        automated=True,
        subject="[Security] A sheet of yours is publicly accessible",
        sender="IT Security <security@acme.example>",
    )
    assert [i.text for i in items][:1] == ['Change the sharing setting to "Restricted"']
    assert len(items) == 2
    assert items[1].time == dt.time(12, 0)


def test_the_readers_address_named_as_owner_is_ownership():
    message = parse_message(
        gmail_message(mail("The bucket (owner: me@example.com) is public.", sender=MACHINE))
    )
    found = features_for(message, CONTEXT)
    assert found.get("ownership")


def test_a_display_name_that_is_a_domain_the_address_imitates_is_a_disguise():
    body = (
        "Cher(e) contribuable,\n\nVous êtes éligible à un remboursement de 284,60 €. Veuillez "
        "confirmer vos informations bancaires sous 48 heures, sinon il sera annulé."
    )
    sender = "impots.gouv.fr <ne-pas-repondre@impots-gouv-remboursement.fr>"
    found = check_authenticity(parsed(body, sender), READER)
    assert found.lookalike
    assert found.generic_greeting
    assert found.suspicious


def test_a_display_name_that_is_the_senders_own_domain_is_no_disguise():
    body = "Your booking is confirmed. Please confirm your arrival time in your account."
    found = check_authenticity(parsed(body, "Booking.com <noreply@mail.booking.com>"), READER)
    assert not found.lookalike


def test_a_managers_dated_ask_to_return_a_form_is_the_owners_duty():
    body = (
        "Dear Owner, Unit 3C\n\nAs you will be overseas, please return the enclosed proxy form "
        "by Friday 4 December at 5pm so it can be counted.\n"
    )
    items = items_of(
        body,
        automated=True,
        subject="AGM notice and proxy form",
        sender="Strata Admin <admin@strata.example>",
    )
    assert items[0].text.startswith("Return the enclosed proxy form")
    assert items[0].due == FRIDAY


def signals_of(body: str, sender: str, subject: str = "Hello") -> dict[str, float]:
    message = parse_message(gmail_message(mail(body, sender=sender, subject=subject)))
    return features_for(message, CONTEXT)


def test_a_headhunters_first_mail_about_a_search_is_recruiter_outreach():
    body = (
        "Hi Diego,\n\nI came across your LinkedIn profile and your shutdown planning experience "
        "stood out. I'm working on a Head of Maintenance search for a copper miner.\n\n"
        "If you're open to a chat, happy to set up 20 minutes this week or next."
    )
    assert signals_of(body, "Francisca Soto <fsoto@talent.example>").get("recruiter")


def test_an_airlines_booking_confirmation_from_bookings_is_a_machines_receipt():
    body = "Hi Jess,\n\nThanks for booking with us. Total paid: AUD 1,184.60 (Visa ending 4417)."
    found = signals_of(
        body, "Airline <bookings@air.example>", "Your booking confirmation - Perth to Sydney"
    )
    assert found.get("automated")
    assert found.get("auto_receipt")


INVOICES = [
    (
        "Ihre Rechnung",
        "Hallo Anna,\n\nbitte bezahlen Sie die Rechnung 2026-12 über 120 EUR bis Freitag, "
        "4. Dezember. Danach fällt eine Mahngebühr an.",
    ),
    (
        "Votre facture",
        "Bonjour Anna,\n\nVeuillez régler la facture n° 123 de 120 € avant le vendredi "
        "4 décembre. Passé ce délai, des frais s'appliquent.",
    ),
    (
        "Su factura",
        "Hola Anna:\n\nPor favor, pague la factura 123 de 120 € antes del viernes 4 de "
        "diciembre. Después se aplicará un recargo.",
    ),
]


@pytest.mark.parametrize(("subject", "body"), INVOICES)
def test_a_machines_dated_ask_to_pay_is_a_duty_in_german_french_and_spanish(subject, body):
    items = items_of(
        body, automated=True, subject=subject, sender="Billing <billing@firma.example>"
    )
    assert [i.due for i in items] == [FRIDAY]


@pytest.mark.parametrize(
    "body",
    [
        "Hi Anna,\n\nYou haven't completed your order yet. Complete it by Friday, December 4.",
        "Bonjour Anna,\n\nVous n'avez pas encore complété votre profil. Faites-le avant le 4 "
        "décembre.",
    ],
)
def test_a_shops_nudge_to_finish_an_order_or_profile_is_no_duty(body):
    items = items_of(body, automated=True, subject="Hello", sender="Shop <hello@shop.example>")
    assert items == []


def test_a_colleague_abroad_describing_a_search_is_no_recruiter():
    body = (
        "Hi,\n\nI'm working on a Head of Quality search for the Basel site and your name came "
        "up. Could you send me two names by Friday?"
    )
    assert not signals_of(body, "Dana Lee <dana@example.ch>").get("recruiter")


def test_you_set_up_this_pipeline_makes_its_failure_the_readers():
    body = (
        "Hi Rizky,\n\nEvery deploy to staging fails at the migration step and QA is blocked. "
        "You set up this pipeline, so could you take a look?"
    )
    found = signals_of(body, "Dewi Anggraini <dewi@acme.example>", "Staging deploy failing")
    assert found.get("ci_failed_owned")
