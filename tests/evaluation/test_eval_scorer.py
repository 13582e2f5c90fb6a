"""The scoring rules of eval/GUIDELINES.md, one small hand-made gold/prediction pair at a time.

Every name here is invented; no article text is used.
"""

from __future__ import annotations

from typing import Any

import pytest

from llm_extract.evaluation import (
    SLOTS,
    Counts,
    align_records,
    match_participants,
    name_score,
    score_article,
    score_corpus,
)


def person(
    name: str | None, role: str = "participant", *, aliases: tuple[str, ...] = (),
    country: str | None = "IQ", organization: str | None = None,
) -> dict[str, Any]:
    return {"name": name, "aliases": list(aliases), "title": None, "organization": organization,
            "country": country, "role": role}


def meeting(
    *people: dict[str, Any], status: str = "held", modality: str = "in_person",
    date: str | None = None, city: str | None = None, country: str | None = None,
) -> dict[str, Any]:
    location = None if city is None and country is None else {"city": city, "country": country}
    return {"status": status, "modality": modality, "date": date, "location": location,
            "participants": list(people), "topics": [], "evidence": None}


def doc(*meetings: dict[str, Any], language: str | None = "en") -> dict[str, Any]:
    return {"id": "900_en", "language": language, "published": None, "meetings": list(meetings)}


def slot(score: Any, name: str) -> Counts:
    return score.slots.slots[name]  # type: ignore[no-any-return]


# -- rule 1: names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        ("Karim Haddad Nassar", 1.0),       # the name itself
        ("karim  HADDAD nassar.", 1.0),     # case, spacing and punctuation do not matter
        ("K. H. Nassar", 1.0),              # an alias
        ("Nassar", 0.5),                    # surname alone: proper token subset
        ("Karim Nassar", 0.5),              # two of three tokens
        ("Nassar Karim Haddad", 0.0),       # same tokens, reordered: neither equal nor proper
        ("Karim Haddad Nassar Jr", 0.0),    # superset: more than the gold name
        ("Samir Nassar", 0.0),              # a different person sharing the surname
        (None, 0.0),                        # unnamed prediction against a named gold person
    ],
)
def test_name_score_full_half_none(pred: str | None, expected: float) -> None:
    gold = person("Karim Haddad Nassar", aliases=("K. H. Nassar",))
    assert name_score(person(pred), gold) == expected


@pytest.mark.parametrize(
    ("gold_name", "pred_name"),
    [
        pytest.param("أحمد الزيدي", "احمد الزيدي", id="alef-hamza-above"),
        pytest.param("إسماعيل الزيدي", "اسماعيل الزيدي", id="alef-hamza-below"),
        pytest.param("فاطمة الزيدي", "فاطمه الزيدي", id="teh-marbuta-as-heh"),
        pytest.param("مصطفى الزيدي", "مصطفي الزيدي", id="alef-maksura-as-yeh"),
        pytest.param("أَحْمَد الزَّيْدِي", "أحمد الزيدي", id="diacritics"),
        pytest.param("أحمد الزيـــدي", "أحمد الزيدي", id="tatweel"),
    ],
)
def test_arabic_spelling_variants_match_fully(gold_name: str, pred_name: str) -> None:
    assert name_score(person(pred_name), person(gold_name)) == 1.0


def test_arabic_surname_alone_is_half() -> None:
    assert name_score(person("الزيدي"), person("أحمد الزيدي")) == 0.5


def test_unnamed_gold_matches_unnamed_prediction_with_same_country_and_org() -> None:
    gold = person(None, country="GB")
    assert name_score(person(None, country="GB"), gold) == 1.0
    assert name_score(person(None, country="FR"), gold) == 0.0
    assert name_score(person("Some One", country="GB"), gold) == 0.0
    org_gold = person(None, country=None, organization="NATO")
    assert name_score(person(None, country=None, organization="nato"), org_gold) == 1.0
    assert name_score(person(None, country=None, organization="UN"), org_gold) == 0.0


def test_participants_are_matched_one_to_one() -> None:
    gold = [person("Ali Hassan"), person("Omar Hassan")]
    # The same person twice in a prediction counts once; the surname alone goes to the other.
    pred = [person("Omar Hassan"), person("Omar Hassan"), person("Hassan")]
    matches = match_participants(gold, pred)
    assert sorted(matches) == [(0, 2, 0.5), (1, 0, 1.0)]


def test_participant_matching_prefers_matching_roles_among_equal_names() -> None:
    gold = [person(None, "host", country="GB"), person(None, "guest", country="GB")]
    pred = [person(None, "guest", country="GB"), person(None, "host", country="GB")]
    score = score_article(doc(meeting(*gold)), doc(meeting(*pred)))
    assert slot(score, "participant_role").tp == 2.0


# -- rule 2: record alignment -----------------------------------------------------------------


def test_hungarian_alignment_maximizes_total_overlap() -> None:
    a, b, c, d = (person(n) for n in ("Ann Aa", "Ben Bb", "Cid Cc", "Dan Dd"))
    gold = [meeting(a, b, c, d), meeting(a, b)]
    pred = [meeting(a, b, c), meeting(c, d)]
    # Greedy (take the largest overlap first) pairs gold 0 with pred 0 (3) and is left with
    # gold 1 / pred 1 (0, not aligned): total 3. The assignment crosses over: 2 + 2 = 4.
    pairs, _ = align_records(gold, pred)
    assert sorted(pairs) == [(0, 1, 2.0), (1, 0, 2.0)]
    score = score_article(doc(*gold), doc(*pred))
    assert score.records.tp == 2 and score.missed == [] and score.spurious == []


def test_alignment_does_not_follow_list_order() -> None:
    x, y = person("Xavier Xu"), person("Yusuf Yilmaz")
    gold = [meeting(x, y), meeting(x)]
    pred = [meeting(x), meeting(x, y)]
    pairs, _ = align_records(gold, pred)
    assert sorted(pairs) == [(0, 1, 2.0), (1, 0, 1.0)]
    assert score_article(doc(*gold), doc(*pred)).slots.micro.f1 == 1.0


def test_equal_overlap_is_resolved_by_the_other_slots() -> None:
    x = person("Xavier Xu")
    gold = [meeting(x, date="2024-03-01", modality="phone"),
            meeting(x, date="2024-03-05", city="Paris", country="FR")]
    pred = list(reversed(gold))
    pairs, _ = align_records(gold, pred)
    assert sorted((g, p) for g, p, _ in pairs) == [(0, 1), (1, 0)]
    assert slot(score_article(doc(*gold), doc(*pred)), "date").tp == 2.0


def test_pair_without_matching_participant_is_not_aligned() -> None:
    score = score_article(doc(meeting(person("Xavier Xu"))), doc(meeting(person("Zed Zorn"))))
    assert score.aligned == [] and score.missed == [0] and score.spurious == [0]
    assert score.records.tp == 0 and score.records.pred == 1 and score.records.gold == 1
    # The missed gold record brings all its slots to recall, the spurious one to precision.
    assert slot(score, "status").gold == 1 and slot(score, "status").pred == 1
    assert slot(score, "status").tp == 0


def test_missed_and_spurious_records_carry_all_their_slots() -> None:
    x, z = person("Xavier Xu"), person("Zed Zorn")
    gold = doc(meeting(x), meeting(z, person("Yan Yu"), date="2024-01-02", city="Rome"))
    pred = doc(meeting(x), meeting(person("Nobody Known"), date="2024-02-02"))
    score = score_article(gold, pred)
    assert score.missed == [1] and score.spurious == [1]
    assert slot(score, "participant").gold == 3 and slot(score, "participant").pred == 2
    assert slot(score, "participant").tp == 1
    assert slot(score, "date").gold == 1 and slot(score, "date").pred == 1
    assert slot(score, "location").gold == 1 and slot(score, "location").pred == 0


# -- rule 3: slots ----------------------------------------------------------------------------


def test_half_credit_enters_precision_and_recall_as_half_a_true_positive() -> None:
    score = score_article(doc(meeting(person("Ali Hassan", "host"))),
                          doc(meeting(person("Hassan", "host"))))
    name = slot(score, "participant")
    assert (name.tp, name.pred, name.gold) == (0.5, 1, 1)
    assert name.precision == name.recall == 0.5
    assert slot(score, "participant_role").tp == 0.5
    assert score.records.tp == 1  # half a name is still overlap: the records are aligned


def test_wrong_role_loses_only_the_role_slot() -> None:
    score = score_article(doc(meeting(person("Ali Hassan", "host"))),
                          doc(meeting(person("Ali Hassan", "guest"))))
    assert slot(score, "participant").tp == 1 and slot(score, "participant_role").tp == 0


def test_status_and_modality_slots() -> None:
    score = score_article(doc(meeting(person("Ali Hassan"), status="planned", modality="video")),
                          doc(meeting(person("Ali Hassan"), status="held", modality="video")))
    assert slot(score, "status").tp == 0 and slot(score, "modality").tp == 1


def test_date_is_scored_only_when_gold_has_one() -> None:
    a = person("Ali Hassan")
    only_gold = score_article(doc(meeting(a, date="2024-05-06")), doc(meeting(a)))
    assert (slot(only_gold, "date").tp, slot(only_gold, "date").pred,
            slot(only_gold, "date").gold) == (0, 0, 1)
    assert slot(only_gold, "date").recall == 0.0
    only_pred = score_article(doc(meeting(a)), doc(meeting(a, date="2024-05-06")))
    assert (slot(only_pred, "date").pred, slot(only_pred, "date").gold) == (0, 0)
    wrong = score_article(doc(meeting(a, date="2024-05-06")), doc(meeting(a, date="2024-05")))
    assert (slot(wrong, "date").tp, slot(wrong, "date").pred) == (0, 1)


def test_location_city_normalized_or_country_when_gold_city_is_null() -> None:
    a = person("Ali Hassan")
    city = score_article(doc(meeting(a, city="Baghdad", country="IQ")),
                         doc(meeting(a, city="baghdad", country=None)))
    assert slot(city, "location").tp == 1
    wrong_city = score_article(doc(meeting(a, city="Baghdad", country="IQ")),
                               doc(meeting(a, city="Basra", country="IQ")))
    assert slot(wrong_city, "location").tp == 0 and slot(wrong_city, "location").pred == 1
    country = score_article(doc(meeting(a, country="IQ")), doc(meeting(a, city="Erbil",
                                                                       country="IQ")))
    assert slot(country, "location").tp == 1
    # A location where gold has none (a call) is a false positive, not a free pass.
    call = score_article(doc(meeting(a, modality="phone")), doc(meeting(a, city="Baghdad")))
    assert (slot(call, "location").pred, slot(call, "location").gold) == (1, 0)


# -- articles and corpus ----------------------------------------------------------------------


def test_no_meetings_on_either_side_is_perfect_and_counts_nothing() -> None:
    score = score_article(doc(), doc())
    assert score.slots.micro.pred == score.slots.micro.gold == 0
    assert score.slots.micro.f1 == 1.0 and score.records.f1 == 1.0


def test_records_on_a_gold_empty_article_are_false_records() -> None:
    spurious = score_article(doc(), doc(meeting(person("Ali Hassan"), person("Zed Zorn"))))
    assert spurious.slots.micro.tp == 0 and spurious.slots.micro.f1 == 0.0
    assert slot(spurious, "participant").pred == 2
    corpus = score_corpus([spurious, score_article(doc(), doc())])
    assert (corpus.empty.articles, corpus.empty.with_false_records,
            corpus.empty.false_records) == (2, 1, 1)


def test_missing_prediction_scores_as_empty() -> None:
    score = score_article(doc(meeting(person("Ali Hassan"))), None)
    assert score.slots.micro.recall == 0.0 and score.missed == [0]


def test_malformed_prediction_does_not_crash() -> None:
    gold = doc(meeting(person("Ali Hassan")))
    for pred in ({"meetings": "none"}, {"meetings": [None, {"status": "held"}]}, {}):
        assert score_article(gold, pred).slots.micro.tp == 0


def test_language_breakdown_uses_gold_language_or_id_suffix() -> None:
    gold = doc(meeting(person("Ali Hassan")), language=None)
    scores = [
        score_article({**gold, "language": "ar"}, gold, article_id="001_ar"),
        score_article(gold, None, article_id="002_fr"),
    ]
    corpus = score_corpus(scores)
    assert set(corpus.languages) == {"ar", "fr"}
    assert corpus.languages["ar"].slots.micro.f1 == 1.0
    assert corpus.languages["fr"].slots.micro.recall == 0.0
    assert set(corpus.slots.slots) == set(SLOTS)
