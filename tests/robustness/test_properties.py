"""Properties of the pure functions that grounding and scoring rest on (hypothesis).

Example-based tests pin the cases we thought of; these search the ones we did not: any Unicode
for the normalizers, realistic Latin/Arabic text with diacritics, tatweel and bidi marks for
grounding, arbitrary strings for the country coercion, and arbitrary gold/prediction pairs for
the scorer. No network, no model; a few seconds in all.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from llm_extract.evaluation import scorer
from llm_extract.model.wire import WireOutput, grounding_problems
from llm_extract.text.countries import FORMER_STATES, ISO_ALPHA2, to_country_code
from llm_extract.text.grounding import ground_name
from llm_extract.text.normalize import find_span, fold, normalize_name

pytestmark = pytest.mark.timeout(120)

# The machine may be busy with model runs: no per-example deadline, a bounded example count
# (hypothesis' default 100; raise it locally with --hypothesis-seed / a profile when hunting).
PROPS = settings(max_examples=100, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèêçïöüßøñ"
ARABIC = "".join(chr(c) for c in range(0x0621, 0x063B)) + "".join(
    chr(c) for c in range(0x0641, 0x064B))
DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653))  # fatha, damma, shadda, sukun...
INVISIBLE = "\u200f\u200e\u200b\u200c\u200d\u202b\u202c\ufeff\u061c\u0640"  # + tatweel

letter = st.sampled_from(LATIN + ARABIC)
decoration = st.sampled_from(DIACRITICS + INVISIBLE)
# A word: at least one letter, with diacritics and invisible marks sprinkled around it.
_decorated = st.lists(st.one_of(letter, letter, decoration), max_size=4).map("".join)
word = st.tuples(_decorated, letter, _decorated).map("".join)
separator = st.sampled_from([" ", "  ", "\n", ", ", ". ", " - ", "، ", " (", ") ", " «", "» ",
                             "\u00a0", " \u200f"])


@st.composite
def text_and_run(draw: st.DrawFn) -> tuple[str, str]:
    """An article made of words, and a run of its consecutive words joined by plain spaces."""
    words = draw(st.lists(word, min_size=1, max_size=25))
    seps = draw(st.lists(separator, min_size=len(words) - 1, max_size=len(words) - 1))
    text = words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=True))
    start = draw(st.integers(0, len(words) - 1))
    end = draw(st.integers(start + 1, min(len(words), start + 4)))
    return text, " ".join(words[start:end])


# -- normalize_name ---------------------------------------------------------------------------


@PROPS
@given(st.text())
def test_normalize_name_is_idempotent(value: str) -> None:
    once = normalize_name(value)
    assert normalize_name(once) == once


@PROPS
@given(st.text())
def test_normalize_name_has_no_outer_or_double_spaces(value: str) -> None:
    norm = normalize_name(value)
    assert norm == norm.strip()
    assert "  " not in norm


# -- fold and its origin map ------------------------------------------------------------------


@PROPS
@given(st.text())
def test_fold_origin_map_is_monotonic_and_within_bounds(value: str) -> None:
    folded = fold(value)
    assert len(folded.origin) == len(folded.text)
    assert all(0 <= i < len(value) for i in folded.origin)
    assert all(a <= b for a, b in zip(folded.origin, folded.origin[1:], strict=False))
    assert folded.text == folded.text.strip(" ")
    assert "  " not in folded.text


@PROPS
@given(st.text())
def test_fold_is_idempotent(value: str) -> None:
    once = fold(value).text
    assert fold(once).text == once


# -- find_span: what grounding uses -----------------------------------------------------------


@PROPS
@given(text_and_run())
def test_find_span_of_a_run_of_words_slices_back_to_it(case: tuple[str, str]) -> None:
    text, needle = case
    span = find_span(fold(text), needle)
    assert span is not None, f"{needle!r} not found in {text!r}"
    start, end = span
    assert 0 <= start < end <= len(text)
    assert fold(text[start:end]).text == fold(needle).text


@PROPS
@given(st.text(alphabet=LATIN, min_size=3, max_size=12), st.data())
def test_find_span_never_matches_inside_a_latin_word(token: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(1, len(token) - 1))
    end = data.draw(st.integers(start + 1, len(token)))
    inner = token[start:end]
    assume(not fold(token).text.startswith(fold(inner).text))  # not also a prefix match
    assert find_span(fold(f"met {token} today"), inner) is None


# -- the grounding check ------------------------------------------------------------------------


def _one_meeting(*names: str) -> WireOutput:
    data: dict[str, Any] = {"meetings": [{
        "evidence": None, "status": "held", "modality": "unknown", "date": None, "city": None,
        "country": None, "topics": [],
        "participants": [{"name": n, "title": None, "organization": None, "country": None,
                          "role": "participant"} for n in names],
    }]}
    return WireOutput.model_validate(data)


@PROPS
@given(text_and_run())
def test_a_name_taken_from_the_text_is_always_grounded(case: tuple[str, str]) -> None:
    text, needle = case
    assert grounding_problems(_one_meeting(needle), fold(text)) == []


@PROPS
@given(text_and_run(), st.lists(word, min_size=1, max_size=3).map(" ".join))
def test_a_name_not_in_the_text_is_never_grounded(case: tuple[str, str], name: str) -> None:
    text, _ = case
    haystack = fold(text).text
    tokens = name.split()
    # Grounding accepts a name's longest tail that the article has ("Gen. Samir Haddad" ->
    # "Samir Haddad"), so "not in the text" means: no tail of it is either.
    assume(all(fold(" ".join(tokens[k:])).text not in haystack for k in range(len(tokens))))
    assume(name.strip().lower() not in {"null", "none", "n/a", "unknown"})
    assert find_span(fold(text), name) is None
    assert ground_name(fold(text), name) is None
    assert len(grounding_problems(_one_meeting(name), fold(text))) == 1


@PROPS
@given(text_and_run(), st.lists(word, min_size=1, max_size=2).map(" ".join))
def test_a_grounded_name_is_a_tail_of_the_given_name_found_as_such(
    case: tuple[str, str], prefix: str
) -> None:
    """Whatever a name is trimmed to, it is a run of the name's own final words, and its
    span slices the article to that run (never to some other text)."""
    text, run = case
    assume(len(run.split()) >= 2 or len(run) >= 4)  # shorter tails are refused by design
    grounded = ground_name(fold(text), f"{prefix} {run}")
    assert grounded is not None
    kept, (start, end) = grounded
    assert f"{prefix} {run}".endswith(kept)
    assert fold(text[start:end]).text == fold(kept).text


# -- country coercion ---------------------------------------------------------------------------


@PROPS
@given(st.one_of(st.text(), st.text(alphabet=LATIN + " .-", max_size=30)))
def test_to_country_code_returns_iso_codes_only(value: str) -> None:
    code = to_country_code(value)
    # A state that no longer exists keeps its code (SU, YU, CS), as the gold of old articles
    # does; nothing else that is not ISO 3166-1 comes out.
    assert code is None or code in ISO_ALPHA2 or code in FORMER_STATES


@PROPS
@given(st.sampled_from(sorted(ISO_ALPHA2)), st.sampled_from([str.lower, str.upper, str.title]),
       st.sampled_from(["", " ", "\t"]))
def test_to_country_code_keeps_any_spelling_of_a_code(code: str, case: Any, pad: str) -> None:
    assert to_country_code(pad + case(code) + pad) == code


@pytest.mark.parametrize("form", ["Iraqi", "العراق", "Türkiye", "U.S.", "Holy See", "Россия"])
def test_to_country_code_known_forms(form: str) -> None:
    assert to_country_code(form) in ISO_ALPHA2


# -- the scorer (llm_extract/evaluation/scorer.py) ----------------------------------------------


NAMES = ["Samir Haddad", "Omar Khatib", "Claire Dubois", "Karim Bennani", "سامر الحداد",
         "عمر الخطيب", "Haddad", "Anna Vogel", "Li Wei"]
person = st.fixed_dictionaries({
    "name": st.one_of(st.none(), st.sampled_from(NAMES)),
    "aliases": st.lists(st.sampled_from(NAMES), max_size=2),
    "title": st.one_of(st.none(), st.just("Foreign Minister")),
    "organization": st.one_of(st.none(), st.sampled_from(["NATO", "United Nations"])),
    "country": st.one_of(st.none(), st.sampled_from(["IQ", "JO", "FR", "MA"])),
    "role": st.sampled_from(["host", "guest", "attendee", "participant"]),
})
record = st.fixed_dictionaries({
    "status": st.sampled_from(["held", "planned", "postponed", "cancelled"]),
    "modality": st.sampled_from(["in_person", "video", "phone", "unknown"]),
    "date": st.one_of(st.none(), st.sampled_from(["2024-03-03", "2024-03", "2024"])),
    "location": st.one_of(st.none(), st.fixed_dictionaries({
        "city": st.one_of(st.none(), st.sampled_from(["Baghdad", "Paris"])),
        "country": st.one_of(st.none(), st.sampled_from(["IQ", "FR"])),
    })),
    "participants": st.lists(person, min_size=1, max_size=4),
    "topics": st.just([]),
    "evidence": st.none(),
})
document = st.fixed_dictionaries({"meetings": st.lists(record, max_size=4)})


@PROPS
@given(document)
def test_gold_scored_against_itself_is_perfect(gold: dict[str, Any]) -> None:
    score = scorer.score_article(gold, gold, article_id="001_en")
    assert score.slots.micro.f1 == pytest.approx(1.0)
    assert score.records.f1 == pytest.approx(1.0)
    assert score.missed == [] and score.spurious == []


@PROPS
@given(document, st.one_of(st.none(), document))
def test_scores_are_bounded(gold: dict[str, Any], pred: dict[str, Any] | None) -> None:
    score = scorer.score_article(gold, pred, article_id="001_en")
    for counts in [score.slots.micro, score.records, *score.slots.slots.values()]:
        assert 0.0 <= counts.precision <= 1.0
        assert 0.0 <= counts.recall <= 1.0
        assert 0.0 <= counts.f1 <= 1.0
        assert counts.tp <= min(counts.pred, counts.gold) + 1e-9
