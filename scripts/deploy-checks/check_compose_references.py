"""Checks that the JSON schema cannot see in the Compose files.

The schema validates each file's shape; this script checks what ties the files
to each other and to the repository, the mistakes that would otherwise only
show on a server:

- every ``${VAR}`` without a default is defined in ``.env``;
- every service named in ``depends_on`` exists, and every network and named
  volume a service uses is declared (in the production file alone, and with
  the local override merged on top);
- every build context holds a Dockerfile;
- every Traefik router has a rule and entrypoints, points at middlewares that
  some file defines, and every Traefik service has a port.

Usage: check_compose_references.py ENV_FILE COMPOSE_FILE...
Prints one line per problem and exits 1 when there is any.
"""

import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from dotenv import dotenv_values

# ${NAME}, ${NAME?err}, ${NAME:?err}, ${NAME-default}, ${NAME:-default}; "$${" is a literal "$".
VARIABLE = re.compile(r"(?<!\$)\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?+])?")
ROUTER_LABEL = re.compile(r"^traefik\.http\.routers\.(?P<router>[^.]+)\.(?P<key>.+)$")
SERVICE_LABEL = re.compile(r"^traefik\.http\.services\.(?P<service>[^.]+)\.(?P<key>.+)$")
MIDDLEWARE_LABEL = re.compile(r"^traefik\.http\.middlewares\.(?P<middleware>[^.]+)\.")
TRAEFIK_BUILTIN_SERVICES = {"api@internal", "dashboard@internal", "noop@internal"}

Compose = dict[str, Any]


def required_variables(text: str) -> set[str]:
    """Variables that Compose cannot resolve without a value: no default given."""
    return {m["name"] for m in VARIABLE.finditer(text) if m["op"] not in ("-", ":-", "+", ":+")}


def merge(base: Any, override: Any) -> Any:
    """Compose's merge for the parts we inspect: mappings merge, the rest is replaced."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = merge(base.get(key), value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(override, list):
        return [*base, *(item for item in override if item not in base)]
    return override


def as_names(value: Any) -> list[str]:
    """depends_on and networks come as a list of names or a mapping keyed by name."""
    if isinstance(value, Mapping):
        return [str(key) for key in value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return []


def labels_of(service: Mapping[str, Any]) -> dict[str, str]:
    labels = service.get("labels") or {}
    if isinstance(labels, Mapping):
        return {str(key): str(value) for key, value in labels.items()}
    pairs = (str(item).split("=", 1) for item in labels)
    return {pair[0]: pair[1] if len(pair) > 1 else "" for pair in pairs}


def structure_problems(name: str, compose: Compose, root: Path) -> Iterator[str]:
    services: Mapping[str, Any] = compose.get("services") or {}
    networks = set((compose.get("networks") or {}).keys()) | {"default"}
    volumes = set((compose.get("volumes") or {}).keys())
    for service_name, service in services.items():
        where = f"{name}: service {service_name}"
        for dependency in as_names(service.get("depends_on")):
            if dependency not in services:
                yield f"{where}: depends_on unknown service {dependency!r}"
        for network in as_names(service.get("networks")):
            if network not in networks:
                yield f"{where}: network {network!r} is not declared"
        for volume in service.get("volumes") or []:
            source = (
                volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source", "")
            )
            is_named = source and not source.startswith(("/", ".", "~", "$"))
            if is_named and source not in volumes:
                yield f"{where}: volume {source!r} is not declared"
        build = service.get("build")
        if build is not None:
            context = build if isinstance(build, str) else build.get("context", ".")
            dockerfile = (
                "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
            )
            if not (root / context / dockerfile).is_file():
                yield f"{where}: no {dockerfile} in build context {context}"


def traefik_problems(name: str, compose: Compose, defined_middlewares: set[str]) -> Iterator[str]:
    for service_name, service in (compose.get("services") or {}).items():
        labels = labels_of(service)
        if labels.get("traefik.enable") != "true":
            continue
        routers: dict[str, dict[str, str]] = {}
        traefik_services: dict[str, dict[str, str]] = {}
        for key, value in labels.items():
            if match := ROUTER_LABEL.match(key):
                routers.setdefault(match["router"], {})[match["key"]] = value
            elif match := SERVICE_LABEL.match(key):
                traefik_services.setdefault(match["service"], {})[match["key"]] = value
        where = f"{name}: service {service_name}"
        for router, settings in routers.items():
            for needed in ("rule", "entrypoints"):
                if needed not in settings:
                    yield f"{where}: router {router} has no {needed}"
            for middleware in filter(None, settings.get("middlewares", "").split(",")):
                if middleware.split("@", 1)[0] not in defined_middlewares:
                    yield f"{where}: router {router} uses undefined middleware {middleware}"
            target = settings.get("service")
            if target and target not in TRAEFIK_BUILTIN_SERVICES and target not in traefik_services:
                yield f"{where}: router {router} points at unknown service {target}"
        for traefik_service, settings in traefik_services.items():
            if "loadbalancer.server.port" not in settings:
                yield f"{where}: Traefik service {traefik_service} has no port"


def middlewares_defined(composes: Iterable[Compose]) -> set[str]:
    found: set[str] = set()
    for compose in composes:
        for service in (compose.get("services") or {}).values():
            for key in labels_of(service):
                if match := MIDDLEWARE_LABEL.match(key):
                    found.add(match["middleware"])
    return found


def main(env_file: Path, compose_files: list[Path]) -> int:
    if not env_file.is_file():
        print(f"{env_file} does not exist")
        return 1
    root = env_file.parent
    env = dotenv_values(env_file, interpolate=False)
    texts = {path.name: path.read_text() for path in compose_files}
    parsed = {path_name: yaml.safe_load(text) for path_name, text in texts.items()}
    problems: list[str] = []

    for path_name, text in texts.items():
        missing = sorted(required_variables(text) - env.keys())
        problems += [
            f"{path_name}: ${{{var}}} has no default and is not in {env_file.name}"
            for var in missing
        ]

    shapes = dict(parsed)
    base, override = parsed.get("docker-compose.yml"), parsed.get("docker-compose.override.yml")
    if base is not None and override is not None:
        shapes["docker-compose.yml + docker-compose.override.yml"] = merge(base, override)
    middlewares = middlewares_defined(parsed.values())
    for shape_name, compose in shapes.items():
        problems += structure_problems(shape_name, compose, root)
        problems += traefik_problems(shape_name, compose, middlewares)

    for problem in problems:
        print(f"  problem: {problem}")
    variables = set().union(*(required_variables(text) for text in texts.values()))
    counts = f"{len(variables)} required variables, {len(problems)} problems"
    print(f"{len(compose_files)} compose files, {counts}")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), [Path(arg) for arg in sys.argv[2:]]))
