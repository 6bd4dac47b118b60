"""Sides of speakers: the user's mapping (``--sides``), the shipped side words, and a side inferred from the words of
a speaker's roles (a party word before a nationality, a present office before a past one).

>>> infer_side("Rustem Umerov", "head of the Ukrainian delegation")
('Ukraine', 'ukrainian')
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from ..errors import DataFileError
from ..mentions import Entity
from ..mentions.lexicon import load_sides
from ..mentions.sides import sides_in

_SURROGATE = re.compile("[\ud800-\udfff]")



def read_sides(path: str | Path) -> dict[str, str]:
    """A user's side mapping from JSON (``{"name or word": "side"}``) or TSV (two columns).

    Keys may be speaker names, surnames, or words of a role ("Kyiv"); they
    override the sides the package infers.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "sides.tsv")
    >>> _ = open(path, "w").write("Umerov\\tUkraine\\nKremlin\\tRussia\\n")
    >>> read_sides(path)
    {'Umerov': 'Ukraine', 'Kremlin': 'Russia'}
    >>> _ = open(path, "w").write("Umerov Ukraine\\n")
    >>> read_sides(path)
    Traceback (most recent call last):
    ...
    analysis.errors.DataFileError: sides.tsv, line 1: expected two tab-separated columns (name or word, side), got 'Umerov Ukraine'
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise DataFileError(f"{path}: no such side mapping file; check the path") from error
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"{path}: cannot read the side mapping ({error}); save it as UTF-8 text") from error
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return _sides_from_json(text, path.name)
    return _sides_from_tsv(text, path.name)


def _sides_from_json(text: str, name: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(
            f"{name}: not valid JSON ({error.msg} at line {error.lineno}); write an object like "
            '{"Umerov": "Ukraine", "Kremlin": "Russia"}'
        ) from error
    if not isinstance(data, dict):
        raise DataFileError(f'{name}: expected a JSON object mapping names or words to sides, like {{"Umerov": "Ukraine"}}')
    out = {}
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip() or not str(key).strip():
            raise DataFileError(f"{name}: the side of {key!r} must be a non-empty string, got {value!r}")
        if _SURROGATE.search(key + value):  # half of a UTF-16 pair: no output could write it
            raise DataFileError(f"{name}: {key!r}: {value!r} holds a lone surrogate (a broken \\u escape); fix or remove it")
        out[str(key).strip()] = value.strip()
    return out


def _sides_from_tsv(text: str, name: str) -> dict[str, str]:
    out = {}
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter="\t"), 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in row]
        if len(cells) != 2 or not cells[0] or not cells[1]:
            raise DataFileError(
                f"{name}, line {number}: expected two tab-separated columns (name or word, side), got {chr(9).join(row)!r}"
            )
        if number == 1 and [c.lower() for c in cells] in (["name", "side"], ["word", "side"], ["key", "side"]):
            continue
        out[cells[0]] = cells[1]
    return out


@cache
def load_side_words() -> dict[str, str]:
    """The shipped side words (``data/sides.tsv``): lower-case word or phrase → side.

    >>> load_side_words()["kyiv"], load_side_words()["kremlin"]
    ('Ukraine', 'Russia')
    """
    return {word: side for word, (side, _) in load_sides().items()}


def speaker_slug(name: str) -> str:
    """The id form of a name: lower case ASCII letters and digits joined by hyphens.

    >>> speaker_slug("Heorhii Tykhyi"), speaker_slug("Recep Tayyip Erdoğan"), speaker_slug("the two delegations")
    ('heorhii-tykhyi', 'recep-tayyip-erdogan', 'the-two-delegations')
    """
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    ascii_name = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[^\W_]+", ascii_name)) or "speaker"


def unique_ids(names: list[str]) -> list[str]:
    """A slug per name, made unique by a number where two names share one.

    >>> unique_ids(["Ann Lee", "Ann  Lee", "Bo"])
    ['ann-lee', 'ann-lee-2', 'bo']
    """
    seen: dict[str, int] = {}
    out = []
    for name in names:
        slug = speaker_slug(name)
        seen[slug] = seen.get(slug, 0) + 1
        out.append(slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
    return out


# ---------------------------------------------------------------------------
# Sides


def infer_side(
    name: str,
    role: str | None = None,
    *,
    roles: Sequence[str] = (),
    kind: str = "person",
    sides: Mapping[str, str] | None = None,
    table: Mapping[str, tuple[str, str]] | None = None,
) -> tuple[str | None, str | None]:
    """A speaker's side and the words it was inferred from; the user's mapping wins, None when unknown.

    A party word or tag outranks a nationality ("U.S. Sen. Ted Cruz (R-Texas)"
    is a Republican); a country, capital or institution is its own side.
    ``table`` is the side-word table (default: the shipped one; the
    attribution stage passes the article's, with the demonyms it teaches).

    >>> infer_side("Rustem Umerov", "head of the Ukrainian delegation")
    ('Ukraine', 'ukrainian')
    >>> infer_side("Ted Cruz", roles=["U.S. Sen.", "(R-Texas)"])
    ('Republican Party', '(R-…)')
    >>> infer_side("Kremlin", kind="organisation"), infer_side("Jane Doe", "teacher")
    (('Russia', 'kremlin'), (None, None))
    >>> infer_side("Rustem Umerov", None, sides={"Umerov": "Kyiv team"})
    ('Kyiv team', 'user mapping: Umerov')
    """
    all_roles = [r for r in (role, *roles) if r]
    if sides:
        found = _user_side(name, all_roles, sides)
        if found:
            return found
    table = load_sides() if table is None else table
    key = name.lower().replace("’", "'").removeprefix("the ")
    if kind != "person" and key in table:
        return table[key][0], key
    if kind != "person":  # "Russian Defense Ministry", "Olsk Foreign Ministry": the organisation's own words
        own = [hit for hit in sides_in(name, sides=table) if hit[2] != "party"]  # "… Labour Congress" is no Labour Party
        if own:
            return own[0][0], own[0][1]
    ordered = [r for r in all_roles if not _former(r)] + [r for r in all_roles if _former(r)]  # a past office counts last
    found = [hit for r in ordered for hit in sides_in(r, sides=table)]
    party = next((hit for hit in found if hit[2] == "party"), None)
    if party or found:
        side, evidence, _ = party or found[0]
        return side, evidence
    last = key.split()[-1] if key.split() else key
    if last in table and table[last][1] == "person":
        return table[last][0], last
    return None, None


def _former(role: str) -> bool:
    return role.lower().startswith(("former ", "ex-", "then-", "the former "))


def _user_side(name: str, roles: Sequence[str], sides: Mapping[str, str]) -> tuple[str, str] | None:
    """The user's mapping: a name or surname first, then a word of a role."""
    low_name = name.lower()
    surname = low_name.split()[-1] if low_name.split() else low_name
    for key, value in sides.items():
        if key.lower().strip() in (low_name, surname):
            return value, f"user mapping: {key}"
    words = " ".join([name, *roles]).lower().replace("’", "'")
    for key, value in sides.items():
        k = key.lower().strip()
        if k and re.search(rf"(?<![\w-]){re.escape(k)}(?![\w])", words):
            return value, f"user mapping: {key}"
    return None


def _entity_side(entity: Entity, table: Mapping[str, tuple[str, str]] | None = None) -> str | None:
    """The side an entity's own words give, for the compatibility checks of the sieves."""
    return infer_side(entity.name, roles=entity.roles, kind=entity.kind, table=table)[0]


