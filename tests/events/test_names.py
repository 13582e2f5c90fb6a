"""One person across scripts and titles: the skeleton and the actor registry."""

from __future__ import annotations

import pytest

from llm_extract.events import ActorRegistry
from llm_extract.events.skeleton import skeleton
from llm_extract.schema import Participant


@pytest.mark.parametrize(("arabic", "latin"), [
    ("فؤاد حسين", "Fuad Hussein"),
    ("قاسم الأعرجي", "Qasim al-Araji"),
    ("عباس عراقجي", "Abbas Araghchi"),
    ("محمد شياع السوداني", "Mohammed Shia al-Sudani"),
    ("خوسيه مانويل ألباريس", "José Manuel Albares"),
    ("محمد كاظم آل صادق", "Mohammad Kazem Al-e Sadegh"),
    ("جمال", "Gamal"),
    ("عزيز", "Aziz"),
])
def test_skeleton_is_the_same_across_scripts(arabic: str, latin: str) -> None:
    assert skeleton(arabic) == skeleton(latin)


def test_skeleton_of_cyrillic() -> None:
    assert skeleton("Сергей Лавров") == skeleton("Sergei Lavrov") == skeleton("سيرغي لافروف")


@pytest.mark.parametrize(("one", "other"), [
    ("Fuad Hussein", "Saddam Hussein"), ("Aziz", "Azzam"), ("Hakan Fidan", "Hakan Fidel"),
])
def test_different_people_differ(one: str, other: str) -> None:
    assert skeleton(one) != skeleton(other)


def _p(name: str | None, country: str | None, *aliases: str) -> Participant:
    return Participant(name=name, aliases=list(aliases), country=country, role="participant")


def test_one_actor_across_scripts_titles_and_short_forms() -> None:
    registry = ActorRegistry()
    forms = [_p("فؤاد حسين", "IQ"), _p("Fuad Hussein", "IQ"), _p("Dr. Fuad Hussein", "IQ"),
             _p("الدكتور فؤاد حسين", "IQ"), _p("Hussein", "IQ"), _p("Fouad Hussein", "IQ",
                                                                 "Fuad Hussein")]
    ids = {registry.resolve(p, "ar" if not p.name or not p.name.isascii() else "en")
           for p in forms}
    assert len(ids) == 1
    actor = registry.actors[ids.pop()]
    assert set(actor.renderings) == {"فؤاد حسين", "Fuad Hussein", "Dr. Fuad Hussein",
                                     "الدكتور فؤاد حسين", "Hussein", "Fouad Hussein"}
    assert actor.name == "Fuad Hussein" and actor.country == "IQ"


def test_country_must_agree_and_the_unnamed_are_no_actor() -> None:
    registry = ActorRegistry()
    iq = registry.resolve(_p("Fuad Hussein", "IQ"))
    jo = registry.resolve(_p("Fuad Hussein", "JO"))
    assert iq != jo
    assert registry.resolve(_p(None, "IR")) is None
    # No country given: the one actor with that exact rendering, if there is only one.
    fidan = registry.resolve(_p("Hakan Fidan", "TR"))
    assert registry.resolve(_p("Hakan Fidan", None)) == fidan
    assert registry.resolve(_p("Fuad Hussein", None)) not in {iq, jo}


def test_a_surname_shared_by_two_actors_is_not_guessed() -> None:
    registry = ActorRegistry()
    one = registry.resolve(_p("Adel Haddad", "JO"))
    two = registry.resolve(_p("Omar Haddad", "JO"))
    assert one != two
    assert registry.resolve(_p("Haddad", "JO")) is None  # whose? left open
    assert registry.resolve(_p("Haddad", "JO"), context={two, "A-other"}) == two


def test_a_full_name_does_not_join_another_person_of_the_same_surname() -> None:
    registry = ActorRegistry()
    adel = registry.resolve(_p("Adel Haddad", "JO"))
    assert registry.resolve(_p("Haddad", "JO")) == adel  # the only Haddad so far
    assert registry.resolve(_p("Omar Haddad", "JO")) != adel
    # A surname seen alone first, then the full name: one actor.
    alone = registry.resolve(_p("Fidan", "TR"))
    assert registry.resolve(_p("Hakan Fidan", "TR")) == alone


def test_the_records_own_title_a_french_ch_and_a_case_ending() -> None:
    registry = ActorRegistry()
    araji = registry.resolve(_p("قاسم الأعرجي", "IQ"))
    glued = Participant(name="National Security Adviser Qasim al-Araji", country="IQ",
                        title="National Security Adviser", role="host")
    assert registry.resolve(glued) == araji
    sudani = registry.resolve(_p("محمد شياع السوداني", "IQ"))
    assert registry.resolve(_p("Mohammed Chia al-Soudani", "IQ")) == sudani  # French ch = ش
    araghchi = registry.resolve(_p("Abbas Araghchi", "IR"))  # English ch = چ/ج
    assert registry.resolve(_p("عباس عراقجي", "IR")) == araghchi
    assert registry.resolve(_p("Аббасом Аракчи", "IR")) == araghchi  # instrumental case
    assert registry.resolve(_p("Abbas Rahimi", "IR")) != araghchi
