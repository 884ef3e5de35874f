"""Does a message look like phishing? Sender authentication, look-alike domains, the bait.

Phishing is judged by what it is, not by what it shouts: a failed SPF/DKIM/DMARC check, a
sender domain that imitates a known brand or the reader's own organisation, or a display
name claiming a brand the address does not belong to, together with the bait (a credential
or payment link under a threat, a generic greeting). A genuine security alert passes its
checks from the brand's own domain and is not flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from digests.parsing import ParsedMessage
from digests.summarize.sentences import Caseless, Cued, lowered, new_text, split_sentences

# Brands phishing likes to wear; each maps to the domains that really send its mail.
_BRANDS = {
    "microsoft": (
        *("microsoft.com", "office.com", "office365.com", "outlook.com", "live.com"),
        *("microsoftonline.com", "sharepoint.com", "azure.com", "teams.microsoft.com"),
    ),
    "outlook": ("microsoft.com", "outlook.com"),
    "google": ("google.com", "gmail.com", "youtube.com", "googlemail.com", "googlegroups.com"),
    "gmail": ("google.com", "gmail.com"),
    "apple": ("apple.com", "icloud.com"),
    "icloud": ("apple.com", "icloud.com"),
    "amazon": (
        *("amazon.com", "amazon.de", "amazon.co.uk", "amazon.fr", "amazon.es", "aws.com"),
        *("amazonaws.com", "amazonses.com", "awsapps.com"),  # AWS's own notification senders
    ),
    "paypal": ("paypal.com", "paypal.de"),
    "docusign": ("docusign.com", "docusign.net"),
    "dropbox": ("dropbox.com",),
    "netflix": ("netflix.com",),
    "slack": ("slack.com",),
    "okta": ("okta.com",),
    "github": ("github.com",),
    "linkedin": ("linkedin.com",),
    "zoom": ("zoom.us",),
    "stripe": ("stripe.com",),
    "santander": ("santander.com", "santander.es", "santander.co.uk"),
    "hsbc": ("hsbc.com", "hsbc.co.uk"),
    "dhl": ("dhl.com", "dhl.de"),
    "fedex": ("fedex.com",),
    "wells fargo": ("wellsfargo.com",),
}
_AUTH_FAIL = re.compile(r"\b(spf=(fail|softfail)|dkim=fail|dmarc=fail)\b", re.IGNORECASE)
_AUTH_PASS = re.compile(r"\bdmarc=pass\b|\bdkim=pass\b", re.IGNORECASE)
_CREDENTIAL = re.compile(
    r"\b(verify|confirm|validate|update|re-?activate|restore|unlock|log ?in|sign ?in|"
    r"re-?enter|click)\b[^.!?\n]{0,60}\b(account|password|mailbox|credentials|identity|"
    r"details|payment|card|login|e-?mail)\b|"
    r"\b(vérifier|confirmer|verificar|confirmar|bestätigen|verifizieren|inicie sesión|"
    r"anmeldedaten|identifiants|descargue|download the|open the attached|keep (same|my) password|"
    r"reactivate|reactívelo|complete the form|complete el formulario)\b",
    re.IGNORECASE,
)
_THREAT = re.compile(
    r"\b(suspend\w*|locked|lock\w*|deactivat\w*|disabled|terminat\w*|clos(e|ed|ure)|"
    r"permanent\w*|deleted|within (24|48|12) hours|in (24|48|12) hours|unusual|"
    r"unauthori[sz]ed|restricted|limited|gesperrt|suspendu|bloqueada|suspendida|rejected|"
    r"locked out|abgelehnt|eliminad\w*|anulad\w*|sanci[oó]n\w*|supprim\w*|within \d+ hours|"
    r"in \d+ hours|en las próximas \d+ horas|antes de \d+ horas|innerhalb von \d+ stunden|"
    r"dans les \d+ heures|sous \d+ ?(?:h|heures)|annulée?s?|expire[sd]? today|"
    r"with immediate effect)\b",
    re.IGNORECASE,
)
_GENERIC_GREETING = re.compile(
    r"^\s*(dear|hello|hi)\s+(valued\s+)?(customer|user|client|member|account ?holder|"
    r"sir|madam|e-?mail user|mailbox user|employee|staff|tenant)\b|^\s*(dear|hello)\s+[\w.+-]+@|"
    r"^\s*(estimad[oa](/a)?|sehr geehrte(/r)?|cher(\(e\)|·e|e)?|chère)\s+(usuario|cliente|"
    r"contribuyente|benutzer|kunde|kundin|client|cliente|utilisateur|contribuable|"
    r"steuerpflichtige\w*)|^\s*estimad[oa]/a\b|^\s*sehr geehrte/r\b",
    re.IGNORECASE | re.MULTILINE,
)
_GENERIC_GREETING_CUED = Caseless(_GENERIC_GREETING, gated=True)  # yes or no, faster


READ_CHARS = 4000  # what a reader takes in before deciding; a newsletter's tail changes nothing
_BANK_CHANGE = re.compile(
    r"\b(changed (its|our) bank|new bank (account|details)|updated? (our )?bank details|"
    r"our bank(ing)? (details|account|information) (have|has) (been )?(changed|updated)|"
    r"our (new|updated) (wire|payment|remittance|banking) (details|instructions)|"
    r"to (the new (bank )?account below|our new (bank )?account)|"
    r"neue bankverbindung|nuevos? datos bancarios|nouvelles coordonnées bancaires)\b",
    re.IGNORECASE,
)
# The boss's urgent secret payment ("a confidential wire ... don't discuss with anyone",
# "buy gift cards ... are you at your desk?"): money asked for in secret.
_SECRET = re.compile(
    r"\b(confidential (?:wire|transfer|payment|matter|acquisition)|discreet|"
    r"don'?t (?:discuss|tell|mention)|do not (?:discuss|tell|mention)|between us|"
    r"are you at your desk|your (?:direct |personal )?(?:mobile|cell) number|whatsapp|"
    r"vertrauliche überweisung|virement confidentiel|transferencia confidencial)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"\b(wire|transfer|gift ?cards?|payment|überweisung|virement|transferencia)\b", re.IGNORECASE
)


def _secret_money(text: str) -> bool:
    """Money asked for in secret within one sentence of the mail."""
    return any(_SECRET.search(part) and _MONEY.search(part) for part in split_sentences(text))


_FREEMAIL = re.compile(r"@(gmail|googlemail|outlook|hotmail|yahoo|proton|protonmail|gmx|icloud)\.")


@dataclass(frozen=True)
class Authenticity:
    auth_failed: bool  # SPF, DKIM or DMARC said fail
    auth_passed: bool
    lookalike: bool  # the domain imitates a brand or the reader's organisation
    bait: bool  # a credential link under a threat, or a generic greeting with one
    generic_greeting: bool

    reply_elsewhere: bool = False  # Reply-To on a free-mail address, From on a company's
    pressure: bool = False  # a threat, a credential ask or a bank-details change, any of them
    # The reader's own name under another country's ending ("acme.com" to "acme.ch"): how
    # companies spread over countries write to each other, and how a few phishers register.
    sister: bool = False
    brand_lookalike: bool = False  # the domain imitates a brand ("g00gle-docs-share.com")

    @property
    def suspicious(self) -> bool:
        """Unauthenticated or disguised, and baiting: that is phishing."""
        disguised = self.auth_failed or self.lookalike or self.reply_elsewhere
        if disguised and (self.bait or self.pressure or self.generic_greeting):
            return True
        if self.brand_lookalike and self.auth_failed:
            return True  # a brand's look-alike that its own checks fail: no bait needed
        # A colleague abroad mentions a "closed session" or a "database lock" too; only the
        # bait itself (a credential link under a threat, "Dear user") gives the phisher away.
        return self.sister and (self.bait or self.generic_greeting)


_DISGUISE = re.compile(
    r"(secure|security|verify|verification|login|signin|mail|email|support|it|helpdesk|help|"
    r"account|accounts|portal|quota|auth|sso|io|com|net|online|service|services|billing|"
    # the employer's departments: "corvane-hr.com", "acme-payroll.com"
    r"hr|payroll|benefits|people|finance|admin|intranet|vpn|docs|files|share|drive|notices?|"
    r"alerts?|updates?)"
)


# Services that give each customer a subdomain of their own: "acme.zendesk.com" is Acme's.
TENANT_HOSTS = frozenset(
    [
        "zendesk.com",
        "freshdesk.com",
        "atlassian.net",
        "service-now.com",
        "salesforce.com",
        "force.com",
        "okta.com",
        "oktapreview.com",
        "sharepoint.com",
        "slack.com",
        "myshopify.com",
        "zoom.us",
        "workday.com",
        "myworkday.com",
        "greenhouse.io",
        "bamboohr.com",
        "hubspot.com",
        "intercom.io",
        "statuspage.io",
        "pagerduty.com",
        "opsgenie.net",
        "ghe.com",
        "awsapps.com",
        "coupahost.com",
        "ariba.com",
        "identitynow.com",
        "successfactors.com",
        "sapsf.com",
        "concursolutions.com",
        "netsuite.com",
        "freshservice.com",
        "ironcladapp.com",
    ]
)


def _registrable(domain: str) -> str:
    parts = domain.lower().strip(".").split(".")
    if len(parts) >= 3 and parts[-2] in {"co", "com", "org", "net", "ac", "gov"}:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (small strings only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _within_edits(a: str, b: str, edits: int) -> bool:
    """``_distance(a, b) <= edits``, trying only the edits at the first letter that differs."""
    start, shorter = 0, min(len(a), len(b))
    while start < shorter and a[start] == b[start]:
        start += 1
    end = 0
    while end < shorter - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start : len(a) - end], b[start : len(b) - end]
    if not a or not b:
        return max(len(a), len(b)) <= edits
    if edits == 0:
        return False
    return (
        _within_edits(a[1:], b[1:], edits - 1)  # one letter for another
        or _within_edits(a[1:], b, edits - 1)  # one letter more
        or _within_edits(a, b[1:], edits - 1)  # one letter less
    )


def _within_one_edit(a: str, b: str) -> bool:
    """``_distance(a, b) <= 1``, without filling the whole table."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 1:
        return False
    if len(b) >= 2 and a[0] != b[0] and a[-1] != b[-1]:
        return False  # one edit leaves the first letter or the last as it was
    first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(b))
    if len(a) == len(b):
        return a[first + 1 :] == b[first + 1 :]  # one letter swapped for another at most
    return a[first + 1 :] == b[first:]  # one letter more at most


_LEET = str.maketrans("0135", "oles")


def _unleet(text: str) -> str:
    return text.translate(_LEET).replace("rn", "m").replace("vv", "w")


# Per brand: its name, as a domain writes it, as a word of a display name; its real domains.
_BRAND_CHECKS = [
    (
        brand,
        brand.replace(" ", ""),
        re.compile(rf"\b{re.escape(brand)}\b"),
        frozenset(_registrable(domain) for domain in real),
    )
    for brand, real in _BRANDS.items()
]


def is_sister(sender_domain: str, reader_domain: str) -> bool:
    """The reader's own domain name under another ending: "acme.com" writing to "acme.co.uk"."""
    if not sender_domain or not reader_domain:
        return False
    domain, mine = _registrable(sender_domain), _registrable(reader_domain)
    return domain != mine and domain.split(".")[0] == mine.split(".")[0]


@lru_cache(maxsize=1024)
def is_lookalike(sender_domain: str, display_name: str, reader_domain: str = "") -> bool:
    """A domain that imitates a brand or the reader's domain without being it."""
    domain = _registrable(sender_domain)
    label = domain.split(".")[0]
    if reader_domain:
        imitated = _unleet(label)
        mine = _registrable(reader_domain)
        mine_label = mine.split(".")[0]
        rest = label.replace(mine_label, "").strip("-")
        if domain != mine and len(mine_label) >= 4 and label != mine_label:
            similar = (
                # "fernwood.io.mail-quota.com": the reader's name worn as a subdomain, unless
                # the host gives each customer one ("fernwood.zendesk.com")
                (
                    mine_label in sender_domain.lower().removesuffix(domain)
                    and domain not in TENANT_HOSTS
                )
                # "fernwood-secure.com", but not a sister company's "fernwood-group.co.uk"
                or (mine_label in label and bool(_DISGUISE.fullmatch(rest)))
                # two letters off at most (lengths further apart are more)
                or (
                    abs(len(imitated) - len(mine_label)) <= 2
                    and _within_edits(imitated, mine_label, 2)
                )
            )
            if similar:
                return True
    if _imitates_brand(domain):
        return True
    name = display_name.lower()
    return bool(name) and any(
        brand in name and in_name.search(name) and squashed not in domain
        for brand, squashed, in_name, real in _BRAND_CHECKS
        if domain not in real
    )


@lru_cache(maxsize=256)
def _imitates_brand(domain: str) -> bool:
    """The registrable domain spells a brand's name, or one letter off it, without being one
    of its domains (memoized: a mail asks it of its sender once with a name, once without)."""
    imitated = _unleet(domain.split(".")[0])
    for _brand, squashed, _in_name, real in _BRAND_CHECKS:
        if domain in real:
            continue
        near = len(squashed) >= 5 and abs(len(imitated) - len(squashed)) <= 1
        if squashed in imitated or (near and _within_one_edit(imitated, squashed)):
            return True
    return False


_NAME_DOMAIN = re.compile(r"(?<![\w@.-])((?:[a-z0-9-]+\.)+[a-z]{2,6})(?![\w.-])")


def names_other_domain(display_name: str, sender_domain: str) -> bool:
    """The display name is a domain the address imitates without being it: "impots.gouv.fr"
    <...@impots-gouv-remboursement.fr>, "Research.gov Support" <...@research-gov-support.com>."""
    for found in _NAME_DOMAIN.finditer(display_name.lower()):
        named = _registrable(found.group(1))
        brand = found.group(1).split(".")[0]
        if named != _registrable(sender_domain) and len(brand) >= 4 and brand in sender_domain:
            return True
    return False


def check_authenticity(message: ParsedMessage, reader: str = "") -> Authenticity:
    results = message.headers.get("authentication-results", "")
    domain = message.from_address.rpartition("@")[2]
    reply_to = message.headers.get("reply-to", "")
    reader_domain = reader.rpartition("@")[2]
    text = f"{message.subject}\n{new_text(message)[:READ_CHARS]}"
    generic = bool(_GENERIC_GREETING_CUED.search(message.body[:400]))
    low = text.lower()
    credential = bool(_CREDENTIAL_LOW.search(low))
    threat = bool(_THREAT_LOW.search(low))
    lookalike = is_lookalike(domain, message.from_name, reader_domain)
    lookalike = lookalike or names_other_domain(message.from_name, domain)
    if reply_to and "@" in reply_to:
        other = _registrable(reply_to.rpartition("@")[2].strip(" >"))
        lookalike = lookalike or (other != _registrable(domain) and is_lookalike(other, "", ""))
    free_reply = bool(_FREEMAIL.search(reply_to)) and not _FREEMAIL.search(message.from_address)
    failed = bool(_AUTH_FAIL_CUED.search(results))
    # only from a look-alike: a real colleague may well write "confidential" and "payment"
    secret_money = lookalike and _secret_money(text)
    return Authenticity(
        auth_failed=failed,
        auth_passed=bool(_AUTH_PASS.search(results)) and not failed,
        lookalike=lookalike,
        brand_lookalike=is_lookalike(domain, "", ""),
        bait=credential and threat,
        generic_greeting=generic,
        reply_elsewhere=free_reply,
        sister=is_sister(domain, reader_domain),
        pressure=threat or credential or bool(_BANK_CHANGE_LOW.search(low)) or secret_money,
    )


# The same patterns for lower-cased text (re.IGNORECASE is slow on long alternations), each
# searched only where its words are.
_CREDENTIAL_LOW, _THREAT_LOW, _BANK_CHANGE_LOW = (
    Cued(lowered(p)) for p in (_CREDENTIAL, _THREAT, _BANK_CHANGE)
)
_AUTH_FAIL_CUED = Caseless(_AUTH_FAIL, gated=True)
