"""The HTTP service: ``llm-extract serve`` (FastAPI on uvicorn; the ``service`` extra).

    llm_extract.service
    ├── app       create_app(extractor_factory, service_settings): routes and lifespan
    ├── config    ServiceSettings: bind address, limits, bearer token
    ├── errors    the exception tree → HTTP status table and the one JSON error shape
    ├── limits    Admission (bounded in-flight + queue) and the request-body cap
    ├── models    the request body of POST /v1/extract
    └── runtime   the real extractor factory (ExtractorPool) and readiness checks

Nothing in the core library imports this package.
"""

from llm_extract.service.app import create_app
from llm_extract.service.config import ServiceSettings
from llm_extract.service.errors import STATUS_BY_ERROR, status_for
from llm_extract.service.runtime import ExtractorPool, Readiness, readiness_for

__all__ = [
    "STATUS_BY_ERROR",
    "ExtractorPool",
    "Readiness",
    "ServiceSettings",
    "create_app",
    "readiness_for",
    "status_for",
]
