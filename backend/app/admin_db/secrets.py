"""Which columns the panel must never show or edit, decided by name so that
a new table's secrets are covered without anyone listing them; the panel's
tests check every page of every table against it."""

from typing import Any

from sqlalchemy import inspect

# A column whose name holds one of these holds a secret or a hash of one.
SECRET_WORDS = ("password", "hash", "secret", "token")


def is_secret_column(name: str) -> bool:
    return any(word in name.lower() for word in SECRET_WORDS)


def secret_columns(model: type[Any]) -> list[str]:
    return [column.key for column in inspect(model).columns if is_secret_column(column.key)]


def secret_primary_key(model: type[Any]) -> bool:
    """Whether rows are identified by a secret (a token's hash): such rows
    get no page of their own, since its address would show the key."""
    return any(is_secret_column(column.key) for column in inspect(model).primary_key)
