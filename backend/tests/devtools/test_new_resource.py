"""The resource generator: how it reads a command line, and that it refuses,
writing nothing, what it cannot write whole. Files are only written in a
scratch copy of the parts of the repository it changes."""

import shutil

# region capability: organizations
import subprocess
import sys

# endregion capability: organizations
from pathlib import Path

# region capability: organizations
from typing import Any

# endregion capability: organizations
import pytest

from app.core.config import REPO_ROOT
from devtools.new_resource.__main__ import main
from devtools.new_resource.apply import write
from devtools.new_resource.edits import add_nav_item, register_router
from devtools.new_resource.render import plan
from devtools.new_resource.repo import Paths
from devtools.new_resource.spec import (
    INT_MAX,
    INT_MIN,
    Field,
    SpecError,
    parse_field,
    parse_names,
    parse_resource,
    pluralise,
)

# Names no project is likely to use already, since the scratch copies start
# from the repository's own files.
BOARD = "scratch_board"
BOARD_FIELDS = ["name:str:1-100", "description:text?"]
CARD = "scratch_card"
CARD_FIELDS = [
    *("title:str:1-255", "notes:text?", "done:bool", "due:date?", "estimate:int?"),
    *("priority:enum:low,normal,high", f"board:ref:{BOARD}"),
]


def scratch_repo(tmp_path: Path, *, dashboard: bool | None = None) -> Path:
    """The files the generator reads or changes, copied from the repository:
    the dashboard's too when it has one, unless `dashboard` is False."""
    source = Paths(REPO_ROOT)
    copy = Paths(tmp_path / "repo")
    with_dashboard = source.has_dashboard if dashboard is None else dashboard
    files = [
        source.models,
        source.crud,
        source.api_main,
        source.factories,
        source.request_bodies,
        # region capability: organizations
        source.permissions,
        source.matrix,
        source.world,
        # endregion capability: organizations
        *source.routes.glob("*.py"),
    ]
    if with_dashboard:
        files += [
            source.nav_items,
            source.accessibility_spec,
            *source.queries.glob("*.ts"),
            *(source.e2e / "support").glob("*.ts"),
        ]
    for path in files:
        target = copy.root / path.relative_to(source.root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    copy.api_tests.mkdir(parents=True, exist_ok=True)
    if with_dashboard:
        for folder in (copy.pages, copy.components):
            folder.mkdir(parents=True, exist_ok=True)
    return copy.root


def snapshot(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


class TestFieldSpecs:
    @pytest.mark.parametrize(
        ("spec", "field"),
        [
            ("title:str:1-255", Field("title", "str", min=1, max=255)),
            ("title:str", Field("title", "str", min=1, max=255)),
            ("code:str:8", Field("code", "str", min=1, max=8)),
            ("code:str:0-8?", Field("code", "str", optional=True, min=0, max=8)),
            ("notes:text?", Field("notes", "text", optional=True, min=0, max=10_000)),
            ("estimate:int", Field("estimate", "int", min=INT_MIN, max=INT_MAX)),
            ("rating:int:1-5?", Field("rating", "int", optional=True, min=1, max=5)),
            ("offset:int:-10-10", Field("offset", "int", min=-10, max=10)),
            ("done:bool", Field("done", "bool")),
            ("due:date?", Field("due", "date", optional=True)),
            ("level:enum:low,high", Field("level", "enum", values=("low", "high"))),
            ("project:ref:project", Field("project", "ref", target="project")),
            ("project:ref:project?", Field("project", "ref", optional=True, target="project")),
        ],
    )
    def test_a_spec_reads_as_its_field(self, spec: str, field: Field) -> None:
        assert parse_field(spec) == field

    def test_a_reference_is_stored_as_its_name_with_id(self) -> None:
        assert parse_field("project:ref:project").column == "project_id"

    @pytest.mark.parametrize(
        ("spec", "message"),
        [
            ("title", "needs a type"),
            ("title:string", "unknown type 'string'"),
            ("Title:str", "must be snake_case"),
            ("class:str", "Python keyword"),
            ("title:str:10-1", "minimum is above the maximum"),
            ("title:str:a-b", "must be MIN-MAX or MAX"),
            ("title:str:-1-5", "cannot be negative"),
            ("amount:int:0-3000000000", "must lie within"),
            ("level:enum", "list the values"),
            ("level:enum:Low,High", "must be snake_case"),
            ("level:enum:low,low", "listed twice"),
            ("project:ref", "name the resource it points to"),
            ("done:bool:yes", "takes no details"),
            ("id:str", "given to every resource"),
            ("owner:ref:user", "given to every resource"),
        ],
    )
    def test_a_bad_spec_is_refused_with_the_reason(self, spec: str, message: str) -> None:
        with pytest.raises(SpecError, match=message):
            parse_field(spec)


class TestNames:
    @pytest.mark.parametrize(
        ("singular", "plural"),
        [
            ("project", "projects"),
            ("category", "categories"),
            ("day", "days"),
            ("box", "boxes"),
            ("batch", "batches"),
            ("time_entry", "time_entries"),
        ],
    )
    def test_the_plural_adds_s_as_english_does(self, singular: str, plural: str) -> None:
        assert pluralise(singular) == plural

    def test_every_spelling_comes_from_the_snake_case_name(self) -> None:
        names = parse_names("time_entry")
        assert (names.cls, names.plural_cls) == ("TimeEntry", "TimeEntries")
        assert (names.camel, names.plural_camel) == ("timeEntry", "timeEntries")
        assert (names.kebab, names.table) == ("time-entries", "time_entry")

    def test_the_plural_can_be_given(self) -> None:
        assert parse_names("person", "people").plural_cls == "People"

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("Project", "must be snake_case"),
            ("user", "taken by the app"),
            ("delete", "reserved word in TypeScript"),
            ("sheep", "must differ"),
        ],
    )
    def test_a_bad_name_is_refused(self, name: str, message: str) -> None:
        with pytest.raises(SpecError, match=message):
            parse_names(name, "sheep" if name == "sheep" else None)


class TestResources:
    def test_a_resource_needs_a_required_str_field_to_name_its_rows(self) -> None:
        with pytest.raises(SpecError, match="required str field"):
            parse_resource("reading", ["value:int"], owned=True)

    def test_the_first_required_str_field_names_the_rows(self) -> None:
        resource = parse_resource(CARD, ["code:str?", *CARD_FIELDS], owned=True)
        assert resource.label_field.name == "title"

    def test_whose_rows_they_are_must_be_said(self) -> None:
        with pytest.raises(SpecError, match="say whose rows these are: --owned"):
            parse_resource(BOARD, BOARD_FIELDS, owned=False)

    # region capability: organizations
    def test_the_refusal_offers_either_scope(self) -> None:
        with pytest.raises(SpecError, match=r"--owned .* or --org-scoped"):
            parse_resource(BOARD, BOARD_FIELDS, owned=False)

    def test_a_resource_is_either_owned_or_org_scoped_not_both(self) -> None:
        with pytest.raises(SpecError, match="not both"):
            parse_resource(BOARD, BOARD_FIELDS, owned=True, org_scoped=True)

    # endregion capability: organizations

    def test_a_field_given_twice_is_refused(self) -> None:
        with pytest.raises(SpecError, match="given twice"):
            parse_resource(BOARD, [*BOARD_FIELDS, "name:text"], owned=True)

    def test_a_reference_and_a_field_of_the_same_column_are_refused(self) -> None:
        with pytest.raises(SpecError, match="'project_id' is given twice"):
            parse_resource(
                "task", ["title:str", "project:ref:project", "project_id:str"], owned=True
            )


class TestRefusals:
    """Every check runs before the first write: a refusal leaves the files as
    they were."""

    @pytest.mark.parametrize(
        ("name", "fields", "message"),
        [
            ("audit_log", ["title:str"], "audit_log exists already: class AuditLog exists"),
            (CARD, ["title:str", f"board:ref:{BOARD}"], f"no table '{BOARD}'"),
            (CARD, ["title:str", "owner_user:ref:user"], "has no owner_id"),
        ],
    )
    def test_what_cannot_be_written_whole_is_refused(
        self, tmp_path: Path, name: str, fields: list[str], message: str
    ) -> None:
        root = scratch_repo(tmp_path)
        before = snapshot(root)
        with pytest.raises(SpecError, match=message):
            plan(root, parse_resource(name, fields, owned=True))
        assert snapshot(root) == before

    # region capability: organizations
    def test_a_users_own_resource_cannot_point_to_an_organizations(self, tmp_path: Path) -> None:
        root = scratch_repo(tmp_path)
        write(plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=False, org_scoped=True)))
        written = snapshot(root)
        with pytest.raises(SpecError, match="ScratchBoard belongs to organizations"):
            plan(root, parse_resource(CARD, ["title:str", f"board:ref:{BOARD}"], owned=True))
        assert snapshot(root) == written

    # endregion capability: organizations
    def test_the_second_run_for_a_name_is_refused_and_writes_nothing(self, tmp_path: Path) -> None:
        root = scratch_repo(tmp_path)
        write(plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=True)))
        written = snapshot(root)
        with pytest.raises(SpecError, match=f"{BOARD} exists already"):
            plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=True))
        assert snapshot(root) == written

    @pytest.mark.parametrize(
        "existing",
        [
            "backend/app/api/routes/scratch_boards.py",
            # region capability: dashboard
            "frontend/src/routes/_layout/scratch-boards.tsx",
            "frontend/src/queries/scratch-boards.ts",
            "frontend/src/components/ScratchBoards/ScratchBoardsTable.tsx",
            # endregion capability: dashboard
        ],
    )
    def test_any_file_of_the_resource_that_exists_is_refused(
        self, tmp_path: Path, existing: str
    ) -> None:
        root = scratch_repo(tmp_path)
        (root / existing).parent.mkdir(parents=True, exist_ok=True)
        (root / existing).write_text("// someone's own\n")
        before = snapshot(root)
        with pytest.raises(SpecError, match=f"{existing.rsplit('/', 1)[0]}"):
            plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=True))
        assert snapshot(root) == before

    def test_a_table_of_that_name_is_refused_whatever_its_class(self, tmp_path: Path) -> None:
        root = scratch_repo(tmp_path)
        models = Paths(root).models
        models.write_text(
            models.read_text()
            + f'\n\nclass Venture(SQLModel, table=True):\n    __tablename__ = "{BOARD}"\n'
        )
        with pytest.raises(SpecError, match=f"table '{BOARD}' exists"):
            plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=True))

    def test_the_command_says_why_in_one_line_and_exits_non_zero(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        root = scratch_repo(tmp_path)
        before = snapshot(root)
        monkeypatch.setenv("REPO_ROOT", str(root))
        assert main(["audit_log", "title:str", "--owned"]) == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1
        assert error.startswith("new-resource: audit_log exists already")
        assert snapshot(root) == before


class TestPlan:
    # region capability: dashboard
    def test_a_resource_with_a_reference_plans_every_file(self, tmp_path: Path) -> None:
        root = scratch_repo(tmp_path)
        write(plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=True)))
        card_plan = plan(root, parse_resource(CARD, CARD_FIELDS, owned=True))
        created = {str(p.relative_to(root)) for p in card_plan.created}
        assert created == {
            "backend/app/api/routes/scratch_cards.py",
            "backend/tests/api/routes/test_scratch_cards.py",
            "frontend/src/queries/scratch-cards.ts",
            "frontend/src/routes/_layout/scratch-cards.tsx",
            "frontend/src/components/ScratchCards/AddScratchCardButton.tsx",
            "frontend/src/components/ScratchCards/EditScratchCardButton.tsx",
            "frontend/src/components/ScratchCards/DeleteScratchCardButton.tsx",
            "frontend/src/components/ScratchCards/ScratchCardForm.tsx",
            "frontend/src/components/ScratchCards/ScratchCardsTable.tsx",
            "frontend/e2e/scratch-cards.spec.ts",
            "frontend/e2e/support/scratch-cards.ts",
        }
        changed = {str(p.relative_to(root)) for p in card_plan.changed}
        assert {
            "backend/app/models.py",
            "backend/app/crud.py",
            "backend/app/api/main.py",
            "backend/tests/factories.py",
            "backend/tests/test_request_bodies.py",
            "frontend/src/components/Layout/nav-items.ts",
        } <= changed

    # endregion capability: dashboard

    def test_the_table_has_the_snake_case_name(self, tmp_path: Path) -> None:
        root = scratch_repo(tmp_path)
        result = plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=True))
        assert f'__tablename__ = "{BOARD}"' in result.changed[Paths(root).models]

    def test_the_migration_and_client_are_left_to_the_tools(self, tmp_path: Path) -> None:
        root = scratch_repo(tmp_path)
        result = plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=True))
        written = [*result.created, *result.changed]
        assert not [p for p in written if "alembic" in p.parts or "client" in p.parts]


class TestWithoutDashboard:
    """A project generated without the dashboard has no frontend/: a resource is
    its API alone, whatever it references."""

    @pytest.fixture
    def root(self, tmp_path: Path) -> Path:
        return scratch_repo(tmp_path, dashboard=False)

    def test_only_the_backend_is_written(self, root: Path) -> None:
        write(plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=True)))
        card_plan = plan(root, parse_resource(CARD, CARD_FIELDS, owned=True))
        created = {str(p.relative_to(root)) for p in card_plan.created}
        assert created == {
            "backend/app/api/routes/scratch_cards.py",
            "backend/tests/api/routes/test_scratch_cards.py",
        }
        assert all(p.is_relative_to(root / "backend") for p in card_plan.changed)
        assert not Paths(root).frontend.exists()

    # region capability: organizations
    def test_an_organizations_resource_may_reference_another(self, root: Path) -> None:
        write(plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=False, org_scoped=True)))
        fields = ["title:str", f"board:ref:{BOARD}"]
        result = plan(root, parse_resource(CARD, fields, owned=False, org_scoped=True))
        assert all(p.is_relative_to(root / "backend") for p in [*result.created, *result.changed])

    # endregion capability: organizations
    # region capability: items
    def test_an_organizations_resource_may_reference_items(self, root: Path) -> None:
        fields = ["title:str", "item:ref:item"]
        resource = parse_resource("scratch_review", fields, owned=False, org_scoped=True)
        result = plan(root, resource)
        assert "async def item_organization(" in result.current(Paths(root).crud)
        assert all(p.is_relative_to(root / "backend") for p in [*result.created, *result.changed])

    # endregion capability: items

    def test_a_dry_run_lists_no_frontend_file(
        self, root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setenv("REPO_ROOT", str(root))
        assert main([BOARD, *BOARD_FIELDS, "--owned", "--dry-run"]) == 0
        listed = capsys.readouterr().out
        assert "created backend/app/api/routes/scratch_boards.py" in listed
        assert "frontend" not in listed


class TestAddNavItem:
    ENTRY = "{ to: '/projects', label: 'Projects', icon: List }"

    def test_an_entry_goes_at_the_end_of_a_list_on_several_lines(self) -> None:
        source = (
            "const EVERYONE: NavItem[] = [\n"
            "  { to: '/', label: 'Dashboard', icon: Home },\n"
            "  // a comment the list may end with\n"
            "]\n"
        )
        out = add_nav_item(source, self.ENTRY, file="nav-items.ts")
        assert out.endswith(f"  // a comment the list may end with\n  {self.ENTRY},\n]\n")

    def test_an_entry_joins_a_list_the_formatter_put_on_one_line(self) -> None:
        source = "const EVERYONE: NavItem[] = [{ to: '/', label: 'Dashboard', icon: Home }]\n"
        out = add_nav_item(source, self.ENTRY, file="nav-items.ts")
        expected = f"[{{ to: '/', label: 'Dashboard', icon: Home }}, {self.ENTRY}]\n"
        assert out == f"const EVERYONE: NavItem[] = {expected}"

    def test_a_file_without_the_list_is_refused(self) -> None:
        with pytest.raises(SpecError, match="cannot find the EVERYONE list"):
            add_nav_item("const OTHERS = []\n", self.ENTRY, file="nav-items.ts")


class TestRegisterRouter:
    SOURCE = (
        "from app.api.routes import audit_log, login\n\n"
        "api_router.include_router(login.router)\n"
        "api_router.include_router(audit_log.router)\n"
        "if settings.REPORTS_ENABLED:\n"
        "    api_router.include_router(reports.router)\n"
    )

    def test_a_short_import_stays_on_one_line_and_the_router_is_included_unconditionally(
        self,
    ) -> None:
        out = register_router(self.SOURCE, "projects", file="main.py")
        assert out.startswith("from app.api.routes import audit_log, login, projects\n")
        included = "api_router.include_router(audit_log.router)\napi_router.include_router(projects"
        assert included in out

    def test_an_import_past_the_line_length_is_wrapped_and_read_back(self) -> None:
        modules = [f"module_number_{n}" for n in range(8)]
        source = self.SOURCE.replace(
            "audit_log, login", ", ".join(["audit_log", "login", *modules])
        )
        wrapped = register_router(source, "projects", file="main.py")
        assert wrapped.startswith("from app.api.routes import (\n    audit_log,\n")
        again = register_router(wrapped, "zebras", file="main.py")
        assert "    projects,\n" in again
        assert "    zebras,\n)" in again
        assert again.count("from app.api.routes import") == 1


# region capability: organizations
class TestOrganizationResources:
    """An organization's resource adds its permissions to the built-in roles
    (Viewers read, Members add and change their own, Admins anybody's), and
    its routes to the authorization matrix."""

    @pytest.fixture
    def planned(self, tmp_path: Path) -> tuple[Paths, dict[Path, str]]:
        root = scratch_repo(tmp_path)
        resource = parse_resource(BOARD, BOARD_FIELDS, owned=False, org_scoped=True)
        return Paths(root), plan(root, resource).changed

    def test_members_add_and_change_their_own_admins_anybodys_viewers_read(
        self, planned: tuple[Paths, dict[Path, str]]
    ) -> None:
        paths, changed = planned
        module: dict[str, Any] = {}
        exec(compile(changed[paths.permissions], "permissions.py", "exec"), module)  # noqa: S102  # the generated module itself
        roles = {
            role.value: {str(p) for p in held}
            for role, held in module["BUILT_IN_PERMISSIONS"].items()
        }
        prefix = "scratch_boards:"
        ours = {role: {p for p in held if p.startswith(prefix)} for role, held in roles.items()}
        assert ours == {
            "owner": {f"{prefix}{a}" for a in ("read", "write", "delete", "admin")},
            "admin": {f"{prefix}{a}" for a in ("read", "write", "delete", "admin")},
            "member": {f"{prefix}{a}" for a in ("read", "write", "delete")},
            "viewer": {f"{prefix}read"},
        }
        assert set(module["DESCRIPTIONS"]) == set(module["Permission"])

    def test_every_route_gets_a_row_in_the_matrix_and_a_row_in_the_world(
        self, planned: tuple[Paths, dict[Path, str]]
    ) -> None:
        paths, changed = planned
        for route in ("GET /", "POST /", "GET /{id}", "PUT /{id}", "DELETE /{id}"):
            method, rest = route.split(" ")
            key = f"{method} /scratch-boards{rest.replace('{id}', '{scratch_board_id}')}"
            assert f'"{key}": ' in changed[paths.matrix]
        assert 'ids["scratch_board_id"] = ' in changed[paths.world]

    def test_the_roles_are_found_again_once_the_formatter_split_them(self, tmp_path: Path) -> None:
        root = scratch_repo(tmp_path)
        paths = Paths(root)
        write(plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=False, org_scoped=True)))
        ruff = Path(sys.executable).parent / "ruff"
        subprocess.run([ruff, "format", "--quiet", paths.permissions], check=True)
        fields = ["title:str"]
        changed = plan(root, parse_resource(CARD, fields, owned=False, org_scoped=True)).changed
        module: dict[str, Any] = {}
        exec(compile(changed[paths.permissions], "permissions.py", "exec"), module)  # noqa: S102  # the generated module itself
        member = {str(p) for p in module["BUILT_IN_PERMISSIONS"][module["BuiltInRole"].MEMBER]}
        assert {"scratch_boards:write", "scratch_cards:write"} <= member

    def test_a_reference_is_sent_as_the_worlds_row_in_the_matrix(self, tmp_path: Path) -> None:
        root = scratch_repo(tmp_path)
        write(plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=False, org_scoped=True)))
        fields = ["title:str", f"board:ref:{BOARD}"]
        result = plan(root, parse_resource(CARD, fields, owned=False, org_scoped=True))
        matrix = result.changed[Paths(root).matrix]
        assert '"board_id": str(w.ids["scratch_board_id"])' in matrix

    # region capability: items
    def test_a_reference_to_items_adds_what_it_needs_to_them(self, tmp_path: Path) -> None:
        root = scratch_repo(tmp_path)
        paths = Paths(root)
        fields = ["title:str", "item:ref:item"]
        resource = parse_resource("scratch_review", fields, owned=False, org_scoped=True)
        result = plan(root, resource)
        assert "async def item_organization(" in result.current(paths.crud)
        # region capability: dashboard
        items = result.current(paths.queries / "items.ts")
        assert "export function itemOptionsQuery(orgId: string)" in items
        # endregion capability: dashboard
        assert 'str(w.ids["item_id"])' in result.changed[paths.matrix]

    # endregion capability: items

    def test_a_reference_to_a_users_own_resource_is_refused(self, tmp_path: Path) -> None:
        root = scratch_repo(tmp_path)
        write(plan(root, parse_resource(BOARD, BOARD_FIELDS, owned=True)))
        fields = ["title:str", f"board:ref:{BOARD}"]
        with pytest.raises(SpecError, match="no organization_id"):
            plan(root, parse_resource(CARD, fields, owned=False, org_scoped=True))


# endregion capability: organizations
