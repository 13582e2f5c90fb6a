"""Short articles written for these tests (fictional people), and wire answers about them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

EN_ARTICLE = (
    "BAGHDAD, 3 March 2024 - Iraqi Foreign Minister Samir Haddad received Jordanian Foreign "
    "Minister Omar Khatib in Baghdad on Sunday. The two ministers discussed border security "
    "and electricity trade."
)
EN_EVIDENCE = (
    "Iraqi Foreign Minister Samir Haddad received Jordanian Foreign Minister Omar Khatib in "
    "Baghdad on Sunday"
)

AR_ARTICLE = (
    "بغداد - استقبل وزير الخارجية العراقي سامر الحداد نظيره الأردني عمر الخطيب في بغداد "
    "يوم الأحد، وبحث الجانبان أمن الحدود وتجارة الكهرباء."
)
AR_EVIDENCE = "استقبل وزير الخارجية العراقي سامر الحداد نظيره الأردني عمر الخطيب في بغداد يوم الأحد"

FR_ARTICLE = (
    "PARIS - La ministre française des Affaires étrangères, Claire Dubois, a reçu mardi à "
    "Paris son homologue marocain Karim Bennani pour évoquer la coopération énergétique."
)
FR_EVIDENCE = (
    "La ministre française des Affaires étrangères, Claire Dubois, a reçu mardi à Paris son "
    "homologue marocain Karim Bennani"
)


@dataclass(frozen=True)
class Person:
    name: str | None
    country: str | None
    role: str = "participant"
    title: str | None = "Foreign Minister"


def participant(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "title": person.title,
        "organization": None,
        "country": person.country,
        "role": person.role,
    }


def meeting(
    evidence: str | None, people: list[Person], *, city: str | None = None,
    country: str | None = None, date: str | None = None, topics: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "evidence": evidence,
        "status": "held",
        "modality": "in_person",
        "date": date,
        "city": city,
        "country": country,
        "participants": [participant(p) for p in people],
        "topics": topics or [],
    }


def answer(*meetings: dict[str, Any]) -> dict[str, Any]:
    return {"meetings": list(meetings)}


EN_ANSWER = answer(meeting(
    EN_EVIDENCE,
    [Person("Samir Haddad", "IQ", "host"), Person("Omar Khatib", "JO", "guest")],
    city="Baghdad", country="IQ", date="2024-03-03", topics=["border security"],
))
AR_ANSWER = answer(meeting(
    AR_EVIDENCE,
    [Person("سامر الحداد", "IQ", "host"), Person("عمر الخطيب", "JO", "guest")],
    city="Baghdad", country="IQ", topics=["border security"],
))
FR_ANSWER = answer(meeting(
    FR_EVIDENCE,
    [Person("Claire Dubois", "FR", "host"), Person("Karim Bennani", "MA", "guest")],
    city="Paris", country="FR", topics=["energy cooperation"],
))


GROUNDING_KINDS = frozenset({"ungrounded_name", "ungrounded_evidence", "dropped_meeting",
                             "duplicate"})


def grounding_flags(flags: Any) -> list[tuple[str, str | None]]:
    """(kind, value) of the flags grounding raised, leaving out the repair layer's field fixes
    (roles, modality...), which these tests do not pin."""
    out = []
    for fl in flags:
        kind, path, value = (fl["kind"], fl["path"], fl.get("value")) if isinstance(fl, dict) \
            else (fl.kind, fl.path, fl.value)
        if kind in GROUNDING_KINDS or (kind == "repaired" and path.endswith(".name")):
            out.append((kind, value))
    return out


class SleepRecorder:
    """Stands in for ``time.sleep`` in tenacity: records each wait asked for, waits none."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
