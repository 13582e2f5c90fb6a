"""``RepeatWatch``: where a compact JSON answer first repeats an array element."""

from __future__ import annotations

import json

import httpx2
import pytest

from llm_extract.model.repeat_stop import RepeatStopTransport, RepeatWatch


def compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


A = {"evidence": 'He said "{[ok]}" and left', "participants": [{"name": "A"}], "topics": []}
B = {"evidence": "Another \\ one", "participants": [{"name": "B"}, {"name": "C"}], "topics": []}


def watch(text: str, piece: int) -> RepeatWatch:
    w = RepeatWatch()
    for i in range(0, len(text), piece):
        if w.feed(text[i:i + piece]):
            break
    return w


@pytest.mark.parametrize("piece", [1, 7, 10_000])
def test_a_repeated_record_is_cut_before_it_and_the_answer_closed(piece: int) -> None:
    text = compact({"meetings": [A, B, B, B]})
    w = watch(text, piece)
    assert w.cut is not None and json.loads(w.cut) == {"meetings": [A, B]}


@pytest.mark.parametrize("piece", [1, 5, 10_000])
def test_a_repeated_participant_closes_its_record_without_what_follows(piece: int) -> None:
    looping = {**B, "participants": [{"name": "B"}, {"name": "C"}, {"name": "C"}]}
    w = watch(compact({"meetings": [A, looping, A]}), piece)
    assert w.cut is not None
    assert json.loads(w.cut) == {"meetings": [A, {"evidence": B["evidence"],
                                                  "participants": B["participants"]}]}


def test_an_answer_without_repeats_is_left_whole() -> None:
    text = compact({"meetings": [A, B, {**B, "topics": ["trade"]}]})
    w = watch(text, 3)
    assert w.cut is None and w.text == text


def test_the_same_person_in_two_records_is_no_repeat() -> None:
    # Elements are compared within one array: one person in two meetings is normal.
    other = {**A, "evidence": "A second meeting"}
    assert watch(compact({"meetings": [A, other]}), 4).cut is None


def test_brackets_and_quotes_inside_strings_do_not_count() -> None:
    tricky = {"evidence": '}],{"x":"}', "participants": [{"name": '\\"]}'}], "topics": []}
    text = compact({"meetings": [tricky, A]})
    assert watch(text, 1).cut is None
    assert json.loads(watch(compact({"meetings": [tricky, tricky]}), 2).cut or "") == {
        "meetings": [tricky]}


def test_strings_and_numbers_repeating_are_left_alone() -> None:
    # Only objects count: a topic list may name one thing twice without a loop behind it.
    assert watch(compact({"topics": ["trade", "trade"], "n": [1, 1]}), 1).cut is None


VISIT = {"evidence": "X received Y", "status": "held", "modality": "in_person", "date": None,
         "participants": [{"name": "X", "role": "host"}, {"name": "Y", "role": "guest"}],
         "topics": ["trade"]}


def told_again(n: int, **changes: object) -> list[dict[str, object]]:
    """``n`` records of VISIT's contact, each quoting another sentence, with ``changes``."""
    return [{**VISIT, **changes, "evidence": f"sentence {i}", "topics": [f"topic {i}"]}
            for i in range(n)]


@pytest.mark.parametrize("piece", [1, 9, 10_000])
def test_a_third_record_of_one_contact_is_a_loop_and_is_cut(piece: int) -> None:
    # One visit told sentence by sentence, a record for each: kept twice, stopped at the third.
    records = told_again(6)
    w = watch(compact({"meetings": [A, *records]}), piece)
    assert w.cut is not None and w.near
    assert json.loads(w.cut) == {"meetings": [A, *records[:2]]}


def test_two_records_of_one_contact_are_left_alone() -> None:
    # "X called Y on Monday … X called Y again": two calls on unstated days are two records.
    text = compact({"meetings": [*told_again(2), B]})
    w = watch(text, 4)
    assert w.cut is None and w.text == text


@pytest.mark.parametrize("change", [
    {"date": "2024-03-01"}, {"status": "planned"}, {"modality": "phone"},
    {"participants": [{"name": "X", "role": "guest"}, {"name": "Y", "role": "host"}]},
])
def test_records_that_differ_in_more_than_sentence_and_topics_are_not_counted_together(
    change: dict[str, object],
) -> None:
    # Two of VISIT's contact and two of another: another day, status, medium or role is
    # another contact, however alike the rest.
    text = compact({"meetings": told_again(2) + told_again(2, **change)})
    assert watch(text, 5).cut is None


def test_only_records_of_the_answer_count_as_one_contact() -> None:
    # Objects deeper down (here, inside a record) are held to the exact-repeat rule only.
    nested = {**A, "participants": [{**VISIT, "evidence": f"s{i}"} for i in range(4)]}
    assert watch(compact({"meetings": [nested]}), 3).cut is None


def _sent_through(body: dict[str, object]) -> dict[str, object]:
    """The body the server receives when ``body`` goes through the repeat-stop transport."""
    seen: list[dict[str, object]] = []

    def server(request: httpx2.Request) -> httpx2.Response:
        seen.append(json.loads(request.content))
        return httpx2.Response(200, json={"choices": []})

    client = httpx2.Client(transport=RepeatStopTransport(httpx2.MockTransport(server)))
    client.post("http://127.0.0.1:1/v1/chat/completions", json=body)
    return seen[0]


def test_only_grammar_answers_without_logprobs_are_streamed() -> None:
    grammar = {"model": "m", "messages": [], "grammar": 'root ::= "x"'}
    assert _sent_through(grammar)["stream"] is True
    assert "stream" not in _sent_through({"model": "m", "messages": []})
    # the judge: a one-token answer whose logprobs are the point
    assert "stream" not in _sent_through({**grammar, "logprobs": True, "top_logprobs": 5})
