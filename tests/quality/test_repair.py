"""Cue-based repairs: each corrects one field from a cue in the reporting sentence, and flags it."""

from __future__ import annotations

from typing import Any

from llm_extract.model.wire import WireOutput
from llm_extract.quality.assemble import assemble
from llm_extract.quality.repair import repair
from llm_extract.schema import Meeting
from llm_extract.text.article import Article


def _run(text: str, meetings: list[dict[str, Any]], published: str | None = None,
         enabled: tuple[str, ...] = ()) -> tuple[list[Meeting], list[str]]:
    assembled, _ = assemble(WireOutput.model_validate({"meetings": meetings}), Article(text))
    repaired, flags = repair(assembled, Article(text, published), enabled=enabled)
    return repaired, [f.path for f in flags]


def _m(people: list[tuple[str, str, str | None]], **kw: Any) -> dict[str, Any]:
    return {"evidence": kw.get("evidence"), "status": kw.get("status", "held"),
            "modality": kw.get("modality", "in_person"), "date": kw.get("date"),
            "city": kw.get("city"), "country": kw.get("country"), "topics": [],
            "participants": [{"name": n, "title": None, "organization": None, "country": c,
                              "role": r} for n, r, c in people]}


AR = ("الموصل - استقبل محافظ نينوى، عبد الرحمن الجبوري، السفير الفرنسي لدى العراق، لوران ديبوا، "
      "بحضور مدير الآثار هيثم النعيمي. وفي سياق منفصل، أجرى الجبوري اتصالاً هاتفياً مع "
      "وزير الزراعة العراقي، كريم الساعدي.")


def test_arabic_reception_roles_and_demonym_countries() -> None:
    out, flags = _run(AR, [_m([("عبد الرحمن الجبوري", "guest", "IQ"),
                               ("لوران ديبوا", "host", "JO"), ("هيثم النعيمي", "guest", "IQ")],
                              city="Mosul", country="IQ")])
    people = out[0].participants
    assert [(p.role, p.country) for p in people] == [
        ("host", "IQ"), ("guest", "FR"), ("attendee", "IQ")]
    assert "meetings[0].participants[1].country" in flags


def test_phone_cue_sets_modality_roles_and_drops_location() -> None:
    out, _ = _run(AR, [_m([("عبد الرحمن الجبوري", "host", "IQ"), ("كريم الساعدي", "guest", None)],
                          city="Mosul", country="IQ")])
    m = out[0]
    assert m.modality == "phone" and m.location is None
    assert [p.role for p in m.participants] == ["participant", "participant"]
    assert m.participants[1].country == "IQ"  # "وزير الزراعة العراقي، كريم"


def test_postponed_and_planned_cues() -> None:
    text = ("The visit of Kenyan President Daniel Mwangi to Oslo has been postponed. "
            "Mwangi will meet Anna Vogel in Berlin next week.")
    out, _ = _run(text, [_m([("Daniel Mwangi", "guest", "KE")], city="Oslo"),
                         _m([("Mwangi", "guest", "KE"), ("Anna Vogel", "host", "DE")],
                            city="Berlin")])
    assert [m.status for m in out] == ["postponed", "planned"]
    assert out[0].location is not None and out[0].location.country == "NO"  # filled from city


def test_invented_city_is_dropped_but_named_one_kept() -> None:
    text = "Prime Minister Rui Almeida received President Kwame Asante on Tuesday."
    out, flags = _run(text, [_m([("Rui Almeida", "host", "PT"), ("Kwame Asante", "guest", "GH")],
                                city="Baghdad", country="IQ")])
    assert out[0].location is None
    assert "meetings[0].location" in flags


def test_copied_date_is_dropped_stated_one_kept() -> None:
    text = "On 3 May 2019 Prime Minister Rui Almeida received President Kwame Asante."
    people = [("Rui Almeida", "host", "PT"), ("Kwame Asante", "guest", "GH")]
    kept, _ = _run(text, [_m(people, date="2019-05-03")])
    assert kept[0].date == "2019-05-03"
    dropped, _ = _run(text.replace("2019", "last year"), [_m(people, date="2025-03-09")])
    assert dropped[0].date is None
    near, _ = _run("Rui Almeida received Kwame Asante on Monday.", [_m(people, date="2024-06-10")],
                   published="2024-06-12")
    assert near[0].date == "2024-06-10"


def test_headline_duplicate_is_merged() -> None:
    text = "Almeida receives Asante\nPrime Minister Rui Almeida received President Kwame Asante."
    people = [("Rui Almeida", "host", "PT"), ("Kwame Asante", "guest", "GH")]
    out, flags = _run(text, [_m(people), _m(people)])
    assert len(out) == 1
    assert "meetings[1]" in flags


def test_nothing_to_repair_means_no_flags() -> None:
    text = "Prime Minister Rui Almeida received President Kwame Asante."
    _, flags = _run(text, [_m([("Rui Almeida", "host", "PT"), ("Kwame Asante", "guest", "GH")])])
    assert flags == []


def test_record_without_any_contact_word_is_dropped() -> None:
    text = "Central bank governor Ali Mansour said the auction sold 200 million dollars."
    out, flags = _run(text, [_m([("Ali Mansour", "participant", "IQ")])])
    assert out == []
    assert flags == ["meetings[0]"]


def test_venue_given_as_city_becomes_the_dateline_city() -> None:
    text = ("LISBON, March 4 — Prime Minister Rui Almeida hosted President Kwame Asante at the "
            "São Bento Palace on Tuesday.")
    out, _ = _run(text, [_m([("Rui Almeida", "host", "PT"), ("Kwame Asante", "guest", "GH")],
                            city="São Bento Palace", country="PT")])
    assert out[0].location is not None
    assert (out[0].location.city, out[0].location.country) == ("Lisbon", "PT")


def test_badly_transliterated_city_is_replaced_by_the_named_one() -> None:
    text = "تحادث الرئيس عبد المجيد تبون بنيويورك مع نظيره الإيراني إبراهيم رئيسي."
    out, _ = _run(text, [_m([("عبد المجيد تبون", "host", "DZ"), ("إبراهيم رئيسي", "guest", "IR")],
                            city="Baniyork")])
    assert out[0].location is not None and out[0].location.city == "New York"
    # "talks with" and no reception: nobody hosted.
    assert [p.role for p in out[0].participants] == ["participant", "participant"]


def test_a_group_of_officials_is_not_a_participant() -> None:
    text = "استقبل الرئيس برهم صالح وزير الخارجية القطري، بحضور عدد من المسؤولين العراقيين."
    out, _ = _run(text, [_m([("برهم صالح", "host", "IQ"), ("عدد من المسؤولين العراقيين",
                                                             "attendee", "IQ")])])
    assert [p.name for p in out[0].participants] == ["برهم صالح"]


def test_titles_are_removed_and_a_country_name_becomes_an_unnamed_participant() -> None:
    text = ("US President Donald Trump met China's Xi Jinping. Secretary Mike Pompeo held a "
            "video conference with India and Japan.")
    out, _ = _run(text, [
        _m([("US President Donald Trump", "host", "US"), ("China's Xi Jinping", "guest", "CN")]),
        _m([("Mike Pompeo", "participant", "US"), ("India", "participant", None),
            ("Japan", "participant", None)], modality="video")])
    first = out[0].participants
    assert [p.name for p in first] == ["Donald Trump", "Xi Jinping"]
    for p in first:
        assert p.name_span is not None and text[p.name_span.start:p.name_span.end] == p.name
    assert [(p.name, p.country) for p in out[1].participants] == [
        ("Mike Pompeo", "US"), (None, "IN"), (None, "JP")]


def test_cjk_names_are_grounded_without_spaces() -> None:
    text = "國家主席習近平在人民大會堂會見美國前國務卿基辛格。"
    out, flags = _run(text, [_m([("習近平", "host", "CN"), ("基辛格", "guest", "US")])])
    assert [p.name for p in out[0].participants] == ["習近平", "基辛格"]
    assert not [f for f in flags if "ungrounded" in f]


def test_host_is_who_is_at_home_and_nobody_hosts_in_a_third_country() -> None:
    text = ("Secretary Antony Blinken met Iraqi Foreign Minister Fuad Hussein in Washington. "
            "On the sidelines in Osaka, Narendra Modi met Jair Bolsonaro.")
    out, _ = _run(text, [
        _m([("Antony Blinken", "participant", "US"), ("Fuad Hussein", "participant", "IQ")],
           city="Washington", country="US"),
        _m([("Narendra Modi", "host", "IN"), ("Jair Bolsonaro", "guest", "BR")],
           city="Osaka", country="JP")])
    assert [p.role for p in out[0].participants] == ["host", "guest"]
    assert [p.role for p in out[1].participants] == ["participant", "participant"]


def test_a_merely_possible_meeting_is_dropped() -> None:
    text = ("A spokesperson said a meeting between Claire Dumont and Jan de Vries was possible "
            "but that no date had been set.")
    out, flags = _run(text, [_m([("Claire Dumont", "guest", "BE"), ("Jan de Vries", "host", "NL")],
                                status="postponed")])
    assert out == []
    assert flags == ["meetings[0]"]


def test_the_one_city_an_article_names_is_where_its_meeting_took_place() -> None:
    text = ("Foreign Minister Selin Aydın met her Kenyan counterpart Daniel Mwangi on Monday. "
            "The two ministers, speaking at the ministry in Ankara, discussed trade.")
    fill = ("place_from_clause",)  # off by default: it did not help on the check sets
    out, flags = _run(text, [_m([("Selin Aydın", "participant", "TR"),
                                 ("Daniel Mwangi", "participant", "KE")])], enabled=fill)
    assert out[0].location is not None and out[0].location.city == "Ankara"
    assert "meetings[0].location" in flags
    two = text + " Mwangi then flew on to Cairo."
    out, _ = _run(two, [_m([("Selin Aydın", "participant", "TR"),
                            ("Daniel Mwangi", "participant", "KE")])], enabled=fill)
    assert out[0].location is None  # two cities named: no guess


def test_a_reception_with_an_unknown_medium_is_in_person() -> None:
    text = "استقبل وزير الخارجية كريم الساعدي سفير اليابان كينجي تاناكا وبحثا التعاون الثنائي."
    out, _ = _run(text, [_m([("كريم الساعدي", "host", "IQ"), ("كينجي تاناكا", "guest", "JP")],
                            modality="unknown")])
    assert out[0].modality == "in_person"
    talks = "Rui Almeida discussed fisheries with Kwame Asante, his office said on Friday."
    out, _ = _run(talks, [_m([("Rui Almeida", "participant", "PT"),
                              ("Kwame Asante", "participant", "GH")], modality="unknown")])
    assert out[0].modality == "unknown"  # "discussed with" and nothing else: the medium is unknown


def test_a_past_meeting_verb_without_a_future_word_makes_planned_held() -> None:
    text = "Rui Almeida met Kwame Asante ahead of the regional summit in Accra on Saturday."
    out, _ = _run(text, [_m([("Rui Almeida", "participant", "PT"),
                             ("Kwame Asante", "participant", "GH")], status="planned")])
    assert out[0].status == "held"
    future = "Rui Almeida will meet Kwame Asante, whom he met last year, in Accra next week."
    out, _ = _run(future, [_m([("Rui Almeida", "participant", "PT"),
                               ("Kwame Asante", "participant", "GH")], status="planned")])
    assert out[0].status == "planned"


def test_separate_contacts_become_one_record_per_counterpart() -> None:
    text = ("Cumhurbaşkanı Ahmet Kaya, Kenya Devlet Başkanı Daniel Mwangi ve Gana Devlet Başkanı "
            "Kwame Asante ile birer telefon görüşmesi gerçekleştirdi.")
    people = [("Ahmet Kaya", "participant", "TR"), ("Daniel Mwangi", "participant", "KE"),
              ("Kwame Asante", "participant", "GH")]
    out, flags = _run(text, [_m(people, modality="phone"), _m(people, modality="phone")])
    assert [[p.name for p in m.participants] for m in out] == [
        ["Ahmet Kaya", "Daniel Mwangi"], ["Ahmet Kaya", "Kwame Asante"]]  # twins merged
    assert "meetings[0].participants" in flags
    together = text.replace("birer ", "ortak bir ")
    out, _ = _run(together, [_m(people, modality="phone")])
    assert len(out) == 1 and len(out[0].participants) == 3


def test_a_phone_call_with_one_party_is_dropped_a_video_conference_is_kept() -> None:
    text = ("President Rui Almeida will hold several phone calls with foreign leaders this week. "
            "Defence chiefs of the alliance met by video conference, said Admiral Ines Moura.")
    out, flags = _run(text, [
        _m([("Rui Almeida", "participant", "PT")], status="planned", modality="phone"),
        _m([("Ines Moura", "participant", None)], modality="video")])
    assert [m.modality for m in out] == ["video"]
    assert "meetings[0]" in flags


def test_an_institution_or_a_group_of_leaders_is_not_a_participant() -> None:
    text = ("أكد المتحدث أن رئيس الحكومة سالم الحداد استقبل وفدا من مؤسسة رئاسة الجمهورية. "
            "Prime Minister Rui Almeida spoke by phone with other world leaders and Kwame Asante.")
    out, _ = _run(text, [
        _m([("سالم الحداد", "host", None), ("مؤسسة رئاسة الجمهورية", "guest", None)]),
        _m([("Rui Almeida", "participant", "PT"), ("other world leaders", "participant", None),
            ("Kwame Asante", "participant", "GH")], modality="phone")])
    assert [[p.name for p in m.participants] for m in out] == [
        ["سالم الحداد"], ["Rui Almeida", "Kwame Asante"]]


def test_plural_bilateral_meetings_are_one_record_per_counterpart() -> None:
    text = ("On Friday, Rui Almeida held bilateral meetings with leaders including President "
            "Kwame Asante and Chancellor Anna Vogel.")
    out, _ = _run(text, [_m([("Rui Almeida", "participant", "PT"),
                             ("Kwame Asante", "participant", "GH"),
                             ("Anna Vogel", "participant", "DE")])])
    assert [[p.name for p in m.participants] for m in out] == [
        ["Rui Almeida", "Kwame Asante"], ["Rui Almeida", "Anna Vogel"]]
