"""Country codes from the words a model (or an article) uses for a country.

Validation needs ISO 3166-1 alpha-2; a small model writes "Iraq", "Iraqi", "العراق" or "iq".
:func:`to_country_code` accepts all of those and returns the code, or None when the word names
no state it knows; :func:`country_name` gives the English short name of a code.
"""

from __future__ import annotations

from llm_extract.text._iso_data import ISO_ALPHA2, ISO_NAMES
from llm_extract.text.normalize import normalize_name

__all__ = ["FORMER_STATES", "ISO_ALPHA2", "country_name", "to_country_code"]

# States that no longer exist, by the codes ISO 3166-3 keeps reserved for them: archives and
# event data (CAMEO's examples, the 1980s) report contacts of Soviet and Yugoslav officials.
FORMER_STATES: dict[str, tuple[str, ...]] = {
    "SU": ("Soviet Union", "USSR", "Union of Soviet Socialist Republics", "Soviet"),
    "YU": ("Yugoslavia", "Yugoslav"),
    "CS": ("Czechoslovakia", "Czechoslovak"),
    "DD": ("East Germany", "German Democratic Republic", "East German"),
}
_CODES = ISO_ALPHA2 | FORMER_STATES.keys()

# Demonyms, short forms and Arabic names: the states this tool's news most often names.
_EXTRA_FORMS: dict[str, tuple[str, ...]] = {
    "AE": ("UAE", "Emirati", "United Arab Emirates", "الإمارات", "الإماراتي", "الامارات"),
    "AF": ("Afghan", "أفغانستان", "الأفغاني"),
    "AT": ("Austrian", "النمسا", "النمساوي"),
    "AU": ("Australian",),
    "AZ": ("Azerbaijani", "أذربيجان"),
    "BE": ("Belgian", "بلجيكا"),
    "BH": ("Bahraini", "البحرين", "البحريني"),
    "BR": ("Brazilian", "البرازيل"),
    "CA": ("Canadian", "كندا", "الكندي"),
    "CH": ("Swiss", "سويسرا"),
    "CN": ("China", "Chinese", "PRC", "الصين", "الصيني", "中国"),
    "DE": ("German", "Germany", "ألمانيا", "الألماني", "Deutschland"),
    "DZ": ("Algerian", "الجزائر", "الجزائري"),
    "EG": ("Egyptian", "مصر", "المصري"),
    "ES": ("Spanish", "Spain", "إسبانيا", "España"),
    "FR": ("French", "France", "فرنسا", "الفرنسي"),
    "GB": ("UK", "U.K.", "Britain", "British", "United Kingdom", "England", "بريطانيا",
           "البريطاني", "المملكة المتحدة"),
    "GR": ("Greek", "اليونان"),
    "IN": ("Indian", "الهند", "الهندي"),
    "IQ": ("Iraqi", "العراق", "العراقي"),
    "IR": ("Iran", "Iranian", "Persia", "إيران", "الإيراني", "ايران", "الايراني"),
    "IL": ("Israeli", "إسرائيل", "الإسرائيلي"),
    "IT": ("Italian", "إيطاليا", "الإيطالي"),
    "JO": ("Jordanian", "الأردن", "الأردني"),
    "JP": ("Japanese", "اليابان", "الياباني"),
    "KP": ("North Korea", "North Korean"),
    "KR": ("South Korea", "South Korean", "Korea"),
    "KW": ("Kuwaiti", "الكويت", "الكويتي"),
    "LB": ("Lebanese", "لبنان", "اللبناني"),
    "LY": ("Libyan", "ليبيا", "الليبي"),
    "MA": ("Moroccan", "المغرب", "المغربي"),
    "MR": ("Mauritanian", "موريتانيا", "الموريتاني"),
    "NL": ("Dutch", "Netherlands", "هولندا"),
    "OM": ("Omani", "عمان", "سلطنة عمان", "العماني"),
    "PK": ("Pakistani", "باكستان", "الباكستاني"),
    "PL": ("Polish", "بولندا"),
    "PS": ("Palestine", "Palestinian", "فلسطين", "الفلسطيني"),
    "QA": ("Qatari", "قطر", "القطري"),
    "RU": ("Russia", "Russian", "Russian Federation", "روسيا", "الروسي", "Россия"),
    "SA": ("Saudi", "Saudi Arabia", "KSA", "السعودية", "السعودي", "المملكة العربية السعودية"),
    "SD": ("Sudanese", "السودان", "السوداني"),
    "SE": ("Swedish", "Sweden", "السويد", "Sverige"),
    "SY": ("Syria", "Syrian", "سوريا", "السوري"),
    "TN": ("Tunisian", "تونس", "التونسي"),
    "TR": ("Turkey", "Turkish", "Türkiye", "تركيا", "التركي"),
    "UA": ("Ukrainian", "Ukraine", "أوكرانيا", "الأوكراني"),
    "US": ("USA", "U.S.", "US", "United States", "America", "American", "الولايات المتحدة",
           "أمريكا", "الأمريكي", "الأميركي", "واشنطن"),
    "VA": ("Vatican", "Holy See", "الفاتيكان"),
    "VE": ("Venezuela", "Venezuelan"),
    "VN": ("Vietnam", "Vietnamese"),
    "YE": ("Yemeni", "اليمن", "اليمني"),
}


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, names in ISO_NAMES.items():
        for name in names:
            index.setdefault(normalize_name(name), code)
    for code, forms in (*_EXTRA_FORMS.items(), *FORMER_STATES.items()):
        for form in forms:
            index[normalize_name(form)] = code
    return index


_INDEX = _build_index()


def to_country_code(value: str | None) -> str | None:
    """The ISO alpha-2 code for a code, country name or demonym; None when unknown or empty."""
    if value is None:
        return None
    stripped = value.strip()
    if not stripped:
        return None
    if len(stripped) == 2 and stripped.upper() in _CODES:
        return stripped.upper()
    return _INDEX.get(normalize_name(stripped))


def country_name(code: str) -> str | None:
    """The English short name of an ISO alpha-2 code."""
    names = ISO_NAMES.get(code.upper()) or FORMER_STATES.get(code.upper())
    if not names:
        return None
    return names[1] if len(names) > 1 and len(names[1]) < len(names[0]) else names[0]


def _build_forms() -> dict[str, tuple[str, ...]]:
    forms: dict[str, list[str]] = {}
    for form, code in _INDEX.items():
        # Two- and three-letter Latin forms ("us", "uk", "uae") are also common words or
        # initials; they are codes, not something to search an article for.
        if len(form) > 3 or not form.isascii():
            forms.setdefault(code, []).append(form)
    return {code: tuple(sorted(v)) for code, v in forms.items()}


_FORMS = _build_forms()


def country_forms(code: str) -> tuple[str, ...]:
    """Names and demonyms of a country (normalized) worth searching an article for."""
    return _FORMS.get(code.upper(), ())
