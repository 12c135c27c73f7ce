"""ADMIN_DB_ENABLED: on by default in local development only; off, the app
has neither the panel nor its way in."""

import json
import os
import subprocess
import sys

import pytest

from app.core.config import BACKEND_DIR, Settings

DEPLOYED = {
    "DATABASE_URL": "postgresql://app@db/app",
    "SECRET_KEY": "a-deployed-secret-key",
    "FIRST_SUPERUSER_PASSWORD": "a-deployed-passphrase",
}


@pytest.mark.parametrize(
    ("environment", "setting", "enabled"),
    [
        ("local", "", True),
        ("staging", "", False),
        ("production", "", False),
        ("local", "false", False),
        ("production", "true", True),
    ],
)
def test_the_setting_defaults_to_local_development_only(
    monkeypatch: pytest.MonkeyPatch, environment: str, setting: str, enabled: bool
) -> None:
    for name, value in {
        **DEPLOYED,
        "ENVIRONMENT": environment,
        "ADMIN_DB_ENABLED": setting,
    }.items():
        monkeypatch.setenv(name, value)
    assert Settings().admin_db_enabled is enabled


@pytest.mark.switch_routes
@pytest.mark.parametrize("enabled", ["true", "false"])
def test_off_there_is_no_panel_and_no_way_in(enabled: str) -> None:
    listing = (
        "import json; from app.main import app; from fastapi.routing import iter_route_contexts;"
        "print(json.dumps([c.path for c in iter_route_contexts(app.routes)]))"
    )
    inherited = {k: v for k, v in os.environ.items() if k not in Settings.model_fields}
    result = subprocess.run(
        [sys.executable, "-c", listing],
        cwd=BACKEND_DIR,
        env={**inherited, "ENV_FILE": "", "SECRET_KEY": "k", "ADMIN_DB_ENABLED": enabled},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    paths = json.loads(result.stdout.splitlines()[-1])
    found = [path for path in paths if "admin-db" in (path or "")]
    assert found == (["/api/v1/login/admin-db", "/admin-db"] if enabled == "true" else [])
