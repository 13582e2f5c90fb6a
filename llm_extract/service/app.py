"""The FastAPI application: ``POST /v1/extract``, ``/healthz``, ``/readyz`` and the OpenAPI docs.

:func:`create_app` takes the extractor factory and readiness check as arguments so tests run
the real app (limits, errors, auth, shutdown) against fakes, and so the app never decides by
itself how models are reached. Extraction runs on a thread pool behind
:class:`~llm_extract.service.limits.Admission`; shutdown waits for every started extraction
(uvicorn stops accepting on SIGTERM, finishes open requests, then runs the lifespan exit).
"""

from __future__ import annotations

import asyncio
import hmac
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Response, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from llm_extract._version import __version__
from llm_extract.errors import TextTooLongError
from llm_extract.inputs import InputFormat
from llm_extract.model.prompts import available_versions
from llm_extract.provenance_log import ProvenanceLog, logged_extract
from llm_extract.schema import ExtractionResult
from llm_extract.service.config import ServiceSettings
from llm_extract.service.errors import OptionNotAllowedError, install_error_handlers
from llm_extract.service.guard import GuardMiddleware
from llm_extract.service.limits import Admission, BodyLimitMiddleware
from llm_extract.service.models import ExtractRequest
from llm_extract.service.runtime import ExtractorFactory, Readiness, ReadinessCheck

__all__ = ["HIDDEN_ENDPOINT", "create_app"]

HIDDEN_ENDPOINT = "internal"
"""What ``provenance.endpoint`` says in a service answer instead of the endpoint's URL."""


class ErrorDetail(BaseModel):
    kind: str
    type: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error answer."""

    error: ErrorDetail


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in {
        400: "bad configuration, or options beyond what the operator allows",
        401: "missing or wrong bearer token",
        413: "body or text too large",
        415: "the body is not JSON (Content-Type must be application/json)",
        422: "invalid request, unusable text, or a page without an article (no_article)",
        429: "service busy or model endpoint rate-limited (see Retry-After)",
        502: "the model endpoint failed or answered unusably",
        503: "model endpoint or embedded server unavailable",
        504: "request or endpoint timed out",
    }.items()
}


def _auth_dependency(token: str) -> Any:
    """A dependency requiring ``Authorization: Bearer <token>``, compared in constant time."""
    bearer = HTTPBearer(auto_error=False, description="LLM_EXTRACT_SERVICE_TOKEN")
    expected = token.encode()

    async def require_token(
        credentials: HTTPAuthorizationCredentials | None = Security(bearer),  # noqa: B008
    ) -> None:
        given = credentials.credentials.encode() if credentials is not None else b""
        if not hmac.compare_digest(given, expected):
            raise HTTPException(
                401, "missing or invalid bearer token", headers={"WWW-Authenticate": "Bearer"}
            )

    return Security(require_token)


def create_app(
    extractor_factory: ExtractorFactory,
    service_settings: ServiceSettings | None = None,
    *,
    readiness: ReadinessCheck | None = None,
    log: ProvenanceLog | None = None,
) -> FastAPI:
    """The service app.

    Args:
        extractor_factory: returns the extractor for a request's option overrides.
        service_settings: limits and auth; defaults from the environment.
        readiness: what ``/readyz`` asks; None reports ready whenever the process is up.
        log: provenance log written once per extraction; the caller owns and closes it.
    """
    ss = service_settings if service_settings is not None else ServiceSettings.from_env()
    token = ss.auth_token.get_secret_value() if ss.auth_token else None
    admission = Admission(ss.max_in_flight, ss.max_queue, retry_after=ss.retry_after)
    versions = available_versions()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.abandoned = await admission.drain(ss.shutdown_grace)

    # Swagger UI and ReDoc from the assets fastapi-offline ships: /docs works with no CDN
    # (an air-gapped host, a strict CSP, a laptop on a plane).
    app = FastAPIOffline(
        title="llm_extract",
        version=__version__,
        description="Meeting records from news text, as typed, source-grounded JSON.",
        lifespan=lifespan,
    )
    app.state.admission = admission
    app.state.abandoned = 0
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=ss.max_body_bytes)
    # Added last, so it runs first: a client without the token learns nothing about the
    # request schema (401 before the body is read), and a form post is a 415, not a 422.
    app.add_middleware(GuardMiddleware, token=token)
    install_error_handlers(app, retry_after=ss.retry_after)
    guards = [_auth_dependency(token)] if token else []

    @app.post(
        "/v1/extract", response_model=ExtractionResult, dependencies=guards, responses=_ERRORS,
        summary="Extract meeting records from one article",
    )
    async def extract(request: ExtractRequest, response: Response) -> ExtractionResult:
        # A page's HTML is bounded by the body cap (BodyLimitMiddleware, before it is read)
        # and its article text by the extractor's max_text_chars; text by both.
        if request.text is not None and len(request.text) > ss.max_text_chars:
            raise TextTooLongError(
                f"text has {len(request.text)} characters, more than the service limit of "
                f"{ss.max_text_chars}"
            )
        article = request.html if request.html is not None else request.text or ""
        format: InputFormat = "html" if request.html is not None else "auto"
        if request.prompt_version is not None and request.prompt_version not in versions:
            raise OptionNotAllowedError(
                f"prompt_version {request.prompt_version!r} is not one of this service's: "
                f"{', '.join(versions)}")
        extractor = extractor_factory(request.options.overrides())
        request_id = uuid.uuid4().hex
        response.headers["X-Request-ID"] = request_id

        def work() -> ExtractionResult:
            return logged_extract(
                extractor, article, log=log, item_id=request_id, origin="service",
                published=request.published, language=request.language,
                prompt_version=request.prompt_version, format=format,
            )

        result = await admission.run(work, timeout=ss.request_timeout)
        # The endpoint URL is the operator's business (an internal host, a gateway): the
        # provenance log keeps it, clients see only its kind.
        provenance = result.provenance.model_copy(update={"endpoint": HIDDEN_ENDPOINT})
        return result.model_copy(update={"provenance": provenance})

    @app.get("/healthz", summary="The process is up")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "in_flight": admission.in_flight, "waiting": admission.waiting}

    @app.get("/readyz", summary="The model endpoint can take work",
             responses={503: {"description": "not ready"}})
    async def readyz(response: Response) -> dict[str, Any]:
        if readiness is None:
            state = Readiness(True, "no readiness check configured")
        else:
            state = await asyncio.get_running_loop().run_in_executor(None, readiness)
        response.status_code = 200 if state.ready else 503
        return {"ready": state.ready, "detail": state.detail}

    return app
