"""Settings: one frozen object, environment read in one place, the key never shown."""

from __future__ import annotations

import pytest

from llm_extract import ConfigurationError, Settings


def test_environment_then_overrides() -> None:
    env = {"LLM_EXTRACT_BASE_URL": "http://10.0.0.1:8000/v1/", "LLM_EXTRACT_MODEL": "m1",
           "LLM_EXTRACT_MAX_TOKENS": "99", "UNRELATED": "x"}
    s = Settings.from_env(env, model="m2", timeout=None)
    assert s.base_url == "http://10.0.0.1:8000/v1"  # trailing slash stripped
    assert s.model == "m2"  # explicit override wins
    assert s.max_tokens == 99
    assert not s.embedded


def test_no_base_url_means_embedded() -> None:
    assert Settings.from_env({}).embedded


def test_bad_values_are_typed_errors() -> None:
    with pytest.raises(ConfigurationError, match="max_tokens"):
        Settings.from_env({"LLM_EXTRACT_MAX_TOKENS": "lots"})
    with pytest.raises(ConfigurationError, match="base_url"):
        Settings.from_env({}, base_url="ftp://host")
    with pytest.raises(ConfigurationError, match="mode"):
        Settings.from_env({}, mode="xml")


def test_api_key_is_never_shown() -> None:
    s = Settings.from_env({"LLM_EXTRACT_API_KEY": "sk-secret-value-123456"})
    assert "sk-secret" not in repr(s)
    assert "sk-secret" not in str(s.public_dict())
    assert s.public_dict()["api_key_set"] is True
    assert s.api_key is not None and s.api_key.get_secret_value() == "sk-secret-value-123456"


def test_frozen() -> None:
    s = Settings()
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen-instance error
        s.model = "other"  # type: ignore[misc]
