"""Every file a resource changes or creates, rendered in memory: nothing is
written until all of them rendered and every check passed."""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from devtools.new_resource import edits, values

# region capability: organizations
from devtools.new_resource.organization_edits import add_organization_parts

# endregion capability: organizations
from devtools.new_resource.repo import Paths, Target, collisions, find_target
from devtools.new_resource.spec import Field, Resource, SpecError, camel, humanise, pascal

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Plan:
    """New files, and the new text of changed ones (with their old text)."""

    created: dict[Path, str] = field(default_factory=dict)
    changed: dict[Path, str] = field(default_factory=dict)
    originals: dict[Path, str] = field(default_factory=dict)

    def change(self, path: Path, text: str) -> None:
        self.originals.setdefault(path, path.read_text())
        self.changed[path] = text

    def current(self, path: Path) -> str:
        return self.changed.get(path) or path.read_text()


@dataclass(frozen=True)
class OwnerLookup:
    """A `<singular>_owner` function for crud.py: what references check."""

    singular: str
    cls: str
    human: str


@dataclass(frozen=True)
class E2eTarget:
    helper: str
    module: str
    path: str


def article(words: str) -> str:
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701  # source code, not HTML
    )
    env.filters.update(
        a=article,
        humanise=humanise,
        camel=camel,
        pascal=pascal,
        snake=lambda s: s.replace(" ", "_"),
    )
    return env


def zod(field: Field) -> str:
    """The form's schema of one field; inputs hold text, checkboxes booleans."""
    noun = article(field.label.lower())
    if field.kind == "bool":
        return "z.boolean()"
    if field.kind == "enum":
        choices = "z.enum([" + ", ".join(f"'{v}'" for v in field.values) + "])"
        return f"z.union([z.literal(''), {choices}])" if field.optional else choices
    checks: list[str] = []
    if field.kind in ("str", "text"):
        checks.append("z.trim()")
        if field.required and field.min >= 1:
            checks.append(f"z.minLength(1, 'Enter {noun}')")
        if field.min > 1:
            message = f"'Use at least {field.min} characters'"
            if field.required:
                checks.append(f"z.minLength({field.min}, {message})")
            else:
                checks.append(
                    f"z.refine((value) => value === '' || value.length >= {field.min}, {message})"
                )
        checks.append(f"z.maxLength({field.max}, 'Use at most {field.max} characters')")
    elif field.kind == "int":
        checks.append("z.trim()")
        if field.required:
            checks.append("z.minLength(1, 'Enter a number')")
        checks.append(r"z.regex(/^-?\d*$/, 'Enter a whole number')")
        checks.append(
            f"z.refine((value) => value === '' || (Number(value) >= {field.min} && "
            f"Number(value) <= {field.max}), 'Enter a number from {field.min} to {field.max}')"
        )
    elif field.required:
        verb = "Choose" if field.kind in ("date", "ref") else "Enter"
        checks.append(f"z.minLength(1, '{verb} {noun}')")
    return "z.string()" + (f".check({', '.join(checks)})" if checks else "")


def required_message(field: Field) -> str:
    return f"Enter {article(field.label.lower())}"


def to_value(resource: Resource, field: Field) -> str:
    """The form's value of a field, from the row being edited (or none)."""
    row = f"{resource.names.camel}?.{field.column}"
    if field.kind == "int":
        return f"{row} != null ? String({resource.names.camel}.{field.column}) : ''"
    if field.kind == "bool":
        return f"{row} ?? false"
    if field.kind == "enum" and field.required:
        return f"{row} ?? '{field.values[0]}'"
    return f"{row} ?? ''"


def to_body(field: Field) -> str:
    value = f"values.{field.column}"
    if field.kind == "int":
        return f"Number({value})" if field.required else f"{value} === '' ? null : Number({value})"
    if field.kind == "bool" or field.required:
        return value
    return f"{value} || null"


def cell(resource: Resource, field: Field) -> str:
    row = f"{resource.names.camel}.{field.column}"
    if field.kind == "bool":
        if field.required:
            return f"{{{row} ? 'Yes' : 'No'}}"
        return f"{{{row} == null ? '—' : {row} ? 'Yes' : 'No'}}"
    if field.kind == "ref":
        names = f"{camel(field.name)}Names"
        return f"{{{names}.get({row} ?? '') ?? '—'}}"
    if field.kind in ("str", "text"):
        return f"{{{row} || '—'}}"
    return f"{{{row} ?? '—'}}"


def json_sample(field: Field) -> str:
    value = values.sample_value(field)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def minimal_body(resource: Resource) -> str:
    """Required fields only, references to any id: a body that passes validation."""
    items = []
    for f in resource.fields:
        if f.required and f.kind != "bool":
            value = "str(ANY_ID)" if f.kind == "ref" else values.sample(f)
            items.append(f'"{f.column}": {value}')
    return "{" + ", ".join(items) + "}"


def python_tuple(strings: list[str]) -> str:
    quoted = [f'"{s}"' for s in strings]
    return f"({quoted[0]},)" if len(quoted) == 1 else f"({', '.join(quoted)})"


def fitting(text: str, field: Field) -> str:
    return values.fitting_string(text, field)


def e2e_target(paths: Paths, target: Target) -> E2eTarget:
    helper = f"create{pascal(target.kebab_module.replace('-', '_'))}"
    for module in sorted((paths.e2e / "support").glob("*.ts")):
        if re.search(rf"export async function {helper}\(", module.read_text()):
            return E2eTarget(helper, module.stem, target.kebab_module)
    raise SpecError(f"frontend/e2e/support has no {helper}(request, user, labels) for the tests")


def context(paths: Paths, resource: Resource, targets: dict[str, Target]) -> dict[str, Any]:
    label = resource.label_field
    names = resource.names
    e2e_targets = {
        f.target: e2e_target(paths, targets[f.target])
        for f in resource.refs
        if f.target is not None and f.required and paths.has_dashboard
    }
    page_label = (
        f"`{names.title} ${{String(i + 1).padStart(2, '0')}}`"
        if label.max >= len(names.title) + 3
        else "String(i + 1).padStart(2, '0')"
    )
    kinds = {f.kind for f in resource.fields}
    owner_lookups = [OwnerLookup(names.singular, names.cls, names.human)] + [
        OwnerLookup(t.singular, t.cls, t.human) for t in targets.values() if not t.has_lookup
    ]
    return {
        "owner_lookups": owner_lookups,
        "r": resource,
        "n": names,
        "targets": targets,
        "e2e_targets": e2e_targets,
        "target_singulars": sorted(targets),
        "enum_class": lambda f: values.enum_class(resource, f),
        "py_type": lambda f, optional=False: values.py_type(resource, f, optional=optional),
        "base_field": values.base_field,
        "update_field": values.update_field,
        "factory_default": lambda f: values.factory_default(resource, f),
        "sample": values.sample,
        "sample_ts": values.sample_ts,
        "json_sample": json_sample,
        "invalid_values": values.invalid_values,
        "strategy": lambda f: values.strategy(resource, f),
        "wrong_entry": values.wrong_entry,
        "zod": zod,
        "to_value": lambda f: to_value(resource, f),
        "to_body": to_body,
        "cell": lambda f: cell(resource, f),
        "required_message": required_message,
        "e2e_label": lambda f: f"{f.label} of {names.human_plural}",
        "label_values": [
            fitting(f"{names.title} one", label),
            fitting(f"{names.title} two", label),
        ],
        "page_label": page_label,
        "minimal_body": minimal_body(resource),
        "required_columns": [f.column for f in resource.fields if f.required],
        "required_tuple": python_tuple(
            [f.column for f in resource.fields if f.required and f.kind != "bool"]
        ),
        "required_column_names": repr(
            [f.column for f in resource.fields if f.required and f.kind != "bool"]
        ).replace("'", '"'),
        "required_update_column_names": repr(
            [f.column for f in resource.fields if f.required]
        ).replace("'", '"'),
        "optional_columns": [f.column for f in resource.fields if f.optional],
        "optional_column_names": repr([f.column for f in resource.fields if f.optional]).replace(
            "'", '"'
        ),
        "has": {
            "bool": "bool" in kinds,
            "text": "text" in kinds,
            "select": bool(kinds & {"enum", "ref"}),
        },
        "fn": {
            verb: f"{names.plural_camel}{verb_name}"
            for verb, verb_name in (
                ("list", f"Read{names.plural_cls}"),
                ("create", f"Create{names.cls}"),
                ("update", f"Update{names.cls}"),
                ("delete", f"Delete{names.cls}"),
            )
        },
    }


def plan(root: Path, resource: Resource) -> Plan:
    """Every write the resource needs; raises SpecError (and writes nothing)
    when a part of it exists already or a place to write to is missing."""
    paths = Paths(root)
    found = collisions(paths, resource)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise SpecError(f"{resource.names.singular} exists already: {found[0]}{more}")
    targets = {
        f.target: find_target(paths, f.target, org_scoped=resource.org_scoped)
        for f in resource.refs
        if f.target
    }
    env = environment()
    ctx = context(paths, resource, targets)

    def render(template: str) -> str:
        return env.get_template(template).render(ctx)

    names = resource.names
    result = Plan()
    backend(result, paths, resource, targets, render)
    if paths.has_dashboard:
        frontend(result, paths, resource, targets, render, env, ctx)
    for path in result.created:
        if path.exists():
            raise SpecError(f"{path.relative_to(root)} exists already")
    assert names  # every name was checked by collisions()
    return result


def backend(
    result: Plan, paths: Paths, resource: Resource, targets: dict[str, Target], render: Any
) -> None:
    names = resource.names
    kinds = {f.kind for f in resource.fields}
    models = edits.append(paths.models.read_text(), render("models.py.j2"))
    file = "backend/app/models.py"
    if "date" in kinds:
        models = edits.add_python_import(models, "datetime", ["date"], file=file)
    if "enum" in kinds:
        models = edits.add_python_import(models, "enum", ["StrEnum"], file=file)
    # Every resource's table has an index on (its owner, created_at) at least.
    sqlalchemy_names = ["Index"]
    sqlalchemy_names += [n for n, k in (("String", "enum"), ("Text", "text")) if k in kinds]
    models = edits.add_python_import(models, "sqlalchemy", sqlalchemy_names, file=file)
    result.change(paths.models, models)

    org = resource.org_scoped
    crud = edits.append(paths.crud.read_text(), render("crud_org.py.j2" if org else "crud.py.j2"))
    crud = edits.add_python_import(
        crud,
        "app.models",
        [
            names.cls,
            f"{names.cls}Create",
            f"{names.cls}Update",
            *(t.cls for t in targets.values() if not t.has_lookup),
        ],
        file="backend/app/crud.py",
    )
    result.change(paths.crud, crud)

    result.change(
        paths.api_main,
        edits.register_router(
            paths.api_main.read_text(), names.plural, file="backend/app/api/main.py"
        ),
    )
    result.created[paths.routes / f"{names.plural}.py"] = render(
        "router_org.py.j2" if org else "router.py.j2"
    )
    result.created[paths.api_tests / f"test_{names.plural}.py"] = render(
        "test_routes_org.py.j2" if org else "test_routes.py.j2"
    )
    # region capability: organizations
    if org:
        add_organization_parts(result, paths, resource, render)
    # endregion capability: organizations

    enum_classes = [values.enum_class(resource, f) for f in resource.enums]
    factories = edits.append(paths.factories.read_text(), render("factory.py.j2"))
    factories = edits.add_python_import(
        factories,
        "app.models",
        [names.cls, f"{names.cls}Create", *enum_classes, *(t.cls for t in targets.values())],
        file="backend/tests/factories.py",
    )
    if "date" in kinds:
        factories = edits.add_python_import(
            factories, "datetime", ["date"], file="backend/tests/factories.py"
        )
    result.change(paths.factories, factories)

    file = "backend/tests/test_request_bodies.py"
    bodies = edits.insert_before_line(
        paths.request_bodies.read_text(),
        r"^\]  # fmt: skip$",
        render("rules.py.j2"),
        file=file,
        what="the end of RULES",
    )
    bodies = edits.add_python_import(
        bodies, "app.models", [f"{names.cls}Create", f"{names.cls}Update", *enum_classes], file=file
    )
    result.change(paths.request_bodies, bodies)


def frontend(
    result: Plan,
    paths: Paths,
    resource: Resource,
    targets: dict[str, Target],
    render: Any,
    env: jinja2.Environment,
    ctx: dict[str, Any],
) -> None:
    names = resource.names
    components = paths.components / names.plural_cls
    result.created.update(
        {
            paths.queries / f"{names.kebab}.ts": render(
                "queries_org.ts.j2" if resource.org_scoped else "queries.ts.j2"
            ),
            paths.pages / f"{names.kebab}.tsx": render(
                "page_org.tsx.j2" if resource.org_scoped else "page.tsx.j2"
            ),
            components / f"Add{names.cls}Button.tsx": render("AddButton.tsx.j2"),
            components / f"Edit{names.cls}Button.tsx": render("EditButton.tsx.j2"),
            components / f"Delete{names.cls}Button.tsx": render("DeleteButton.tsx.j2"),
            components / f"{names.cls}Form.tsx": render("Form.tsx.j2"),
            components / f"{names.plural_cls}Table.tsx": render("Table.tsx.j2"),
            paths.e2e / f"{names.kebab}.spec.ts": render("e2e.spec.ts.j2"),
            paths.e2e / "support" / f"{names.kebab}.ts": render("e2e_support.ts.j2"),
        }
    )
    file = "frontend/src/components/Layout/nav-items.ts"
    nav = edits.add_ts_named_import(paths.nav_items.read_text(), "lucide-react", "List", file=file)
    nav = edits.add_nav_item(
        nav, f"{{ to: '/{names.kebab}', label: '{names.plural_title}', icon: List }}", file=file
    )
    result.change(paths.nav_items, nav)

    scan = edits.add_accessibility_check(
        paths.accessibility_spec.read_text(),
        f"'/{names.kebab}': {{ ready: heading('{names.plural_title}') }}",
        file="frontend/e2e/accessibility.spec.ts",
    )
    if scan is not None:
        result.change(paths.accessibility_spec, scan)

    for target in targets.values():
        if not target.has_options_query:
            template = "options_query_org.ts.j2" if target.org_scoped else "options_query.ts.j2"
            text = env.get_template(template).render({**ctx, "t": target})
            result.change(target.module, edits.append(result.current(target.module), text))
