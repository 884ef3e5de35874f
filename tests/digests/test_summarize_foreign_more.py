"""More German, French and Spanish asks: lists of missing papers, inverted needs, polite needs."""

import datetime as dt

import pytest

from tests.digests.test_summarize_actions import items_of
from tests.digests.test_summarize_indirect import texts


def test_a_german_list_after_folgende_unterlagen_gives_one_item_per_document():
    body = (
        "Sehr geehrter Herr Becker,\n\nfür Ihre Steuererklärung fehlen uns noch folgende "
        "Unterlagen:\n\n- die Bescheinigung der Krankenkasse über die Zusatzbeiträge\n"
        "- die Spendenquittung der Berliner Tafel\n\nMit freundlichen Grüßen\nSabine Roth"
    )
    sender = "Sabine Roth <roth@kanzlei.example>"
    assert texts(body, subject="Unterlagen", sender=sender) == [
        "Die Bescheinigung der Krankenkasse über die Zusatzbeiträge an Sabine schicken",
        "Die Spendenquittung der Berliner Tafel an Sabine schicken",
    ]


def test_a_german_statement_of_what_the_reader_can_do_is_no_ask():
    body = (
        "Hallo Herr Weber,\n\nSie können die Dokumente wie gewohnt über unser Portal "
        "hochladen.\n\nGrüße\nAnna Weiß"
    )
    assert texts(body, subject="Portal", sender="Anna Weiß <weiss@amt.example>") == []


def test_an_inverted_german_need_asks_to_send_the_thing():
    body = (
        "Hallo Herr Weber,\n\nDamit wir die Abfertigung schaffen, brauche ich bis spätestens "
        "morgen, 12 Uhr, von Ihnen die korrigierte Handelsrechnung (als PDF reicht) zurück."
        "\n\nGrüße\nSabine Albers"
    )
    sender = "Sabine Albers <albers@zoll.example>"
    assert texts(body, subject="Container", sender=sender) == [
        "Korrigierte Handelsrechnung an Sabine schicken (re: Container)"
    ]


def test_a_french_polite_need_of_two_of_the_readers_things_asks_to_send_both():
    body = (
        "Bonjour Madame Tremblay,\n\nPour garder le prix actuel, j'aurais besoin de votre "
        "confirmation écrite et de votre numéro de bon de commande d'ici jeudi midi.\n\n"
        "Cordialement,\nSylvie Bouchard"
    )
    sender = "Sylvie Bouchard <sylvie@papiers.example>"
    assert texts(body, subject="Commande", sender=sender) == [
        "Envoyer à Sylvie votre confirmation écrite et votre numéro de bon de commande"
    ]


def test_il_me_la_faudrait_needs_what_a_third_party_asked_for_before():
    body = (
        "Bonjour Youssef,\n\nCôté hôtel, le riad nous demande la rooming list nominative. "
        "Il me la faudrait au plus tard mercredi à 12h.\n\nClaire"
    )
    sender = "Claire Moreau <claire@voyages.example>"
    assert texts(body, subject="Groupe mars", sender=sender) == [
        "Envoyer à Claire la rooming list nominative"
    ]


def test_an_offer_on_condition_the_reader_confirms_something_asks_to_confirm_it():
    body = (
        "Hola Camila,\n\nTe puedo mantener el precio actual ($142.000 el bulto) durante el "
        "segundo trimestre si me confirmas un volumen mínimo.\n\nUn abrazo,\nAndrés"
    )
    sender = "Andrés Galvis <andres@molinos.example>"
    assert texts(body, subject="Precios", sender=sender) == [
        "Confirmar a Andrés un volumen mínimo (re: Precios)"
    ]


def test_a_german_framed_ask_keeps_its_ob_clause_and_drops_the_subject():
    body = (
        "Liebe Frau Huber,\n\nWäre es möglich, dass Sie uns bis Ende nächster Woche Ihre "
        "Einschätzung schicken, ob die Rohbauphase auf 11 Wochen verkürzt werden kann?\n\n"
        "Beste Grüße\nMarkus Pichler"
    )
    sender = "Markus Pichler <pichler@architekten.example>"
    assert texts(body, subject="Bauzeitenplan", sender=sender) == [
        "Markus Ihre Einschätzung schicken, ob die Rohbauphase auf 11 Wochen verkürzt werden kann"
    ]


def test_a_german_thing_that_would_be_helpful_is_a_thing_to_send():
    body = (
        "Liebe Frau Huber,\n\nEin grober Kostenrahmen für die Mehrkosten wäre auch hilfreich."
        "\n\nBeste Grüße\nMarkus Pichler"
    )
    sender = "Markus Pichler <pichler@architekten.example>"
    assert texts(body, subject="Bauzeitenplan", sender=sender) == [
        "Ein grober Kostenrahmen für die Mehrkosten an Markus schicken"
    ]


def test_il_faut_que_tu_after_a_purpose_asks_both_subjunctives():
    body = (
        "Bonjour Geneviève,\n\nPour éviter les frais de surestarie, il faut que tu me confirmes "
        "le rendez-vous de cueillette avant 16 h et que tu m'envoies le bon de livraison signé."
        "\n\nLuc"
    )
    sender = "Luc Gagnon <luc@transports.example>"
    assert texts(body, subject="Conteneur", sender=sender) == [
        "Confirmer à Luc le rendez-vous de cueillette et envoyer le bon de livraison signé"
    ]


def test_nous_aurions_aussi_besoin_que_vous_confirmiez_asks_to_confirm():
    body = (
        "Bonjour Madame Dubois,\n\nNous aurions aussi besoin que vous nous confirmiez les "
        "quantités de la robe Iris en taille 34.\n\nAtelier Moreau"
    )
    sender = "Nadia Moreau <nadia@atelier.example>"
    assert texts(body, subject="Commande", sender=sender) == [
        "Confirmer à Nadia les quantités de la robe Iris en taille 34"
    ]


def test_a_voseo_question_with_a_pronoun_sends_what_the_sender_does_not_have():
    body = (
        "Martín, perdón la hora\n\nMe acabo de dar cuenta que no tengo los vouchers del hotel "
        "ni del traslado. ¿me los podés mandar esta noche?\n\nMaría José"
    )
    sender = "María José Ferrer <mj@example.com>"
    assert texts(body, subject="vouchers", sender=sender) == [
        "Enviar a María los vouchers del hotel y del traslado"
    ]


def test_what_was_not_received_is_what_a_later_pronoun_asks_for():
    body = (
        "Bonjour Hélène,\n\nNous n'avons toujours pas reçu la fiche technique ni le plan de "
        "feu pour le spectacle. Pourriez-vous nous les envoyer ce soir ?\n\nMarc"
    )
    sender = "Marc Bellanger <marc@scene.example>"
    assert texts(body, subject="Fiche technique", sender=sender) == [
        "Envoyer à Marc la fiche technique et le plan de feu"
    ]


def test_necesitamos_recibirlos_asks_for_the_missing_documents_named_before():
    body = (
        "Estimado Lic. Mendoza:\n\nRevisando el expediente nos faltan todavía dos documentos: "
        "la copia del avalúo y la constancia de no adeudo de predial. Necesitamos recibirlos "
        "hoy mismo para preparar la escritura.\n\nMariana Cruz"
    )
    sender = "Mariana Cruz <mcruz@notaria.example>"
    assert texts(body, subject="Escritura", sender=sender) == [
        "Enviar a Mariana la copia del avalúo y la constancia de no adeudo de predial"
    ]


def test_an_acronym_in_brackets_stays_with_the_missing_thing():
    body = (
        "Bonjour Claire,\n\nJe n'ai pas reçu la version signée du plan de maîtrise sanitaire "
        "(PMS) de l'enseigne. Tu peux me l'envoyer avant 8h demain ?\n\nJulien"
    )
    sender = "Julien Marchand <julien@franchise.example>"
    assert texts(body, subject="Contrôle", sender=sender) == [
        "Envoyer à Julien la version signée du plan de maîtrise sanitaire (PMS) de l'enseigne"
    ]


def test_interessiert_mich_ob_asks_to_tell_whether():
    body = (
        "Hallo Jonas,\n\nBesonders interessiert mich, ob wir die Temperaturprotokolle "
        "vollständig prüfen sollen.\n\nKatrin"
    )
    sender = "Katrin Böhm <katrin@pruefung.example>"
    assert texts(body, subject="Audit", sender=sender) == [
        "Katrin sagen, ob wir die Temperaturprotokolle vollständig prüfen sollen"
    ]


def test_wenn_du_koenntest_reicht_das_is_a_polite_request():
    body = (
        "Hallo Jonas,\n\nKein Stress \u2013 wenn du bis Ende März mir deine Anmerkungen zur "
        "Checkliste schicken könntest, reicht das völlig.\n\nKatrin"
    )
    sender = "Katrin Böhm <katrin@pruefung.example>"
    assert texts(body, subject="Audit", sender=sender) == [
        "Katrin deine Anmerkungen zur Checkliste schicken (re: Audit)"
    ]


def test_a_french_list_after_il_nous_manque_encore_gives_one_item_per_piece():
    body = (
        "Bonjour Madame Lambert,\n\nIl nous manque encore :\n\n"
        "- les factures d'achat d'avril et mai ;\n- l'extrait de compte professionnel de juin."
        "\n\nBien à vous,\nNathalie Mertens"
    )
    sender = "Nathalie Mertens <nathalie@fiduciaire.example>"
    assert texts(body, subject="TVA", sender=sender) == [
        "Envoyer à Nathalie les factures d'achat d'avril et mai",
        "Envoyer à Nathalie l'extrait de compte professionnel de juin",
    ]


def test_bis_spaetestens_and_its_day_leave_the_german_item():
    body = (
        "Lieber Herr Weber,\n\nSchicken Sie uns die Tagesordnung bitte bis spätestens "
        "Donnerstag, dann haben wir das Wochenende zum Lesen.\n\nViele Grüße\nIngrid"
    )
    sender = "Ingrid Hoffmann <hoffmann@beirat.example>"
    found = texts(body, subject="Versammlung", sender=sender)
    assert found == ["Ingrid die Tagesordnung schicken (re: Versammlung)"]


def test_spanish_polite_asks_in_the_conditional_and_past_subjunctive():
    sender = "Pilar Gómez <pgomez@ayto.example>"
    body = (
        "Buenos días, Tomás:\n\nTe pediría que nos enviaras el informe de conformidad antes del "
        "viernes. Además, le agradecería que nos enviara el calendario de accesos.\n\n"
        "¿Nos podría confirmar si renovamos?\n\nGracias,\nPilar"
    )
    assert texts(body, subject="Informe", sender=sender) == [
        "Enviar a Pilar el informe de conformidad",
        "Enviar a Pilar el calendario de accesos",
        "Confirmar a Pilar si renovamos (re: Informe)",
    ]


def test_the_senders_own_need_to_do_something_and_a_disclaimer_ask_nothing():
    body = (
        "Hola Rodrigo:\n\nLa suscripción vence el domingo y necesitamos emitir la orden de "
        "compra hoy.\n\nSi lo ha recibido por error, le rogamos que lo comunique al remitente "
        "y lo elimine.\n\nTake your time.\n\nMarta"
    )
    assert texts(body, subject="Renovación", sender="Marta <m@x.example>") == []


def test_a_spanish_need_for_any_thing_still_asks_and_at_the_latest_keeps_its_hour():
    sender = "Pilar <p@x.example>"
    body = "Hola:\n\nNecesitamos cualquier factura pendiente antes del viernes.\n\nPilar"
    assert texts(body, subject="Facturas", sender=sender) != []
    body = "Hola:\n\nPor favor, envíenos el informe firmado no más tarde de las 18:00.\n\nPilar"
    assert items_of(body, sender=sender)[0].time == dt.time(18)


def test_um_with_an_hour_is_a_time_not_a_purpose():
    body = (
        "Hallo,\n\nKönnten Sie bitte am Freitag, um 10 Uhr, an der Besprechung in Raum 4 "
        "teilnehmen?\n\nPilar"
    )
    assert "Besprechung in Raum 4" in texts(body, subject="Termin", sender="P <p@x.example>")[0]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("¿Me ayudas a preparar la aclaración?", "Preparar para Dana la aclaración"),
        (
            "Te adjunto la propuesta técnica. ¿Me ayudas a revisarla antes del jueves?",
            "Revisar la propuesta técnica",
        ),
    ],
)
def test_spanish_help_asked_for_is_the_doing(body, expected):
    found = texts(f"Hola Alex,\n\n{body}\n\nDana", subject="Licitación")
    assert [t.split(" (re: ")[0] for t in found] == [expected]


def test_a_spanish_conditional_need_that_the_reader_send_it_sends_what_is_missing():
    body = (
        "Hola Lucía:\n\nPara presentar el DUA me falta el certificado de origen firmado por la "
        "Cámara.\n\nNecesitaría que me lo mandaras mañana antes de las 11:00.\n\nRaúl"
    )
    sender = "Raúl Santana <raul@aduanas.example>"
    assert texts(body, subject="DUA", sender=sender) == [
        "Enviar a Raúl el certificado de origen firmado por la Cámara"
    ]
    body = "Hola Pablo,\n\nUna cosa más: necesitaría que me reserves la sala grande.\n\nRaúl"
    assert texts(body, subject="Sala", sender=sender) == ["Reservar la sala grande"]
    body = "Hola Pablo,\n\nNecesitaría que me lo mandaras hoy.\n\nRaúl"
    assert texts(body, subject="Hola", sender=sender) == ["Enviar a Raúl hoy (re: Hola)"]


def test_a_spanish_notice_that_could_not_process_the_charge_asks_to_pay():
    body = (
        "Hola Diego,\n\nNo pudimos procesar el cargo de tu factura de marzo por $649.00 MXN.\n\n"
        "Para evitar la suspensión de tu servicio, realiza el pago hoy antes de las 23:59 h.\n\n"
        "Atentamente,\nConecta Fibra"
    )
    sender = "Conecta <facturacion@conecta.example>"
    found = items_of(body, automated=True, subject="Aviso de pago", sender=sender)
    assert len(found) == 1
    assert found[0].text.startswith("Pagar $649.00")


def test_german_asks_after_a_lead_take_their_to_do_form():
    sender = "Jörg Kuhnert <j@hof.example>"
    body = (
        "Hallo Herr Vogt,\n\nEine Bitte hätte ich noch: Könnten Sie mir die Schlagskizzen für "
        "die drei neuen Pachtflächen schicken?\n\nViele Grüße\nJörg"
    )
    assert texts(body, subject="Fruchtfolge", sender=sender) == [
        "Jörg die Schlagskizzen für die drei neuen Pachtflächen schicken"
    ]
    body = (
        "Hallo Herr Vogt,\n\nWenn es Ihnen irgendwie möglich ist, schauen Sie sich den Schlag "
        "bitte heute selbst an.\n\nViele Grüße\nJörg"
    )
    assert texts(body, subject="Raps", sender=sender) == ["Den Schlag selbst anschauen (re: Raps)"]


def test_a_spanish_missing_approval_of_a_change_approves_the_change_when_asked_again_today():
    body = (
        "Hola Diego:\n\nLa lámina alterna ya tiene la calificación aprobada; solo falta tu "
        "aprobación del cambio en el sistema de compras.\n\nSi no está aprobada mañana, la "
        "línea se detiene.\n\n¿Puedes aprobarlo hoy?\n\nRocío"
    )
    found = items_of(body, sender="Rocío Benítez <rocio@planta.example>", subject="Lámina")
    assert [(i.text.split(" (re: ")[0], i.due) for i in found] == [
        ("Aprobar el cambio en el sistema de compras", dt.date(2026, 11, 30))
    ]


def test_a_french_notice_asks_what_to_tell_and_how_to_reply_is_no_second_ask():
    body = (
        "Bonjour Madame Roy,\n\nMerci de nous indiquer d'ici le 31 décembre si vous acceptez le "
        "renouvellement. Vous pouvez répondre simplement à ce courriel.\n\nSylvie Tremblay"
    )
    found = texts(body, subject="Bail", sender="Sylvie Tremblay <sylvie@gestion.example>")
    assert found == ["Indiquer à Sylvie si vous acceptez le renouvellement"]


def test_a_french_notice_to_move_the_car_gives_one_clean_item():
    body = (
        "Bonjour Mme Roy,\n\nMerci de déplacer votre voiture (place n° 14) dans la rue "
        "Saint-Hubert avant 7 h demain matin. Les véhicules encore présents à 7 h seront "
        "remorqués aux frais du propriétaire du véhicule (150 $).\n\nMerci de votre "
        "collaboration,\n\nLuc Gagnon"
    )
    found = texts(body, subject="Déneigement", sender="Luc Gagnon <luc@gestion.example>")
    assert found == ["Déplacer votre voiture (place n° 14) dans la rue Saint-Hubert"]


def test_faire_part_goes_to_the_asker():
    body = "Bonjour,\n\nMerci de me faire part de vos commentaires d'ici vendredi.\n\nAntoine"
    found = texts(body, subject="Conclusions", sender="Antoine Roux <antoine@cabinet.example>")
    assert found == ["Faire part à Antoine de vos commentaires"]


def test_spanish_asks_to_the_sender_after_a_lead_and_third_party_needs():
    sender = "Lucía Vega <lucia@x.example>"
    body = "Hola Ana,\n\nSobre el contrato, ¿puedes enviarme la versión firmada?\n\nLucía"
    assert texts(body, subject="Contrato", sender=sender) == [
        "Enviar a Lucía la versión firmada (re: Contrato)"
    ]
    body = (
        "Hola Ana,\n\nPablo dijo que necesitaría que se lo mandaran antes del jueves, pero ya se "
        "lo envié yo.\n\nLucía"
    )
    assert texts(body, subject="Informe", sender=sender) == []


def test_a_french_forward_keeps_its_history_out_and_missing_papers_are_what_to_send():
    sender = "Julien Roche <julien@cabinet.example>"
    body = (
        "Sophie,\n\nPar ailleurs il me manque toujours les pièces 12 à 14. Tu peux me les "
        "envoyer cet après-midi ?\n\nJulien"
    )
    assert texts(body, subject="Conclusions", sender=sender) == [
        "Envoyer à Julien les pièces 12 à 14"
    ]
    body = (
        "Claire,\n\nPeux-tu leur répondre d'ici jeudi ? Mets-moi en copie.\n\nJulien\n\n"
        "-------- Message transféré --------\nDe : Nadia <n@voirie.example>\n\n"
        "Merci de nous transmettre le détail du calcul sous 8 jours."
    )
    assert texts(body, subject="Pénalités", sender=sender) == ["Leur répondre (re: Pénalités)"]
