"""The per-language cue tables: their shape, their folding, and the misfires they once had."""

from __future__ import annotations

import unicodedata

import pytest

from llm_extract.quality.anchor import has_contact_cue
from llm_extract.quality.recall import candidate_sentences
from llm_extract.text._iso_data import ISO_ALPHA2
from llm_extract.text.article import Article
from llm_extract.text.countries import to_country_code
from llm_extract.text.cues import (
    CITY_COUNTRY,
    DICT_TABLE_NAMES,
    LANGUAGES,
    TABLE_NAMES,
    Cue,
    Match,
    city_forms,
    days,
    demonyms,
    find_cues,
    has_cue,
    language_module,
    table,
)
from llm_extract.text.names import country_as_name, strip_titles
from llm_extract.text.normalize import find_all, find_folded, fold

# -- shape -------------------------------------------------------------------------------------


def _all_cues(language: str) -> list[tuple[str, Cue]]:
    """(table label, cue) for every entry of one language module."""
    module = language_module(language)
    out = [(name, cue) for name in TABLE_NAMES for cue in getattr(module, name)]
    for name in DICT_TABLE_NAMES:
        for key, cues in getattr(module, name).items():
            out += [(f"{name}[{key}]", cue) for cue in cues]
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_module_defines_every_table(language: str) -> None:
    module = language_module(language)
    for name in TABLE_NAMES:
        value = getattr(module, name)
        assert isinstance(value, tuple), f"{language}.{name}"
        assert all(isinstance(c, Cue) for c in value), f"{language}.{name}"
    for name in DICT_TABLE_NAMES:
        value = getattr(module, name)
        assert isinstance(value, dict), f"{language}.{name}"
        assert all(isinstance(v, tuple) and v for v in value.values()), f"{language}.{name}"
    assert {c.language for _, c in _all_cues(language)} <= {language}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_repeated_within_a_table(language: str) -> None:
    seen: dict[str, set[str]] = {}
    for label, cue in _all_cues(language):
        folded = seen.setdefault(label, set())
        assert cue.folded not in folded, f"{language} {label}: {cue.text!r} twice"
        folded.add(cue.folded)


@pytest.mark.parametrize("language", LANGUAGES)
def test_folded_forms_are_fold_of_the_text_and_stable(language: str) -> None:
    for label, cue in _all_cues(language):
        assert cue.folded, f"{language} {label}: {cue.text!r}"
        assert cue.folded == fold(cue.text).text
        assert fold(cue.folded).text == cue.folded


def _is_cjk(text: str) -> bool:
    return all(unicodedata.name(ch, "").startswith("CJK") for ch in text if not ch.isspace())


@pytest.mark.parametrize("language", LANGUAGES)
def test_stems_are_at_least_four_characters_unless_cjk(language: str) -> None:
    for label, cue in _all_cues(language):
        if cue.match is Match.STEM and not _is_cjk(cue.folded):
            assert len(cue.folded) >= 4, f"{language} {label}: stem {cue.text!r} too short"


_SCRIPT = {"ar": "ARABIC", "ru": "CYRILLIC", "zh": "CJK"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_is_written_in_its_script(language: str) -> None:
    script = _SCRIPT.get(language, "LATIN")
    for label, cue in _all_cues(language):
        letters = [ch for ch in cue.text if ch.isalpha()]
        assert letters, f"{language} {label}: {cue.text!r}"
        for ch in letters:
            assert unicodedata.name(ch).startswith(script), f"{language} {label}: {cue.text!r}"


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_no_arabic_in_english_and_no_latin_in_arabic(name: str) -> None:
    for cue in table(name, "en"):
        assert not any(unicodedata.name(ch, "").startswith("ARABIC") for ch in cue.text)
    for cue in table(name, "ar"):
        assert not any(unicodedata.name(ch, "").startswith("LATIN") for ch in cue.text)


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_table_without_language_is_the_union_of_all(name: str) -> None:
    union = table(name)
    keys = [(c.folded, c.match) for c in union]
    assert len(keys) == len(set(keys))
    expected = list(dict.fromkeys(
        (c.folded, c.match) for lang in LANGUAGES for c in table(name, lang)))
    assert keys == expected  # deduplicated, in the order of LANGUAGES
    assert table(name, None) is union and table(name, "xx") == union  # cached; unknown = all


def test_a_language_table_is_that_modules_table() -> None:
    assert table("PHONE", "de") == language_module("de").PHONE
    assert {c.language for c in table("MEET", "sv")} == {"sv"}
    with pytest.raises(KeyError):
        table("NO_SUCH_TABLE")


def test_dict_tables_use_known_keys() -> None:
    for language in LANGUAGES:
        module = language_module(language)
        assert set(module.DEMONYMS) <= ISO_ALPHA2, language
        assert set(module.CITIES) <= set(CITY_COUNTRY), language
    assert set(CITY_COUNTRY.values()) <= ISO_ALPHA2
    assert set(demonyms()) == {code for lang in LANGUAGES
                               for code in language_module(lang).DEMONYMS}


_DAY_KEYS = {"today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
             "friday", "saturday", "sunday"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_names_every_day(language: str) -> None:
    """The date rule resolves a day word against the publication date: a language missing
    one would drop the correct dates its articles give by that word."""
    assert set(language_module(language).DAYS) == _DAY_KEYS
    assert set(days(language)) == _DAY_KEYS


@pytest.mark.parametrize(("language", "key", "text"), [
    ("en", "monday", "The two met on Monday in Lisbon"),
    ("ar", "yesterday", "والتقى الوزيران بالأمس في بغداد"),
    ("tr", "friday", "Bakan cuma günü Ankara'da görüştü"),
    ("zh", "tomorrow", "两国外长明天将在北京会晤"),
    ("ru", "wednesday", "Министры встретились в среду в Москве"),
])
def test_day_words_match_in_running_text(language: str, key: str, text: str) -> None:
    assert has_cue(fold(text), days(language)[key])


def test_friday_is_not_saturday_in_turkish() -> None:
    assert not has_cue(fold("cumartesi günü"), days("tr")["friday"])


def test_city_forms_count_the_english_name_as_an_english_word() -> None:
    everywhere = city_forms()
    assert list(everywhere) == list(CITY_COUNTRY)
    country, forms = everywhere["Moscow"]
    assert country == "RU"
    assert forms[0] == Cue("Moscow", Match.WORD, "en")
    assert {"moscou", "moskau", "москва", "莫斯科"} <= {c.folded for c in forms}
    assert city_forms("en")["Moscow"] == ("RU", (Cue("Moscow", Match.WORD, "en"),))
    assert {c.language for c in city_forms("fr")["Moscow"][1]} == {"fr"}
    assert "Basra" not in city_forms("fr")  # no French form of it


# -- misfire 3: a city form that names a state -------------------------------------------------


def test_no_city_form_is_a_country_name() -> None:
    for language in (None, *LANGUAGES):
        for city, (_, forms) in city_forms(language).items():
            for cue in forms:
                assert to_country_code(cue.text) is None, (language, city, cue.text)
                assert to_country_code(cue.folded) is None, (language, city, cue.text)


def test_oman_is_not_read_as_amman() -> None:
    folded = fold("وصل الوزير إلى عمان في زيارة رسمية")
    for city, (_, forms) in city_forms().items():
        assert not find_cues(folded, forms), city
    assert to_country_code("عمان") == "OM"


# -- misfires 1 and 2: "met " and "traf" ----------------------------------------------------------

_MET_TABLES = ("MEET", "IN_PERSON_MEET", "PAST_CONTACT", "CONTACT")


@pytest.mark.parametrize("name", _MET_TABLES)
def test_met_is_a_word_not_the_start_of_metro(name: str) -> None:
    assert not has_cue(fold("They took the metro to the metropolitan museum"), table(name))
    assert has_cue(fold("Rui Almeida met Kwame Asante"), table(name))
    assert has_cue(fold("Rui Almeida met with Kwame Asante"), table(name))
    assert has_cue(fold("Rui Almeida met."), table(name))


@pytest.mark.parametrize("name", _MET_TABLES)
def test_traf_is_german_and_a_word_not_the_start_of_traffic(name: str) -> None:
    assert not has_cue(fold("Heavy traffic and trafficking"), table(name))
    assert has_cue(fold("Scholz traf Macron in Berlin"), table(name, "de"))
    assert has_cue(fold("Scholz traf Macron in Berlin"), table(name))


def test_contact_cue_of_an_anchor_sentence_is_not_traffic_or_metro() -> None:
    for text in ("Heavy traffic slowed the capital", "The metro line opened on Monday"):
        folded = fold(text)
        assert not has_contact_cue(folded, 0, len(text)), text
    text = "Scholz traf Macron; Almeida met Asante; Kristersson träffades med Støre"
    folded = fold(text)
    for cue in ("traf", "met", "träffades"):
        at = text.index(cue)
        assert has_contact_cue(folded, at, at + len(cue)), cue


@pytest.mark.parametrize("text", [
    "The agency reported a recurring problem at the motel",  # reporté, a reçu, reçu, möte
    "Foreign Minister Toshimitsu Motegi said on Monday",  # möte
    "أعلنت وزارة الخارجية",  # زار (و + زارة)
])
def test_short_stems_do_not_run_into_other_words(text: str) -> None:
    assert not has_contact_cue(fold(text), 0, len(text))


@pytest.mark.parametrize(("name", "text"), [
    ("POSTPONED", "La réunion a été reportée à mardi"),
    ("POSTPONED", "le report de la visite"),
    ("RECEPTION", "Le président a reçu son homologue"),
    ("CONTACT", "Le ministre a été reçu à l'Élysée"),
    ("CONTACT", "Mötet hölls i Stockholm"),
    ("MEET", "Statsministern hade ett möte med Støre"),
    ("CONTACT", "Kristersson träffas med Støre"),
    ("CONTACT", "وزار الرئيس بغداد"),
    ("VISIT", "زار الرئيس بغداد"),
    ("VISIT", "وتأجلت الزيارة التي كان من المقرر أن يقوم بها الوزير"),  # with the article ال
    ("VISIT", "总统表示期待对美国进行國事訪問"),  # the traditional form
    ("VISIT", "Le ministre s'est rendu à Berlin"),
    ("RECEPTION", "وذلك خلال استقباله وزير الخارجية"),  # the noun: "on receiving"
    ("RECEPTION", "Le président recevra son homologue jeudi"),
    ("RECEPTION", "Bakan, mevkidaşını Ankara'da ağırladı"),
    ("PLANNED", "两国外长将于下周在北京举行会谈"),  # zh had no future words at all
    ("PLANNED", "İki lider gelecek hafta bir araya gelecek"),
    ("PAST_CONTACT", "两国元首举行了会谈"),
    ("IN_PERSON_MEET", "Los cancilleres se reunieron en Madrid"),
])

def test_whole_word_forms_still_match(name: str, text: str) -> None:
    assert has_cue(fold(text), table(name))


def test_the_object_marker_is_not_a_future_word_in_chinese() -> None:
    """将 also marks the object (将文件交给): only its future uses (将于, 将与…) are cues."""
    assert not has_cue(fold("外长将文件交给了大使"), table("PLANNED", "zh"))


def test_second_pass_skips_traffic_and_metro_sentences() -> None:
    text = ("A new metro line and heavy traffic in the capital were reported on Monday. "
            "The president met the visiting prime minister at the palace on Tuesday.")
    spans = candidate_sentences([], Article(text), limit=5)
    assert [text[lo:hi] for lo, hi in spans] == [
        "The president met the visiting prime minister at the palace on Tuesday"]


# -- misfire 4: a country name that begins a person's name ---------------------------------------


@pytest.mark.parametrize(("name", "bare"), [
    ("Israel Katz", "Israel Katz"),
    ("Jordan Bardella", "Jordan Bardella"),
    ("US President Donald Trump", "Donald Trump"),
    ("China's Xi Jinping", "Xi Jinping"),
    ("Iraq Foreign Minister Fuad Hussein", "Fuad Hussein"),
    ("Iraqi Foreign Minister Fuad Hussein", "Fuad Hussein"),
    ("Dr. Fuad Hussein", "Fuad Hussein"),
    ("الرئيس برهم صالح", "برهم صالح"),
    ("Vice-President Kamala Harris", "Kamala Harris"),
    ("Российский министр Сергей Лавров", "Сергей Лавров"),
    ("Secretary-General", None),
])
def test_strip_titles(name: str, bare: str | None) -> None:
    assert strip_titles(name) == bare


def test_a_country_alone_is_a_country_not_a_name() -> None:
    assert country_as_name("India") == "IN"
    assert country_as_name("Israel Katz") is None
    assert strip_titles("India") == "India"  # repair asks country_as_name first


def test_titles_of_one_language() -> None:
    assert strip_titles("President Emmanuel Macron", "en") == "Emmanuel Macron"
    assert strip_titles("Bundeskanzler Olaf Scholz", "en") == "Bundeskanzler Olaf Scholz"
    assert strip_titles("Bundeskanzler Olaf Scholz", "de") == "Olaf Scholz"


# -- matching ----------------------------------------------------------------------------------


def test_word_and_stem_modes() -> None:
    folded = fold("The postponement was announced; the talks were postponed.")
    postpone_stem = Cue("postpone", Match.STEM, "en")
    postpone_word = Cue("postpone", Match.WORD, "en")
    assert len(find_cues(folded, [postpone_stem])) == 2
    assert find_cues(folded, [postpone_word]) == []
    arabic = fold("وبحضور وزير الخارجية، ووصلت زيارته")
    assert has_cue(arabic, table("ATTENDEE", "ar"))  # joined proclitics
    assert has_cue(arabic, [Cue("زيار", Match.STEM, "ar")])
    assert not has_cue(arabic, [Cue("زيار", Match.WORD, "ar")])
    chinese = fold("国家主席习近平在人民大会堂会见美国国务卿")
    assert has_cue(chinese, table("RECEPTION", "zh"))  # CJK: any position


def test_find_cues_keeps_only_spans_inside_the_window() -> None:
    text = "Almeida met Asante. Later Almeida met Halvorsen by phone."
    folded = fold(text)
    cues = table("MEET", "en")
    every = find_cues(folded, cues)
    assert len(every) == 2
    second = text.index("Later")
    assert find_cues(folded, cues, second) == [every[1]]
    assert find_cues(folded, cues, 0, second) == [every[0]]
    assert find_cues(folded, cues, every[0][0], every[0][1]) == [every[0]]
    assert find_cues(folded, cues, every[0][0] + 1, every[0][1]) == []
    assert every == sorted(every)


def test_find_folded_is_find_all_on_a_folded_needle() -> None:
    text = "Le président a reçu, à l'Élysée, le Président iranien."
    folded = fold(text)
    for needle in ("président", "a reçu", "élysée", "IRANIEN"):
        for whole in (True, False):
            assert find_folded(folded, fold(needle).text, whole_word_end=whole) == find_all(
                folded, needle, whole_word_end=whole)
    lo = text.index("le Président")
    assert find_folded(folded, "president", lo=lo) == find_all(folded, "Président")[1:]


def test_a_cue_that_folds_to_nothing_is_refused() -> None:
    with pytest.raises(ValueError):
        Cue("...", Match.WORD, "en")
    with pytest.raises(ValueError):
        Cue("met", Match.WORD, "xx")


@pytest.mark.parametrize("language", LANGUAGES)
def test_discussion_words_are_contact_words(language: str) -> None:
    """DISCUSS is subtracted from the contact words (quality.anchor.has_event_cue): an entry
    that is no contact word would subtract nothing and say nothing."""
    contact = {(c.folded, c.match) for name in ("CONTACT", "MEET")
               for c in table(name, language)}
    for cue in table("DISCUSS", language):
        assert (cue.folded, cue.match) in contact, f"{language}: {cue.text!r}"
