"""The API's routes as their modules declare them, with their dependencies:
what structural tests read (FastAPI no longer lists included routes on the app)."""

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, APIRouter

from app.api import routes


def resolution_order(dependant: Dependant) -> list[Callable[..., Any] | None]:
    """Dependencies in the order FastAPI runs them: each one's own first."""
    order: list[Callable[..., Any] | None] = []
    for sub in dependant.dependencies:
        order += [*resolution_order(sub), sub.call]
    return order


def every_route() -> list[APIRoute]:
    modules = (
        importlib.import_module(f"{routes.__name__}.{module.name}")
        for module in pkgutil.iter_modules(routes.__path__)
    )
    return [
        route
        for module in modules
        for route in getattr(module, "router", APIRouter()).routes
        if isinstance(route, APIRoute)
    ]
