"""Schemathesis against the app's own OpenAPI schema, in-process: no 5xx, and every response as documented."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.openapi.utils import get_openapi
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from actorgraph.config import Settings
from actorgraph.pipeline import Resources
from actorgraph.serve.api import api, create_app
from actorgraph.store.sql import SqlStore


@pytest.fixture(scope="module")
def api_schema(corpus_store: SqlStore, resources: Resources) -> Any:
    app = create_app(Settings(db_url=corpus_store.url, kb_dirs=[]), corpus_store, resources=resources)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
# Every operation of the API router, known without a store (schemathesis's lazy pytest loader does not
# run on this pytest, so operations are parametrised here and their cases drawn with `as_strategy`).
# Invalid requests are generated only for operations that take parameters or a body.
CASES = []
for path, operations in get_openapi(title="actorgraph", version="0", routes=api.routes)["paths"].items():
    for method, spec in operations.items():
        label = f"{method.upper()} {path}"
        CASES.append(pytest.param(method.upper(), path, GenerationMode.POSITIVE, 6, id=f"{label} valid"))
        if spec.get("parameters") or spec.get("requestBody"):
            CASES.append(pytest.param(method.upper(), path, GenerationMode.NEGATIVE, 3, id=f"{label} invalid"))


@pytest.mark.parametrize(("method", "path", "mode", "examples"), CASES)
def test_every_operation_answers_as_its_schema_says(api_schema: Any, method: str, path: str, mode: GenerationMode,
                                                    examples: int) -> None:
    operation = api_schema[path][method]

    # A few examples per operation keep the run short; no example database, so runs do not drift.
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def answers(case: Any) -> None:
        # No key is sent: POST /api/documents must then answer 401 (documented), never run the pipeline.
        case.call_and_validate(checks=CHECKS)

    answers()


def test_the_schema_documents_every_endpoint(api_schema: Any) -> None:
    raw = api_schema.raw_schema
    paths = set(raw["paths"])
    assert {"/api/health", "/api/documents", "/api/documents/{doc_id}", "/api/actors", "/api/events",
            "/api/stances", "/api/quotes", "/api/search", "/api/dyads", "/api/timeline", "/api/alerts",
            "/api/stance-matrix", "/api/network", "/api/changes", "/api/runs"} <= paths
    errors = raw["paths"]["/api/events"]["get"]["responses"]
    assert errors["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    assert "HTTPValidationError" not in raw["components"]["schemas"]  # FastAPI's own 422 shape is not ours
    post = raw["paths"]["/api/documents"]["post"]
    assert {"200", "201", "401", "403", "413", "422"} <= set(post["responses"])
