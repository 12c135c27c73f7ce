"""Each sign-in option is switched by its setting: off, it leaves no route
and no schema in the API (so no client function and no button either)."""

import json
import os
import subprocess
import sys
from functools import cache
from typing import Any

import pytest
from httpx import AsyncClient

from app.core.config import BACKEND_DIR, Settings, settings

PRINT_OPENAPI = "import json; from app.main import app; print(json.dumps(app.openapi()))"

# What each option adds to the API: path fragments and schema names.
OPTIONS: dict[str, dict[str, Any]] = {
    "TWO_FACTOR_ENABLED": {
        "paths": ["/two-factor"],
        "schemas": ["TwoFactorChallenge", "TwoFactorLogin", "TwoFactorSetup", "RecoveryCodes"],
    },
}


@cache
def openapi_with(setting: str, value: str) -> dict[str, Any]:
    """The OpenAPI document of an app started with `setting=value`."""
    inherited = {k: v for k, v in os.environ.items() if k not in Settings.model_fields}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_OPENAPI],
        cwd=BACKEND_DIR,
        env={
            **inherited,
            "ENV_FILE": "",
            "SECRET_KEY": "a-secret-key-for-this-test-only",
            "DATABASE_URL": "sqlite:////nonexistent/never-used.db",
            setting: value,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def offered(document: dict[str, Any], option: str) -> tuple[list[str], list[str]]:
    paths = [p for p in document["paths"] if any(f in p for f in OPTIONS[option]["paths"])]
    schemas = [s for s in OPTIONS[option]["schemas"] if s in document["components"]["schemas"]]
    return paths, schemas


@pytest.mark.parametrize("option", OPTIONS)
def test_an_option_switched_off_leaves_no_route_and_no_schema(option: str) -> None:
    assert offered(openapi_with(option, "false"), option) == ([], [])


@pytest.mark.parametrize("option", OPTIONS)
def test_an_option_switched_on_has_its_routes_and_schemas(option: str) -> None:
    paths, schemas = offered(openapi_with(option, "true"), option)
    assert paths
    assert schemas == OPTIONS[option]["schemas"]


def test_without_two_factor_the_password_login_answers_only_tokens() -> None:
    login = openapi_with("TWO_FACTOR_ENABLED", "false")["paths"]["/api/v1/login/access-token"]
    answer = login["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": "#/components/schemas/Token"}


@pytest.mark.parametrize("enabled", [True, False])
async def test_the_login_page_learns_which_options_are_on(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    monkeypatch.setattr(settings, "TWO_FACTOR_ENABLED", enabled)
    monkeypatch.setattr(settings, "TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", True)
    options = (await client.get(f"{settings.API_V1_STR}/login/options")).json()
    assert options == {"two_factor": enabled, "two_factor_required_for_superusers": enabled}
