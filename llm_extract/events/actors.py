"""Actors: one person across articles, scripts and titles, with every rendering kept.

A participant's renderings are its name and aliases without leading titles ("President
Masoud Pezeshkian" and "مسعود بزشكيان" are both renderings). Two renderings are one actor only
when their *scope* agrees (the ISO country the person represents, else the international
organization) and one of these holds, strongest first:

1. a normalized rendering is the same (the guidelines' name normalization), the records'
   aliases being what links the scripts most of the time;
2. the consonant skeletons of two whole names of two or more words are the same
   (:mod:`llm_extract.events.skeleton`: فؤاد حسين / Fuad Hussein), or differ only by a case
   ending of one consonant in a word, for exactly one actor (Аббасом Аракчи / Abbas Araghchi);
3. a one-word name (the surname alone) whose skeleton is the last word of exactly one actor of
   that scope (of several: the one among them that the record's candidate events hold, if
   exactly one is), or a full name whose last word is the one-word name of exactly one actor
   known so far by its surname alone.

A participant with neither country nor organization is matched by rule 1 against any scope
when exactly one actor carries that rendering. Unnamed participants are no actor.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from llm_extract.events.skeleton import skeleton_variants
from llm_extract.schema import Participant
from llm_extract.text.names import strip_titles
from llm_extract.text.normalize import normalize_name

__all__ = ["Actor", "ActorRegistry", "scope_of"]

_UNKNOWN_SCOPE = "?"
_MIN_SKELETON = 4  # consonants in a whole-name skeleton before it is trusted (not "L SDN")


def scope_of(participant: Participant) -> str:
    """``IQ``, ``org:nato`` or ``?``: where a participant belongs, for matching and edges."""
    if participant.country:
        return participant.country
    if participant.organization:
        return f"org:{normalize_name(participant.organization)}"
    return _UNKNOWN_SCOPE


@dataclass
class Actor:
    """One person: the scope and every rendering seen, with how many mentions wrote it."""

    id: str
    scope: str
    organization: str | None = None
    renderings: Counter[str] = field(default_factory=Counter)

    @property
    def country(self) -> str | None:
        return self.scope if len(self.scope) == 2 else None

    @property
    def name(self) -> str:
        """The display name: a rendering without a title, the fullest (most words), then the
        most frequent, then Latin script (what most analysts' tools read) before others; a
        person only ever written with a title is shown without it."""
        if not self.renderings:
            return self.id

        def rank(item: tuple[str, int]) -> tuple[bool, int, int, bool]:
            form, count = item
            untitled = strip_titles(form) == form
            return untitled, len(form.replace("-", " ").split()), count, form.isascii()

        best = max(self.renderings.items(), key=rank)[0]
        return strip_titles(best) or best  # known only with a title: the name without it

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "scope": self.scope,
                "country": self.country, "organization": self.organization,
                "renderings": dict(self.renderings.most_common())}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(str(data["id"]), str(data["scope"]), data.get("organization"),
                   Counter({str(k): int(v) for k, v in (data.get("renderings") or {}).items()}))


@dataclass(frozen=True)
class _Keys:
    exact: frozenset[str]
    skeletons: frozenset[str]
    last_words: frozenset[str]  # skeleton of the last word of each multi-word rendering
    single: frozenset[str]      # skeleton of each one-word rendering
    shapes: frozenset[tuple[str, ...]]  # word skeletons of each multi-word rendering


def _inflected(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """The same words but for a case ending: each skeleton equal to the other's, or it plus
    one consonant (Аббасом Аракчи / Abbas Araghchi, Лавровым / Lavrov)."""
    return len(one) == len(other) and all(
        a == b or (min(len(a), len(b)) >= 2 and abs(len(a) - len(b)) == 1
                   and (a.startswith(b) or b.startswith(a)))
        for a, b in zip(one, other, strict=True))


def _forms(participant: Participant, language: str | None) -> list[str]:
    """The renderings as written (titles kept, for the actor table), in order, unique."""
    forms: list[str] = []
    for raw in [participant.name or "", *participant.aliases]:
        if raw.strip() and raw.strip() not in forms:
            forms.append(raw.strip())
    return forms


def _untitled(form: str, language: str | None, title: str | None) -> str:
    """``form`` without leading titles: the known ones, and the record's own ``title``
    ("National Security Adviser Qasim al-Araji" with that title)."""
    bare = strip_titles(form, language) or form
    if title:
        own = normalize_name(title)
        words = bare.split()
        for cut in range(len(words) - 1, 0, -1):
            if normalize_name(" ".join(words[:cut])) == own:
                return " ".join(words[cut:])
    return bare


@lru_cache(maxsize=1 << 16)
def _keys(forms: tuple[str, ...], language: str | None, title: str | None = None) -> _Keys:
    """The match keys of a participant's renderings (cached: a corpus repeats its names)."""
    exact: set[str] = set()
    skeletons: set[str] = set()
    last: set[str] = set()
    single: set[str] = set()
    shapes: set[tuple[str, ...]] = set()
    for form in forms:
        bare = _untitled(form, language, title)
        key = normalize_name(bare)
        if not key:
            continue
        exact.add(key)
        for tokens in skeleton_variants(bare):
            if len(tokens) >= 2:
                last.add(tokens[-1])
                if sum(map(len, tokens)) >= _MIN_SKELETON:
                    skeletons.add(" ".join(tokens))
                    shapes.add(tokens)
            elif len(tokens) == 1 and len(tokens[0]) >= 2:
                single.add(tokens[0])
    return _Keys(frozenset(exact), frozenset(skeletons), frozenset(last), frozenset(single),
                 frozenset(shapes))


def _new_id(scope: str, key: str, taken: dict[str, Actor]) -> str:
    digest = hashlib.sha1(f"{scope}|{key}".encode()).hexdigest()
    for size in range(10, 41):
        candidate = f"A{digest[:size]}"
        if candidate not in taken:
            return candidate
    raise AssertionError("sha1 collision")  # pragma: no cover


class ActorRegistry:
    """Resolves participants to actors; its indexes grow with every rendering it sees."""

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self.actors: dict[str, Actor] = {}
        self._exact: dict[tuple[str, str], str] = {}
        self._exact_any: dict[str, set[str]] = {}
        self._skeleton: dict[tuple[str, str], str] = {}
        self._last: dict[tuple[str, str], set[str]] = {}
        self._single: dict[tuple[str, str], set[str]] = {}
        self._shapes: dict[tuple[str, str], set[tuple[tuple[str, ...], str]]] = {}
        for actor in actors:
            self.actors[actor.id] = actor
            self._index(actor, _keys(tuple(actor.renderings), None))

    def _index(self, actor: Actor, keys: _Keys) -> None:
        scope = actor.scope
        for key in keys.exact:
            self._exact.setdefault((scope, key), actor.id)
            self._exact_any.setdefault(key, set()).add(actor.id)
        for key in keys.skeletons:
            self._skeleton.setdefault((scope, key), actor.id)
        for key in keys.last_words:
            self._last.setdefault((scope, key), set()).add(actor.id)
        for key in keys.single:
            self._single.setdefault((scope, key), set()).add(actor.id)
        for shape in keys.shapes:
            self._shapes.setdefault((scope, shape[-1][:2]), set()).add((shape, actor.id))

    def _find(self, scope: str, keys: _Keys) -> str | frozenset[str] | None:
        hits = Counter(self._exact[(scope, k)] for k in keys.exact if (scope, k) in self._exact)
        if hits:
            return hits.most_common(1)[0][0]
        if scope == _UNKNOWN_SCOPE:
            anywhere = {a for k in keys.exact for a in self._exact_any.get(k, ())}
            if len(anywhere) == 1:
                return anywhere.pop()
        for key in keys.skeletons:
            if (scope, key) in self._skeleton:
                return self._skeleton[(scope, key)]
        # Rule 2, inflected (a Russian case ending): the one actor whose words differ so.
        found = {a for shape in keys.shapes
                 for known, a in self._shapes.get((scope, shape[-1][:2]), ())
                 if _inflected(shape, known)}
        if len(found) == 1:
            return found.pop()
        # Rule 3: a surname alone, of one actor (of several: the caller may know which)...
        found = {a for k in keys.single for a in self._last.get((scope, k), ())}
        if found:
            return found.pop() if len(found) == 1 else frozenset(found)
        # ...or the full name of an actor so far known by its surname alone.
        found = {a for k in keys.last_words for a in self._single.get((scope, k), ())
                 if all(len(r.split()) == 1 for r in self.actors[a].renderings)}
        return found.pop() if len(found) == 1 else None

    def find(self, participant: Participant,
             language: str | None = None) -> str | frozenset[str] | None:
        """The actor ``participant`` is, without recording anything: an id; the ids of the
        actors a surname alone could be, when there are several; None when it is nobody
        known (or unnamed)."""
        keys = _keys(tuple(_forms(participant, language)), language, participant.title)
        return self._find(scope_of(participant), keys) if keys.exact else None

    def resolve(self, participant: Participant, language: str | None = None,
                context: Collection[str] = ()) -> str | None:
        """The actor id of ``participant`` (a new actor when none matches); None if unnamed.

        ``context`` is the actors of the events the record may belong to: a surname alone
        that several actors share is the one of them found there, if exactly one is; else it
        is left unattributed (None), matched in events like an unnamed person of its state.
        """
        forms = _forms(participant, language)
        keys = _keys(tuple(forms), language, participant.title)
        if not keys.exact:
            return None
        scope = scope_of(participant)
        found = self._find(scope, keys)
        if isinstance(found, frozenset):
            among = found & set(context)
            if len(among) != 1:
                return None  # whose surname it is stays open: a party of its state only
            found = next(iter(among))
        ident = found
        if ident is None:
            ident = _new_id(scope, min(keys.exact), self.actors)
            self.actors[ident] = Actor(ident, scope, participant.organization)
        actor = self.actors[ident]
        actor.renderings.update(forms)
        self._index(actor, keys)
        return ident
