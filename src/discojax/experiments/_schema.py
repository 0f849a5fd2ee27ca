"""Strict validation of configuration tables, with errors that name the file and line.

Every table of a configuration is a :class:`Table`: a frozen pydantic model that forbids
unknown keys, converts nothing (``epochs = "3"`` and ``epochs = 3.0`` are errors, not 3) and
refuses NaN and infinities. :func:`validate` checks a whole TOML document against a schema
and turns pydantic's first complaint into one :class:`~discojax.errors.ConfigError` located
at the offending key's line.

>>> from pydantic import Field, create_model
>>> Training = create_model("Training", __base__=Table, epochs=(int, Field(default=1, gt=0)))
>>> Config = create_model("Config", __base__=Table, training=(Training, Training()))
>>> text = "[training]\\nepochs = 3\\n"
>>> validate(Config, text, "a.toml").training.epochs
3
>>> validate(Config, "[training]\\nepochs = 0\\n", "a.toml")
Traceback (most recent call last):
...
discojax.errors.ConfigError: a.toml:2: training.epochs = 0: input should be greater than 0
>>> validate(Config, "[trainig]\\nepochs = 3\\n", "a.toml")
Traceback (most recent call last):
...
discojax.errors.ConfigError: a.toml:1: unknown table [trainig]; did you mean [training]?
"""

from __future__ import annotations

import difflib
import re
import tomllib
import typing
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from discojax.errors import ConfigError

T = TypeVar("T", bound="Table")


class Table(BaseModel):
    """A table of a configuration file: unknown keys, conversions and NaN are errors.

    >>> class Seeds(Table):
    ...     seeds: tuple[int, ...] = (0,)
    >>> Seeds(seeds=(1, 2)).seeds
    (1, 2)
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)

    @classmethod
    def schema_for(cls, value: Any) -> type[Table]:
        """The schema that validates ``value`` (a subclass chosen by the value, say by name).

        >>> Table.schema_for({}) is Table
        True
        """
        return cls


def freeze(value: Any) -> Any:
    """TOML arrays as tuples, all the way down (tables stay dicts), so configs are immutable.

    >>> freeze({"seeds": [0, 1], "dims": {"n": [2]}})
    {'seeds': (0, 1), 'dims': {'n': (2,)}}
    """
    if isinstance(value, Mapping):
        return {key: freeze(item) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(freeze(item) for item in value)
    return value


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """The TOML document, frozen; a syntax error is a ``ConfigError`` with its line.

    >>> parse_toml("[data\\n", "c.toml")
    Traceback (most recent call last):
    ...
    discojax.errors.ConfigError: c.toml:1: invalid TOML: Expected ']' at the end of a table declaration (at line 1, column 6)
    """
    try:
        return dict(freeze(tomllib.loads(text)))
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None)
        if line is None:  # Python < 3.14 puts the position only in the message
            found = re.search(r"at line (\d+)", str(err))
            line = int(found.group(1)) if found else None
        raise ConfigError(f"invalid TOML: {err}", source, line) from None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")


def key_line(text: str, loc: Sequence[str | int]) -> int | None:
    """The line that defines ``loc`` (a path of table names, array indices and keys) or, if
    that line is absent, its closest enclosing table's.

    >>> text = "[data]\\ntrain = 'a'\\n[[models]]\\nmodel = 'x'\\n[[models]]\\nmodel = 'y'\\n"
    >>> key_line(text, ("data", "train")), key_line(text, ("models", 1, "model"))
    (2, 6)
    >>> key_line(text, ("data", "dev")), key_line(text, ("seeds",)) is None
    (1, True)
    """
    best, best_length = None, 0
    table: tuple[str | int, ...] = ()
    counts: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header, key = _HEADER.match(line), _KEY.match(line)
        if header:
            names = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
            if header.group(1) == "[[":
                counts[names] = counts.get(names, -1) + 1
                table, path = (*names, counts[names]), names
            else:
                table = path = names
            candidates = [table, path]
        elif key:
            parts = tuple(part.strip().strip("\"'") for part in key.group(1).split("."))
            candidates = [(*table, *parts)]
        else:
            continue
        for path in candidates:
            length = len(path)
            if length > best_length and tuple(loc[:length]) == path:
                best, best_length = number, length
    return best


def _known_keys(schema: type[Table], document: Any, path: Sequence[str | int]) -> list[str]:
    """The keys the schema allows in the table at ``path`` of ``document``."""
    current: Any = schema
    value = document
    for step in path:
        if isinstance(value, Mapping) and step in value:
            value = value[step]
        elif isinstance(value, tuple) and isinstance(step, int) and step < len(value):
            value = value[step]
        else:
            value = None
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, Table)):
            return []
        field = current.model_fields.get(step)
        if field is None:
            return []
        current = field.annotation
        for argument in (current, *typing.get_args(current)):  # unwrap X | None, tuple[X, ...]
            if isinstance(argument, type) and issubclass(argument, Table):
                current = argument
                break
    if isinstance(current, type) and issubclass(current, Table):
        return list(current.schema_for(value).model_fields)
    return []


def _message(error: Mapping[str, Any], schema: type[Table], document: Any) -> str:
    loc = [step for step in error["loc"] if not str(step).startswith("function-")]
    table = ".".join(str(step) for step in loc[:-1] if not isinstance(step, int))
    name = str(loc[-1]) if loc else ""
    if error["type"] == "extra_forbidden":
        known = _known_keys(schema, document, loc[:-1])
        close = difflib.get_close_matches(name, known, n=1)
        if not table:
            hint = f"; did you mean [{close[0]}]?" if close else f" (known: {', '.join(known)})"
            return f"unknown table [{name}]{hint}"
        hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
        return f"unknown setting {name!r} in [{table}]{hint}"
    if error["type"] == "missing":
        return f"[{table}] needs {name}" if table else f"missing [{name}] table"
    message = str(error["msg"]).removeprefix("Value error, ")
    message = message[:1].lower() + message[1:]
    if "input" in error and not isinstance(error["input"], Mapping | tuple):
        return f"{'.'.join(map(str, loc))} = {error['input']!r}: {message}"
    return f"{'.'.join(map(str, loc))}: {message}" if loc else message


def validate(schema: type[T], text: str, source: str, document: Any = None) -> T:
    """Check ``text`` (or its parsed ``document``) against ``schema``.

    Raises:
        ConfigError: the first problem, at its key's line, with the number of others.
    """
    document = parse_toml(text, source) if document is None else document
    try:
        return schema.model_validate(document)
    except ValidationError as err:
        errors = err.errors()
        first = errors[0]
        message = _message(first, schema, document)
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more)"
        raise ConfigError(message, source, key_line(text, first["loc"])) from None
