"""What kind of mail it is by its words: selling, an upsell before a trial ends, a receipt,
a recruiter's outreach (the signals' vocabulary for mail that asks nothing of the reader)."""

from __future__ import annotations

import re

MARKETING = re.compile(
    r"\b(?:\d+ ?% off|sale\b|discount|deals?\b|offer\b|upgrade (?:now|today|to)|"
    r"unlock\b|limited[- ]time|last chance|ends (?:tonight|at midnight|soon|today)|"
    r"don'?t miss|exclusive\b|shop\b|save (?:\d|up to)|black friday|cyber monday|"
    r"coupon|promo(?:tional)?\b(?! case| packet)|webinar|free (?:trial|shipping)|pro plan|"
    r"premium\b|"
    r"subscribe\b|buy now|order now|register now)",
    re.IGNORECASE,
)
# Selling under pressure, the part of marketing no genuine notice says.
SALES_PRESSURE = re.compile(
    r"\b(\d+ ?% off|last chance|ends (tonight|at midnight|soon|today)|upgrade (now|today)|"
    r"buy now|order now|shop now|act now|black friday|cyber (monday|week)|flash sale|"
    r"limited[- ]time|exclusive (offer|discount|deal)|coupon|promo code|"
    # a discount offered, not one a deal desk is asked to approve ("35% discount")
    r"discount (?:code|ends|expires)|(?:get|save|enjoy|extra|special|members?'?) (?:an? )?"
    r"(?:\d+ ?% )?discount|(?:up to|your|an?) \d+ ?% discount|\d+ ?% discount (?:on|off|for)\b|"
    r"code promo|rabattcode|código de descuento|"
    r"rabatt|remise|réduction|descuento|dernière chance|soldes|letzte chance|jetzt kaufen|"
    r"última oportunidad|rebajas)\b",
    re.IGNORECASE,
)
TRIAL = re.compile(r"\btrial\b[^.\n]{0,40}\b(end|expir|over)|\bplan expires\b", re.IGNORECASE)
RECEIPT = re.compile(
    r"\b(receipt|your order|order (confirmed|confirmation|#|number)|has shipped|shipped|"
    r"tracking (number|link)|out for delivery|delivered|payment received|thank you for your "
    r"(order|purchase|payment)|invoice paid|paid in full|recibo|quittung|reçu|"
    r"received your payment|payment (has been |was )?(received|processed|confirmed)|"
    r"thanks for your payment|registration (is )?confirmed|booking (is )?confirmed|"
    r"(booking|order|reservation) confirmation|total paid|thanks for booking|"
    r"confirmation de (réservation|commande)|buchungsbestätigung|bestellbestätigung|"
    r"confirmación de (reserva|pedido))\b",
    re.IGNORECASE,
)
RECRUITER = re.compile(
    r"\b(recruiter|recruiting (for|on behalf)|headhunt\w*|executive search|talent partner|"
    r"came across your (profile|background|experience)|your (background|profile|experience) "
    r"(caught|stood|looks|is a great)|(exciting|interim|permanent|open|new) (roles?|positions?|"
    r"opportunit\w*) (at|with|for|within|in)\b|(working on|hiring for) (several|a few|an?|the) "
    r"[^.\n]{0,40}\b(roles?|positions?)|"
    r"(i'm|i am|we're|we are) hiring (an?|for) [^.\n]{0,40}\b(for|at|to lead)\b|"
    r"your (background|profile|experience)\b[^.\n]{0,60}\b(caught my eye|stood out)|"
    r"(confidential|retained|discreet) search for|"
    r"cabinet de recrutement|personalberat\w*|oportunidad (laboral|profesional)|"
    r"came across your (\w+ ){1,2}(profile|background|cv|resume|résumé)|"
    r"your [^.\n]{0,50}\b(experience|background|profile) (caught my eye|stood out|caught my "
    r"attention)|(working on|retained (on|for)|leading|running) (an?|the) [^.\n]{0,50}\b"
    r"(search|mandate)\b|(tombée?|suis tombé) sur votre profil|auf ihr profil gestoßen|"
    r"(vi|encontré) (tu|su) perfil)",
    re.IGNORECASE,
)
