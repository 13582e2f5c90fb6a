"""Writing a rule's decision back to a record: the changed fields, and a ``repaired`` flag for
each one, so a user can see what was overridden and from what."""

from __future__ import annotations

from llm_extract.quality.registry import Candidate
from llm_extract.schema import Flag, Participant, Role

__all__ = ["changed", "flag_change", "with_roles"]


def flag_change(flags: list[Flag], path: str, field: str, old: object, new: object) -> None:
    flags.append(Flag(kind="repaired", path=f"{path}.{field}",
                      detail=f"{old!r} -> {new!r} from a cue in the article", value=str(new)))


def changed(rec: Candidate, flags: list[Flag], **fields: object) -> Candidate:
    m = rec.meeting
    update = {k: v for k, v in fields.items() if getattr(m, k) != v}
    for field, new in update.items():
        flag_change(flags, rec.path, field, getattr(m, field), new)
    return rec.with_meeting(m.model_copy(update=update)) if update else rec


def with_roles(rec: Candidate, flags: list[Flag], roles: list[Role]) -> Candidate:
    m = rec.meeting
    people: list[Participant] = []
    for j, (p, role) in enumerate(zip(m.participants, roles, strict=True)):
        if role != p.role:
            flag_change(flags, f"{rec.path}.participants[{j}]", "role", p.role, role)
            p = p.model_copy(update={"role": role})
        people.append(p)
    return rec.with_meeting(m.model_copy(update={"participants": people}))
