"""What the repository already holds: the names a new resource would collide
with, and what a reference needs from the resource it points to. Reads only."""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from devtools.new_resource.spec import Resource, SpecError, camel, pascal


@dataclass(frozen=True)
class Paths:
    """Where each file of a resource lives, under the repository's root."""

    root: Path

    @property
    def backend(self) -> Path:
        return self.root / "backend"

    @property
    def frontend(self) -> Path:
        return self.root / "frontend"

    @property
    def has_dashboard(self) -> bool:
        """A project generated without the dashboard has no frontend/: its
        resources are the API's alone (no pages, client, route tree or browser test)."""
        return self.frontend.is_dir()

    @property
    def models(self) -> Path:
        return self.backend / "app" / "models.py"

    @property
    def crud(self) -> Path:
        return self.backend / "app" / "crud.py"

    @property
    def api_main(self) -> Path:
        return self.backend / "app" / "api" / "main.py"

    @property
    def routes(self) -> Path:
        return self.backend / "app" / "api" / "routes"

    @property
    def versions(self) -> Path:
        return self.backend / "app" / "alembic" / "versions"

    @property
    def factories(self) -> Path:
        return self.backend / "tests" / "factories.py"

    @property
    def request_bodies(self) -> Path:
        return self.backend / "tests" / "test_request_bodies.py"

    # region capability: organizations
    @property
    def permissions(self) -> Path:
        return self.backend / "app" / "organizations" / "permissions.py"

    @property
    def matrix(self) -> Path:
        return self.backend / "tests" / "organizations" / "test_authorization_matrix.py"

    @property
    def world(self) -> Path:
        return self.backend / "tests" / "organizations" / "world.py"

    # endregion capability: organizations

    @property
    def api_tests(self) -> Path:
        return self.backend / "tests" / "api" / "routes"

    @property
    def queries(self) -> Path:
        return self.frontend / "src" / "queries"

    @property
    def pages(self) -> Path:
        return self.frontend / "src" / "routes" / "_layout"

    @property
    def components(self) -> Path:
        return self.frontend / "src" / "components"

    @property
    def nav_items(self) -> Path:
        return self.components / "Layout" / "nav-items.ts"

    @property
    def e2e(self) -> Path:
        return self.frontend / "e2e"

    @property
    def accessibility_spec(self) -> Path:
        return self.e2e / "accessibility.spec.ts"


@dataclass(frozen=True)
class ModelClass:
    name: str
    table: str | None
    fields: dict[str, str]


@dataclass(frozen=True)
class Target:
    """A resource a reference points to, as the generated code needs it."""

    singular: str
    cls: str
    label: str
    # The dashboard's query module that lists the resource (None without a dashboard).
    query_module: Path | None
    keys: str
    options_query: str
    list_function: str | None
    has_options_query: bool
    # crud.py's function that says whose a row is (`<singular>_owner` for a
    # user's own rows): what the references' check calls.
    has_lookup: bool
    org_scoped: bool

    @property
    def human(self) -> str:
        return self.singular.replace("_", " ")

    @property
    def camel(self) -> str:
        return camel(self.singular)

    @property
    def module(self) -> Path:
        if self.query_module is None:
            raise SpecError(f"{self.singular} has no query module: the project has no dashboard")
        return self.query_module

    @property
    def kebab_module(self) -> str:
        return self.module.stem

    @property
    def human_plural(self) -> str:
        return self.module.stem.replace("-", " ")


def model_classes(source: str) -> dict[str, ModelClass]:
    """Every class of models.py, with its table name (None unless table=True)
    and its annotated fields (annotation as written)."""
    classes: dict[str, ModelClass] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        is_table = any(
            k.arg == "table" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in node.keywords
        )
        table = node.name.lower() if is_table else None
        fields: dict[str, str] = {}
        for statement in node.body:
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                fields[statement.target.id] = ast.unparse(statement.annotation)
            if (
                is_table
                and isinstance(statement, ast.Assign)
                and any(
                    isinstance(t, ast.Name) and t.id == "__tablename__" for t in statement.targets
                )
                and isinstance(statement.value, ast.Constant)
            ):
                table = str(statement.value.value)
        classes[node.name] = ModelClass(node.name, table, fields)
    return classes


def defines_function(source: str, name: str) -> bool:
    return re.search(rf"^(async )?def {re.escape(name)}\(", source, re.MULTILINE) is not None


def new_class_names(resource: Resource) -> list[str]:
    names = resource.names
    classes = [f"{names.cls}{suffix}" for suffix in ("", "Base", "Create", "Update", "Public")]
    classes.append(f"{names.plural_cls}Public")
    classes += [enum_class(resource, f.name) for f in resource.enums]
    return classes


def enum_class(resource: Resource, field: str) -> str:
    return resource.names.cls + pascal(field)


def collisions(paths: Paths, resource: Resource) -> list[str]:
    """Everything of the new resource that exists already, one line each."""
    names = resource.names
    found: list[str] = []
    models = paths.models.read_text()
    classes = model_classes(models)
    for cls in new_class_names(resource):
        if cls in classes:
            found.append(f"class {cls} exists in backend/app/models.py")
    tables = {c.table: c.name for c in classes.values() if c.table}
    if names.table in tables:
        found.append(f"table {names.table!r} exists (class {tables[names.table]})")
    crud = paths.crud.read_text()
    for function in crud_functions(resource):
        if defines_function(crud, function):
            found.append(f"function {function} exists in backend/app/crud.py")
    if defines_function(paths.factories.read_text(), f"create_{names.singular}"):
        found.append(f"factory create_{names.singular} exists in backend/tests/factories.py")
    if re.search(rf"\b{names.plural}\b", paths.api_main.read_text()):
        found.append(f"backend/app/api/main.py already mentions {names.plural}")
    for router in paths.routes.glob("*.py"):
        if re.search(rf"prefix=\"/{re.escape(names.kebab)}\"", router.read_text()):
            found.append(f"a router serves /{names.kebab} already ({router.name})")
    for path in new_paths(paths, resource):
        if path.exists():
            found.append(f"{path.relative_to(paths.root)} exists")
    if paths.has_dashboard and f"'/{names.kebab}'" in paths.nav_items.read_text():
        found.append(f"the sidebar links /{names.kebab} already")
    return found


def crud_functions(resource: Resource) -> list[str]:
    s, p = resource.names.singular, resource.names.plural
    functions = [f"create_{s}", f"get_{s}", f"list_{p}", f"update_{s}", f"delete_{s}"]
    # region capability: organizations
    if resource.org_scoped:
        return [*functions, f"{p}_with_owners", f"{s}_organization"]
    # endregion capability: organizations
    return [*functions, f"{s}_owner"]


def new_paths(paths: Paths, resource: Resource) -> list[Path]:
    """The files (and one folder) the generator creates; none may exist."""
    names = resource.names
    api = [paths.routes / f"{names.plural}.py", paths.api_tests / f"test_{names.plural}.py"]
    if not paths.has_dashboard:
        return api
    return [
        *api,
        paths.queries / f"{names.kebab}.ts",
        paths.pages / f"{names.kebab}.tsx",
        paths.components / names.plural_cls,
        paths.e2e / f"{names.kebab}.spec.ts",
        paths.e2e / "support" / f"{names.kebab}.ts",
    ]


def find_target(paths: Paths, singular: str, *, org_scoped: bool = False) -> Target:
    """The resource `singular` names, of the same scope as the one pointing
    to it, or a SpecError saying what it lacks for a reference to point to it."""
    classes = model_classes(paths.models.read_text())
    table = next((c for c in classes.values() if c.table == singular), None)
    if table is None:
        raise SpecError(f"no table {singular!r} in backend/app/models.py to reference")
    if "owner_id" not in table.fields:
        raise SpecError(
            f"{table.name} has no owner_id: a reference must point to an owner-scoped resource"
        )
    # region capability: organizations
    if "organization_id" in table.fields and not org_scoped:
        raise SpecError(
            f"{table.name} belongs to organizations: a user's own resource cannot point to it"
        )
    if org_scoped and "organization_id" not in table.fields:
        raise SpecError(
            f"{table.name} has no organization_id: an organization's resource points only to "
            "rows of the same organization"
        )
    # endregion capability: organizations
    if not defines_function(paths.factories.read_text(), f"create_{singular}"):
        raise SpecError(f"backend/tests/factories.py has no create_{singular} for the tests")
    keys = f"{camel(singular)}Keys"
    options_query = f"{camel(singular)}OptionsQuery"
    base = classes.get(f"{table.name}Base")
    fields = base.fields if base else table.fields
    label = next((name for name, annotation in fields.items() if annotation == "str"), "id")
    lookup = f"{singular}_owner"
    # region capability: organizations
    if org_scoped:
        lookup = f"{singular}_organization"
    # endregion capability: organizations
    has_lookup = defines_function(paths.crud.read_text(), lookup)
    module: Path | None = None
    list_function: str | None = None
    has_options = False
    if paths.has_dashboard:
        module, list_function, has_options = query_module(paths, keys, options_query)
    return Target(
        singular,
        table.name,
        label,
        module,
        keys,
        options_query,
        list_function,
        has_options,
        has_lookup,
        org_scoped,
    )


def query_module(paths: Paths, keys: str, options_query: str) -> tuple[Path, str | None, bool]:
    """The dashboard's module exporting `keys`, the list function an options
    query would be built from (None when it has one), and whether it has one."""
    module = next(
        (m for m in sorted(paths.queries.glob("*.ts")) if f"export const {keys} " in m.read_text()),
        None,
    )
    if module is None:
        raise SpecError(f"no module in frontend/src/queries exports {keys} for the form's picker")
    source = module.read_text()
    if f"export function {options_query}(" in source:
        return module, None, True
    listing = re.search(r"\b(\w+Read" + pascal(module.stem.replace("-", "_")) + r")\b", source)
    if listing is None or "queryOptions" not in source:
        raise SpecError(
            f"{module.relative_to(paths.root)} has no {options_query} and no list query "
            "to build it from"
        )
    return module, listing[1], False
