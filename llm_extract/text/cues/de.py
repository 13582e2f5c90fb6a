"""German cues."""

from __future__ import annotations

from llm_extract.text.cues._cue import Cue, builders

word, stem = builders("de")

PHONE: tuple[Cue, ...] = stem("telefonat", "telefoniert", "telefonisch", "telefon")
VIDEO: tuple[Cue, ...] = stem("videokonferenz", "videoschalte")
POSTPONED: tuple[Cue, ...] = stem("verschoben", "verschiebt")
CANCELLED: tuple[Cue, ...] = stem("abgesagt")
PLANNED: tuple[Cue, ...] = word(
    "wird", "werden", "soll", "sollen", "geplant", "geplanten", "plant", "planen", "erwartet",
    "kommende woche", "nächste woche", "kommenden", "nächsten",
)
PAST_CONTACT: tuple[Cue, ...] = word(
    "traf", "trafen", "empfing", "telefonierte", "telefonierten", "sprach", "sprachen",
    "getroffen", "empfangen", "gesprochen",
)
SEPARATELY: tuple[Cue, ...] = stem(
    "getrennt", "jeweils", "bilaterale gespräche", "bilaterale treffen",
)
RECEPTION: tuple[Cue, ...] = stem("empfing", "empfängt", "empfangen")
# "traf" is a whole word: as a stem it finds English "traffic".
MEET: tuple[Cue, ...] = (*word("traf"), *stem("trifft", "treffen"))
IN_PERSON_MEET: tuple[Cue, ...] = (*word("traf", "trafen", "getroffen"),
                                    *stem("trifft", "am rande", "zusammengetroffen"))
CONTACT: tuple[Cue, ...] = (
    *stem("besuch", "gipfel", "gespräch", "telefon", "sitzung", "treffen"), *word("traf"),
)
VISIT: tuple[Cue, ...] = stem("besuch", "reist", "reise", "zu gast", "eingetroffen", "angereist")
VENUE: tuple[Cue, ...] = stem("palast", "ministerium", "hotel")
NOT_PERSONS: tuple[Cue, ...] = word("NATO", "EU", "UN")
TITLES: tuple[Cue, ...] = word(
    "bundeskanzler", "kanzler", "präsident", "herr", "frau", "außenminister", "minister", "chef",
)
# "möglich" as a word: as a stem it finds "Möglichkeiten der Zusammenarbeit".
HYPOTHETICAL: tuple[Cue, ...] = (*word("möglich", "möglicherweise"), *stem("kein termin"))
GROUP: tuple[Cue, ...] = word("vertreter", "delegation", "ministerium", "regierung")
ATTENDEE: tuple[Cue, ...] = stem("in anwesenheit", "im beisein")

DEMONYMS: dict[str, tuple[Cue, ...]] = {
    "IQ": word("irakische"),
    "IR": word("iranische"),
    "SA": word("saudische"),
    "EG": word("ägyptische"),
    "TR": word("türkische"),
    "US": word("amerikanische"),
    "GB": word("britische"),
    "FR": word("französische"),
    "DE": word("deutsche"),
    "RU": word("russische"),
    "CN": word("chinesische"),
    "IT": word("italienische"),
    "IN": word("indische"),
    "JP": word("japanische"),
    "AT": word("österreichische"),
    "UA": word("ukrainische"),
    "ES": word("spanische"),
    "SE": word("schwedische"),
    "NL": word("niederländische"),
}

CITIES: dict[str, tuple[Cue, ...]] = {
    "Baghdad": word("Bagdad"),
    "Tehran": word("Teheran"),
    "Riyadh": word("Riad"),
    "Jeddah": word("Dschidda"),
    "Cairo": word("Kairo"),
    "Damascus": word("Damaskus"),
    "Beirut": word("Beirut"),
    "Doha": word("Doha"),
    "Istanbul": word("Istanbul"),
    "Washington": word("Washington"),
    "New York": word("New York"),
    "London": word("London"),
    "Paris": word("Paris"),
    "Berlin": word("Berlin"),
    "Moscow": word("Moskau"),
    "Beijing": word("Peking"),
    "Rome": word("Rom"),
    "Vienna": word("Wien"),
    "Brussels": word("Brüssel"),
    "Algiers": word("Algier"),
    "Kyiv": word("Kiew"),
    "Tokyo": word("Tokio"),
    "New Delhi": word("Neu-Delhi"),
    "Osaka": word("Osaka"),
    "Stockholm": word("Stockholm"),
    "Madrid": word("Madrid"),
    "Bogotá": word("Bogota"),
    "Nusa Dua": word("Nusa Dua"),
    "Bali": word("Bali"),
    "Geneva": word("Genf"),
    "Lisbon": word("Lissabon"),
    "Dakar": word("Dakar"),
    "Oslo": word("Oslo"),
}
HOSTING: tuple[Cue, ...] = word("gastgeber", "richtet aus", "richtete aus")
SUMMIT: tuple[Cue, ...] = stem("gipfel")
# Verbs of what was talked about that are also CONTACT words: none in this language's tables
# (its discussion verbs are not contact cues, and its "talks" nouns report a contact).
DISCUSS: tuple[Cue, ...] = ()
# Words that name a day (DAYS): today, yesterday, tomorrow and the weekdays; a date the
# article gives by one of them is resolved against the publication date.
DAYS: dict[str, tuple[Cue, ...]] = {
    "today": word("heute", "heutigen"),
    "yesterday": word("gestern"),
    "tomorrow": word("morgen"),
    "monday": word("Montag"),
    "tuesday": word("Dienstag"),
    "wednesday": word("Mittwoch"),
    "thursday": word("Donnerstag"),
    "friday": word("Freitag"),
    "saturday": word("Samstag", "Sonnabend"),
    "sunday": word("Sonntag"),
}
