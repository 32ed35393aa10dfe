"""The API's input rules: a value that can never be valid is refused before the
query runs, for literals and variables alike (HTTP 400, errors without a
`path`, no `data`), with a message naming the argument.

Two layers, one set of rules:

- scalars whose shape is their own (page size, offset, search text, page types,
  orderings, image widths and crops) refuse bad values while the query is
  validated (literals) or its variables coerced; `schema.graphql` shows them;
- `check_arguments()` walks the operation before it runs, with every argument's
  value as the resolver would get it, and applies what holds for every argument
  of a type (string and list lengths, no control characters, ids that can be
  ids) and what a field says of its own arguments together (`register_check`).

A well-formed value that matches nothing (an unknown slug or id) is not refused:
it finds null or an empty list.
"""

import re
from collections.abc import Callable

import graphene
from django.apps import apps
from django.conf import settings
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLString,
    IntValueNode,
    StringValueNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    visit,
)
from graphql.execution.values import get_argument_values
from grapple.settings import grapple_settings
from wagtail.models import Page

from .ordering import MEDIA_ORDERINGS, PAGE_ORDERINGS

PAGE_TREE_ORDERINGS = PAGE_ORDERINGS

MAX_ID = 2**63 - 1
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def refuse(argument, requirement):
    raise GraphQLError(f"`{argument}` {requirement}")


def text_fault(value):
    """Why a string can never be valid text for an argument, or None."""
    if CONTROL_CHARACTERS.search(value):
        return "cannot contain control characters."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "must be valid text (it holds an unpaired surrogate)."
    return None


# Scalars


class _IntScalar(graphene.Scalar):
    argument = ""

    @staticmethod
    def serialize(value):
        return value

    @classmethod
    def parse_literal(cls, node, _variables=None):
        if not isinstance(node, IntValueNode):
            cls.refuse()
        return cls.parse_value(int(node.value))

    @classmethod
    def parse_value(cls, value):
        if isinstance(value, bool) or not isinstance(value, int):
            cls.refuse()
        if not cls.lowest() <= value <= cls.highest():
            cls.refuse()
        return value

    @classmethod
    def refuse(cls):
        refuse(cls.argument, f"must be a whole number from {cls.lowest()} to {cls.highest()}.")


class PageSize(_IntScalar):
    """How many items a list returns: a whole number from 1 to 100."""

    argument = "limit"

    @staticmethod
    def lowest():
        return 1

    @staticmethod
    def highest():
        return grapple_settings.MAX_PAGE_SIZE


class Offset(_IntScalar):
    """How many items of a list to skip: a whole number from 0 to 100000."""

    argument = "offset"

    @staticmethod
    def lowest():
        return 0

    @staticmethod
    def highest():
        return settings.API_MAX_OFFSET


class _StringScalar(graphene.Scalar):
    argument = ""

    @staticmethod
    def serialize(value):
        return value

    @classmethod
    def parse_literal(cls, node, _variables=None):
        if not isinstance(node, StringValueNode):
            refuse(cls.argument, "must be a string.")
        return cls.parse_value(node.value)

    @classmethod
    def parse_value(cls, value):
        if not isinstance(value, str):
            refuse(cls.argument, "must be a string.")
        if fault := text_fault(value):
            refuse(cls.argument, fault)
        return cls.parse(value)


class SearchQuery(_StringScalar):
    """Words to search for: at most 200 characters and 20 words. Each word
    matches the words that begin with it (on PostgreSQL, with Polish endings and
    letters ignored: "amazonki" finds "Amazonek"); quotes are ignored."""

    argument = "searchQuery"
    MAX_LENGTH = 200
    MAX_WORDS = 20

    @classmethod
    def parse(cls, value):
        if len(value) > cls.MAX_LENGTH or len(value.split()) > cls.MAX_WORDS:
            refuse(
                cls.argument,
                f"is too long: at most {cls.MAX_LENGTH} characters and {cls.MAX_WORDS} words.",
            )
        # Quotes would be phrase syntax to SQLite's index (where an unpaired one
        # raises) and nothing to PostgreSQL's prefix search: one rule, ignored.
        return value.replace('"', " ").strip()


def page_models():
    return [model for model in apps.get_models() if issubclass(model, Page) and model is not Page]


class PageTypes(_StringScalar):
    """Page types as app_label.ModelName, comma-separated (at most 10), e.g.
    "pages.NewsPage,pages.EventPage"."""

    argument = "contentType"

    @classmethod
    def parse(cls, value):
        names = [name.strip() for name in value.split(",") if name.strip()]
        if not names or len(names) > 10:
            refuse(cls.argument, "names one to ten page types, e.g. pages.NewsPage.")
        models = {model._meta.label_lower: model for model in page_models()}
        chosen = []
        for name in names:
            model = models.get(name.lower())
            if model is None:
                known = ", ".join(sorted(model._meta.label for model in models.values()))
                refuse(cls.argument, f"names an unknown page type {name!r}. Page types: {known}.")
            chosen.append(model)
        return tuple(dict.fromkeys(chosen))


class _OrderScalar(_StringScalar):
    argument = "order"

    @classmethod
    def parse(cls, value):
        terms = [term.strip() for term in value.split(",") if term.strip()]
        allowed = cls.allowed()
        if not terms or len(terms) > 3:
            refuse(cls.argument, "takes one to three fields, comma-separated.")
        for term in terms:
            if term.removeprefix("-") not in allowed:
                refuse(
                    cls.argument,
                    f"cannot be {term!r}. Allowed (prefix - to reverse): {', '.join(allowed)}.",
                )
        return ",".join(terms)


class PageOrder(_OrderScalar):
    """Fields to order pages by, comma-separated, prefix - to reverse: title,
    first_published_at, last_published_at, path; with a single contentType also
    that type's own (NewsPage: date; EventPage: start)."""

    @staticmethod
    def allowed():
        own = [name for model in page_models() for name in getattr(model, "api_orderings", ())]
        return tuple(dict.fromkeys([*PAGE_ORDERINGS, *own]))


class MediaOrder(_OrderScalar):
    """Fields to order images or documents by, comma-separated, prefix - to
    reverse: title, created_at."""

    @staticmethod
    def allowed():
        return MEDIA_ORDERINGS


def offered_widths():
    return ", ".join(map(str, settings.API_IMAGE_WIDTHS))


class ImageWidth(_IntScalar):
    """A width the API offers renditions in (API_IMAGE_WIDTHS)."""

    class Meta:
        description = f"A width the API offers renditions in (pixels): {offered_widths()}."

    argument = "width"

    @classmethod
    def parse_value(cls, value):
        if isinstance(value, bool) or value not in settings.API_IMAGE_WIDTHS:
            cls.refuse()
        return value

    @classmethod
    def refuse(cls):
        raise GraphQLError(f"Image widths are those the API offers: {offered_widths()}.")


class ImageFill(_StringScalar):
    """A crop the API offers, as WIDTHxHEIGHT: 400x400, 800x450 or 1200x630."""

    argument = "fill"

    @classmethod
    def parse(cls, value):
        if value not in settings.API_IMAGE_FILLS:
            offered = ", ".join(settings.API_IMAGE_FILLS)
            refuse(cls.argument, f"takes crops the API offers: {offered}.")
        return value


class ImageFormat(graphene.Enum):
    """A file format for renditions (the original's when not given)."""

    WEBP = "webp"
    AVIF = "avif"


class SearchOperator(graphene.Enum):
    """How search words combine: all of them (AND) or any (OR)."""

    AND = "and"
    OR = "or"


# The check before execution

# What holds for every argument of a type; a longer limit where a value needs one.
STRING_LIMITS = {"urlPath": 1024, "path": 1024}


def _check_value(name, value, type_, errors, node):
    if value is None:
        return
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    if isinstance(type_, GraphQLList):
        if len(value) > settings.API_MAX_LIST_ARGUMENT:
            errors.append(
                GraphQLError(
                    f"`{name}` takes at most {settings.API_MAX_LIST_ARGUMENT} items.", node
                )
            )
            return
        for item in value:
            _check_value(name, item, type_.of_type, errors, node)
    elif type_ is GraphQLID:
        text = str(value)
        if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_ID):
            errors.append(
                GraphQLError(f"`{name}` must be a whole number from 1 to {MAX_ID}.", node)
            )
    elif type_ is GraphQLString:
        limit = STRING_LIMITS.get(name, settings.API_MAX_STRING_ARGUMENT)
        if len(value) > limit:
            errors.append(GraphQLError(f"`{name}` is too long: at most {limit} characters.", node))
        elif fault := text_fault(value):
            errors.append(GraphQLError(f"`{name}` {fault}", node))


_field_checks: dict[tuple[str, str], Callable] = {}


def register_check(type_name, field_name):
    """Register `check(arguments) -> message or None` for a field's arguments
    taken together (arguments keyed by their Python names, as resolvers get them)."""

    def register(check):
        _field_checks[(type_name, field_name)] = check
        return check

    return register


class _ArgumentChecker(Visitor):
    def __init__(self, type_info, variables, errors):
        super().__init__()
        self.type_info = type_info
        self.variables = variables
        self.errors = errors

    def enter_field(self, node, *_args):
        field_def = self.type_info.get_field_def()
        if field_def is None:
            return
        try:
            values = get_argument_values(field_def, node, self.variables)
        except GraphQLError as error:
            self.errors.append(error)
            return
        by_out_name = {
            (argument.out_name or name): (name, argument)
            for name, argument in field_def.args.items()
        }
        for out_name, value in values.items():
            name, argument = by_out_name[out_name]
            _check_value(name, value, argument.type, self.errors, node)
        parent = get_named_type(self.type_info.get_parent_type())
        check = _field_checks.get((parent.name, node.name.value))
        if check is None and parent is not None:
            for interface in getattr(parent, "interfaces", ()):
                check = _field_checks.get((interface.name, node.name.value)) or check
        if check is not None:
            message = check(values)
            if message:
                self.errors.append(GraphQLError(message, node))


def name_the_arguments(errors, operation):
    """Variable errors say which variable; say which argument it was given to."""
    usages = {}

    class Usages(Visitor):
        def enter_argument(self, node, *_args):
            def collect(value):
                if value.kind == "variable":
                    usages.setdefault(value.name.value, []).append(node.name.value)
                for child in getattr(value, "values", ()) or ():
                    collect(child)
                for child in getattr(value, "fields", ()) or ():
                    collect(child.value)

            collect(node.value)

    visit(operation, Usages())
    named = []
    for error in errors:
        match = re.match(r"Variable '\$(\w+)'", error.message)
        arguments = usages.get(match.group(1), []) if match else []
        if arguments and not any(f"`{name}`" in error.message for name in arguments):
            names = ", ".join(f"`{name}`" for name in dict.fromkeys(arguments))
            error = GraphQLError(f"{error.message.rstrip('.')} (argument {names}).", error.nodes)
        named.append(error)
    return named


def operation_document(document, operation):
    """The chosen operation with the fragments it spreads, directly or not: what
    will run. (Unused fragments may name variables it does not declare.)"""
    fragments = {d.name.value: d for d in document.definitions if d.kind == "fragment_definition"}
    used, waiting = {}, [operation]

    class Spreads(Visitor):
        def enter_fragment_spread(self, node, *_args):
            name = node.name.value
            if name in fragments and name not in used:
                used[name] = fragments[name]
                waiting.append(fragments[name])

    while waiting:
        visit(waiting.pop(), Spreads())
    return DocumentNode(definitions=[operation, *used.values()])


def check_arguments(schema, document, variables):
    """Errors (without a path) for arguments that can never be valid, given the
    operation's coerced `variables`."""
    errors = []
    type_info = TypeInfo(schema)
    visit(document, TypeInfoVisitor(type_info, _ArgumentChecker(type_info, variables, errors)))
    return errors
