"""Turn the model's wire answer into schema-v1 meetings, grounded in the source text.

Grounding is the rule that nothing reaches the user that the article does not say: a name or an
evidence quote that cannot be found in the source (after folding) is dropped and flagged, never
kept silently; a meeting left without participants is dropped and flagged. Found passages get
source character offsets. Duplicated participants within one meeting are merged and flagged.
"""

from __future__ import annotations

from llm_extract.model.wire import WireMeeting, WireOutput, WireParticipant
from llm_extract.schema import Flag, Location, Meeting, Participant, Span
from llm_extract.text.article import Article
from llm_extract.text.grounding import ground_name
from llm_extract.text.names import strip_titles
from llm_extract.text.normalize import Folded, find_span, normalize_name

__all__ = ["assemble", "cut_flag"]


def assemble(output: WireOutput, article: Article) -> tuple[list[Meeting], list[Flag]]:
    """Schema-v1 meetings from a wire answer, grounded in ``article`` (found in its folded
    text), with a flag for everything dropped or merged; evidence is returned as the
    article's own characters."""
    source, folded = article.text, article.folded
    meetings: list[Meeting] = []
    flags: list[Flag] = []
    for i, wire in enumerate(output.meetings):
        path = f"meetings[{i}]"
        participants = _participants(wire, folded, path, flags)
        if not participants:
            flags.append(
                Flag(kind="dropped_meeting", path=path,
                     detail="no participant of this meeting occurs in the article",
                     value=wire.evidence)
            )
            continue
        evidence, evidence_span = _evidence(wire, source, folded, path, flags)
        meetings.append(
            Meeting(
                status=wire.status,
                modality=wire.modality,
                date=wire.date,
                location=_location(wire),
                participants=participants,
                topics=[t.strip() for t in wire.topics if t.strip()],
                evidence=evidence,
                evidence_span=evidence_span,
            )
        )
    return meetings, flags


def _participants(
    wire: WireMeeting, folded: Folded, path: str, flags: list[Flag]
) -> list[Participant]:
    kept: list[Participant] = []
    seen: dict[str, int] = {}
    for j, person in enumerate(wire.participants):
        where = f"{path}.participants[{j}]"
        if person.name is None and not (person.title or person.country or person.organization):
            flags.append(Flag(kind="dropped_meeting", path=where,
                              detail="participant with nothing to identify them dropped"))
            continue
        span = None
        if person.name is not None:
            grounded = ground_name(folded, person.name)
            if grounded is None and strip_titles(person.name) is None:
                # An office in the model's words ("Kung" where the article says "Kungen"):
                # an unnamed participant identified by office, which the guidelines allow.
                flags.append(Flag(kind="repaired", path=f"{where}.name",
                                  detail="an office given as a name: kept unnamed",
                                  value=person.name))
                person = person.model_copy(update={"name": None,
                                                   "title": person.title or person.name})
            elif grounded is None:
                flags.append(Flag(kind="ungrounded_name", path=f"{where}.name",
                                  detail="name does not occur in the article; dropped",
                                  value=person.name))
                continue
            else:
                if grounded[0] != person.name:
                    flags.append(Flag(kind="repaired", path=f"{where}.name",
                                      detail=f"{person.name!r} trimmed to the form the article "
                                             "has", value=grounded[0]))
                    person = person.model_copy(update={"name": grounded[0]})
                span = Span(start=grounded[1][0], end=grounded[1][1])
        key = normalize_name(person.name) if person.name else f"~{person.title}|{person.country}"
        if key in seen:
            flags.append(Flag(kind="duplicate", path=where,
                              detail=f"same person as participant {seen[key]}; merged",
                              value=person.name))
            continue
        seen[key] = len(kept)
        kept.append(_participant(person, span))
    return kept


def _participant(person: WireParticipant, span: Span | None) -> Participant:
    return Participant(
        name=person.name,
        title=person.title,
        organization=person.organization,
        country=person.country,
        role=person.role,
        name_span=span,
    )


def _evidence(
    wire: WireMeeting, source: str, folded: Folded, path: str, flags: list[Flag]
) -> tuple[str | None, Span | None]:
    if wire.evidence is None:
        return None, None
    found = find_span(folded, wire.evidence)
    if found is None:
        flags.append(Flag(kind="ungrounded_evidence", path=f"{path}.evidence",
                          detail="quote does not occur in the article; dropped",
                          value=wire.evidence))
        return None, None
    return source[found[0]:found[1]], Span(start=found[0], end=found[1])


def _location(wire: WireMeeting) -> Location | None:
    # The guidelines: no physical place for calls and video conferences.
    if wire.modality in ("video", "phone"):
        return None
    if wire.city is None and wire.country is None:
        return None
    return Location(city=wire.city, country=wire.country)


def cut_flag(path: str, output: WireOutput) -> Flag:
    """The flag of an answer cut short (``output.cut_off``): why, and what of it is kept."""
    kept = len(output.meetings)
    if output.cut_reason == "repeat":
        why = ("stopped when it began to write again a record or participant it had already "
               "written (a repetition loop)")
    elif output.cut_reason == "near_repeat":
        why = ("stopped at a third record of one contact, the same people, status, medium, day "
               "and place quoting yet another sentence (a repetition loop)")
    else:
        why = "cut off by max_tokens (a repetition loop, or more records than it could write)"
    return Flag(kind="answer_cut", path=path,
                detail=f"the model's answer was {why}; the {kept} record(s) completed "
                       "before the cut are kept, anything after them is lost")
