"""`app routes`: every route of the API with what it requires of the caller,
read from the route's dependencies (so it cannot drift from the code)."""

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Annotated, Any

import typer
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from rich.table import Table
from starlette.routing import Mount

from app.api.deps import get_authenticated, oauth2_scheme
from app.cli.running import print_table, reported_errors

PUBLIC = "public"


@dataclass(frozen=True, slots=True)
class RouteAccess:
    methods: str
    path: str
    access: str
    name: str


def label(call: Callable[..., Any]) -> str:
    """A dependency's name as a requirement: `get_current_superuser` →
    "superuser"; values it closes over (a permission) follow in brackets."""
    if call is get_authenticated:
        return "user"
    name = getattr(call, "__name__", type(call).__name__)
    for prefix in ("get_", "current_", "require_"):
        name = name.removeprefix(prefix)
    name = name.replace("_", " ")
    closed_over = [cell.cell_contents for cell in getattr(call, "__closure__", None) or ()]
    values = [
        str(v.value if isinstance(v, Enum) else v)
        for v in closed_over
        if isinstance(v, str) or (isinstance(v, Enum) and isinstance(v.value, str))
    ]
    return f"{name} [{', '.join(values)}]" if values else name


def needs_login(dependant: Dependant) -> bool:
    """Whether the access token is read below this dependency: by the token
    check (`get_authenticated`) or by one that does it itself, as
    `require_permission` does joined with its permission check."""
    return dependant.call is oauth2_scheme or any(
        needs_login(sub) for sub in dependant.dependencies
    )


def requirements(dependant: Dependant) -> Iterator[str]:
    """The most specific dependencies that require a login: the first ones,
    walking down from the route, that read the access token."""
    for sub in dependant.dependencies:
        if sub.call is not None and needs_login(sub):
            yield label(sub.call)
        else:
            yield from requirements(sub)


def describe_routes(app: FastAPI) -> list[RouteAccess]:
    rows = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute):
            # Dependencies of the routers a route is included with count too.
            dependant = getattr(context, "dependant", None) or route.dependant
            found = list(dict.fromkeys(requirements(dependant)))
            rows.append(
                RouteAccess(
                    methods=",".join(sorted(context.methods or ())),
                    path=context.path or route.path,
                    access=", ".join(found) or PUBLIC,
                    name=route.name,
                )
            )
        elif isinstance(route, Mount):
            rows.append(
                RouteAccess(
                    methods="*", path=f"{route.path}/", access="mounted app", name=route.name or ""
                )
            )
    return sorted(rows, key=lambda row: (row.path, row.methods))


def routes(
    as_json: Annotated[bool, typer.Option("--json", help="JSON, one object per route.")] = False,
) -> None:
    """List the API's routes, their methods, and who may call them: public,
    user (logged in), superuser, or a permission; read from each route's
    dependencies."""
    with reported_errors():
        from app.main import app

        rows = describe_routes(app)
    if as_json:
        typer.echo(json.dumps([asdict(row) for row in rows], indent=2))
        return
    table = Table("Method", "Path", "Requires", "Name", box=None)
    for row in rows:
        table.add_row(row.methods, row.path, row.access, row.name)
    print_table(table)
