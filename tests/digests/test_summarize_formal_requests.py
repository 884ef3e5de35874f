"""Formal requests in German, French and Spanish, and notices that name the reader."""

import datetime as dt
import zoneinfo

from digests.parsing import parse_message
from digests.summarize import SummaryContext, analyze
from digests.summarize.people import in_bulk
from tests.digests.factories import ME, gmail_message, mail
from tests.digests.test_summarize_actions import BERLIN
from tests.digests.test_summarize_indirect import texts


def test_wir_bitten_sie_with_a_clock_time_still_reads_the_verb():
    body = (
        "Sehr geehrter Herr Weber\n\nWir bitten Sie, uns bis heute 20:00 Uhr schriftlich zu "
        "bestätigen, dass die Trennung erfolgt.\n\nFreundliche Grüsse\nKarin Huber"
    )
    sender = "Karin Huber <huber@netz.example>"
    assert texts(body, sender=sender) == ["Karin bestätigen, dass die Trennung erfolgt"]


def test_il_me_faudrait_a_thing_asks_to_send_it():
    body = (
        "Bonjour Madame Durand,\n\nPour qu'on puisse avancer sur le bail, il me faudrait avant "
        "vendredi 4 l'attestation d'assurance de votre société.\n\nBien à vous,\nJean Lemoine"
    )
    sender = "Jean Lemoine <jean@ferme.example>"
    assert texts(body, sender=sender) == [
        "Envoyer à Jean l'attestation d'assurance de votre société"
    ]


def test_nous_vous_prions_de_asks_its_infinitive():
    body = "Madame,\n\nNous vous prions de confirmer la réception de ce courrier.\n\nLe greffe"
    assert texts(body) == ["Confirmer la réception de ce courrier"]


def test_a_list_after_nous_vous_prions_de_sends_to_us_to_the_asker():
    body = (
        "Madame Lambert,\n\nNous vous prions de :\n"
        "1. confirmer la prise en compte de cette limitation ;\n"
        "2. nous transmettre le programme de production révisé pour demain ;\n"
        "avant 14h00 aujourd'hui.\n\nCordialement,\nDispatching"
    )
    assert texts(body, sender="Luc Marchal <luc@grid.example>") == [
        "Confirmer la prise en compte de cette limitation",
        "Transmettre à Luc le programme de production révisé",
    ]


def test_le_rogamos_que_nos_envie_asks_to_send():
    body = "Estimada Marta:\n\nLe rogamos que nos envíe el certificado de seguro.\n\nSaludos"
    assert texts(body, sender="Pablo Ruiz <pablo@obra.example>") == [
        "Enviar a Pablo el certificado de seguro"
    ]


def _analysis(body: str, subject: str, sender: str, headers: dict[str, str] | None = None):
    sent = mail(body, subject=subject, sender=sender, headers=headers)
    message = parse_message(gmail_message(sent))
    return analyze(message, SummaryContext(now=message.received_at, zone=BERLIN, me=ME))


def test_a_german_certificate_that_expires_today_is_the_readers_to_renew():
    body = (
        "Guten Tag\n\nDas EBICS-Zertifikat für den Teilnehmer NFISCHER läuft heute ab.\n"
        "Ohne Erneuerung können ab morgen keine Zahlungen übermittelt werden."
    )
    headers = {"Auto-Submitted": "auto-generated"}
    sender = "Bank Limmattal <ebanking@bank.example>"
    found = _analysis(body, "Ihr EBICS-Zertifikat läuft heute ab", sender, headers)
    assert found.urgency == "urgent"
    texts_found = [i.text.split(" (re: ")[0] for i in found.action_items]
    assert texts_found == ["EBICS-Zertifikat verlängern"]
    asked = body + "\nErneuern Sie das Zertifikat im E-Banking."
    again = _analysis(asked, "Ihr EBICS-Zertifikat läuft heute ab", sender, headers)
    assert len(again.action_items) == 1  # the mail's own ask, not the duty said twice


def test_a_bulk_notice_greeting_the_reader_after_a_banner_with_what_they_owe_is_theirs():
    body = (
        "Greenside Primary School · SchoolConnect\nDear Ms Lee,\n"
        "You have not yet booked a slot for Lwazi (Grade 4B). Booking closes on Thursday."
    )
    headers = {"Precedence": "bulk", "List-Unsubscribe": "<https://school.example/u>"}
    sender = "Greenside via SchoolConnect <noreply@school.example>"
    to = f"Mia Lee <{ME}>"

    def notice(text: str):
        sent = mail(text, subject="Parent meetings", sender=sender, headers=headers, to=to)
        return parse_message(gmail_message(sent))

    assert not in_bulk(notice(body), ME)
    assert in_bulk(notice(body.replace("You have not yet booked a slot", "Book a slot")), ME)
    assert in_bulk(notice(body.replace("Dear Ms Lee", "Dear parent")), ME)


def test_a_french_or_spanish_question_after_and_is_still_the_ask():
    assert texts("Camille,\n\nEt peux-tu valider le message aux acheteurs ?\n\nYanis") == [
        "Valider le message aux acheteurs"
    ]
    assert texts("Hola Mateo,\n\nY ¿puedes revisar el contrato?\n\nBeatriz") == [
        "Revisar el contrato"
    ]


def test_me_la_puedes_mandar_sends_what_the_sender_wants_to_present():
    body = (
        "Hola Mateo,\n\nEl jueves quiero llevar vuestra propuesta de activaciones a la reunión."
        "\n¿Me la puedes mandar antes?\n\nBeatriz Llorente"
    )
    sender = "Beatriz Llorente <beatriz@media.example>"
    [text] = texts(body, sender=sender)
    assert text.startswith("Enviar a Beatriz vuestra propuesta de activaciones")


def test_please_find_attached_and_closing_lines_ask_nothing():
    body = (
        "Bonjour Madame Durand,\n\nSuite à notre rendez-vous, je vous prie de trouver ci-joint "
        "le devis n° 1187. Merci de me confirmer le nombre de couverts.\n\nBon week-end !\nAurélie"
    )
    assert texts(body, sender="Aurélie Roux <a@traiteur.example>") == [
        "Confirmer à Aurélie le nombre de couverts"
    ]
    assert texts("Hi,\n\nInvite attached.\n\nNo rush at all.\n\nDana") == []


def test_a_certificate_due_in_one_day_takes_the_notices_precise_moment():
    denver = zoneinfo.ZoneInfo("America/Denver")
    body = (
        "Hello,\n\nYou are listed as the technical contact for this certificate. It expires in "
        "1 day.\n\nCommon name tickets.example.com\nValid to 01-Dec-2026 00:00 UTC\nRenew now"
    )
    sender = "DigiCert <noreply@digicert.example>"
    subject = "Your certificate for tickets.example.com expires in 1 day"
    sent = mail(body, subject=subject, sender=sender, headers={"Auto-Submitted": "auto-generated"})
    message = parse_message(gmail_message(sent))
    found = analyze(message, SummaryContext(now=message.received_at, zone=denver, me=ME))
    assert [(i.due, i.time) for i in found.action_items][:1] == [
        (dt.date(2026, 11, 30), dt.time(17))
    ]


def test_a_bulk_task_reminder_greeting_the_reader_is_their_own_duty():
    headers = {"Precedence": "bulk", "Auto-Submitted": "auto-generated"}
    to = f"Mia Lee <{ME}>"

    def notice(subject: str, body: str):
        sent = mail(
            body, subject=subject, sender="Workday <hr@myworkday.example>", to=to, headers=headers
        )
        return parse_message(gmail_message(sent))

    task = "Hello Mia Lee,\nYou have an open task in Workday: 2026 Annual Review."
    assert not in_bulk(notice("Reminder: Complete your 2026 Annual Review (due Nov 20)", task), ME)
    enrolled = "Kia ora Mia,\nYou have been enrolled in the following mandatory course."
    assert not in_bulk(notice("Mandatory: OT Security Awareness - due 23 Dec", enrolled), ME)
    assert in_bulk(notice("Our new courses", "Kia ora Mia,\nNew courses are out."), ME)


def test_a_german_request_loses_its_lead_and_filler_and_its_greeting_is_no_summary():
    body = (
        "Sehr geehrter Herr Brandt,\n\nKönnten Sie uns bitte bis morgen, 12 Uhr, noch die "
        "Saldenbestätigungen der drei Hausbanken senden? Außerdem die Bitte: Könnten Sie einen "
        "Besprechungsraum reservieren?\n\nMit freundlichen Grüßen\nKarin Krüger"
    )
    sender = "Karin Krüger <krueger@kanzlei.example>"
    assert texts(body, sender=sender) == [
        "Die Saldenbestätigungen der drei Hausbanken senden",
        "Einen Besprechungsraum reservieren",
    ]
    found = _analysis(body, "Jahresabschluss", sender)
    assert "Sehr geehrter" not in found.summary


def test_rufen_sie_mich_zurueck_calls_the_asker_back():
    body = "Sehr geehrter Herr Weber,\n\nKönnen Sie mich bis 15 Uhr zurückrufen?\n\nKarin Huber"
    assert texts(body, sender="Karin Huber <huber@netz.example>") == ["Karin zurückrufen"]
