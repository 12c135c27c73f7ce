"""The email templates: committed HTML matches its MJML source, and each
template renders with exactly the variables the backend passes to it."""

import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import jinja2
import jinja2.meta
import pytest

BACKEND_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = BACKEND_DIR.parent
TEMPLATES_DIR = BACKEND_DIR / "app" / "email-templates"
SOURCE_DIR = TEMPLATES_DIR / "src"
BUILD_DIR = TEMPLATES_DIR / "build"
BUILD_SCRIPT = REPO_ROOT / "scripts" / "build-emails.sh"

PROJECT_NAME = "Acme Cloud"
LINK = "https://app.example.com/reset-password?token=abc.DEF-123&lang=en"

# The variables each template receives; the backend code and these contexts
# must agree, which the exact-variables test below enforces.
CONTEXTS: dict[str, dict[str, object]] = {
    "new_account": {
        "project_name": PROJECT_NAME,
        "username": "jane@example.com",
        "full_name": "Jane Doe",
        "link": LINK,
        "has_password": False,
        "valid_hours": 48,
    },
    "reset_password": {
        "project_name": PROJECT_NAME,
        "username": "jane@example.com",
        "link": LINK,
        "valid_hours": 1,
    },
    "verify_email": {
        "project_name": PROJECT_NAME,
        "username": "jane@example.com",
        "link": LINK,
        "valid_hours": 24,
    },
    "email_change_confirm": {
        "project_name": PROJECT_NAME,
        "new_email": "jane.new@example.com",
        "link": LINK,
        "valid_hours": 24,
    },
    "email_changed_notice": {
        "project_name": PROJECT_NAME,
        "username": "jane@example.com",
        "new_email": "jane.new@example.com",
    },
    # region capability: magic_links
    "magic_link": {
        "project_name": PROJECT_NAME,
        "username": "jane@example.com",
        "link": LINK,
        "valid_minutes": 15,
    },
    # endregion capability: magic_links
    "signin_method_changed": {
        "project_name": PROJECT_NAME,
        "username": "jane@example.com",
        "method": "A sign-in method",
        "change": "turned on",
    },
    "password_changed_notice": {
        "project_name": PROJECT_NAME,
        "username": "jane@example.com",
    },
    "account_exists": {
        "project_name": PROJECT_NAME,
        "username": "jane@example.com",
        "login_link": "https://app.example.com/login",
        "recover_link": "https://app.example.com/recover-password",
    },
    "test_email": {
        "project_name": PROJECT_NAME,
        "email": "ops@example.com",
    },
    # region capability: organizations
    "invitation": {
        "project_name": PROJECT_NAME,
        "inviter": "boss@example.com",
        "email": "jane@example.com",
        "organization_name": "Acme Labs",
        "role_name": "Member",
        "link": LINK,
        "valid_days": 7,
    },
    # endregion capability: organizations
}

LINK_VARIABLES = ("link", "login_link", "recover_link")

# The backend renders with autoescaping on: names and addresses come from users.
environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(BUILD_DIR),
    undefined=jinja2.StrictUndefined,
    autoescape=True,
)


def render(name: str, **overrides: object) -> str:
    return environment.get_template(f"{name}.html").render({**CONTEXTS[name], **overrides})


def template_names(directory: Path, suffix: str) -> set[str]:
    return {path.stem for path in directory.glob(f"*{suffix}")}


def test_every_source_has_a_build_file_and_a_known_context() -> None:
    sources = template_names(SOURCE_DIR, ".mjml")
    assert sources == template_names(BUILD_DIR, ".html")
    assert sources == set(CONTEXTS)


def test_build_files_are_what_the_sources_compile_to(tmp_path: Path) -> None:
    if shutil.which("npm") is None:
        reason = "npm is not installed, so the MJML sources cannot be compiled"
        print(reason)
        pytest.skip(reason)
    result = subprocess.run(
        ["bash", str(BUILD_SCRIPT), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert template_names(tmp_path, ".html") == template_names(BUILD_DIR, ".html")
    stale = [
        path.name
        for path in sorted(BUILD_DIR.glob("*.html"))
        if path.read_bytes() != (tmp_path / path.name).read_bytes()
    ]
    assert stale == [], f"stale build files {stale}: run scripts/build-emails.sh"


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_template_uses_exactly_its_documented_variables(name: str) -> None:
    source = (BUILD_DIR / f"{name}.html").read_text(encoding="utf-8")
    used = jinja2.meta.find_undeclared_variables(environment.parse(source))
    assert used == set(CONTEXTS[name])


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_template_shows_project_name_and_every_value(name: str) -> None:
    html = render(name)
    assert f"<title>{PROJECT_NAME}</title>" in html
    for variable, value in CONTEXTS[name].items():
        if isinstance(value, str) and value:
            assert escape(value) in html, variable


@pytest.mark.parametrize(
    ("name", "variable"),
    [(name, var) for name in sorted(CONTEXTS) for var in LINK_VARIABLES if var in CONTEXTS[name]],
)
def test_link_is_a_clickable_href_and_plain_text(name: str, variable: str) -> None:
    url = str(CONTEXTS[name][variable])
    html = render(name)
    assert f'href="{escape(url)}"' in html
    assert f">{escape(url)}</a>" in html


# Anything a mail client could fetch: absolute and protocol-relative URLs.
URL = re.compile(r"(?:https?:)?//[^\s\"'<>)]+")
# Names, not addresses: nothing is fetched from them.
XML_NAMESPACES = {"http://www.w3.org/1999/xhtml"}
OWN_LINKS = "https://app.example.com/"


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_template_fetches_nothing_and_links_only_to_the_project(name: str) -> None:
    """No web fonts, images or stylesheets from elsewhere: mails render
    offline and no third party learns when one is opened."""
    source = (BUILD_DIR / f"{name}.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in source
    assert "@import" not in source
    assert "<link" not in source
    urls = set(URL.findall(render(name))) - XML_NAMESPACES
    assert {url for url in urls if not url.startswith(OWN_LINKS)} == set()


def test_values_are_html_escaped() -> None:
    html = render("new_account", full_name='<script>alert("x")</script>')
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_new_account_without_password_asks_to_choose_one() -> None:
    html = render("new_account", has_password=False, valid_hours=48)
    assert "Set your password" in html
    assert "expires in 48 hours" in html


def test_new_account_with_password_points_to_the_login_page() -> None:
    html = render("new_account", has_password=True, link="https://app.example.com/login")
    assert "Go to the login page" in html
    assert "Set your password" not in html
    assert "expires" not in html


def test_new_account_greets_by_name_only_when_there_is_one() -> None:
    assert "Hello Jane Doe," in render("new_account", full_name="Jane Doe")
    assert "Hello," in render("new_account", full_name="")


def test_new_account_template_cannot_show_a_password() -> None:
    source = (BUILD_DIR / "new_account.html").read_text(encoding="utf-8")
    used = jinja2.meta.find_undeclared_variables(environment.parse(source))
    assert not any("password" in variable and variable != "has_password" for variable in used)


def test_expiry_is_worded_in_singular_for_one_hour() -> None:
    assert "expires in 1 hour " in render("reset_password", valid_hours=1)
    assert "expires in 2 hours " in render("reset_password", valid_hours=2)


def test_email_changed_notice_tells_the_old_address_how_to_react() -> None:
    html = render("email_changed_notice")
    assert "jane.new@example.com" in html
    assert "reset your password" in html.lower()
