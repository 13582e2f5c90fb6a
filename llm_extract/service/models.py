"""The request body of ``POST /v1/extract``; the response is the library's ExtractionResult.

Unknown fields are refused (422) rather than ignored, so a misspelt option is noticed. Text
length is deliberately not a schema constraint here: an over-long text is a 413 with the
library's ``text_too_long`` kind, not a generic validation error.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt

from llm_extract.settings import WireMode

__all__ = ["ExtractOptions", "ExtractRequest"]


class ExtractOptions(BaseModel):
    """Per-request overrides of the server's model settings."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=())

    model: str | None = Field(None, description="Model name at the endpoint.")
    mode: WireMode | None = Field(None, description="Structured-output wire format.")
    # Strict: a JSON false is not a temperature, nor "7" a token count (found by schemathesis).
    max_tokens: StrictInt | None = Field(None, gt=0, description="Generated-token cap per call.")
    temperature: StrictFloat | StrictInt | None = Field(None, ge=0.0, le=2.0)

    def overrides(self) -> dict[str, Any]:
        """The options actually given, as ``Settings`` field values."""
        return self.model_dump(exclude_none=True)


class ExtractRequest(BaseModel):
    """One article to extract meeting records from."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{
                "text": "The foreign ministers of Norway and Chile met in Oslo on Monday.",
                "published": "2024-05-07",
                "language": "en",
            }]
        },
    )

    text: str = Field(description="The article text (UTF-8).")
    language: str | None = Field(None, description="Language hint, recorded in provenance.")
    published: str | None = Field(
        None, description="Publication date YYYY-MM-DD, used to resolve relative dates."
    )
    prompt_version: str | None = Field(None, description="Prompt template version, e.g. v1.")
    options: ExtractOptions = Field(default_factory=ExtractOptions)
