"""Turkish cues."""

from __future__ import annotations

from llm_extract.text.cues._cue import Cue, builders

word, stem = builders("tr")

PHONE: tuple[Cue, ...] = stem("telefonda", "telefon görüşmesi", "telefonla", "telefon")
VIDEO: tuple[Cue, ...] = stem("video konferans")
POSTPONED: tuple[Cue, ...] = stem("ertelendi", "ertele")
CANCELLED: tuple[Cue, ...] = word("iptal")
PLANNED: tuple[Cue, ...] = word(
    "görüşecek", "görüşecekler", "ziyaret edecek", "kabul edecek", "bir araya gelecek",
    "katılacak", "gerçekleştirecek", "düzenlenecek", "toplanacak", "planlanan", "planlanıyor",
    "bekleniyor", "gelecek hafta",
)
PAST_CONTACT: tuple[Cue, ...] = word(
    "görüştü", "görüştüler", "kabul etti", "gerçekleştirdi", "gerçekleştirmiştir",
    "bir araya geldi", "bir araya geldiler", "ağırladı",
)
SEPARATELY: tuple[Cue, ...] = stem("birer", "ayrı ayrı", "ikili görüşmeler")
RECEPTION: tuple[Cue, ...] = stem(
    "kabul etti", "kabul ediyor", "kabul edecek", "ağırladı",
    "ağırlayacak", "ağırlıyor",
)
MEET: tuple[Cue, ...] = stem("görüştü", "görüşme")
IN_PERSON_MEET: tuple[Cue, ...] = stem("görüştü", "bir araya gel", "marjında")
CONTACT: tuple[Cue, ...] = (*stem("ziyaret"), *word("zirve"),
                            *stem("görüş", "toplantı", "telefon"))
VISIT: tuple[Cue, ...] = stem("ziyaret", "gidecek", "gitti", "geldi")
VENUE: tuple[Cue, ...] = stem("saray", "bakanlığı")
NOT_PERSONS: tuple[Cue, ...] = word("NATO")
TITLES: tuple[Cue, ...] = word("cumhurbaşkanı", "bakan")
HYPOTHETICAL: tuple[Cue, ...] = stem("mümkün")
GROUP: tuple[Cue, ...] = word("bakanlığı", "liderler", "bakanlar", "cumhurbaşkanları",
                               "heyet")
ATTENDEE: tuple[Cue, ...] = stem("katılımıyla")

DEMONYMS: dict[str, tuple[Cue, ...]] = {
    "IR": word("iranlı"),
    "FR": word("fransız"),
    "DE": word("alman"),
    "RU": word("rus"),
    "CN": word("çin"),
    "UA": word("ukraynalı"),
}

CITIES: dict[str, tuple[Cue, ...]] = {
    "Tehran": word("Tahran"),
    "Riyadh": word("Riyad"),
    "Jeddah": word("Cidde"),
    "Cairo": word("Kahire"),
    "Damascus": word("Şam"),
    "Beirut": word("Beyrut"),
    "Doha": word("Doha"),
    "Istanbul": word("İstanbul"),
    "Washington": word("Washington"),
    "New York": word("New York"),
    "London": word("Londra"),
    "Paris": word("Paris"),
    "Berlin": word("Berlin"),
    "Moscow": word("Moskova"),
    "Beijing": word("Pekin"),
    "Rome": word("Roma"),
    "Vienna": word("Viyana"),
    "Brussels": word("Brüksel"),
    "Kyiv": word("Kiev"),
    "Tokyo": word("Tokyo"),
    "Osaka": word("Osaka"),
    "Madrid": word("Madrid"),
    "Nusa Dua": word("Nusa Dua"),
    "Bali": word("Bali"),
    "Geneva": word("Cenevre"),
    "Dakar": word("Dakar"),
    "Oslo": word("Oslo"),
}
HOSTING: tuple[Cue, ...] = word("ev sahipliği")
SUMMIT: tuple[Cue, ...] = stem("zirve")
# Verbs of what was talked about that are also CONTACT words: none in this language's tables
# (its discussion verbs are not contact cues, and its "talks" nouns report a contact).
DISCUSS: tuple[Cue, ...] = ()
# Words that name a day (DAYS): today, yesterday, tomorrow and the weekdays; a date the
# article gives by one of them is resolved against the publication date.
DAYS: dict[str, tuple[Cue, ...]] = {
    "today": word("bugün", "bu sabah", "bu akşam"),
    "yesterday": word("dün"),
    "tomorrow": word("yarın"),
    "monday": word("pazartesi"),
    "tuesday": word("salı"),
    "wednesday": word("çarşamba"),
    "thursday": word("perşembe"),
    "friday": word("cuma"),
    "saturday": word("cumartesi"),
    "sunday": word("pazar"),
}
