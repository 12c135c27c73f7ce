"""Each sign-in option is switched by its setting: off, it leaves no route
(its paths answer 404) and no schema in the API (so no client function and no
button either: e2e/password-only.spec.ts checks the dashboard)."""

import json
import os
import re
import subprocess
import sys
from functools import cache
from typing import Any

import pytest

from app.core.config import BACKEND_DIR, Settings

pytestmark = pytest.mark.switch_routes

# Prints the app's OpenAPI document and the status it answers to each
# (method, path) of argv[1], on one line.
PROBE = """
import asyncio, json, sys
import httpx
from app.main import app

async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
        statuses = [(await client.request(m, p)).status_code for m, p in json.loads(sys.argv[1])]
    print(json.dumps({"openapi": app.openapi(), "statuses": statuses}))

asyncio.run(main())
"""

# region capability: oauth
OIDC = (
    ("OIDC_CLIENT_ID", "a-client"),
    ("OIDC_CLIENT_SECRET", "a-secret"),
    ("OIDC_DISCOVERY_URL", "https://issuer.example.com/.well-known/openid-configuration"),
)
# endregion capability: oauth
# What each option adds to the API (path fragments and schema names), and the
# settings that switch it on and off.
OPTIONS: dict[str, dict[str, Any]] = {
    # region capability: two_factor
    "two-factor": {
        "on": (("TWO_FACTOR_ENABLED", "true"),),
        "off": (("TWO_FACTOR_ENABLED", "false"),),
        "paths": ["/two-factor"],
        "schemas": ["TwoFactorChallenge", "TwoFactorLogin", "TwoFactorSetup", "RecoveryCodes"],
    },
    # endregion capability: two_factor
    # region capability: magic_links
    "magic links": {
        "on": (("MAGIC_LINK_ENABLED", "true"),),
        "off": (("MAGIC_LINK_ENABLED", "false"),),
        "paths": ["/magic-link"],
        "schemas": [],
    },
    # endregion capability: magic_links
    # region capability: passkeys
    "passkeys": {
        "on": (("PASSKEYS_ENABLED", "true"),),
        "off": (("PASSKEYS_ENABLED", "false"),),
        "paths": ["/passkey"],
        "schemas": ["PasskeyOptions", "PasskeysPublic", "PasskeyRegistration", "PasskeyAssertion"],
    },
    # endregion capability: passkeys
    # region capability: oauth
    "OpenID Connect": {
        "on": OIDC,
        "off": (),
        "paths": ["/login/oauth/", "/connected-accounts"],
        "schemas": ["ConnectedAccounts", "AuthorizationUrl"],
    },
    "Google": {
        "on": (("OAUTH_GOOGLE_CLIENT_ID", "a-client"), ("OAUTH_GOOGLE_CLIENT_SECRET", "a-secret")),
        "off": (("OAUTH_GOOGLE_CLIENT_SECRET", "a-secret"),),
        "path_value": "google",
        "paths": ["/login/oauth/", "/connected-accounts"],
        "schemas": ["ConnectedAccounts", "AuthorizationUrl"],
    },
    "GitHub": {
        "on": (("OAUTH_GITHUB_CLIENT_ID", "a-client"), ("OAUTH_GITHUB_CLIENT_SECRET", "a-secret")),
        "off": (("OAUTH_GITHUB_CLIENT_ID", "a-client"),),
        "paths": ["/login/oauth/", "/connected-accounts"],
        "schemas": ["ConnectedAccounts", "AuthorizationUrl"],
    },
    # endregion capability: oauth
}


Env = tuple[tuple[str, str], ...]
Requests = tuple[tuple[str, str], ...]


@cache
def app_with(env: Env, requests: Requests = ()) -> tuple[dict[str, Any], list[int]]:
    """The OpenAPI document of an app started with these settings (and no
    provider configured besides), and its answers to these requests."""
    inherited = {k: v for k, v in os.environ.items() if k not in Settings.model_fields}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(requests)],
        cwd=BACKEND_DIR,
        env={
            **inherited,
            "ENV_FILE": "",
            "SECRET_KEY": "a-secret-key-for-this-test-only",
            "DATABASE_URL": "sqlite:////nonexistent/never-used.db",
            **dict(env),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    probed: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return probed["openapi"], probed["statuses"]


def openapi_with(env: Env) -> dict[str, Any]:
    return app_with(env)[0]


def option_requests(option: str) -> Requests:
    """A request to each operation the option adds when on (its provider, or
    any value, in the path)."""
    document = openapi_with(OPTIONS[option]["on"])
    paths, _ = offered(document, option)
    value = OPTIONS[option].get("path_value", "github")
    return tuple(
        (method.upper(), re.sub(r"\{[^}]+\}", value, path))
        for path in paths
        for method in document["paths"][path]
    )


def switched_off(option: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The app with the option off: its OpenAPI document, and its answer to each
    request the option's routes took when on."""
    requests = option_requests(option)
    document, statuses = app_with(OPTIONS[option]["off"], requests)
    return document, dict(zip((f"{m} {p}" for m, p in requests), statuses, strict=True))


def offered(document: dict[str, Any], option: str) -> tuple[list[str], list[str]]:
    paths = [p for p in document["paths"] if any(f in p for f in OPTIONS[option]["paths"])]
    schemas = [s for s in OPTIONS[option]["schemas"] if s in document["components"]["schemas"]]
    return paths, schemas


@pytest.mark.parametrize("option", OPTIONS)
def test_an_option_switched_off_leaves_no_route_and_no_schema(option: str) -> None:
    document, _ = switched_off(option)
    assert offered(document, option) == ([], [])


@pytest.mark.parametrize("option", OPTIONS)
def test_an_option_switched_off_answers_404_on_each_of_its_routes(option: str) -> None:
    _, answers = switched_off(option)
    assert answers != {}
    assert answers == dict.fromkeys(answers, 404)


@pytest.mark.parametrize("option", OPTIONS)
def test_an_option_switched_on_has_its_routes_and_schemas(option: str) -> None:
    paths, schemas = offered(openapi_with(OPTIONS[option]["on"]), option)
    assert paths != []
    assert schemas == OPTIONS[option]["schemas"]


# region capability: two_factor
def test_without_two_factor_the_password_login_answers_only_tokens() -> None:
    document, _ = switched_off("two-factor")
    login = document["paths"]["/api/v1/login/access-token"]
    answer = login["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": "#/components/schemas/Token"}


# region capability: passkeys
def test_without_two_factor_a_passkey_is_no_second_step() -> None:
    document = openapi_with((("PASSKEYS_ENABLED", "true"), ("TWO_FACTOR_ENABLED", "false")))
    assert "/api/v1/login/passkey" in document["paths"]
    assert [p for p in document["paths"] if "/two-factor" in p] == []
    assert "PasskeySecondFactor" not in document["components"]["schemas"]


# endregion capability: passkeys
# endregion capability: two_factor
