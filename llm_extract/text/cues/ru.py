"""Russian cues (stems where the word inflects: встреч, иранск)."""

from __future__ import annotations

from llm_extract.text.cues._cue import Cue, builders

word, stem = builders("ru")

PHONE: tuple[Cue, ...] = stem("телефонный разговор", "по телефону")
VIDEO: tuple[Cue, ...] = stem("видеоконференц")
POSTPONED: tuple[Cue, ...] = stem("перенес", "отложен")
CANCELLED: tuple[Cue, ...] = stem("отменен", "отменил")
PLANNED: tuple[Cue, ...] = word(
    "встретится", "встретятся", "посетит", "проведет", "проведут", "примет",
    "состоится", "планирует", "запланирован", "запланирована", "ожидается",
)
PAST_CONTACT: tuple[Cue, ...] = word(
    "встретился", "встретились", "провел", "провели", "принял", "обсудили",
)
SEPARATELY: tuple[Cue, ...] = stem("по отдельности", "отдельно", "двусторонние встречи")
RECEPTION: tuple[Cue, ...] = stem("принял", "принимает", "примет", "принимал")
MEET: tuple[Cue, ...] = stem("встретился", "переговоры")
IN_PERSON_MEET: tuple[Cue, ...] = stem("встретился", "встретились", "встретится", "на полях")
CONTACT: tuple[Cue, ...] = stem("визит", "саммит", "разговор", "встреч", "переговор")
VISIT: tuple[Cue, ...] = stem("визит", "посети", "посещ", "прибыл", "прибуд", "поездк")
VENUE: tuple[Cue, ...] = stem("дворец")
NOT_PERSONS: tuple[Cue, ...] = ()
TITLES: tuple[Cue, ...] = word("президент", "премьер", "министр")
HYPOTHETICAL: tuple[Cue, ...] = stem("возможн", "не исключ")
GROUP: tuple[Cue, ...] = word("министерство", "правительство", "лидеры", "президенты",
                               "министры", "стороны")
ATTENDEE: tuple[Cue, ...] = stem("в присутствии")

# Adjective stems: иранск finds иранский, иранского, иранская.
DEMONYMS: dict[str, tuple[Cue, ...]] = {
    "IR": stem("иранск"),
    "TR": stem("турецк"),
    "US": stem("американск"),
    "GB": stem("британск"),
    "FR": stem("французск"),
    "DE": stem("германск", "немецк"),
    "RU": stem("российск", "русск"),
    "CN": stem("китайск"),
    "UA": stem("украинск"),
}

CITIES: dict[str, tuple[Cue, ...]] = {
    "Baghdad": word("Багдад"),
    "Tehran": word("Тегеран"),
    "Riyadh": word("Эр-Рияд"),
    "Cairo": word("Каир"),
    "Damascus": word("Дамаск"),
    "Beirut": word("Бейрут"),
    "Ankara": word("Анкара"),
    "Istanbul": word("Стамбул"),
    "Washington": word("Вашингтон"),
    "New York": word("Нью-Йорк"),
    "London": word("Лондон"),
    "Paris": word("Париж"),
    "Berlin": word("Берлин"),
    "Moscow": word("Москва", "Москве"),
    "Beijing": word("Пекин"),
    "Vienna": word("Вена"),
    "Brussels": stem("Брюссел"),  # Брюссель, Брюсселе, Брюсселя
    "Kyiv": word("Киев", "Київ"),  # Київ: the Ukrainian spelling, quoted in Russian text
    "Tokyo": word("Токио"),
}
HOSTING: tuple[Cue, ...] = stem("принимающ")
SUMMIT: tuple[Cue, ...] = stem("саммит")
# Verbs of what was talked about that are also CONTACT words: none in this language's tables
# (its discussion verbs are not contact cues, and its "talks" nouns report a contact).
DISCUSS: tuple[Cue, ...] = ()
# Words that name a day (DAYS): today, yesterday, tomorrow and the weekdays; a date the
# article gives by one of them is resolved against the publication date.
DAYS: dict[str, tuple[Cue, ...]] = {
    "today": stem("сегодня"),
    "yesterday": stem("вчера"),
    "tomorrow": stem("завтра"),
    "monday": stem("понедельник"),
    "tuesday": stem("вторник"),
    "wednesday": stem("в среду", "среду"),
    "thursday": stem("четверг"),
    "friday": stem("пятниц"),
    "saturday": stem("суббот"),
    "sunday": stem("воскресень"),
}
