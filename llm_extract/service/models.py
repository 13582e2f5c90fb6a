"""The request body of ``POST /v1/extract``; the response is the library's ExtractionResult.

Unknown fields are refused (422) rather than ignored, so a misspelt option is noticed. Text
length is deliberately not a schema constraint here: an over-long text is a 413 with the
library's ``text_too_long`` kind, not a generic validation error. The article comes as
``text`` or as a web page's ``html``, exactly one of them (a 422 otherwise).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, model_validator

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

    text: str | None = Field(
        None, description="The article text (UTF-8); exactly one of text and html. A text "
        "that looks like a whole web page is read as one, as html is.")
    html: str | None = Field(
        None, description="A web page (its HTML) instead of text: its main text is the "
        "article (navigation, ads and boilerplate dropped); the result's offsets index that "
        "text (provenance.source), and published defaults to the date the page states.")
    language: str | None = Field(None, description="Language hint, recorded in provenance.")
    published: str | None = Field(
        None, description="Publication date YYYY-MM-DD, used to resolve relative dates."
    )
    prompt_version: str | None = Field(None, description="Prompt template version, e.g. v1.")
    options: ExtractOptions = Field(default_factory=ExtractOptions)

    @model_validator(mode="after")
    def _exactly_one_article(self) -> ExtractRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text and html")
        return self
