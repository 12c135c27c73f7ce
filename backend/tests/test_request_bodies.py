"""Validation of every request body: what the models accept, and that the API
answers 422 (never 500) to anything else.

Valid bodies are generated from each field's documented limits and must pass
the model; invalid ones break exactly one rule (a wrong type, a length out of
bounds, a missing required field, a body that is not an object) and must be
refused with FastAPI's validation error. Arbitrary JSON must never cause a
server error.

Every operation that the OpenAPI document gives a body has rules here, or is
listed in NOT_COVERED with the reason: a new route fails the coverage test
until it is added to one of them.
"""

import json
import re
import uuid
from dataclasses import dataclass
from typing import Any, Literal

import pytest
from httpx import AsyncClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings as app_settings

# region capability: file_storage
from app.files.models import DirectUploadCreate

# endregion capability: file_storage
from app.main import app
from app.models import (
    DeleteAccount,
    EmailRequest,
    # region capability: items
    ItemCreate,
    ItemUpdate,
    # endregion capability: items
    NewPassword,
    PrivateUserCreate,
    Reauthenticate,
    RefreshRequest,
    TokenRequest,
    UpdatePassword,
    UserCreate,
    UserRegister,
    UserUpdate,
    UserUpdateMe,
)

# region capability: organizations
from app.organizations.models import (
    InvitationCreate,
    InvitationToken,
    MemberUpdate,
    OrganizationCreate,
    OrganizationDelete,
    OrganizationUpdate,
    OwnershipTransfer,
    RoleCreate,
    RoleUpdate,
)
from app.organizations.permissions import Permission

# endregion capability: organizations
# region capability: passkeys
from app.signin.passkey_models import (
    PasskeyAssertion,
    PasskeyRegistration,
    PasskeyRename,
    # region capability: two_factor
    PasskeySecondFactor,
    PasskeySecondStep,
    # endregion capability: two_factor
)

# endregion capability: passkeys
# region capability: two_factor
from app.signin.two_factor_models import TwoFactorCode, TwoFactorDisable, TwoFactorLogin

# endregion capability: two_factor
from tests.factories import (
    auth_headers,
    create_user,
    # region capability: organizations
    personal_organization,
    # endregion capability: organizations
)

pytestmark = pytest.mark.whole_app

API = app_settings.API_V1_STR
Caller = Literal["anonymous", "user", "superuser"]
Body = dict[str, Any]


# ---------------------------------------------------------------- field values
def text(min_size: int = 0, max_size: int = 255) -> st.SearchStrategy[str]:
    return st.text(st.characters(codec="utf-8"), min_size=min_size, max_size=max_size)


EMAILS = st.from_regex(r"[a-z0-9]{1,16}@[a-z]{1,12}\.(com|org|net)", fullmatch=True)
PASSWORDS = text(8, 128)
TOKENS = text(1, 512)
FLAGS = st.booleans()
NOT_TEXT = st.one_of(
    st.integers(), st.lists(st.integers(), max_size=2), st.dictionaries(text(0, 3), st.integers())
)
# Strings such as "yes" are booleans to pydantic: only non-strings are wrong.
NOT_A_FLAG = st.one_of(st.lists(st.integers(), max_size=2), st.dictionaries(text(0, 3), FLAGS))
NOT_AN_EMAIL = st.one_of(NOT_TEXT, text(0, 30).filter(lambda s: "@" not in s))
NOT_AN_OBJECT = st.one_of(st.integers(), text(0, 5), st.lists(st.integers(), max_size=3))
# region capability: organizations
UUIDS = st.uuids().map(str)
# Names are stripped of surrounding blanks before their length is checked.
NAMES = text(1, 255).filter(lambda name: name.strip() != "")
ROLE_NAMES = text(1, 64).filter(lambda name: name.strip() != "")
SLUGS = st.from_regex(r"[a-z0-9]{3,20}(-[a-z0-9]{1,10}){0,2}", fullmatch=True)
NOT_A_SLUG = st.one_of(
    st.sampled_from(["Acme Labs", "-acme", "acme-", "a--b", "ab"]),
    st.text("abc", min_size=65, max_size=80),
    NOT_TEXT,
)
# endregion capability: organizations
# region capability: passkeys
PASSKEY_NAMES = text(1, 64).filter(lambda name: name.strip() != "")
# The browser's WebAuthn answer: any object passes the model; py_webauthn judges it.
CREDENTIALS = st.dictionaries(text(0, 12), st.one_of(st.none(), st.integers(), text(0, 20)))
# endregion capability: passkeys
# region capability: organizations
PERMISSIONS = st.lists(st.sampled_from([p.value for p in Permission]), max_size=len(Permission))
NOT_PERMISSIONS = st.one_of(
    st.just(["members:fly"]), text(0, 5), st.lists(st.integers(), min_size=1, max_size=2)
)
# endregion capability: organizations


def too_long(limit: int) -> st.SearchStrategy[str]:
    return text(limit + 1, limit + 20)


def long_words(limit: int) -> st.SearchStrategy[str]:
    """Longer than `limit` even once stripped."""
    return st.text("abc", min_size=limit + 1, max_size=limit + 20)


def optional(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | values


def bodies(required: dict[str, Any], optional_fields: dict[str, Any]) -> st.SearchStrategy[Body]:
    return st.fixed_dictionaries(required, optional=optional_fields)


@dataclass(frozen=True)
class Rules:
    """One request body: its model, where it is sent, and how to break it."""

    model: type[SQLModel]
    method: str
    path: str
    caller: Caller
    valid: st.SearchStrategy[Body]
    wrong_values: dict[str, st.SearchStrategy[Any]]
    required: tuple[str, ...] = ()

    def invalid(self) -> st.SearchStrategy[Any]:
        names = sorted(self.wrong_values)
        one_wrong_field = st.tuples(
            self.valid,
            st.sampled_from(names).flatmap(lambda n: st.tuples(st.just(n), self.wrong_values[n])),
        ).map(lambda pair: {**pair[0], pair[1][0]: pair[1][1]})
        choices = [one_wrong_field, NOT_AN_OBJECT]
        if self.required:
            missing = st.tuples(self.valid, st.sampled_from(self.required)).map(
                lambda pair: {k: v for k, v in pair[0].items() if k != pair[1]}
            )
            choices.append(missing)
        return st.one_of(choices)


ANY_ID = str(uuid.uuid4())
RULES = [
    # region capability: items
    Rules(
        ItemCreate, "POST", "/orgs/{org}/items/", "user",
        bodies({"title": text(1)}, {"description": optional(text())}),
        {"title": st.one_of(st.just(""), too_long(255), NOT_TEXT), "description": too_long(255)},
        ("title",),
    ),
    Rules(
        ItemUpdate, "PUT", f"/orgs/{{org}}/items/{ANY_ID}", "user",
        bodies({}, {"title": optional(text(1)), "description": optional(text())}),
        {"title": st.one_of(st.just(""), too_long(255), NOT_TEXT), "description": too_long(255)},
    ),
    # endregion capability: items
    Rules(
        UserRegister, "POST", "/users/signup", "anonymous",
        bodies({"email": EMAILS, "password": PASSWORDS},
               {"full_name": optional(text()), "return_to": optional(text(0, 2000))}),
        {"email": NOT_AN_EMAIL, "password": st.one_of(text(0, 7), too_long(128), NOT_TEXT),
         "full_name": too_long(255), "return_to": st.one_of(too_long(2000), NOT_TEXT)},
        ("email", "password"),
    ),
    Rules(
        PrivateUserCreate, "POST", "/private/users/", "anonymous",
        bodies({"email": EMAILS, "password": PASSWORDS},
               {"full_name": optional(text()), "is_verified": FLAGS}),
        {"email": NOT_AN_EMAIL, "password": st.one_of(text(0, 7), too_long(128)),
         "is_verified": NOT_A_FLAG},
        ("email", "password"),
    ),
    Rules(
        UserCreate, "POST", "/users/", "superuser",
        bodies({"email": EMAILS}, {"full_name": optional(text()), "password": optional(PASSWORDS),
                                   "is_superuser": FLAGS, "is_active": FLAGS}),
        {"email": NOT_AN_EMAIL, "password": st.one_of(text(0, 7), too_long(128)),
         "is_superuser": NOT_A_FLAG, "is_active": NOT_A_FLAG},
        ("email",),
    ),
    Rules(
        UserUpdate, "PATCH", f"/users/{ANY_ID}", "superuser",
        bodies({}, {"email": optional(EMAILS), "full_name": optional(text()),
                    "password": optional(PASSWORDS), "is_active": optional(FLAGS)}),
        {"email": NOT_AN_EMAIL, "password": st.one_of(text(0, 7), too_long(128)),
         "is_active": NOT_A_FLAG, "full_name": too_long(255)},
    ),
    Rules(
        UserUpdateMe, "PATCH", "/users/me", "user",
        bodies({}, {"full_name": optional(text()), "email": optional(EMAILS),
                    "current_password": optional(text(0, 128))}),
        {"email": NOT_AN_EMAIL, "full_name": too_long(255), "current_password": too_long(128)},
    ),
    Rules(
        UpdatePassword, "PATCH", "/users/me/password", "user",
        bodies({"current_password": text(1, 128), "new_password": PASSWORDS}, {}),
        {"current_password": st.one_of(st.just(""), too_long(128)),
         "new_password": st.one_of(text(0, 7), too_long(128), NOT_TEXT)},
        ("current_password", "new_password"),
    ),
    Rules(
        DeleteAccount, "DELETE", "/users/me", "user",
        bodies({}, {"current_password": optional(text(0, 128)),
                    "confirmation": optional(text(0, 255))}),
        {"current_password": st.one_of(too_long(128), NOT_TEXT),
         "confirmation": st.one_of(too_long(255), NOT_TEXT)},
    ),
    Rules(
        RefreshRequest, "POST", "/login/refresh", "anonymous",
        bodies({}, {"refresh_token": optional(TOKENS)}),
        {"refresh_token": st.one_of(too_long(512), NOT_TEXT)},
    ),
    Rules(
        EmailRequest, "POST", "/password-recovery", "anonymous",
        bodies({"email": EMAILS}, {}), {"email": NOT_AN_EMAIL}, ("email",),
    ),
    Rules(
        EmailRequest, "POST", "/users/verify-email/resend", "anonymous",
        bodies({"email": EMAILS}, {}), {"email": NOT_AN_EMAIL}, ("email",),
    ),
    Rules(
        NewPassword, "POST", "/reset-password/", "anonymous",
        bodies({"token": TOKENS, "new_password": PASSWORDS}, {}),
        {"token": st.one_of(st.just(""), too_long(512), NOT_TEXT),
         "new_password": st.one_of(text(0, 7), too_long(128))},
        ("token", "new_password"),
    ),
    Rules(
        TokenRequest, "POST", "/users/verify-email", "anonymous",
        bodies({"token": TOKENS}, {}), {"token": st.one_of(st.just(""), too_long(512), NOT_TEXT)},
        ("token",),
    ),
    Rules(
        Reauthenticate, "POST", "/users/me/reauthenticate", "user",
        bodies({}, {
            "password": optional(text(0, 128)),
            # region capability: two_factor
            "code": optional(text(0, 32)),
            # endregion capability: two_factor
        }),
        {
            "password": st.one_of(too_long(128), NOT_TEXT),
            # region capability: two_factor
            "code": st.one_of(too_long(32), NOT_TEXT),
            # endregion capability: two_factor
        },
    ),
    # region capability: magic_links
    Rules(
        EmailRequest, "POST", "/login/magic-link", "anonymous",
        bodies({"email": EMAILS}, {}), {"email": NOT_AN_EMAIL}, ("email",),
    ),
    Rules(
        TokenRequest, "POST", "/login/magic-link/sign-in", "anonymous",
        bodies({"token": TOKENS}, {}), {"token": st.one_of(st.just(""), too_long(512), NOT_TEXT)},
        ("token",),
    ),
    # endregion capability: magic_links
    # region capability: two_factor
    Rules(
        TwoFactorCode, "POST", "/users/me/two-factor/confirm", "user",
        bodies({"code": text(1, 32)}, {}),
        {"code": st.one_of(st.just(""), too_long(32), NOT_TEXT)}, ("code",),
    ),
    Rules(
        TwoFactorDisable, "DELETE", "/users/me/two-factor", "user",
        bodies({"code": text(1, 32)}, {"current_password": optional(text(0, 128))}),
        {"code": st.one_of(st.just(""), too_long(32), NOT_TEXT),
         "current_password": st.one_of(too_long(128), NOT_TEXT)}, ("code",),
    ),
    Rules(
        TwoFactorLogin, "POST", "/login/two-factor", "anonymous",
        bodies({"challenge": text(1, 1024), "code": text(1, 32)}, {}),
        {"challenge": st.one_of(st.just(""), too_long(1024), NOT_TEXT),
         "code": st.one_of(st.just(""), too_long(32), NOT_TEXT)}, ("challenge", "code"),
    ),
    # endregion capability: two_factor
    # region capability: passkeys
    Rules(
        PasskeyRegistration, "POST", "/users/me/passkeys", "user",
        bodies({"name": PASSKEY_NAMES, "credential": CREDENTIALS}, {}),
        {"name": st.one_of(st.just(" "), long_words(64), NOT_TEXT), "credential": NOT_AN_OBJECT},
        ("name", "credential"),
    ),
    Rules(
        PasskeyRename, "PATCH", f"/users/me/passkeys/{ANY_ID}", "user",
        bodies({"name": PASSKEY_NAMES}, {}),
        {"name": st.one_of(st.just(" "), long_words(64), NOT_TEXT)}, ("name",),
    ),
    Rules(
        PasskeyAssertion, "POST", "/login/passkey", "anonymous",
        bodies({"credential": CREDENTIALS}, {}), {"credential": NOT_AN_OBJECT}, ("credential",),
    ),
    Rules(
        PasskeyAssertion, "POST", "/users/me/reauthenticate/passkey", "user",
        bodies({"credential": CREDENTIALS}, {}), {"credential": NOT_AN_OBJECT}, ("credential",),
    ),
    # region capability: two_factor
    Rules(
        PasskeySecondStep, "POST", "/login/two-factor/passkey/options", "anonymous",
        bodies({"challenge": text(1, 1024)}, {}),
        {"challenge": st.one_of(st.just(""), too_long(1024), NOT_TEXT)}, ("challenge",),
    ),
    Rules(
        PasskeySecondFactor, "POST", "/login/two-factor/passkey", "anonymous",
        bodies({"challenge": text(1, 1024), "credential": CREDENTIALS}, {}),
        {"challenge": st.one_of(st.just(""), too_long(1024), NOT_TEXT),
         "credential": NOT_AN_OBJECT}, ("challenge", "credential"),
    ),
    # endregion capability: two_factor
    # endregion capability: passkeys
    # region capability: organizations
    Rules(
        OrganizationCreate, "POST", "/orgs/", "user",
        bodies({"name": NAMES}, {"slug": optional(SLUGS)}),
        {"name": st.one_of(st.just(" "), long_words(255), NOT_TEXT), "slug": NOT_A_SLUG},
        ("name",),
    ),
    Rules(
        OrganizationUpdate, "PATCH", "/orgs/{org}", "user",
        bodies({}, {"name": optional(NAMES), "slug": optional(SLUGS)}),
        {"name": st.one_of(st.just(" "), long_words(255), NOT_TEXT), "slug": NOT_A_SLUG},
    ),
    Rules(
        OrganizationDelete, "DELETE", "/orgs/{org}", "user",
        bodies({"confirmation": text(0, 64)}, {}),
        {"confirmation": st.one_of(too_long(64), NOT_TEXT)},
        ("confirmation",),
    ),
    Rules(
        OwnershipTransfer, "POST", "/orgs/{org}/transfer-ownership", "user",
        bodies({"user_id": UUIDS}, {}), {"user_id": st.one_of(text(0, 5), NOT_TEXT)},
        ("user_id",),
    ),
    Rules(
        MemberUpdate, "PATCH", f"/orgs/{{org}}/members/{ANY_ID}", "user",
        bodies({"role": text(1, 64)}, {}),
        {"role": st.one_of(st.just(""), too_long(64), NOT_TEXT)},
        ("role",),
    ),
    Rules(
        RoleCreate, "POST", "/orgs/{org}/roles/", "user",
        bodies({"name": ROLE_NAMES, "permissions": PERMISSIONS}, {}),
        {"name": st.one_of(st.just(" "), long_words(64), NOT_TEXT), "permissions": NOT_PERMISSIONS},
        ("name", "permissions"),
    ),
    Rules(
        RoleUpdate, "PATCH", f"/orgs/{{org}}/roles/{ANY_ID}", "user",
        bodies({}, {"name": optional(ROLE_NAMES), "permissions": optional(PERMISSIONS)}),
        {"name": st.one_of(st.just(" "), long_words(64), NOT_TEXT), "permissions": NOT_PERMISSIONS},
    ),
    Rules(
        InvitationCreate, "POST", "/orgs/{org}/invitations/", "user",
        bodies({"email": EMAILS}, {"role": st.sampled_from(["admin", "member", "viewer"])}),
        {"email": NOT_AN_EMAIL, "role": st.one_of(st.just(""), too_long(64), NOT_TEXT)},
        ("email",),
    ),
    Rules(
        InvitationToken, "POST", "/invitations/preview", "anonymous",
        bodies({"token": TOKENS}, {}), {"token": st.one_of(st.just(""), too_long(512), NOT_TEXT)},
        ("token",),
    ),
    Rules(
        InvitationToken, "POST", "/invitations/accept", "user",
        bodies({"token": TOKENS}, {}), {"token": st.one_of(st.just(""), too_long(512), NOT_TEXT)},
        ("token",),
    ),
    # endregion capability: organizations
    # region capability: file_storage
    Rules(
        DirectUploadCreate, "POST", f"/orgs/{{org}}/items/{ANY_ID}/attachments/direct", "user",
        bodies({"filename": text(1, 1000), "size": st.integers(1, 10**12),
                "content_type": text(1, 127)}, {}),
        {"filename": st.one_of(st.just(""), too_long(1000), NOT_TEXT),
         "size": st.one_of(st.integers(max_value=0), NOT_AN_OBJECT.filter(
             lambda v: not isinstance(v, int) and not str(v).lstrip("-").isdigit())),
         "content_type": st.one_of(st.just(""), too_long(127), NOT_TEXT)},
        ("filename", "size", "content_type"),
    ),
    # endregion capability: file_storage
]  # fmt: skip
# Bodies these rules leave to other tests, each with the reason.
NOT_COVERED = {
    "POST /login/access-token": "FastAPI's OAuth2 password form, not one of our models: "
    "tests/api/routes/test_login.py covers its fields",
    # region capability: file_storage
    "PUT /users/me/avatar": "the image's bytes, not JSON: tests/files/test_avatars.py "
    "sends it what is not an image, too much of it, and a body cut short",
    "POST /orgs/{id}/items/{id}/attachments/": "the file's bytes, not JSON: "
    "tests/files/test_attachments.py sends it refused types, too much, and a body cut short",
    # endregion capability: file_storage
}


def operation(rules: Rules) -> str:
    return f"{rules.method} {rules.path.replace(ANY_ID, '{id}').replace('{org}', '{id}')}"


IDS = [operation(rules) for rules in RULES]
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | text(0, 20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(text(0, 12), children, max_size=4)
    ),
    max_leaves=12,
)
EXAMPLES = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def documented_bodies() -> dict[str, set[str]]:
    """Each operation of the OpenAPI document that takes a body, named as in IDS
    ("PATCH /users/{id}"), with the names of the schemas its body may take."""
    bodies: dict[str, set[str]] = {}
    for path, methods in app.openapi()["paths"].items():
        any_id_path = re.sub(r"\{[^}]+\}", "{id}", path.removeprefix(API))
        for method, details in methods.items():
            if "requestBody" in details:
                content = json.dumps(details["requestBody"]["content"])
                schemas = re.findall(r'"#/components/schemas/([^"]+)"', content)
                bodies[f"{method.upper()} {any_id_path}"] = set(schemas)
    return bodies


def test_every_operation_with_a_body_has_rules_or_a_reason_not_to() -> None:
    uncovered = sorted(documented_bodies().keys() - set(IDS) - NOT_COVERED.keys())
    assert uncovered == [], "add Rules to RULES for these (or the reason to NOT_COVERED)"


def test_every_rule_is_for_an_operation_the_api_documents() -> None:
    unknown = sorted((set(IDS) | NOT_COVERED.keys()) - documented_bodies().keys())
    assert unknown == [], "these operations take no body, or no longer exist"


@pytest.mark.parametrize("rules", RULES, ids=IDS)
def test_rules_send_the_model_their_operation_documents(rules: Rules) -> None:
    assert rules.model.__name__ in documented_bodies().get(operation(rules), set())


async def request_for(rules: Rules, db: AsyncSession) -> tuple[str, dict[str, str]]:
    """The rules' address, and the headers of a caller of the rules' kind."""
    if rules.caller == "anonymous":
        return API + rules.path, {}
    user = await create_user(db=db, is_superuser=rules.caller == "superuser")
    path = rules.path
    # region capability: organizations
    # `{org}`: the caller's personal organization.
    organization = await personal_organization(db=db, user=user)
    path = path.replace("{org}", str(organization.id))
    # endregion capability: organizations
    return API + path, await auth_headers(db=db, user=user)


@pytest.mark.parametrize("rules", RULES, ids=IDS)
@EXAMPLES
@given(data=st.data())
def test_bodies_within_the_documented_limits_are_accepted(
    rules: Rules, data: st.DataObject
) -> None:
    rules.model.model_validate(data.draw(rules.valid))


@pytest.mark.parametrize("rules", RULES, ids=IDS)
@EXAMPLES
@given(data=st.data())
async def test_bodies_breaking_a_rule_are_refused_with_422(
    rules: Rules, data: st.DataObject, client: AsyncClient, db: AsyncSession
) -> None:
    url, headers = await request_for(rules, db)
    body = data.draw(rules.invalid())
    response = await client.request(rules.method, url, json=body, headers=headers)
    assert response.status_code == 422, response.text
    assert isinstance(response.json()["detail"], list)


@pytest.mark.parametrize("rules", RULES, ids=IDS)
@EXAMPLES
@given(data=st.data())
async def test_arbitrary_json_never_causes_a_server_error(
    rules: Rules, data: st.DataObject, client: AsyncClient, db: AsyncSession
) -> None:
    url, headers = await request_for(rules, db)
    body = data.draw(JSON)
    response = await client.request(rules.method, url, json=body, headers=headers)
    assert response.status_code < 500, response.text
