"""Clustering mentions into events, and the consensus record with its conflicts."""

from __future__ import annotations

from typing import Any

from llm_extract.events import EventSet, Mention, consensus, read_mentions
from llm_extract.schema import Meeting

from .helpers import CORPUS, gold_clusters, person, record


def _mention(ident: str, meeting: dict[str, Any], published: str | None = "2026-03-10",
             index: int = 0) -> Mention:
    return Mention(ident, index, Meeting.model_validate(meeting), published=published)


def _cluster(*mentions: Mention) -> list[set[str]]:
    events = EventSet()
    events.add(mentions)
    return [{m.id for m in e.mentions} for e in events.events.values()]


HUSSEIN_AR = person("فؤاد حسين", "IQ", "host")
ARAGHCHI_AR = person("عباس عراقجي", "IR", "guest")
HUSSEIN = person("Fuad Hussein", "IQ", "host")
ARAGHCHI = person("Abbas Araghchi", "IR", "guest")


def test_the_corpus_gold_records_are_clustered_as_the_gold_clustering() -> None:
    """The committed corpus: 25 articles in 6 languages, 10 contacts with decoys."""
    events = EventSet()
    events.add(read_mentions(CORPUS / "gold.jsonl"))
    predicted = sorted(sorted(m.id for m in e.mentions) for e in events.events.values())
    gold: dict[str, list[str]] = {}
    for mention, event in gold_clusters().items():
        gold.setdefault(event, []).append(mention)
    assert predicted == sorted(sorted(ms) for ms in gold.values())


def test_same_contact_across_scripts_is_one_event() -> None:
    assert _cluster(_mention("ar", record(HUSSEIN_AR, ARAGHCHI_AR)),
                    _mention("en", record(HUSSEIN, ARAGHCHI), published="2026-03-11")) == [
        {"ar#0", "en#0"}]


def test_decoys_are_other_events() -> None:
    fidan = person("Hakan Fidan", "TR", "guest")
    groups = _cluster(
        _mention("a", record(HUSSEIN, ARAGHCHI)),
        _mention("b", record(HUSSEIN, ARAGHCHI, date="2026-03-20"), published="2026-03-20"),
        _mention("c", record(HUSSEIN, fidan)),  # another pair, same day, same city
        _mention("d", record(HUSSEIN, ARAGHCHI, modality="phone", city=None, country=None)),
        _mention("e", record(HUSSEIN, ARAGHCHI, city="Najaf")),  # another place
    )
    assert groups == [{"a#0"}, {"b#0"}, {"c#0"}, {"d#0"}, {"e#0"}]


def test_a_day_within_the_window_and_a_missing_date_join() -> None:
    groups = _cluster(
        _mention("a", record(HUSSEIN, ARAGHCHI)),
        _mention("b", record(HUSSEIN, ARAGHCHI, date="2026-03-11"), published="2026-03-11"),
        _mention("c", record(HUSSEIN, ARAGHCHI, date=None), published="2026-03-11"),
        _mention("d", record(HUSSEIN, ARAGHCHI, date="2026-03-12"), published="2026-03-12"),
    )
    # d is two days from a: one event may not drift day by day.
    assert groups == [{"a#0", "b#0", "c#0"}, {"d#0"}]


def test_an_unnamed_participant_matches_the_named_one_of_its_state() -> None:
    envoy = person(None, "IR", "guest", title="Ambassador to Iraq")
    named = person("Mohammad Kazem Al-e Sadegh", "IR", "guest", title="Ambassador to Iraq")
    araji = person("قاسم الأعرجي", "IQ", "host", aliases=("Qasim al-Araji",))
    events = EventSet()
    events.add([_mention("a", record(araji, envoy)),
                _mention("b", record(person("Qasim al-Araji", "IQ", "host"), named))])
    assert len(events.events) == 1
    agreed = consensus(next(iter(events.events.values())), events.registry)
    names = [p.name for p in agreed.meeting.participants]
    assert names[1] == "Mohammad Kazem Al-e Sadegh" and len(names) == 2
    assert agreed.meeting.participants[1].title == "Ambassador to Iraq"


def test_consensus_votes_and_lists_conflicts() -> None:
    events = EventSet()
    events.add([
        _mention("a", record(HUSSEIN, ARAGHCHI, status="planned", date="2026-03")),
        _mention("b", record(HUSSEIN, ARAGHCHI)),
        _mention("c", record(HUSSEIN, person("Abbas Araghchi", "IR", "participant"))),
    ])
    (event,) = events.events.values()
    agreed = consensus(event, events.registry)
    assert agreed.meeting.status == "held" and agreed.meeting.date == "2026-03-10"
    conflicts = {c.field: c.values for c in agreed.conflicts}
    assert conflicts["status"] == {"planned": ["a#0"], "held": ["b#0", "c#0"]}
    assert "date" not in conflicts  # 2026-03 only refines to 2026-03-10
    role = next(v for k, v in conflicts.items() if k.endswith("].role"))
    assert role == {"guest": ["a#0", "b#0"], "participant": ["c#0"]}
    assert [p.role for p in agreed.meeting.participants] == ["host", "guest"]
    aliases = {a for p in agreed.meeting.participants for a in p.aliases}
    assert aliases == set()  # one rendering each here


def test_two_records_of_one_article_are_two_events() -> None:
    same = record(HUSSEIN, ARAGHCHI)
    assert _cluster(_mention("a", same, index=0), _mention("a", same, index=1),
                    _mention("b", same)) == [{"a#0", "b#0"}, {"a#1"}]


def test_a_record_with_no_day_at_all_stays_alone() -> None:
    undated = record(HUSSEIN, ARAGHCHI, date=None)
    dated = record(HUSSEIN, ARAGHCHI)
    assert _cluster(_mention("a", undated, published=None), _mention("b", dated),
                    _mention("c", undated, published=None)) == [{"a#0"}, {"b#0"}, {"c#0"}]
