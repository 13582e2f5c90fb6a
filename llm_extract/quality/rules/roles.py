"""Who hosted whom (participant ``role``: host, guest, participant, attendee).

The guidelines make the side that receives the other at home the host and the received side
the guest; "met with" with no sign of who hosted is participants; someone "in the presence of"
is an attendee; on a call everyone is a participant. These rules read the roles from the cues
of the record's own clause, then from the place: at home one side hosts, in a third country
(a summit's sidelines) nobody does. ``no_host_without_sign`` (off by default) makes host and
guest participants when neither the words nor the place say who received whom.
"""

from __future__ import annotations

from llm_extract.quality.dedupe import clause
from llm_extract.quality.readers import (
    cues_in,
    fix_roles,
    no_host_roles,
    no_sign_of_host,
    roles_by_place,
)
from llm_extract.quality.registry import Candidate, per_record
from llm_extract.quality.rules._edit import with_roles
from llm_extract.schema import Flag
from llm_extract.text.article import Article

__all__ = ["no_host_met_with", "no_host_without_sign", "roles_from_cue", "roles_from_place"]


@per_record
def roles_from_cue(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Roles from the sentence: after "بحضور"/"in the presence of" an attendee; on a call
    everyone a participant; the receiver of a reception host and the received guest
    (GUIDELINES: ``role``)."""
    if rec.anchor is None:
        return [rec]
    m = rec.meeting
    return [with_roles(rec, flags, fix_roles(m, art, *clause(rec, art), m.modality))]


@per_record
def no_host_met_with(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """"Met with", "held talks with" and no word of receiving or visiting: participants,
    not host and guest (GUIDELINES: ``participant`` for "met with" with no sign of who
    hosted)."""
    if rec.anchor is None:
        return [rec]
    return [with_roles(rec, flags, no_host_roles(rec.meeting, art, *clause(rec, art)))]


@per_record
def roles_from_place(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """In a place of one side's country that side hosts; in a third country (a summit's
    sidelines) nobody does (GUIDELINES: ``host`` receives the other side at home)."""
    m = rec.meeting
    if rec.anchor is None or m.modality != "in_person" or m.location is None \
            or not m.location.country:
        return [rec]
    # A summit is multilateral: its host country does not make its people hosts.
    summit = bool(cues_in(art, "SUMMIT", *clause(rec, art)))
    roles = roles_by_place([p.role for p in m.participants],
                           [p.country for p in m.participants], m.location.country,
                           assign_hosts=not summit)
    return [with_roles(rec, flags, roles)]


@per_record
def no_host_without_sign(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Host and guest only where the article shows who received whom: an in-person meeting
    with no word of receiving, visiting or hosting in its clause, and no side at home in its
    place, is between participants (GUIDELINES: ``participant``, "no host/guest
    distinction")."""
    if rec.anchor is None:
        return [rec]
    # The sign may be in the sentence naming its people when the model quoted another one.
    lo, hi = clause(rec, art)
    lo, hi = min(lo, rec.anchor[0]), max(hi, rec.anchor[1])
    return [with_roles(rec, flags, no_sign_of_host(rec.meeting, art, lo, hi))]
