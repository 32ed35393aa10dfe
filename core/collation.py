"""Polish alphabetical order in the database.

PostgreSQL built with ICU ships the ``pl-x-icu`` collation. SQLite has no Polish
collation, so the same name is registered on each SQLite connection, which lets
``Collate(field, POLISH)`` order "Ł" after "L" and "Ś" after "S" on both.
"""

from django.db.models.functions import Collate

POLISH = "pl-x-icu"

_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}


def polish_sort_key(text):
    """Order letters by the Polish alphabet, case-insensitively; other characters
    (digits, punctuation, foreign letters) sort by code point before letters."""
    folded = text.casefold()
    return (
        [(1, _RANK[ch]) if ch in _RANK else (0, ord(ch)) for ch in folded],
        text,
    )


def _compare(left, right):
    left_key, right_key = polish_sort_key(left), polish_sort_key(right)
    return (left_key > right_key) - (left_key < right_key)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(POLISH, _compare)


def in_polish_order(field_name):
    return Collate(field_name, POLISH)
