"""The public schema: grapple's, made honest for the code a portal generates
from it (`schema.graphql`, graphql-codegen).

grapple builds its types from the models; this module takes the built schema
and states what grapple leaves vague, by rules rather than field by field:

- every list is a non-null list of non-null items (a list is empty, never null);
- every object with a database row has a non-null `id` (0 for an object not
  saved yet, which only a preview shows);
- a model field that cannot be empty is non-null, and an optional text left
  blank is `null`, never `""` (the type says so, and the resolver keeps it);
- date-times are given in the site's time zone (Europe/Warsaw) with their offset;
- types nothing can return are left out (grapple's generic `Page`, block types
  no StreamField uses), and so are the page fields no screen needs (`locked`,
  and of the tree only `children` and `ancestors` stay);
- every type, field and argument has a description (api.descriptions).

Views, `make schema` and CI use this schema (`api.public_schema.schema`).
"""

import inspect

from django.apps import apps
from django.db import models
from django.utils import timezone
from graphene.utils.str_converters import to_snake_case
from graphql import (
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    default_field_resolver,
    get_nullable_type,
    is_list_type,
    is_non_null_type,
)
from grapple.registry import registry
from wagtail.fields import StreamField
from wagtail.models import Page

from core.safe_html import clean_served

from .descriptions import describe_field, describe_type, source_classes

PAGE_INTERFACE = "PageInterface"
BLOCK_INTERFACE = "StreamFieldInterface"
# Fields no portal screen needs. Pages: the tree beyond breadcrumbs and menus
# (each repeated on every page type) and grapple's always-null lock flag. Media:
# storage paths and hashes (the URLs are what a portal uses), deprecated aliases.
WITHHELD = {
    PAGE_INTERFACE: {"siblings", "nextSiblings", "previousSiblings", "descendants", "locked"},
    "ImageObjectType": {"file", "fileHash", "src"},
    "ImageRenditionObjectType": {"file", "focalPointKey", "backgroundPositionStyle"},
    "DocumentObjectType": {"file", "fileHash"},
}
# Fields whose resolvers never give null although no model field says so.
NEVER_NULL = {
    (PAGE_INTERFACE, "url"),
    (PAGE_INTERFACE, "canonicalUrl"),
    (PAGE_INTERFACE, "urlPath"),
    (PAGE_INTERFACE, "pageType"),
}
# Text grapple declares required that editors may leave blank.
MAY_BE_BLANK = {(PAGE_INTERFACE, "seoTitle"), ("ImageObjectType", "description")}
TEXT_SCALARS = {"String", "RichText"}


def honest(source):
    """A new schema from grapple's built one (`source`)."""
    kept = kept_types(source)
    classes = source_classes()
    page_types = {name for name in kept if implements(source.type_map[name], PAGE_INTERFACE)}
    for name, graphql_type in source.type_map.items():
        if name.startswith("__") or not isinstance(
            graphql_type, GraphQLObjectType | GraphQLInterfaceType
        ):
            continue
        model = model_of(name, classes)
        is_block = name == BLOCK_INTERFACE or implements(graphql_type, BLOCK_INTERFACE)
        fields = graphql_type.fields
        owner = PAGE_INTERFACE if name in page_types else name
        for withheld in withheld_fields(owner) & set(fields):
            del fields[withheld]
        for field_name, field in fields.items():
            field.type = honest_type(owner, field_name, field, model, is_block)
            if field_name == "id" and not is_block:
                field.resolve = unsaved_as_zero(field.resolve or default_field_resolver)
            if is_text(field.type) and not is_non_null_type(field.type):
                field.resolve = blank_as_null(field.resolve or default_field_resolver)
            elif is_text(field.type) and is_block:
                field.resolve = missing_as_blank(field.resolve or default_field_resolver)
    for name, graphql_type in source.type_map.items():
        if name.startswith("__"):
            continue
        describe_type(name, graphql_type, classes.get(name))
        for field_name, field in getattr(graphql_type, "fields", {}).items():
            if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType):
                describe_field(name, field_name, field, graphql_type.interfaces)
    source.type_map["DateTime"].serialize = in_local_time(source.type_map["DateTime"].serialize)
    # Rich text leaves safe whatever its stored form (core.safe_html).
    rich_text = source.type_map["RichText"]
    rich_text.serialize = served_clean(rich_text.serialize)
    paragraph = source.type_map["RichTextBlock"].fields["value"]
    paragraph.resolve = served_clean(paragraph.resolve or default_field_resolver)
    return GraphQLSchema(
        query=source.query_type,
        types=[source.type_map[name] for name in sorted(kept)],
        directives=source.directives,
        description=source.description,
    )


def withheld_fields(type_name):
    """A site setting is one object per site, asked for by the site: its row
    (absent until an editor saves it) has no id worth giving."""
    settings_types = {graphene_type._meta.name for graphene_type in registry.settings.values()}
    return WITHHELD.get(type_name, set()) | ({"id"} if type_name in settings_types else set())


def honest_type(owner, field_name, field, model, is_block):
    output = field.type
    nullable = get_nullable_type(output)
    if is_list_type(nullable):
        item = get_nullable_type(nullable.of_type)
        return GraphQLNonNull(GraphQLList(GraphQLNonNull(item)))
    if field_name == "id" and not is_block:
        return GraphQLNonNull(nullable)
    if (owner, field_name) in NEVER_NULL:
        return GraphQLNonNull(nullable)
    if (owner, field_name) in MAY_BE_BLANK:
        return nullable  # given as null when blank (blank_as_null)
    if is_non_null_type(output):
        return output  # declared required by its app
    model_field = concrete_field(model, field_name)
    if model_field is not None and not model_field.null and not model_field.blank:
        return GraphQLNonNull(nullable)
    return output


def concrete_field(model, field_name):
    """The model's own column behind a GraphQL field of the same name, if any
    (relations are left alone: their targets are filtered by the public rules)."""
    if model is None:
        return None
    try:
        field = model._meta.get_field(to_snake_case(field_name))
    except Exception:  # noqa: BLE001 (FieldDoesNotExist, or a name that is no field)
        return None
    if not getattr(field, "concrete", False) or field.is_relation:
        return None
    return field


def is_text(graphql_type):
    return getattr(get_nullable_type(graphql_type), "name", None) in TEXT_SCALARS


def served_clean(function):
    def cleaned(*arguments, **keywords):
        return clean_served(function(*arguments, **keywords))

    return cleaned


def unsaved_as_zero(resolve):
    """An object never saved (the preview of an "add" form) has no id yet: 0,
    which no saved object has, rather than an error for the whole object."""

    def resolve_unsaved_as_zero(root, info, **arguments):
        value = resolve(root, info, **arguments)
        return 0 if value is None and getattr(root, "pk", 0) is None else value

    return resolve_unsaved_as_zero


def blank_as_null(resolve):
    def resolve_blank_as_null(root, info, **arguments):
        value = resolve(root, info, **arguments)
        return None if value == "" else value

    return resolve_blank_as_null


def missing_as_blank(resolve):
    """A block's required text stored without a value (imported content, a field
    added to a block later) reads as blank rather than failing the whole page."""

    def resolve_missing_as_blank(root, info, **arguments):
        value = resolve(root, info, **arguments)
        return "" if value is None else value

    return resolve_missing_as_blank


def in_local_time(serialize):
    def serialize_in_local_time(value):
        if getattr(value, "tzinfo", None) is not None:
            value = timezone.localtime(value)
        return serialize(value)

    return serialize_in_local_time


def implements(graphql_type, interface_name):
    return any(i.name == interface_name for i in getattr(graphql_type, "interfaces", ()))


def model_of(type_name, classes):
    """The Django model a GraphQL type was made from, if any."""
    if type_name == PAGE_INTERFACE:
        return Page
    source = classes.get(type_name)
    return source if inspect.isclass(source) and issubclass(source, models.Model) else None


def kept_types(source):
    """Every type that implements an interface and can be returned: page types
    of registered page models, and the block types of blocks some StreamField
    uses (grapple registers one per block class Wagtail has)."""
    used_blocks = {block_type_name(block) for block in blocks_in_use()}
    page_types = {
        graphene_type._meta.name
        for model, graphene_type in registry.pages.items()
        if inspect.isclass(model) and issubclass(model, Page)
    }
    kept = set()
    for name, graphql_type in source.type_map.items():
        if not isinstance(graphql_type, GraphQLObjectType) or not graphql_type.interfaces:
            continue
        if implements(graphql_type, PAGE_INTERFACE) and name not in page_types:
            continue
        if implements(graphql_type, BLOCK_INTERFACE) and name not in used_blocks:
            continue
        kept.add(name)
    return kept


def blocks_in_use():
    """Every block of every StreamField of every model, nested ones included."""
    seen = []
    pending = [
        block
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField)
        for block in field.stream_block.child_blocks.values()
    ]
    while pending:
        block = pending.pop()
        if any(block is known for known in seen):
            continue
        seen.append(block)
        pending.extend(getattr(block, "child_blocks", {}).values())
        if getattr(block, "child_block", None) is not None:
            pending.append(block.child_block)
    return seen


def block_type_name(block):
    """The GraphQL type grapple gives a block (as StreamFieldInterface.resolve_type does)."""
    for block_class in inspect.getmro(type(block)):
        if block_class in registry.streamfield_blocks:
            return registry.streamfield_blocks[block_class]._meta.name
    return registry.streamfield_blocks["generic-block"]._meta.name


def build():
    from grapple.schema import schema as grapple_schema

    public = object.__new__(type(grapple_schema))
    public.__dict__.update(vars(grapple_schema))
    public.graphql_schema = honest(grapple_schema.graphql_schema)
    return public


schema = build()
