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
