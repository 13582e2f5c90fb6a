"""Spanish cues."""

from __future__ import annotations

from llm_extract.text.cues._cue import Cue, builders

word, stem = builders("es")

PHONE: tuple[Cue, ...] = stem("llamada telefónica", "por teléfono")
VIDEO: tuple[Cue, ...] = stem("videollamada", "videoconferencia")
POSTPONED: tuple[Cue, ...] = stem("aplazad", "pospuest")
CANCELLED: tuple[Cue, ...] = stem("cancelad", "suspendid")
PLANNED: tuple[Cue, ...] = word(
    "se reunirá", "se reunirán", "visitará", "recibirá", "viajará", "sostendrá", "participará",
    "asistirá", "tiene previsto", "está previsto", "está prevista", "prevé", "se espera",
    "tendrá lugar", "próxima semana", "próximo", "próxima",
)
PAST_CONTACT: tuple[Cue, ...] = word(
    "se reunió", "se reunieron", "recibió", "conversó", "conversaron", "habló", "hablaron",
    "sostuvo", "sostuvieron",
)
SEPARATELY: tuple[Cue, ...] = stem("por separado", "reuniones bilaterales")
RECEPTION: tuple[Cue, ...] = stem("recibió", "recibe", "recibirá", "recibía")
MEET: tuple[Cue, ...] = stem("se reunió", "reunión")
IN_PERSON_MEET: tuple[Cue, ...] = stem(
    "se reunió", "se reunieron", "se reunirá", "se encontró con", "al margen de",
)
CONTACT: tuple[Cue, ...] = stem(
    "visita", "cumbre", "conversación", "habló", "reunión", "llamada",
)
VISIT: tuple[Cue, ...] = stem(
    "visita", "viajará", "viajó", "viaje", "gira por", "llegó a", "llegará a",
)
VENUE: tuple[Cue, ...] = stem("palacio", "ministerio", "hotel")
NOT_PERSONS: tuple[Cue, ...] = word("OTAN", "ONU", "UE")
TITLES: tuple[Cue, ...] = word("presidente", "señor", "canciller", "ministro")
HYPOTHETICAL: tuple[Cue, ...] = stem("es posible", "podría", "sin fecha")
GROUP: tuple[Cue, ...] = word("funcionarios", "delegación", "ministerio", "gobierno",
                               "presidentes", "ministros", "dirigentes", "líderes",
                               "mandatarios", "cancilleres")
ATTENDEE: tuple[Cue, ...] = stem("en presencia de")

DEMONYMS: dict[str, tuple[Cue, ...]] = {
    "IQ": word("irakí"),
    "IR": word("iraní"),
    "SA": word("saudí"),
    "EG": word("egipcio"),
    "TR": word("turco"),
    "US": word("estadounidense"),
    "GB": word("británico"),
    "FR": word("francés"),
    "DE": word("alemán"),
    "RU": word("ruso"),
    "CN": word("chino"),
    "IT": word("italiano"),
    "UA": word("ucraniano"),
    "ES": word("español", "española"),
    "CO": word("colombiano", "colombiana"),
}

CITIES: dict[str, tuple[Cue, ...]] = {
    "Baghdad": word("Bagdad"),
    "Tehran": word("Teherán"),
    "Riyadh": word("Riad"),
    "Jeddah": word("Yeda"),
    "Cairo": word("El Cairo"),
    "Beirut": word("Beirut"),
    "Doha": word("Doha"),
    "Muscat": word("Mascate"),
    "Washington": word("Washington"),
    "New York": word("Nueva York"),
    "London": word("Londres"),
    "Paris": word("París"),
    "Berlin": word("Berlín"),
    "Moscow": word("Moscú"),
    "Beijing": word("Pekín"),
    "Rome": word("Roma"),
    "Vienna": word("Viena"),
    "Brussels": word("Bruselas"),
    "Algiers": word("Argel"),
    "Kyiv": word("Kiev"),
    "Tokyo": word("Tokio"),
    "Osaka": word("Osaka"),
    "Stockholm": word("Estocolmo"),
    "Madrid": word("Madrid"),
    "Bogotá": word("Bogotá"),
    "Nusa Dua": word("Nusa Dua"),
    "Bali": word("Bali"),
    "Geneva": word("Ginebra"),
    "Lisbon": word("Lisboa"),
    "Dakar": word("Dakar"),
    "Oslo": word("Oslo"),
}
HOSTING: tuple[Cue, ...] = word("anfitrión", "anfitriona", "acoge", "acogerá")
SUMMIT: tuple[Cue, ...] = word("cumbre", "cumbres")
# Verbs of what was talked about that are also CONTACT words: none in this language's tables
# (its discussion verbs are not contact cues, and its "talks" nouns report a contact).
DISCUSS: tuple[Cue, ...] = ()
# Words that name a day (DAYS): today, yesterday, tomorrow and the weekdays; a date the
# article gives by one of them is resolved against the publication date.
DAYS: dict[str, tuple[Cue, ...]] = {
    "today": word("hoy", "esta mañana", "esta tarde", "esta noche"),
    "yesterday": word("ayer"),
    "tomorrow": word("mañana"),
    "monday": word("lunes"),
    "tuesday": word("martes"),
    "wednesday": word("miércoles"),
    "thursday": word("jueves"),
    "friday": word("viernes"),
    "saturday": word("sábado"),
    "sunday": word("domingo"),
}
