"""The library behaves like a well-kept one (issue 14).

Overrides are validated on every path (a typo is an error, not silently ignored), settings
errors are the library's ``ConfigurationError`` (still a ``ValueError``), ``Extractor`` closes
its client as a context manager, the cache behind ``extract_meeting`` is bounded, and
``provenance`` counts re-asks, transport retries and recall re-reads apart.
"""

from __future__ import annotations

import pytest
from fakes import openai_server as f
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI

import llm_extract.extractor as extractor_module
from llm_extract import ConfigurationError, EmptyTextError, Extractor, Settings, extract_meeting

from ._support import EN_ANSWER, EN_ARTICLE
from .conftest import MakeExtractor, fake_settings

pytestmark = [pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS), pytest.mark.timeout(60)]

OFFLINE = Settings(base_url="http://127.0.0.1:9/v1", model="m")
# No hang is scripted in this module: a generous timeout, so a busy machine causes no retry
# (which would be a request beyond the script).
NO_HANG = 5.0


@pytest.mark.parametrize(("overrides", "names"), [
    ({"tmeout": 3}, "tmeout"),
    ({"timeout": -5}, "timeout"),
    ({"max_tokens": 0}, "max_tokens"),
])
def test_extract_meeting_validates_overrides_given_with_settings(
    overrides: dict[str, object], names: str,
) -> None:
    with pytest.raises(ConfigurationError, match=names):
        extract_meeting(EN_ARTICLE, settings=OFFLINE, **overrides)  # type: ignore[arg-type]


def test_extract_meeting_refuses_an_unknown_override_without_settings() -> None:
    with pytest.raises(ConfigurationError, match="tmeout"):
        extract_meeting(EN_ARTICLE, base_url="http://127.0.0.1:9/v1", model="m", tmeout=3)


def test_settings_errors_are_configuration_errors_and_value_errors() -> None:
    with pytest.raises(ConfigurationError, match="timeout") as caught:
        Settings(timeout=-5)
    assert isinstance(caught.value, ValueError)
    with pytest.raises(ValueError, match="max_tokens"):
        Settings(max_tokens=0)
    with pytest.raises(ConfigurationError, match="tmeout"):
        Settings(tmeout=3)  # type: ignore[call-arg]
    assert OFFLINE.with_overrides(timeout=7).timeout == 7


def test_extractor_is_a_context_manager_that_closes_its_client(fake: FakeOpenAI) -> None:
    fake.script(f.ok(EN_ANSWER), f.ok(EN_ANSWER))
    with Extractor(fake_settings(fake, timeout=NO_HANG)) as extractor:
        assert extractor.extract(EN_ARTICLE).meetings
        raw = extractor.caller._raw
        assert raw is not None and not raw.is_closed()
    assert raw.is_closed()
    assert extractor.extract(EN_ARTICLE).meetings  # usable again: a new client is made
    extractor.close()


def test_the_cache_behind_extract_meeting_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractor_module, "_defaults", extractor_module.OrderedDict())
    for n in range(3 * extractor_module.DEFAULT_CACHE_SIZE):
        with pytest.raises(EmptyTextError):  # refused before any call: no endpoint needed
            extract_meeting("", settings=OFFLINE, model=f"model-{n}")
    assert len(extractor_module._defaults) == extractor_module.DEFAULT_CACHE_SIZE


def test_provenance_counts_reasks_retries_and_recall_apart(
    fake: FakeOpenAI, make_extractor: MakeExtractor,
) -> None:
    fake.script(f.status(503), f.ok({"meetings": [{"status": "maybe"}]}), f.ok(EN_ANSWER))
    result = make_extractor(recall_passes=0, timeout=NO_HANG).extract(EN_ARTICLE)
    p = result.provenance
    assert (p.attempts, p.reasks, p.transport_retries, p.recall_calls) == (3, 1, 1, 0)


def test_recall_reads_are_counted_as_recall_calls(
    fake: FakeOpenAI, make_extractor: MakeExtractor,
) -> None:
    second = "\n\nSamir Haddad received Ali Demir in Baghdad on Monday."
    fake.script(f.ok(EN_ANSWER), f.ok({"meetings": []}))
    result = make_extractor(recall_passes=1, timeout=NO_HANG).extract(EN_ARTICLE + second)
    p = result.provenance
    assert p.recall_calls == 1
    assert (p.attempts, p.reasks, p.transport_retries) == (2, 0, 0)


# -- the asyncio face -----------------------------------------------------------------------------


def test_async_extractor_uses_the_async_client_and_the_same_pipeline(fake: FakeOpenAI) -> None:
    import asyncio

    from llm_extract import AsyncExtractor

    fake.script(*[f.ok(EN_ANSWER)] * 4)
    settings = fake_settings(fake, recall_passes=0, timeout=NO_HANG)
    sync_result = Extractor(settings).extract(EN_ARTICLE)

    async def run() -> list[object]:
        async with AsyncExtractor(settings) as extractor:
            results = await asyncio.gather(*[extractor.aextract(EN_ARTICLE) for _ in range(3)])
            assert extractor.caller._raw is None  # the sync client was never made
            assert extractor.caller._async_clients
        return list(results)

    results = asyncio.run(run())
    for result in results:
        assert result.model_dump(exclude={"provenance"}) == sync_result.model_dump(
            exclude={"provenance"})  # type: ignore[attr-defined]
    assert len(fake.chat_requests) == 4


def test_aextract_meeting_validates_and_extracts(fake: FakeOpenAI) -> None:
    import asyncio

    from llm_extract import aextract_meeting

    with pytest.raises(ConfigurationError, match="tmeout"):
        asyncio.run(aextract_meeting(EN_ARTICLE, settings=OFFLINE, tmeout=3))
    fake.script(f.ok(EN_ANSWER))
    result = asyncio.run(aextract_meeting(EN_ARTICLE, settings=fake_settings(fake, timeout=NO_HANG),
                                          recall_passes=0))
    assert [p.name for p in result.meetings[0].participants] == ["Samir Haddad", "Omar Khatib"]
