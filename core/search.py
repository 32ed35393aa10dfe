"""Search that works in Polish: Wagtail's database search backend, with each word
of a search matched as the start of a word, Polish letters or not.

PostgreSQL has no Polish dictionary of its own, and we install none. Instead:

- the index and the searches use the text search configuration `simple_unaccent`
  (`simple` behind the `unaccent` dictionary, created by core's first migration,
  named by the backend's `SEARCH_CONFIG`): case and Polish letters are ignored,
  "zolw" is "Żółw";
- each word of a search matches the words that begin with it, once it is cut
  back to what Polish endings leave alone (`word_start`): "amaz", "amazonki" and
  "amazonek" all find "Amazonek", "legnica" finds "Legnicy".

On other databases (SQLite) this is Wagtail's database backend unchanged.
"""

import operator
import re
import unicodedata
from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from modelsearch.backends.database import SearchBackend as wagtail_database_backend
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

# Created by core's migration 0001; settings may name another (SEARCH_CONFIG).
SEARCH_CONFIG = "simple_unaccent"
TERM_SEPARATORS = re.compile(r"[\s\-]+")  # as modelsearch splits a search into terms
EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
# Endings of Polish nouns and adjectives (with Polish letters or without), longest first.
ENDINGS = (
    *("ach", "ami", "ego", "emu", "ich", "ych", "imi", "ymi", "owi"),
    *("em", "om", "ów", "ow", "ek", "ie", "ej", "im", "ym"),
    *("a", "ą", "e", "ę", "i", "o", "u", "y"),
)
VOWELS = "aąeęioóuy"
SHORTEST_START = 4


def search_words(query_string):
    """The words of a search, lowercase, without the quotes, commas or asterisks
    around them; punctuation inside a word ("o/Legnica") is left for PostgreSQL's
    parser, which indexed the word whole."""
    text = unicodedata.normalize("NFC", query_string).lower()
    words = (EDGE_PUNCTUATION.sub("", term) for term in TERM_SEPARATORS.split(text))
    return [word for word in words if word]


def word_start(word):
    """What the words found by a search word begin with: the word without its
    Polish ending, and without a "k" after a consonant (amazonka, amazonek;
    legnicki, Legnica), never shorter than four letters. A word that is not all
    letters (a number, "o/legnica") is kept whole."""
    if not word.isalpha():
        return word
    start = next(
        (
            word[: -len(ending)]
            for ending in ENDINGS
            if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_START
        ),
        word,
    )
    if len(start) > SHORTEST_START and start[-1] == "k" and start[-2] not in VOWELS:
        start = start[:-1]
    return start


class WordStartsMixin:
    """Builds a plain-text search as one tsquery of word starts (`'amazon':*`),
    combined with the search's operator. Words of one or two letters ("w", "na")
    must match a whole word: as starts they would match nearly everything."""

    def build_tsquery_content(self, query, config=None, invert=False):
        words = search_words(query.query_string) if isinstance(query, PlainText) else []
        if not words:  # other queries, and searches without a word, as modelsearch has them
            return super().build_tsquery_content(query, config=config, invert=invert)
        lexemes = [Lexeme(word_start(word), prefix=len(word) > 2, invert=invert) for word in words]
        combine = operator.and_ if query.operator == "and" else operator.or_
        return SearchQuery(reduce(combine, lexemes), search_type="raw", config=config)


class PolishSearchQueryCompiler(WordStartsMixin, PostgresSearchQueryCompiler):
    pass


class PolishAutocompleteQueryCompiler(WordStartsMixin, PostgresAutocompleteQueryCompiler):
    pass


class PolishPostgresSearchBackend(PostgresSearchBackend):
    """The PostgreSQL backend with word starts, for searches and for the admin's
    autocomplete alike, and one text search configuration for both."""

    query_compiler_class = PolishSearchQueryCompiler
    autocomplete_query_compiler_class = PolishAutocompleteQueryCompiler

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": SEARCH_CONFIG, **params})
        self.autocomplete_config = self.config


def SearchBackend(params):
    """The backend for the default database, as `wagtail.search.backends.database`
    chooses one (WAGTAILSEARCH_BACKENDS names this module)."""
    if connection.vendor == "postgresql":
        return PolishPostgresSearchBackend(params)
    return wagtail_database_backend(params)
