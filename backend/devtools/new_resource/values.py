"""Per field type: the Python and TypeScript code each generated file needs
(annotations, Field arguments, sample values, invalid values, strategies).

Values are returned as source text for the templates."""

from devtools.new_resource.spec import Field, Resource, pascal

SAMPLE_DATES = ("2026-01-15", "2026-02-20")
# Hypothesis draws of long strings are slow: valid text is drawn up to this.
DRAWN_TEXT_MAX = 300


def enum_class(resource: Resource, field: Field) -> str:
    return resource.names.cls + pascal(field.name)


def py_type(resource: Resource, field: Field, *, optional: bool = False) -> str:
    base = {
        "str": "str",
        "text": "str",
        "int": "int",
        "bool": "bool",
        "date": "date",
        "enum": enum_class(resource, field) if field.kind == "enum" else "",
        "ref": "uuid.UUID",
    }[field.kind]
    return f"{base} | None" if optional or field.optional else base


def constraints(field: Field) -> list[str]:
    if field.kind in ("str", "text"):
        bounds = [f"min_length={field.min}"] if field.min > 0 else []
        bounds.append(f"max_length={py_int(field.max)}")
        if field.kind == "text":
            bounds.append("sa_type=Text")
        return bounds
    if field.kind == "int":
        return [f"ge={py_int(field.min)}", f"le={py_int(field.max)}"]
    if field.kind == "enum":
        return [f"sa_type=String(length={max(len(v) for v in field.values)})"]
    return []


def py_int(value: int) -> str:
    return f"{value:_}" if abs(value) >= 10_000 else str(value)


def base_field(field: Field) -> str:
    """What follows the annotation in the Base class."""
    arguments = constraints(field)
    if field.kind == "bool" and field.required:
        return " = False"
    if field.optional:
        arguments.insert(0, "default=None")
    if not arguments:
        return ""
    if arguments == ["default=None"]:
        return " = None"
    return f" = Field({', '.join(arguments)})"


def update_field(field: Field) -> str:
    arguments = ["default=None", *(c for c in constraints(field) if not c.startswith("sa_type"))]
    return " = None" if len(arguments) == 1 else f" = Field({', '.join(arguments)})"


def fitting_string(text: str, field: Field) -> str:
    if field.min <= len(text) <= field.max:
        return text
    return "x" * max(field.min, min(field.max, 1))


def sample_value(field: Field, variant: int = 0) -> str | int | bool:
    """A valid value; variants differ from each other."""
    if field.kind == "str":
        return fitting_string(f"{field.label} {variant + 1}", field)
    if field.kind == "text":
        return fitting_string(f"Some {field.label.lower()} ({variant + 1})", field)
    if field.kind == "int":
        return min(max(field.min, 3 + variant), field.max)
    if field.kind == "bool":
        return variant == 0
    if field.kind == "date":
        return SAMPLE_DATES[variant % 2]
    if field.kind == "enum":
        return field.values[-1] if variant else field.values[0]
    raise ValueError("a reference has no literal sample: it needs a row")


def sample(field: Field, variant: int = 0) -> str:
    """A valid value as Python source."""
    return repr(sample_value(field, variant))


def sample_ts(field: Field, variant: int = 0) -> str:
    """A valid value as TypeScript source, as a form's input holds it."""
    value = sample_value(field, variant)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def factory_default(resource: Resource, field: Field) -> str:
    if field.optional:
        return "None"
    if field.kind == "bool":
        return "False"
    if field.kind == "date":
        return "date(2026, 1, 15)"
    if field.kind == "enum":
        return f"{enum_class(resource, field)}.{field.values[0].upper()}"
    if field == resource.label_field:
        words = resource.names.human
        named = f"{'An' if words[:1] in 'aeiou' else 'A'} {words}"
        return repr(fitting_string(named, field))
    return sample(field)


def unused_value(field: Field) -> str:
    candidate = f"not_a_{field.name}"
    while candidate in field.values:
        candidate += "_really"
    return candidate


def invalid_values(field: Field) -> list[tuple[str, str]]:
    """(test id, Python source) of values the API must refuse with a 422."""
    label = field.column
    cases: list[tuple[str, str]] = []
    if field.kind in ("str", "text"):
        if field.min > 0:
            cases.append((f"{label} too short", repr("x" * (field.min - 1))))
        cases.append((f"{label} too long", f'"x" * {field.max + 1}'))
        cases.append((f"{label} not text", '["a"]'))
    elif field.kind == "int":
        cases.append((f"{label} below the minimum", py_int(field.min - 1)))
        cases.append((f"{label} above the maximum", py_int(field.max + 1)))
        cases.append((f"{label} not a whole number", "1.5"))
        cases.append((f"{label} not a number", '"ten"'))
    elif field.kind == "bool":
        cases.append((f"{label} not a boolean", '"maybe"'))
    elif field.kind == "date":
        cases.append((f"{label} not a date", '"next week"'))
        cases.append((f"{label} impossible date", '"2026-13-01"'))
    elif field.kind == "enum":
        cases.append((f"{label} not one of the values", repr(unused_value(field))))
    elif field.kind == "ref":
        cases.append((f"{label} not an id", '"not-an-id"'))
    return cases


def strategy(resource: Resource, field: Field) -> str:
    """A hypothesis strategy of valid values (tests/test_request_bodies.py)."""
    if field.kind in ("str", "text"):
        high = field.max if field.kind == "str" else max(field.min, min(field.max, DRAWN_TEXT_MAX))
        return f"text({field.min}, {py_int(high)})"
    if field.kind == "int":
        return f"st.integers({py_int(field.min)}, {py_int(field.max)})"
    if field.kind == "bool":
        return "FLAGS"
    if field.kind == "date":
        return "st.dates().map(str)"
    if field.kind == "enum":
        return f"st.sampled_from(list({enum_class(resource, field)}))"
    return "st.uuids().map(str)"


def wrong_strategy(field: Field) -> list[str]:
    """Hypothesis strategies of values the API refuses, to pick one of."""
    if field.kind in ("str", "text"):
        choices = []
        if field.min == 1:
            choices.append('st.just("")')
        elif field.min > 1:
            choices.append(f"text(0, {field.min - 1})")
        if field.kind == "str":
            choices.append(f"too_long({field.max})")
        else:
            choices.append(f'st.just("x" * {field.max + 1})')
        return [*choices, "NOT_TEXT"]
    if field.kind == "int":
        return [
            f"st.integers(min_value={py_int(field.max + 1)})",
            f"st.integers(max_value={py_int(field.min - 1)})",
            "st.just(1.5)",
            'st.just("ten")',
        ]
    if field.kind == "bool":
        return ["NOT_A_FLAG"]
    if field.kind == "date":
        return ['st.sampled_from(["next week", "2026-13-01", ""])']
    if field.kind == "enum":
        return [f'st.just("{unused_value(field)}")', "NOT_TEXT"]
    return ["text(0, 8)", "NOT_TEXT"]


def wrong_entry(field: Field, indent: int) -> str:
    """`"column": strategy,` for a Rules table kept by hand (`# fmt: skip`):
    on one line when it fits in 100 characters, else one choice a line."""
    choices = wrong_strategy(field)
    pad = " " * indent
    strategy = choices[0] if len(choices) == 1 else f"st.one_of({', '.join(choices)})"
    line = f'{pad}"{field.column}": {strategy},'
    if len(line) <= 100 or len(choices) == 1:
        return line
    inner = "".join(f"{pad}    {choice},\n" for choice in choices)
    return f'{pad}"{field.column}": st.one_of(\n{inner}{pad}),'
