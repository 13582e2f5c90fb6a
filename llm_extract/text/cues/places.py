"""The gazetteer: the country of each city the cue tables name (not language data).

Keys are the English names the output uses; each language module's ``CITIES`` gives the forms
its articles write. The order is the order in which cities are tried.
"""

from __future__ import annotations

__all__ = ["CITY_COUNTRY"]

CITY_COUNTRY: dict[str, str] = {
    "Baghdad": "IQ",
    "Basra": "IQ",
    "Erbil": "IQ",
    "Mosul": "IQ",
    "Tehran": "IR",
    "Riyadh": "SA",
    "Jeddah": "SA",
    "Cairo": "EG",
    "Amman": "JO",
    "Damascus": "SY",
    "Beirut": "LB",
    "Baabda": "LB",
    "Doha": "QA",
    "Abu Dhabi": "AE",
    "Dubai": "AE",
    "Kuwait City": "KW",
    "Manama": "BH",
    "Muscat": "OM",
    "Ankara": "TR",
    "Istanbul": "TR",
    "Washington": "US",
    "New York": "US",
    "London": "GB",
    "Paris": "FR",
    "Berlin": "DE",
    "Moscow": "RU",
    "Beijing": "CN",
    "Rome": "IT",
    "Vienna": "AT",
    "Brussels": "BE",
    "Algiers": "DZ",
    "Rabat": "MA",
    "Tunis": "TN",
    "Tripoli": "LY",
    "Nouakchott": "MR",
    "Khartoum": "SD",
    "Kyiv": "UA",
    "Tokyo": "JP",
    "New Delhi": "IN",
    "Osaka": "JP",
    "Stockholm": "SE",
    "Madrid": "ES",
    "Bogotá": "CO",
    "Nusa Dua": "ID",
    "Bali": "ID",
    "Geneva": "CH",
    "Lisbon": "PT",
    "Dakar": "SN",
    "Oslo": "NO",
}
