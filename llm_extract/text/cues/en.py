"""English cues."""

from __future__ import annotations

from llm_extract.text.cues._cue import Cue, builders

word, stem = builders("en")

PHONE: tuple[Cue, ...] = stem(
    "phone call", "telephone call", "by phone", "by telephone", "spoke by phone", "spoke with",
    "spoke to", "held a call", "a call with", "call from", "phoned", "telephoned",
    "phone conversation", "telephone conversation", "call with",
)
VIDEO: tuple[Cue, ...] = stem(
    "video conference", "videoconference", "video call", "video link", "virtual meeting",
    "via video", "by video", "online meeting",
)
POSTPONED: tuple[Cue, ...] = stem("postpone", "postponed", "put off", "delayed")
CANCELLED: tuple[Cue, ...] = stem("cancel", "cancelled", "canceled", "called off", "scrapped")
PLANNED: tuple[Cue, ...] = word(
    "will meet", "will hold", "will travel", "will visit", "will host", "will receive",
    "is expected to", "are expected to", "is scheduled", "are scheduled", "is due to",
    "plans to", "planned", "to co-host", "next week", "next month", "upcoming",
)
# Finite past forms of a contact verb: the meeting has happened.
PAST_CONTACT: tuple[Cue, ...] = word(
    "met", "received", "hosted", "held talks", "spoke", "talked", "welcomed",
)
SEPARATELY: tuple[Cue, ...] = stem(
    "separately", "separate meetings", "separate calls", "separate talks",
    # plural bilateral meetings of one person: one meeting per counterpart
    "bilateral meetings", "bilateral talks with leaders",
)
RECEPTION: tuple[Cue, ...] = (
    *stem("received", "receives", "will receive", "receiving", "hosted"),
    *word("hosts"),
    *stem("welcomed", "welcomes", "gave an audience", "granted an audience"),
)
MEET: tuple[Cue, ...] = (*word("met", "meets"), *stem("meeting"), *word("talks"),
                         *stem("held talks"))
IN_PERSON_MEET: tuple[Cue, ...] = (*word("met", "meets"),
                                    *stem("on the sidelines", "on the margins"))
# Short words are whole words ("call" is not "called for"); longer ones may run on.
CONTACT: tuple[Cue, ...] = (
    *word("visit"), *stem("summit"), *word("call", "spoke", "speak", "talk"),
    *stem("discuss", "consult"), *word("lunch"),
    *stem("dinner", "audience", "attend", "took part", "participat", "co-host", "ministerial",
          "conference"),
    *word("met", "meet"),
)
VISIT: tuple[Cue, ...] = stem(
    "visit", "visiting", "travel to", "travels to", "traveled to", "travelled to", "will travel",
    "trip to", "arrived in", "arrives in", "flew to", "tour of",
)
VENUE: tuple[Cue, ...] = stem(
    "palace", "hotel", "ministry", "headquarters", "house", "hall", "office", "building",
)
NOT_PERSONS: tuple[Cue, ...] = word(
    "NATO", "United Nations", "UN", "European Union", "EU", "Arab League", "officials",
    "delegation", "the two sides",
)
TITLES: tuple[Cue, ...] = word(
    "president", "vice", "prime", "minister", "foreign", "secretary", "general", "state",
    "deputy", "chancellor", "king", "queen", "prince", "princess", "crown", "sheikh", "sheik",
    "emir", "sultan", "dr", "mr", "mrs", "ms", "sir", "lord", "his", "her", "majesty",
    "highness", "excellency", "gen", "lt", "col", "colonel", "ambassador", "senator",
    "governor", "mayor", "pope", "premier", "chairman", "speaker", "spokesman", "ceo",
    "director", "commander", "admiral", "defence", "defense", "interior", "former", "us", "uk",
)
HYPOTHETICAL: tuple[Cue, ...] = stem(
    "was possible", "is possible", "could take place", "might meet", "may meet",
    "no date has been set", "no date had been set", "not yet been set", "no dates",
    "dates not set", "not ruled out",
)
GROUP: tuple[Cue, ...] = word(
    "officials", "delegation", "delegates", "members", "representatives", "leaders",
    # institutions, never part of a person's name
    "ministry", "government", "presidency",
    # plural nouns, never a name ("the two presidents", "both sides")
    "presidents", "ministers", "sides", "premiers",
)
ATTENDEE: tuple[Cue, ...] = stem(
    "in the presence of", "attended by", "also attended", "accompanied by",
)

DEMONYMS: dict[str, tuple[Cue, ...]] = {
    "IQ": word("iraqi"),
    "IR": word("iranian"),
    "SA": word("saudi"),
    "EG": word("egyptian"),
    "JO": word("jordanian"),
    "SY": word("syrian"),
    "LB": word("lebanese"),
    "QA": word("qatari"),
    "AE": word("emirati"),
    "KW": word("kuwaiti"),
    "BH": word("bahraini"),
    "OM": word("omani"),
    "YE": word("yemeni"),
    "TR": word("turkish"),
    "US": word("american", "u.s."),
    "GB": word("british"),
    "FR": word("french"),
    "DE": word("german"),
    "RU": word("russian"),
    "CN": word("chinese"),
    "IT": word("italian"),
    "IN": word("indian"),
    "JP": word("japanese"),
    "AT": word("austrian"),
    "DZ": word("algerian"),
    "MA": word("moroccan"),
    "TN": word("tunisian"),
    "LY": word("libyan"),
    "MR": word("mauritanian"),
    "SD": word("sudanese"),
    "PS": word("palestinian"),
    "UA": word("ukrainian"),
    "IL": word("israeli"),
    "PK": word("pakistani"),
    "AF": word("afghan"),
    "AU": word("australian"),
    "CA": word("canadian"),
    "BR": word("brazilian"),
    "ES": word("spanish"),
    "CO": word("colombian"),
    "SE": word("swedish"),
    "NL": word("dutch"),
    "BE": word("belgian"),
    "GR": word("greek"),
    "KR": word("south korean"),
    "KP": word("north korean"),
    "NZ": word("new zealand"),
    "SN": word("senegalese"),
    "GH": word("ghanaian"),
    "KE": word("kenyan"),
    "NG": word("nigerian"),
    "PT": word("portuguese"),
    "PL": word("polish"),
    "AZ": word("azerbaijani"),
    "VA": word("vatican"),
}

# The English name of each city (the gazetteer's key) is a form already; these are the others.
CITIES: dict[str, tuple[Cue, ...]] = {
    "Kyiv": word("Kiev"),
}
HOSTING: tuple[Cue, ...] = word("co-host", "co-hosts", "co-hosted", "hosts", "hosted", "hosting")
SUMMIT: tuple[Cue, ...] = stem("summit")
# Verbs of what was talked about, not that a contact took place ("The Secretary and the Prime
# Minister discussed…"): a clause whose only contact words are these says more about a contact
# reported elsewhere. Each entry is also a CONTACT entry, matched the same way.
DISCUSS: tuple[Cue, ...] = stem("discuss", "consult")
# Words that name a day (DAYS): today, yesterday, tomorrow and the weekdays; a date the
# article gives by one of them is resolved against the publication date.
DAYS: dict[str, tuple[Cue, ...]] = {
    "today": word("today", "tonight", "this morning", "this afternoon", "this evening"),
    "yesterday": word("yesterday"),
    "tomorrow": word("tomorrow"),
    "monday": word("Monday"),
    "tuesday": word("Tuesday"),
    "wednesday": word("Wednesday"),
    "thursday": word("Thursday"),
    "friday": word("Friday"),
    "saturday": word("Saturday"),
    "sunday": word("Sunday"),
}
