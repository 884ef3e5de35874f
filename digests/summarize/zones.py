"""Time zones as mail names them: abbreviations, cities and "AoE", mapped to IANA zones."""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, timedelta, timezone, tzinfo

from digests.summarize.patterns import for_yes_or_no

# A zone named after a time of day: "5 p.m. ET", "09:00 London time", "23:59 AoE", "UTC+5:30".
_OFFSET = r"(?:UTC|GMT) ?[+\-\u2212] ?\d{1,2}(?::?\d{2})?"
_NAMES = (
    r"ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST|MEZ|MESZ|"
    r"IST|JST|SGT|AEST|AEDT|AET|AWST|NZST|NZDT|KST|EET|EEST|WET|WEST|HST|"
    r"UK time|Berlin time|London time|Paris time|New York time|"
    r"Central European(?: Summer| Standard)? Time|Eastern European(?: Summer)? Time|"
    r"Australian Eastern(?: Standard| Daylight)? Time|Indian? Standard Time|"
    r"Japan(?:ese)? (?:Standard )?Time|Greenwich Mean Time|British Summer Time|"
    # "11:59 PM (US Eastern Time)", "5pm Pacific Daylight Time"
    r"(?:US |U\.S\. )?(?:Eastern|Pacific|Central|Mountain)(?: Standard| Daylight)? Time|"
    r"(?:US|U\.S\.) (?:Eastern|Pacific|Central|Mountain)|"
    r"Eastern|Pacific|Central|Mountain|AoE|Anywhere on Earth|London|Paris|Berlin|Madrid|"
    r"New York|Chicago|"
    r"Singapore|Tokyo|Sydney|Mexico City|hora de (?:la )?Ciudad de México|hora de México|"
    r"Ciudad de México|CDMX|hora del centro|Kolkata|Mumbai|"
    r"Bengaluru|Bangalore|Delhi|India time|Los Angeles|San Francisco|Seattle|Toronto|Dublin|"
    r"Amsterdam|Frankfurt|Munich|Zurich|Lisbon|Hong Kong|HKT|Melbourne|Brisbane|heure de Paris|"
    r"heure française|heure de New York|hora de Madrid|"
    r"hora peninsular|hora española|hora de Nueva York|hora de Brasília|horário de Brasília|BRT|"
    r"deutscher Zeit|Berliner Zeit|New Yorker Zeit|"
    # the world beyond Europe and the US: "by 5pm NZ time", "09:00 SAST", "18:00 Lagos time"
    r"New Zealand time|NZ time|NZT|Auckland|Wellington|SAST|South Africa time|Johannesburg|"
    r"WAT|Lagos|EAT|Nairobi|Cairo|Istanbul|MSK|Moscow|Dubai|Gulf time|Riyadh|Tehran|Karachi|"
    r"PKT|Dhaka|Bangkok|ICT|Jakarta|WIB|Manila|PHT|Kuala Lumpur|MYT|Taipei|Seoul|Shanghai|"
    r"Beijing|China time|São Paulo|Sao Paulo|Bogotá|Bogota|Lima|Buenos Aires|Santiago|"
    r"Vancouver|Denver|Phoenix|Honolulu|Hawaii time|Warsaw|Vienna|Stockholm|Athens"
)
ZONE = re.compile(rf"(?<![\w-])({_OFFSET}|{_NAMES}|Z)(?![\w-])")
# Asked only whether a sentence names a zone: the same, its names regrouped by first letter.
_ANY_NAME = for_yes_or_no(re.compile(rf"({_OFFSET}|{_NAMES}|Z)")).pattern
NAMES_A_ZONE = re.compile(rf"(?<![\w-]){_ANY_NAME}(?![\w-])")
# Where each named zone is (AoE, anywhere on Earth, is UTC-12).
ZONES = {
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "NEW YORK TIME": "America/New_York", "CT": "America/Chicago", "CST": "America/Chicago",
    "CDT": "America/Chicago", "MT": "America/Denver", "MST": "America/Denver",
    "MDT": "America/Denver", "PT": "America/Los_Angeles", "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles", "GMT": "UTC", "UTC": "UTC", "BST": "Europe/London",
    "UK TIME": "Europe/London", "LONDON TIME": "Europe/London", "CET": "Europe/Berlin",
    "CEST": "Europe/Berlin", "MEZ": "Europe/Berlin", "MESZ": "Europe/Berlin",
    "BERLIN TIME": "Europe/Berlin", "PARIS TIME": "Europe/Paris", "IST": "Asia/Kolkata",
    "JST": "Asia/Tokyo", "SGT": "Asia/Singapore", "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney", "EASTERN": "America/New_York", "PACIFIC": "America/Los_Angeles",
    "CENTRAL": "America/Chicago", "MOUNTAIN": "America/Denver", "AOE": "Etc/GMT+12",
    "ANYWHERE ON EARTH": "Etc/GMT+12",
    "LONDON": "Europe/London", "PARIS": "Europe/Paris", "BERLIN": "Europe/Berlin",
    "MADRID": "Europe/Madrid", "NEW YORK": "America/New_York", "CHICAGO": "America/Chicago",
    "SINGAPORE": "Asia/Singapore", "TOKYO": "Asia/Tokyo", "SYDNEY": "Australia/Sydney",
    "HEURE DE PARIS": "Europe/Paris", "HEURE FRANÇAISE": "Europe/Paris",
    "HEURE DE NEW YORK": "America/New_York", "HORA DE MADRID": "Europe/Madrid",
    "HORA PENINSULAR": "Europe/Madrid", "HORA ESPAÑOLA": "Europe/Madrid",
    "HORA DE NUEVA YORK": "America/New_York", "HORA DE BRASÍLIA": "America/Sao_Paulo",
    "HORÁRIO DE BRASÍLIA": "America/Sao_Paulo", "BRT": "America/Sao_Paulo",
    "DEUTSCHER ZEIT": "Europe/Berlin", "BERLINER ZEIT": "Europe/Berlin",
    "NEW YORKER ZEIT": "America/New_York", "MEXICO CITY": "America/Mexico_City",
    "AET": "Australia/Sydney", "AWST": "Australia/Perth", "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland", "KST": "Asia/Seoul", "EET": "Europe/Athens",
    "EEST": "Europe/Athens", "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon",
    "HST": "Pacific/Honolulu", "CENTRAL EUROPEAN TIME": "Europe/Berlin",
    "CENTRAL EUROPEAN SUMMER TIME": "Europe/Berlin",
    "CENTRAL EUROPEAN STANDARD TIME": "Europe/Berlin",
    "EASTERN EUROPEAN TIME": "Europe/Athens", "EASTERN EUROPEAN SUMMER TIME": "Europe/Athens",
    "AUSTRALIAN EASTERN TIME": "Australia/Sydney",
    "AUSTRALIAN EASTERN STANDARD TIME": "Australia/Sydney",
    "AUSTRALIAN EASTERN DAYLIGHT TIME": "Australia/Sydney", "INDIA STANDARD TIME": "Asia/Kolkata",
    "INDIAN STANDARD TIME": "Asia/Kolkata", "JAPAN STANDARD TIME": "Asia/Tokyo",
    "JAPAN TIME": "Asia/Tokyo", "JAPANESE TIME": "Asia/Tokyo",
    "JAPANESE STANDARD TIME": "Asia/Tokyo", "GREENWICH MEAN TIME": "UTC",
    "BRITISH SUMMER TIME": "Europe/London",
    "CIUDAD DE MÉXICO": "America/Mexico_City", "CDMX": "America/Mexico_City",
    "HORA DEL CENTRO": "America/Mexico_City", "HORA DE MÉXICO": "America/Mexico_City",
    "HORA DE CIUDAD DE MÉXICO": "America/Mexico_City",
    "HORA DE LA CIUDAD DE MÉXICO": "America/Mexico_City", "KOLKATA": "Asia/Kolkata",
    "MUMBAI": "Asia/Kolkata",
    "BENGALURU": "Asia/Kolkata", "BANGALORE": "Asia/Kolkata", "DELHI": "Asia/Kolkata",
    "INDIA TIME": "Asia/Kolkata", "LOS ANGELES": "America/Los_Angeles",
    "SAN FRANCISCO": "America/Los_Angeles", "SEATTLE": "America/Los_Angeles",
    "TORONTO": "America/Toronto", "DUBLIN": "Europe/Dublin", "AMSTERDAM": "Europe/Amsterdam",
    "FRANKFURT": "Europe/Berlin", "MUNICH": "Europe/Berlin", "ZURICH": "Europe/Zurich",
    "LISBON": "Europe/Lisbon", "HONG KONG": "Asia/Hong_Kong", "HKT": "Asia/Hong_Kong",
    "MELBOURNE": "Australia/Melbourne", "BRISBANE": "Australia/Brisbane",
    "NEW ZEALAND TIME": "Pacific/Auckland", "NZ TIME": "Pacific/Auckland",
    "NZT": "Pacific/Auckland", "AUCKLAND": "Pacific/Auckland", "WELLINGTON": "Pacific/Auckland",
    "SAST": "Africa/Johannesburg", "SOUTH AFRICA TIME": "Africa/Johannesburg",
    "JOHANNESBURG": "Africa/Johannesburg", "WAT": "Africa/Lagos", "LAGOS": "Africa/Lagos",
    "EAT": "Africa/Nairobi", "NAIROBI": "Africa/Nairobi", "CAIRO": "Africa/Cairo",
    "ISTANBUL": "Europe/Istanbul", "MSK": "Europe/Moscow", "MOSCOW": "Europe/Moscow",
    "DUBAI": "Asia/Dubai", "GULF TIME": "Asia/Dubai", "RIYADH": "Asia/Riyadh",
    "TEHRAN": "Asia/Tehran", "KARACHI": "Asia/Karachi", "PKT": "Asia/Karachi",
    "DHAKA": "Asia/Dhaka", "BANGKOK": "Asia/Bangkok", "ICT": "Asia/Bangkok",
    "JAKARTA": "Asia/Jakarta", "WIB": "Asia/Jakarta", "MANILA": "Asia/Manila",
    "PHT": "Asia/Manila", "KUALA LUMPUR": "Asia/Kuala_Lumpur", "MYT": "Asia/Kuala_Lumpur",
    "TAIPEI": "Asia/Taipei", "SEOUL": "Asia/Seoul", "SHANGHAI": "Asia/Shanghai",
    "BEIJING": "Asia/Shanghai", "CHINA TIME": "Asia/Shanghai", "SÃO PAULO": "America/Sao_Paulo",
    "SAO PAULO": "America/Sao_Paulo", "BOGOTÁ": "America/Bogota", "BOGOTA": "America/Bogota",
    "LIMA": "America/Lima", "BUENOS AIRES": "America/Argentina/Buenos_Aires",
    "SANTIAGO": "America/Santiago", "VANCOUVER": "America/Vancouver", "DENVER": "America/Denver",
    "PHOENIX": "America/Phoenix", "HONOLULU": "Pacific/Honolulu", "HAWAII TIME": "Pacific/Honolulu",
    "WARSAW": "Europe/Warsaw", "VIENNA": "Europe/Vienna", "STOCKHOLM": "Europe/Stockholm",
    "ATHENS": "Europe/Athens",
}  # fmt: skip
# "by COB Thursday ET": close of business in a named zone.
CLOSE_IN_ZONE = re.compile(
    r"\b(?i:eod|cob|end of (?:the )?(?:business )?day|close of business)\b[^.;]{0,25}?"
    rf"(?<![\w-])({_OFFSET}|{_NAMES})(?![\w-])"
)

# "the UK moves to BST on Sunday", "your clocks go back on Sunday", "Zeitumstellung am Sonntag":
# when a zone's clock changes, which is no date the reader must meet.
CLOCK_CHANGE = re.compile(
    r"\b(?:clocks? (?:go|goes|going|went|change|changes|move|moves|spring|fall)|"
    r"(?:moves?|switch\w*|changes?) to (?:BST|CEST|EDT|CDT|MDT|PDT|AEDT|NZDT|summer ?time|"
    r"daylight (?:saving )?time|winter ?time|standard time)|daylight saving\w* (?:starts|ends|"
    r"begins)|DST (?:starts|ends|begins|change)|zeitumstellung|uhren werden|"
    r"changement d'heure|passage à l'heure|cambio de hora|horario de verano)",
    re.IGNORECASE,
)

# "US Eastern Time", "Pacific Daylight Time": the region's zone.
_US_REGION = re.compile(r"^U\.?S\.? | (?:Standard |Daylight )?Time$")


def zone_of(name: str) -> tzinfo | None:
    """The zone a name found by ZONE stands for ("ET", "Kolkata", "UTC+5:30", "Z")."""
    if offset := re.fullmatch(r"(?:UTC|GMT) ?([+\-\u2212]) ?(\d{1,2})(?::?(\d{2}))?", name):
        sign = 1 if offset.group(1) == "+" else -1
        hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
        return timezone(sign * timedelta(hours=hours, minutes=minutes)) if hours < 15 else None
    if name == "Z":
        return UTC
    source = ZONES.get(name.upper()) or ZONES.get(_US_REGION.sub("", name).upper())
    return zoneinfo.ZoneInfo(source) if source else None
