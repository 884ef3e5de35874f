"""Asks in Spanish, French and German mail, written as the mail's language writes a to-do."""

import datetime as dt

import pytest

from digests.parsing import parse_message
from digests.summarize import find_action_items
from digests.summarize.romance import tu_imperative
from tests.digests.factories import gmail_message, mail
from tests.digests.test_summarize_indirect import BERLIN, texts


def test_a_spanish_need_for_the_readers_authorisation_asks_to_authorise():
    body = (
        "Marta,\n\nEl proveedor puede empezar el lunes, pero necesito tu autorización "
        "para el pedido de andamios antes del viernes.\n\nGracias,\nPablo"
    )
    assert texts(body, subject="Andamios", sender="Pablo Ruiz <pablo@obra.example>") == [
        "Autorizar el pedido de andamios"
    ]


def test_the_reason_before_asi_que_is_not_an_item_the_question_after_it_is():
    body = (
        "Lucía,\n\nSolo tú tienes la clave del banco, así que ¿puedes enviar el justificante "
        "de pago a contabilidad?\n\nGracias,\nPablo"
    )
    assert texts(body, subject="Pago", sender="Pablo Ruiz <pablo@obra.example>") == [
        "Enviar el justificante de pago a contabilidad"
    ]


def test_a_german_polite_imperative_with_its_particle_last_is_a_to_do():
    body = (
        "Sehr geehrter Herr Kaya,\n\nbitte fügen Sie dem Antrag auch eine Kopie Ihres "
        "Ausweises bei.\n\nMit freundlichen Grüßen\nAnna Weiß"
    )
    subject = "Antrag Parkausweis"
    assert texts(body, subject=subject, sender="Anna Weiß <weiss@amt.example>") == [
        "Dem Antrag eine Kopie Ihres Ausweises beifügen"
    ]


def test_what_is_still_missing_from_the_reader_is_theirs_to_send():
    body = (
        "Bonjour Madame Petit,\n\nEn bouclant le dossier, je vois qu'il manque encore votre "
        "attestation d'assurance pour le local.\n\nCordialement,\nLéa Roux"
    )
    assert texts(body, subject="Dossier", sender="Léa Roux <lea@mairie.example>") == [
        "Envoyer à Léa votre attestation d'assurance pour le local"
    ]


def test_faire_parvenir_and_faire_suivre_ask_to_send():
    body = (
        "Bonjour Marc,\n\nMerci de me faire parvenir le devis signé. Peux-tu aussi me faire "
        "suivre le mail de Paul ?\n\nLéa"
    )
    assert texts(body, subject="Devis", sender="Léa Roux <lea@atelier.example>") == [
        "Envoyer à Léa le devis signé",
        "Transmettre à Léa le mail de Paul",
    ]


def test_a_spanish_list_of_needed_things_asks_to_send_them():
    body = (
        "Hola Nuria,\n\nPara cerrar la reserva necesitamos dos cosas antes del jueves: "
        "la copia del DNI de los asistentes y el justificante del anticipo.\n\nUn saludo,\nAna"
    )
    assert texts(body, subject="Reserva", sender="Ana Gil <ana@hotel.example>") == [
        "Enviar a Ana la copia del DNI de los asistentes y el justificante del anticipo"
    ]


def test_a_german_ask_to_confirm_keeps_what_is_confirmed():
    body = (
        "Hallo Jan,\n\nkannst du mir bitte bis Freitag bestätigen, dass die Version 2.1 "
        "so freigegeben ist?\n\nGruß\nEva"
    )
    assert texts(body, subject="Version", sender="Eva Brandt <eva@labor.example>") == [
        "Eva bestätigen, dass die Version 2.1 so freigegeben ist"
    ]


def test_a_german_framed_ask_after_und_keeps_its_clause_but_not_the_senders_next_step():
    body = (
        "Hallo Jan,\n\ndie Unterlagen sind angekommen. Und es wäre gut, wenn du mir bis Freitag "
        "bestätigst, dass der Termin im Labor steht, dann buche ich den Raum.\n\nGruß\nEva"
    )
    assert texts(body, subject="Labortermin", sender="Eva Brandt <eva@labor.example>") == [
        "Eva bestätigen, dass der Termin im Labor steht"
    ]


def test_a_spanish_tu_imperative_becomes_the_infinitive():
    body = (
        "Hola Marta,\n\nEl archivo de devoluciones está abierto a cualquiera con el enlace. "
        "Quita el acceso público del archivo.\n\nIker"
    )
    assert texts(body, subject="Enlace público", sender="Iker <iker@x.example>") == [
        "Quitar el acceso público del archivo (re: Enlace público)"
    ]


def test_a_french_need_that_the_reader_do_something_is_that_to_do():
    body = (
        "Bonjour Anne,\n\nLe classement est prêt. Et j'aurais besoin que tu me confirmes ta "
        "présence au comité d'attribution du 16 avril.\n\nMerci,\nPierre"
    )
    sender = "Pierre Roy <pierre@univ.example>"
    assert texts(body, subject="Bourses", sender=sender) == [
        "Confirmer à Pierre ta présence au comité d'attribution du 16 avril"
    ]


def test_tell_me_whether_in_spanish_after_a_lead_is_an_ask_to_tell():
    body = (
        "Hola Marta,\n\nEl memo está casi listo. Otra cosa: dime si Pablo puede presentar la "
        "parte operativa por videollamada.\n\nÁlvaro"
    )
    sender = "Álvaro Gil <alvaro@fondo.example>"
    assert texts(body, subject="Memo", sender=sender) == [
        "Decir a Álvaro si Pablo puede presentar la parte operativa por videollamada"
    ]


def test_a_german_ask_to_write_something_is_a_german_to_do_without_its_deadline():
    body = (
        "Hallo Jonas,\n\nanbei das Manuskript. Könntest du bis Ende nächster Woche ein kurzes "
        "Gutachten schreiben, eine Seite reicht?\n\nViele Grüße\nLena"
    )
    sender = "Lena Vogt <lena@verlag.example>"
    assert texts(body, subject="Gutachten", sender=sender) == ["Ein kurzes Gutachten schreiben"]


def test_a_formal_german_we_ask_you_to_gives_the_to_do_without_zu():
    body = (
        "Sehr geehrte Frau Dr. Gruber,\n\nfür Ihre Lehrveranstaltung sind noch 14 Beurteilungen "
        "offen. Wir bitten Sie daher, die Beurteilungen heute noch einzutragen.\n\n"
        "Mit freundlichen Grüßen\nPetra Lindner"
    )
    sender = "Petra Lindner <studienservice@uni.example>"
    assert texts(body, subject="Beurteilungen", sender=sender) == ["Beurteilungen eintragen"]
    body = "Hallo Jan,\n\nwir bitten dich, die Unterlagen bis Freitag zu prüfen.\n\nEva"
    sender = "Eva Brandt <eva@labor.example>"
    assert texts(body, subject="Unterlagen", sender=sender) == ["Unterlagen prüfen"]


def test_a_german_list_of_things_to_send_gives_german_to_dos():
    body = (
        "Hallo Anna,\n\nfür das Audit brauche ich bis Freitag noch zwei Dinge von dir:\n"
        "- deine Einschätzung, ob die Abweichung Nr. 7 eskaliert werden muss\n"
        "- für die echten Findings Tickets im Projekt SEC anlegen\n\nDanke\nLena"
    )
    sender = "Lena Vogt <lena@labor.example>"
    assert texts(body, subject="Audit", sender=sender) == [
        "Deine Einschätzung an Lena schicken, ob die Abweichung Nr. 7 eskaliert werden muss",
        "Für die echten Findings Tickets im Projekt SEC anlegen",
    ]


def test_a_formal_spanish_question_asking_to_do_something_is_an_ask():
    body = (
        "Estimada Sra. Ruiz:\n\nLa plataforma suspendió su cuenta. ¿Puede enviar la apelación "
        "al equipo de Trust & Safety antes de las 8:00 de mañana? ¿Puede ser que el correo "
        "llegue tarde?\n\nSaludos,\nAndrés"
    )
    sender = "Andrés Gil <andres@tienda.example>"
    assert texts(body, subject="Cuenta", sender=sender) == [
        "Enviar la apelación al equipo de Trust & Safety"
    ]


def test_a_polite_german_imperative_after_a_short_lead_is_a_to_do():
    body = (
        "Sehr geehrte Frau Brandt,\n\nwie besprochen: Schicken Sie mir bitte die "
        "Überstundenstatistik für das dritte Quartal bis Montagmorgen.\n\n"
        "Mit freundlichen Grüßen\nRalf Hoffmann"
    )
    sender = "Ralf Hoffmann <r.hoffmann@klinik.example>"
    assert texts(body, subject="Statistik", sender=sender) == [
        "Ralf die Überstundenstatistik für das dritte Quartal schicken"
    ]


def test_spanish_usted_and_ustedes_imperatives_read_as_infinitives():
    assert tu_imperative("Confirmen su asistencia a la reunión") == (
        "Confirmar su asistencia a la reunión"
    )
    assert tu_imperative("Envíe el formulario firmado") == "Enviar el formulario firmado"
    assert tu_imperative("Complete the form") == "Complete the form"  # English too


def test_a_french_imperative_tu_or_vous_becomes_the_infinitive():
    body = (
        "Bonjour Chloé,\n\nLe lot de 340 numéros est toujours bloqué chez l'opérateur.\n\n"
        "Et appelle Karim Benali chez Orbital ce matin.\n\nVérifiez les chiffres cet "
        "après-midi.\n\nJulien"
    )
    message = parse_message(gmail_message(mail(body, subject="Portage bloqué")))
    found = find_action_items(message, BERLIN, automated=False)
    monday = dt.date(2026, 11, 30)
    assert [(i.text, i.due, i.time) for i in found] == [
        ("Appeler Karim Benali chez Orbital (re: Portage bloqué)", monday, None),
        ("Vérifier les chiffres (re: Portage bloqué)", monday, None),  # "après-midi" is no noon
    ]


def test_a_german_past_weekday_is_no_deadline_and_diesen_points_at_the_thing_needed():
    body = (
        "Sehr geehrter Herr Brandt,\n\nvielen Dank für die Zusammenarbeit bei der Abnahme am "
        "vergangenen Donnerstag.\n\nFür unsere Unterlagen benötigen wir noch den "
        "unterschriebenen Prüfbericht. Bitte senden Sie uns diesen bis Freitag zu.\n\n"
        "Mit freundlichen Grüßen\n\nThomas Krause"
    )
    message = parse_message(
        gmail_message(mail(body, subject="Prüfbericht", sender="Thomas Krause <tk@x.example>"))
    )
    found = find_action_items(message, BERLIN, automated=False)
    assert [(i.text, i.due) for i in found] == [
        ("Unterschriebenen Prüfbericht an Thomas schicken", dt.date(2026, 12, 4))
    ]


def test_a_spanish_or_french_ask_after_a_when_clause_is_the_ask():
    spanish = (
        "Hola Jorge,\n\nCuando puedas, confírmame las cantidades definitivas antes del 18 de "
        "diciembre.\n\nLorena"
    )
    french = (
        "Bonjour Isabelle,\n\nQuand tu auras le temps de passer les voir, j'aimerais avoir ton "
        "choix pour la façade nord.\n\nMathieu"
    )
    german = "Guten Morgen,\n\nBitte geben Sie die Zufahrt heute bis 16:00 frei.\n\nPeter Novak"
    assert texts(spanish, subject="Pedido", sender="Lorena Gil <lg@x.example>") == [
        "Confirmar a Lorena las cantidades definitivas (re: Pedido)"
    ]
    assert texts(french, subject="Brique", sender="Mathieu Lavoie <ml@x.example>") == [
        "Donner à Mathieu ton choix pour la façade nord"
    ]
    assert texts(german, subject="Kran", sender="Peter Novak <pn@x.example>") == [
        "Zufahrt freigeben (re: Kran)"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Valide jusqu'au 31 décembre, ce bon de réduction s'applique à tout le magasin.",
        "Paie de novembre : les bulletins sont disponibles depuis ce matin.",
        "Signe particulier : le client préfère le vert.",
    ],
)
def test_a_french_word_spelled_like_an_imperative_without_an_object_asks_nothing(sentence):
    assert texts(f"Bonjour Chloé,\n\n{sentence}\n\nJulien", subject="Info") == []
