"""Invented example articles and results for the report tests (no eval text is used here).

Offsets are computed with ``str.index`` on the texts below, so they are Python code points by
construction; the texts are chosen so that code points and UTF-16 units disagree (emoji) and so
that letters carry combining marks (Arabic harakat, a decomposed diaeresis).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

AR_ID, EN_ID, EMOJI_ID, ERR_ID = "001_ar", "002_en", "003_en", "004_ar"

AR_TEXT = (
    "بَغْدَاد - اِسْتَقْبَلَ وَزِيرُ الخَارِجِيَّةِ العِرَاقِيُّ، سَامِر الحَدِيدِيّ، "
    "يَوْمَ الأَحَدِ المَبْعُوثَ الأُمَمِيَّ John Carter (جون كارتر)، وَبَحَثَا "
    "التَّعَاوُنَ فِي مَجَالِ المِيَاهِ.\n"
    "وَأَجْرَى الحَدِيدِيّ اتِّصَالًا هَاتِفِيًّا مَعَ نَظِيرَتِهِ الأُرْدُنِيَّةِ، "
    "لَيْلَى النَّاصِر، «لِبَحْثِ» المُسْتَجَدَّاتِ الإِقْلِيمِيَّةِ (2024)."
)
EN_TEXT = (
    "President Maria Lopez will host Chancellor Karl Weber in Madrid on 4 June, officials "
    "said. A planned call between Weber and Prime Minister Ravi Menon was postponed.\n"
    "<Officials> & aides said \"no comment\"."
)
EMOJI_TEXT = (
    "🇫🇷 Lyon 🎉: Zoe\u0308 Dupont met 👩\u200d🔬 Dr. Ana Silva on Tuesday; "
    "the café talks went well 👍🏽. Silva later called Dupont."
)
ERR_TEXT = "نَصٌّ قَصِيرٌ لَمْ يُسْتَخْرَجْ مِنْهُ شَيْءٌ."


def span(text: str, part: str, nth: int = 0) -> dict[str, int]:
    """The ``{start, end}`` of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part)}


def person(text: str | None, name: str | None, role: str, *, country: str | None = None,
           title: str | None = None, aliases: list[str] | None = None,
           organization: str | None = None, nth: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {"name": name, "aliases": aliases or [], "title": title,
                            "organization": organization, "country": country, "role": role}
    if text is not None and name is not None:
        data["name_span"] = span(text, name, nth)
    return data


def meeting(text: str | None, evidence: str, people: list[dict[str, Any]], *,
            status: str = "held", modality: str = "in_person", date: str | None = None,
            city: str | None = None, country: str | None = None,
            topics: list[str] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "status": status, "modality": modality, "date": date,
        "location": {"city": city, "country": country} if city or country else None,
        "participants": people, "topics": topics or [], "evidence": evidence,
    }
    if text is not None:
        data["evidence_span"] = span(text, evidence)
    return data


def result(meetings: list[dict[str, Any]], language: str | None = None,
           flags: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "schema_version": "1", "meetings": meetings, "flags": flags or [],
        "provenance": {
            "prompt_version": "meeting.v1", "model": "fake", "endpoint": "http://127.0.0.1:1",
            "endpoint_kind": "fake", "mode": "json_schema", "attempts": 1, "latency_s": 0.1,
            "input_sha256": "0" * 64, "language": language, "created_at": "2024-01-01T00:00:00Z",
            "library_version": "0.0.0",
        },
    }


AR_EV1 = ("اِسْتَقْبَلَ وَزِيرُ الخَارِجِيَّةِ العِرَاقِيُّ، سَامِر الحَدِيدِيّ، يَوْمَ الأَحَدِ "
          "المَبْعُوثَ الأُمَمِيَّ John Carter (جون كارتر)")
AR_EV2 = "وَأَجْرَى الحَدِيدِيّ اتِّصَالًا هَاتِفِيًّا مَعَ نَظِيرَتِهِ الأُرْدُنِيَّةِ"


def ar_prediction() -> dict[str, Any]:
    t = AR_TEXT
    return result([
        meeting(t, AR_EV1, [
            person(t, "سَامِر الحَدِيدِيّ", "host", country="IQ", title="Foreign Minister",
                   aliases=["Samer al-Hadidi"]),
            person(t, "John Carter", "guest", organization="United Nations",
                   title="UN Envoy"),
        ], city="Baghdad", country="IQ", topics=["water cooperation"]),
        meeting(t, AR_EV2, [
            person(t, "الحَدِيدِيّ", "participant", country="IQ", nth=1),
            person(t, "لَيْلَى النَّاصِر", "participant", country="JO"),
        ], modality="phone", topics=["regional developments"]),
    ], language="ar")


def ar_gold() -> dict[str, Any]:
    return {"id": AR_ID, "language": "ar", "published": "2024-03-12", "meetings": [
        meeting(None, AR_EV1, [
            person(None, "سامر الحديدي", "host", country="IQ", title="Foreign Minister",
                   aliases=["Samer al-Hadidi", "الحديدي"]),
            person(None, "John Carter", "guest", organization="United Nations",
                   aliases=["جون كارتر"]),
        ], city="Baghdad", country="IQ", date="2024-03-10"),
        meeting(None, AR_EV2, [
            person(None, "سامر الحديدي", "participant", country="IQ",
                   aliases=["الحديدي"]),
            person(None, "ليلى الناصر", "participant", country="JO"),
        ], modality="phone"),
    ]}


def en_prediction() -> dict[str, Any]:
    t = EN_TEXT
    ev1 = "President Maria Lopez will host Chancellor Karl Weber in Madrid on 4 June"
    return result([
        meeting(t, ev1, [
            person(t, "Maria Lopez", "host", country="ES", title="President"),
            person(t, "Karl Weber", "guest", country="DE", title="Chancellor"),
        ], status="planned", city="Madrid", country="ES", date="2024-06-04"),
        meeting(t, "Officials", [person(t, "Maria Lopez", "host", country="ES")],
                status="held"),
    ], language="en", flags=[{"kind": "ungrounded_name", "path": "meetings[2].participants[0]",
                              "detail": "name does not occur in the article; dropped",
                              "value": "Pedro <Sánchez>"}])


def en_gold() -> dict[str, Any]:
    return {"id": EN_ID, "language": "en", "published": None, "meetings": [
        meeting(None, "President Maria Lopez will host Chancellor Karl Weber in Madrid", [
            person(None, "Maria Lopez", "host", country="ES", title="President"),
            person(None, "Karl Weber", "guest", country="DE", title="Chancellor"),
        ], status="planned", city="Madrid", country="ES"),
        meeting(None, "A planned call between Weber and Prime Minister Ravi Menon was postponed",
                [person(None, "Karl Weber", "participant", country="DE"),
                 person(None, "Ravi Menon", "participant", country="IN")],
                status="postponed", modality="phone"),
    ]}


def emoji_prediction() -> dict[str, Any]:
    t = EMOJI_TEXT
    return result([
        meeting(t, "Zoe\u0308 Dupont met 👩\u200d🔬 Dr. Ana Silva on Tuesday", [
            person(t, "Zoe\u0308 Dupont", "participant", country="FR"),
            person(t, "Ana Silva", "participant", country="PT"),
        ], city="Lyon", country="FR"),
        meeting(t, "Silva later called Dupont", [
            person(t, "Silva", "participant", country="PT", nth=1),
            person(t, "Dupont", "participant", country="FR", nth=1),
        ], modality="phone"),
    ], language="en")


def write_gold_dir(root: Path) -> Path:
    """A gold folder with the four articles' texts and gold files."""
    gold = root / "gold"
    gold.mkdir(parents=True)
    golds = {AR_ID: ar_gold(), EN_ID: en_gold(),
             EMOJI_ID: {"id": EMOJI_ID, "language": "en", "published": None, "meetings": []},
             ERR_ID: {"id": ERR_ID, "language": "ar", "published": None, "meetings": []}}
    texts = {AR_ID: AR_TEXT, EN_ID: EN_TEXT, EMOJI_ID: EMOJI_TEXT, ERR_ID: ERR_TEXT}
    for ident, text in texts.items():
        (gold / f"{ident}.txt").write_text(text, encoding="utf-8")
        (gold / f"{ident}.json").write_text(json.dumps(golds[ident], ensure_ascii=False),
                                            encoding="utf-8")
    return gold


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


PREDICTIONS = {AR_ID: ar_prediction, EN_ID: en_prediction, EMOJI_ID: emoji_prediction}
TEXTS = {AR_ID: AR_TEXT, EN_ID: EN_TEXT, EMOJI_ID: EMOJI_TEXT, ERR_ID: ERR_TEXT}
ERROR = {"kind": "extraction_failed", "type": "ExtractionFailedError",
         "message": "validation still failing after 3 attempts", "attempts": 3,
         "prompt_tokens": 900, "completion_tokens": 120, "last_raw_output": "{\"meetings\": [<"}
