"""French cues."""

from __future__ import annotations

from llm_extract.text.cues._cue import Cue, builders

word, stem = builders("fr")

PHONE: tuple[Cue, ...] = stem(
    "entretien téléphonique", "téléphone", "au téléphone", "appel téléphonique",
)
VIDEO: tuple[Cue, ...] = stem("visioconférence", "par vidéo", "en visio")
# Folded, "reporté" and "report de" are English-looking prefixes ("reported", "the report
# details"): whole words only.
POSTPONED: tuple[Cue, ...] = (
    *word("reporté", "reportée", "reportés", "reportées", "report de"), *stem("ajourné"),
)
CANCELLED: tuple[Cue, ...] = stem("annulé", "annulée")
PLANNED: tuple[Cue, ...] = word(
    "va rencontrer", "rencontrera", "rencontreront", "recevra", "se rendra", "doit se rendre",
    "est attendu", "est attendue", "prévue", "prévu", "prévues", "prévus", "s'entretiendra",
    "se réunira", "se réuniront", "participera", "se tiendra", "aura lieu", "devrait", "doit",
    "prochaine", "prochain",
)
PAST_CONTACT: tuple[Cue, ...] = word(
    "a reçu", "a rencontré", "ont rencontré", "s'est entretenu", "s'est entretenue",
    "se sont entretenus", "ont discuté", "a discuté", "s'est réuni", "se sont réunis",
)
SEPARATELY: tuple[Cue, ...] = stem(
    "séparément", "séparés", "entretiens bilatéraux", "rencontres bilatérales",
)
RECEPTION: tuple[Cue, ...] = (
    *word("a reçu"),  # folded "a recu": as a stem it would find "a recurring"
    # Active forms only: in the passive ("a été reçu par") the receiver is named last.
    *stem("reçoit", "recevra", "recevait", "a accueilli", "accueille", "accueillera"),
)
MEET: tuple[Cue, ...] = stem("s'est entretenu", "a rencontré", "rencontre", "entretien")
IN_PERSON_MEET: tuple[Cue, ...] = stem(
    "a rencontré", "ont rencontré", "rencontrera", "en marge d", "s'est réuni", "se sont réunis",
)
CONTACT: tuple[Cue, ...] = (
    *stem("visite", "sommet"), *word("appel"),
    *stem("entretien", "entretenu", "réunion", "rencontr", "conférence", "audience"),
    # "reçu" folds to "recu": as a stem it would find "recurring", "recul", "recueilli".
    *word("reçu", "reçue", "reçus", "reçues"),
    *stem("visita"),  # passé simple, "il visita"
)
VISIT: tuple[Cue, ...] = stem(
    "visite", "se rendra", "se rend", "visita", "s'est rendu", "s'était rendu", "déplacement",
    "voyage", "en tournée",
)
VENUE: tuple[Cue, ...] = stem("palais", "ministère", "siège", "hôtel")
NOT_PERSONS: tuple[Cue, ...] = word("OTAN", "ONU", "UE", "Union européenne")
TITLES: tuple[Cue, ...] = word(
    "m", "mme", "président", "présidente", "ministre", "chef", "premier", "prince",
)
HYPOTHETICAL: tuple[Cue, ...] = stem(
    "est possible", "serait possible", "pourrait avoir lieu", "aucune date",
)
GROUP: tuple[Cue, ...] = word(
    "responsables", "délégation", "membres", "ministère", "gouvernement",
    "dirigeants", "présidents", "ministres",
)
ATTENDEE: tuple[Cue, ...] = stem("en présence de")

DEMONYMS: dict[str, tuple[Cue, ...]] = {
    "IQ": word("irakien", "irakienne"),
    "IR": word("iranien", "iranienne"),
    "SA": word("saoudien", "saoudienne"),
    "EG": word("égyptien", "égyptienne"),
    "JO": word("jordanien", "jordanienne"),
    "SY": word("syrien", "syrienne"),
    "LB": word("libanais", "libanaise"),
    "QA": word("qatarien", "qatarienne"),
    "AE": word("émirien", "émirienne"),
    "KW": word("koweïtien"),
    "TR": word("turc", "turque"),
    "US": word("américain", "américaine"),
    "GB": word("britannique"),
    "FR": word("français", "française"),
    "DE": word("allemand", "allemande"),
    "RU": word("russe"),
    "CN": word("chinois", "chinoise"),
    "IT": word("italien", "italienne"),
    "IN": word("indien", "indienne"),
    "JP": word("japonais", "japonaise"),
    "AT": word("autrichien"),
    "DZ": word("algérien", "algérienne"),
    "MA": word("marocain", "marocaine"),
    "TN": word("tunisien", "tunisienne"),
    "LY": word("libyen", "libyenne"),
    "MR": word("mauritanien", "mauritanienne"),
    "SD": word("soudanais"),
    "PS": word("palestinien", "palestinienne"),
    "UA": word("ukrainien", "ukrainienne"),
    "IL": word("israélien", "israélienne"),
    "PK": word("pakistanais"),
    "AF": word("afghan"),
    "AU": word("australien"),
    "CA": word("canadien", "canadienne"),
    "BR": word("brésilien", "brésilienne"),
    "ES": word("espagnol", "espagnole"),
    "CO": word("colombien"),
    "SE": word("suédois", "suédoise"),
    "NL": word("néerlandais"),
    "BE": word("belge"),
    "GR": word("grec", "grecque"),
    "KR": word("sud-coréen"),
    "KP": word("nord-coréen"),
    "NZ": word("néo-zélandais"),
    "SN": word("sénégalais", "sénégalaise"),
    "GH": word("ghanéen", "ghanéenne"),
    "KE": word("kényan"),
    "NG": word("nigérian"),
    "PT": word("portugais", "portugaise"),
    "PL": word("polonais"),
    "AZ": word("azerbaïdjanais"),
    "VA": word("vatican"),
}

CITIES: dict[str, tuple[Cue, ...]] = {
    "Baghdad": word("Bagdad"),
    "Mosul": word("Mossoul"),
    "Tehran": word("Téhéran"),
    "Riyadh": word("Riyad"),
    "Jeddah": word("Djeddah"),
    "Cairo": word("Le Caire"),
    "Damascus": word("Damas"),
    "Beirut": word("Beyrouth"),
    "Doha": word("Doha"),
    "Dubai": word("Dubaï"),
    "Muscat": word("Mascate"),
    "Istanbul": word("Istanbul"),
    "Washington": word("Washington"),
    "New York": word("New York"),
    "London": word("Londres"),
    "Paris": word("Paris"),
    "Berlin": word("Berlin"),
    "Moscow": word("Moscou"),
    "Beijing": word("Pékin"),
    "Rome": word("Rome"),
    "Vienna": word("Vienne"),
    "Brussels": word("Bruxelles"),
    "Algiers": word("Alger"),
    "Kyiv": word("Kiev", "Kyiv"),
    "Tokyo": word("Tokyo"),
    "New Delhi": word("New-Delhi"),
    "Osaka": word("Osaka"),
    "Stockholm": word("Stockholm"),
    "Madrid": word("Madrid"),
    "Bogotá": word("Bogota"),
    "Nusa Dua": word("Nusa Dua"),
    "Bali": word("Bali"),
    "Geneva": word("Genève"),
    "Lisbon": word("Lisbonne"),
    "Dakar": word("Dakar"),
    "Oslo": word("Oslo"),
}
HOSTING: tuple[Cue, ...] = word("coorganise", "accueille", "accueillera")
SUMMIT: tuple[Cue, ...] = stem("sommet")
# Verbs of what was talked about that are also CONTACT words: none in this language's tables
# (its discussion verbs are not contact cues, and its "talks" nouns report a contact).
DISCUSS: tuple[Cue, ...] = ()
# Words that name a day (DAYS): today, yesterday, tomorrow and the weekdays; a date the
# article gives by one of them is resolved against the publication date.
DAYS: dict[str, tuple[Cue, ...]] = {
    "today": word("aujourd'hui", "ce matin", "ce soir", "cet après-midi"),
    "yesterday": word("hier"),
    "tomorrow": word("demain"),
    "monday": word("lundi"),
    "tuesday": word("mardi"),
    "wednesday": word("mercredi"),
    "thursday": word("jeudi"),
    "friday": word("vendredi"),
    "saturday": word("samedi"),
    "sunday": word("dimanche"),
}
