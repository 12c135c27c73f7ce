"""What a resource is made of, read from the command line: its name and its
fields. Pure functions, no file access: the generator's checks against the
repository live in repo.py."""

import keyword
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["str", "text", "int", "bool", "date", "enum", "ref"]
# Who a row belongs to: the user who created it ("owned"), or a group whose
# members reach it through their role's permissions ("org").
Scope = Literal["owned", "org"]
KINDS: tuple[Kind, ...] = ("str", "text", "int", "bool", "date", "enum", "ref")

# The range of PostgreSQL's `integer`: a larger value would reach the
# database and fail there instead of being refused with a 422.
INT_MIN, INT_MAX = -2_147_483_648, 2_147_483_647
STR_BOUNDS = (1, 255)
TEXT_BOUNDS = (0, 10_000)
NAME = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
ENUM_VALUE = re.compile(r"[a-z][a-z0-9_]*")
# Names the generated code already uses on every resource, or that would
# shadow what the models and handlers rely on.
RESERVED_FIELDS = {
    *("id", "owner_id", "created_at", "owner", "data", "count", "model_config"),
    *("owner_email", "access", "mine"),
    # region capability: organizations
    *("organization_id", "organization", "org_id"),
    # endregion capability: organizations
    *("session", "user", "body", "values", "choice", "headers", "token"),
}
RESERVED_RESOURCES = {
    *("user", "users", "login", "utils", "private", "session", "sessions", "message", "token"),
    *("body", "crud", "router", "skip", "limit", "count", "owner", "values", "choice", "page"),
}
# The resource's camelCase name is a variable in the dashboard's code.
JS_RESERVED = {
    *("arguments", "await", "case", "catch", "const", "debugger", "default", "delete", "do"),
    *("enum", "eval", "export", "extends", "function", "implements", "instanceof", "interface"),
    *("let", "new", "package", "private", "protected", "public", "static", "super", "switch"),
    *("this", "throw", "typeof", "var", "void", "with", "yield"),
}


class SpecError(ValueError):
    """A name or field the generator refuses; the message says which and why."""


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    optional: bool = False
    # Length (str, text) or value (int) limits.
    min: int = 0
    max: int = 0
    values: tuple[str, ...] = ()
    target: str | None = None

    @property
    def column(self) -> str:
        """The attribute and JSON key: a reference is stored as `<name>_id`."""
        return f"{self.name}_id" if self.kind == "ref" else self.name

    @property
    def required(self) -> bool:
        return not self.optional

    @property
    def label(self) -> str:
        return humanise(self.name)


@dataclass(frozen=True)
class Names:
    """Every spelling of a resource's name the generated files use."""

    singular: str
    plural: str

    @property
    def cls(self) -> str:
        return pascal(self.singular)

    @property
    def plural_cls(self) -> str:
        return pascal(self.plural)

    @property
    def camel(self) -> str:
        return camel(self.singular)

    @property
    def plural_camel(self) -> str:
        return camel(self.plural)

    @property
    def kebab(self) -> str:
        return self.plural.replace("_", "-")

    @property
    def kebab_singular(self) -> str:
        return self.singular.replace("_", "-")

    @property
    def table(self) -> str:
        return self.singular

    @property
    def human(self) -> str:
        return self.singular.replace("_", " ")

    @property
    def human_plural(self) -> str:
        return self.plural.replace("_", " ")

    @property
    def title(self) -> str:
        return humanise(self.singular)

    @property
    def plural_title(self) -> str:
        return humanise(self.plural)


@dataclass(frozen=True)
class Resource:
    names: Names
    fields: tuple[Field, ...]
    scope: Scope

    @property
    def org_scoped(self) -> bool:
        return self.scope == "org"

    @property
    def label_field(self) -> Field:
        """The field that names a row in the dashboard (its links and dialogs)."""
        return next(f for f in self.fields if f.kind == "str" and f.required)

    @property
    def refs(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind == "ref")

    @property
    def enums(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind == "enum")


def pascal(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def camel(snake: str) -> str:
    first, *rest = snake.split("_")
    return first + "".join(part.capitalize() for part in rest)


def humanise(snake: str) -> str:
    words = snake.replace("_", " ")
    return words[:1].upper() + words[1:]


def pluralise(singular: str) -> str:
    """English plural of the last word; `--plural` overrides it."""
    head, _, last = singular.rpartition("_")
    if re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    else:
        last += "s"
    return f"{head}_{last}" if head else last


def check_name(name: str, what: str) -> str:
    if not NAME.fullmatch(name):
        raise SpecError(f"{what} {name!r} must be snake_case: lower-case letters, digits and _")
    if keyword.iskeyword(name):
        raise SpecError(f"{what} {name!r} is a Python keyword")
    return name


def parse_names(singular: str, plural: str | None = None) -> Names:
    check_name(singular, "resource name")
    plural = check_name(plural, "plural") if plural else pluralise(singular)
    if plural == singular:
        raise SpecError(f"the plural of {singular!r} must differ from it (give --plural)")
    for name in (singular, plural):
        if camel(name) in JS_RESERVED:
            raise SpecError(f"{name!r} is a reserved word in TypeScript")
        if name in RESERVED_RESOURCES:
            raise SpecError(f"{name!r} is taken by the app's own routes and tables")
    return Names(singular, plural)


def parse_bounds(text: str, kind: str, default: tuple[int, int]) -> tuple[int, int]:
    """`MIN-MAX`, or `MAX` alone (the minimum kept); empty gives the default."""
    if not text:
        return default
    found = re.fullmatch(r"(-?\d+)-(-?\d+)", text) or re.fullmatch(r"(-?\d+)", text)
    if not found:
        raise SpecError(f"{kind} bounds {text!r} must be MIN-MAX or MAX (e.g. {kind}:1-100)")
    low, high = (default[0], int(found[1])) if found.lastindex == 1 else map(int, found.groups())
    if low > high:
        raise SpecError(f"{kind} bounds {text!r}: the minimum is above the maximum")
    return low, high


def parse_field(spec: str) -> Field:
    """`name:kind[:details][?]`, e.g. `title:str:1-255`, `notes:text?`,
    `priority:enum:low,normal,high`, `project:ref:project`."""
    optional = spec.endswith("?")
    body = spec.removesuffix("?")
    name, _, rest = body.partition(":")
    kind_text, _, details = rest.partition(":")
    if not kind_text:
        raise SpecError(f"field {spec!r} needs a type: name:{'|'.join(KINDS)}")
    check_name(name, "field name")
    if kind_text not in KINDS:
        raise SpecError(f"field {spec!r}: unknown type {kind_text!r} (one of {', '.join(KINDS)})")
    kind: Kind = kind_text
    if name in RESERVED_FIELDS or (kind == "ref" and f"{name}_id" in RESERVED_FIELDS):
        raise SpecError(f"field {name!r} is given to every resource already")
    if kind == "str":
        low, high = parse_bounds(details, "str", STR_BOUNDS)
        if low < 0:
            raise SpecError(f"field {spec!r}: a length cannot be negative")
        return Field(name, kind, optional, low, high)
    if kind == "text":
        low, high = parse_bounds(details, "text", TEXT_BOUNDS)
        if low < 0:
            raise SpecError(f"field {spec!r}: a length cannot be negative")
        return Field(name, kind, optional, low, high)
    if kind == "int":
        low, high = parse_bounds(details, "int", (INT_MIN, INT_MAX))
        if low < INT_MIN or high > INT_MAX:
            raise SpecError(f"field {spec!r}: bounds must lie within {INT_MIN}..{INT_MAX}")
        return Field(name, kind, optional, low, high)
    if kind == "enum":
        values = tuple(v for v in details.split(",") if v)
        if not values:
            raise SpecError(f"field {spec!r}: list the values, e.g. {name}:enum:low,normal,high")
        for value in values:
            if not ENUM_VALUE.fullmatch(value):
                raise SpecError(f"field {spec!r}: value {value!r} must be snake_case")
        if len(set(values)) != len(values):
            raise SpecError(f"field {spec!r}: a value is listed twice")
        return Field(name, kind, optional, values=values)
    if kind == "ref":
        if not details:
            raise SpecError(
                f"field {spec!r}: name the resource it points to, e.g. {name}:ref:project"
            )
        return Field(name, kind, optional, target=check_name(details, "referenced resource"))
    if details:
        raise SpecError(f"field {spec!r}: {kind} takes no details")
    return Field(name, kind, optional)


SCOPE_MISSING = (
    "say whose rows these are: --owned (each user's own)"
    # region capability: organizations
    " or --org-scoped (an organization's)"
    # endregion capability: organizations
    "; development.md says what to change by hand for shared data"
)


def parse_scope(*, owned: bool, org_scoped: bool) -> Scope:
    flags: tuple[tuple[Scope, bool], ...] = (("owned", owned), ("org", org_scoped))
    given = [scope for scope, flag in flags if flag]
    if len(given) > 1:
        raise SpecError("give one scope, not both: a row belongs to one or the other")
    if not given:
        raise SpecError(SCOPE_MISSING)
    return given[0]


def parse_resource(
    name: str,
    field_specs: list[str],
    *,
    owned: bool,
    org_scoped: bool = False,
    plural: str | None = None,
) -> Resource:
    names = parse_names(name, plural)
    scope = parse_scope(owned=owned, org_scoped=org_scoped)
    fields = tuple(parse_field(spec) for spec in field_specs)
    columns = [f.column for f in fields]
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        raise SpecError(f"field {duplicates[0]!r} is given twice")
    if not any(f.kind == "str" and f.required for f in fields):
        raise SpecError(
            "give at least one required str field (e.g. name:str:1-100): "
            "the first one names each row in the dashboard"
        )
    for field in fields:
        if field.kind == "ref" and field.target == names.singular:
            raise SpecError(f"field {field.name!r}: a resource cannot reference itself yet")
    return Resource(names, fields, scope)
