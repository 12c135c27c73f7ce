"""What the benchmark loads: the endpoints, and how each request is built."""

from dataclasses import dataclass, field
from typing import Any

API = "/api/v1"


@dataclass(frozen=True, slots=True)
class Endpoint:
    name: str
    path: str  # may name seeded values: {reader_item_id}
    script: str = "static.lua"
    method: str = "GET"
    identity: str | None = None  # "reader", "writer" or "admin": whose bearer token
    content_type: str | None = None
    body: str | None = None
    extra_env: dict[str, str] = field(default_factory=dict)

    def url_path(self, seeded: dict[str, Any]) -> str:
        return self.path.format(**seeded)

    def env(self, seeded: dict[str, Any]) -> dict[str, str]:
        env = {"BENCH_METHOD": self.method, **self.extra_env}
        if self.identity:
            env["BENCH_AUTHORIZATION"] = f"Bearer {seeded[f'{self.identity}_token']}"
        if self.content_type:
            env["BENCH_CONTENT_TYPE"] = self.content_type
        if self.body:
            env["BENCH_BODY"] = self.body.format(**seeded)
        return env


CEILING = Endpoint("ceiling GET /", "/")
HEALTH = Endpoint("GET /utils/health-check/", f"{API}/utils/health-check/")
USERS_ME = Endpoint("GET /users/me", f"{API}/users/me", identity="reader")
# region capability: items
# Items live in an organization: the reader's and writer's personal ones.
READER_ITEMS = f"{API}/orgs/{{reader_org_id}}/items/"
WRITER_ITEMS = f"{API}/orgs/{{writer_org_id}}/items/"
ITEMS_LIST = Endpoint("GET /items/?limit=100", f"{READER_ITEMS}?limit=100", identity="reader")
ITEM_READ = Endpoint("GET /items/{id}", f"{READER_ITEMS}{{reader_item_id}}", identity="reader")
# endregion capability: items
USERS_LIST = Endpoint("GET /users/?limit=100", f"{API}/users/?limit=100", identity="admin")
# region capability: items
# A different user writes, so that the list above keeps its 100 items.
ITEMS_CREATE = Endpoint(
    "POST /items/",
    WRITER_ITEMS,
    method="POST",
    identity="writer",
    content_type="application/json",
    body='{{"title":"Benchmark item","description":"Written under load"}}',
)
ITEM_UPDATE = Endpoint(
    "PUT /items/{id}",
    f"{WRITER_ITEMS}{{writer_item_id}}",
    method="PUT",
    identity="writer",
    content_type="application/json",
    body='{{"title":"Renamed under load","description":"Updated"}}',
)
# endregion capability: items
LOGIN = Endpoint(
    "POST /login/access-token",
    f"{API}/login/access-token",
    method="POST",
    content_type="application/x-www-form-urlencoded",
    body="username={login_email}&password={login_password}",
)
REFRESH = Endpoint("POST /login/refresh", f"{API}/login/refresh", script="refresh.lua")

APP_ENDPOINTS = (
    HEALTH,
    USERS_ME,
    # region capability: items
    ITEM_READ,
    ITEM_UPDATE,
    ITEMS_LIST,
    # endregion capability: items
    USERS_LIST,
    # region capability: items
    ITEMS_CREATE,
    # endregion capability: items
    LOGIN,
    REFRESH,
)
