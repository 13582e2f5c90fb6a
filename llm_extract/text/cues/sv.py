"""Swedish cues."""

from __future__ import annotations

from llm_extract.text.cues._cue import Cue, builders

word, stem = builders("sv")

PHONE: tuple[Cue, ...] = stem("telefonsamtal", "telefon")
VIDEO: tuple[Cue, ...] = stem("videomöte", "videolänk")
POSTPONED: tuple[Cue, ...] = stem("skjuts upp", "uppskjut")
CANCELLED: tuple[Cue, ...] = stem("inställd", "ställde in")
PLANNED: tuple[Cue, ...] = word(
    "kommer att", "ska träffa", "ska", "planerat", "planerad", "planerade", "väntas", "nästa vecka",
)
PAST_CONTACT: tuple[Cue, ...] = word("träffade", "träffades", "tog emot", "talade", "samtalade")
SEPARATELY: tuple[Cue, ...] = stem(
    "var för sig", "separata",
    # plural bilateral meetings of one person: one meeting per counterpart
    "bilaterala möten",
)
# "gav företräde för X": the king (or another head of state) gave X an audience.
RECEPTION: tuple[Cue, ...] = stem("tog emot", "gav företräde", "gav audiens")
# "möte" folds to "mote": as a stem it would find "motel", "Motegi"; its forms are words.
MEET: tuple[Cue, ...] = (*stem("träffade"), *word("möte", "mötet", "möten", "mötena"))
IN_PERSON_MEET: tuple[Cue, ...] = stem("träffade", "i marginalen")
CONTACT: tuple[Cue, ...] = (
    *stem("besök", "samtal"),
    *word("möte", "mötet", "möten", "mötena"),
    # träff folds to "traff": as a stem it finds English "traffic", so its forms are words.
    *word("träff", "träffen", "träffa", "träffas", "träffades", "träffar", "träffat"),
    *stem("audiens", "tog emot", "telefon", "företräde"),
)
VISIT: tuple[Cue, ...] = stem("besök", "reser till", "reste till", "anlände till", "resa till")
VENUE: tuple[Cue, ...] = ()
NOT_PERSONS: tuple[Cue, ...] = word("NATO", "EU")
TITLES: tuple[Cue, ...] = word(
    "kung", "kungen", "statsminister", "utrikesminister", "minister", "president",
)
HYPOTHETICAL: tuple[Cue, ...] = ()
GROUP: tuple[Cue, ...] = word("delegation", "ledarna", "ministrarna", "presidenterna")
ATTENDEE: tuple[Cue, ...] = stem("i närvaro av")

DEMONYMS: dict[str, tuple[Cue, ...]] = {
    "SE": word("svenska", "svensk"),
}

CITIES: dict[str, tuple[Cue, ...]] = {
    "Baghdad": word("Bagdad"),
    "Tehran": word("Teheran"),
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
    "Beijing": word("Peking"),
    "Rome": word("Rom"),
    "Vienna": word("Wien"),
    "Kyiv": word("Kiev", "Kyiv"),
    "Tokyo": word("Tokyo"),
    "New Delhi": word("New Delhi"),
    "Osaka": word("Osaka"),
    "Stockholm": word("Stockholm"),
    "Madrid": word("Madrid"),
    "Bogotá": word("Bogota"),
    "Nusa Dua": word("Nusa Dua"),
    "Bali": word("Bali"),
    "Geneva": word("Genève"),
    "Lisbon": word("Lissabon"),
    "Dakar": word("Dakar"),
    "Oslo": word("Oslo"),
}
HOSTING: tuple[Cue, ...] = word("värd för", "stod värd")
SUMMIT: tuple[Cue, ...] = stem("toppmöte")
# Verbs of what was talked about that are also CONTACT words: none in this language's tables
# (its discussion verbs are not contact cues, and its "talks" nouns report a contact).
DISCUSS: tuple[Cue, ...] = ()
# Words that name a day (DAYS): today, yesterday, tomorrow and the weekdays; a date the
# article gives by one of them is resolved against the publication date.
DAYS: dict[str, tuple[Cue, ...]] = {
    "today": word("i dag", "idag", "i kväll", "ikväll"),
    "yesterday": word("i går", "igår"),
    "tomorrow": word("i morgon", "imorgon"),
    "monday": word("måndag", "måndags"),
    "tuesday": word("tisdag", "tisdags"),
    "wednesday": word("onsdag", "onsdags"),
    "thursday": word("torsdag", "torsdags"),
    "friday": word("fredag", "fredags"),
    "saturday": word("lördag", "lördags"),
    "sunday": word("söndag", "söndags"),
}
