"""German infinitives (with their particle) a to-do can end in, what the digest calls them, and
how a clause's verb is found ("schickst" -> "schicken", "trag ... ein" -> "eintragen")."""

from __future__ import annotations

import re

# Infinitives (with their particle) and what the digest calls them.
VERBS = {
    "schicken": "Send",
    "zuschicken": "Send",
    "senden": "Send",
    "zusenden": "Send",
    "weiterleiten": "Forward",
    "drüberschauen": "Review",
    "draufschauen": "Look at",
    "anschauen": "Review",
    "ansehen": "Review",
    "durchsehen": "Review",
    "durchgehen": "Review",
    "durchlesen": "Read",
    "prüfen": "Review",
    "überprüfen": "Check",
    "reviewen": "Review",
    "gegenlesen": "Proofread",
    "freigeben": "Approve",
    "eintragen": "Fill in",
    "ausfüllen": "Fill in",
    "anlegen": "Create",
    "erstellen": "Create",
    "bestätigen": "Confirm",
    "unterschreiben": "Sign",
    "vorbereiten": "Prepare",
    "umstellen": "Update",
    "übernehmen": "Take over",
    "hochladen": "Upload",
    "beantworten": "Answer",
    "aktualisieren": "Update",
    "kommentieren": "Comment on",
    "einreichen": "Submit",
    "abgeben": "Hand in",
    "buchen": "Book",
    "reservieren": "Book",
    "anrufen": "Call",
    "zurückrufen": "Call back",
    "lesen": "Read",
    "bezahlen": "Pay",
    "überweisen": "Pay",
    "ergänzen": "Complete",
    "korrigieren": "Correct",
    "klären": "Clarify",
    "entscheiden": "Decide on",
    "zusagen": "Confirm",
    "absagen": "Decline",
    "anmelden": "Register for",
    "bestellen": "Order",
    "testen": "Test",
    "einplanen": "Schedule",
    "abstimmen": "Agree on",
    "beilegen": "Attach",
    "beifügen": "Attach",
    "mitbringen": "Bring",
    "gegenzeichnen": "Countersign",
    "schreiben": "Write",
    "verfassen": "Write",
    "formulieren": "Draft",
    "nennen": "Name",
    "zusammenstellen": "Compile",
    "einschätzen": "Assess",
    "mitgeben": "Give",
    "einrichten": "Set up",
    "organisieren": "Organise",
    "zurückschicken": "Return",
    "übermitteln": "Send",
    "bescheinigen": "Certify",
    "genehmigen": "Approve",
    "unterzeichnen": "Sign",
}

_ROMANCE_FIRST = frozenset(["les", "le", "la", "des", "el", "los", "las", "un", "une", "una"])
# Imperative stems whose infinitive is not stem + "en": "gib ... frei" -> "freigeben".
STEMS = {"gib": "geben", "gebt": "geben", "lies": "lesen", "lest": "lesen", "sieh": "sehen"}
PARTICLES = (
    "durch",
    "ein",
    "an",
    "frei",
    "aus",
    "vor",
    "um",
    "hoch",
    "zu",
    "weiter",
    "drüber",
    "ab",
    "zurück",
    "bei",
    "mit",
)


def infinitive(words: list[str]) -> str:
    """The clause's verb as an infinitive the table knows, or ""."""
    for word in words:
        if word in VERBS:
            return word
        for particle in PARTICLES:  # "einzureichen" -> "einreichen"
            bare = particle + word[len(particle) + 2 :]
            if word.startswith(f"{particle}zu") and bare in VERBS:
                return bare
        if word.endswith("st") and (bare := word[:-2] + "en") in VERBS:
            return bare  # "dass du mir die Zahlen schickst" -> "schicken"
    if not words or words[0] in _ROMANCE_FIRST:
        return ""  # "Les véhicules ...": French, not "les" as "lesen"
    # An imperative first: "schickt mir das", "trag ... ein" (its particle ends the clause).
    base = STEMS.get(words[0], re.sub(r"(?:e|t)?$", "", words[0]) + "en")
    if words[1:2] == ["sie"] and words[0].endswith("en"):
        base = words[0]  # "Legen Sie ... bei": the polite imperative is the infinitive
    particle = words[-1] if len(words) >= 2 and words[-1] in PARTICLES else ""
    return next((v for v in (f"{particle}{base}", base) if v in VERBS), "")
