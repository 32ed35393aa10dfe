"""The API policy, applied to every field the GraphQL executor resolves.

Resolvers already ask the database for public objects only (core.visibility);
this middleware is the net under them, for every path grapple resolves by
itself (chooser blocks inside StreamFields, image and document relations,
collections): whatever the public may not see becomes null or drops out of its
list, and a list not yet cut is filtered in SQL before it is. It also
caps every list, accepts only allowed orderings and image renditions, and
serves StreamField `rawValue` as stored data (ids), never as expanded objects.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, QuerySet
from django.db.models.manager import BaseManager
from graphql import GraphQLError, GraphQLID, get_named_type
from grapple.settings import grapple_settings
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search.backends.base import BaseSearchResults

from core.visibility import audience

from .ordering import validated_ordering

# grapple's nested list fields that take `order`, and what they list.
ORDERED_FIELDS = {
    "children": Page,
    "siblings": Page,
    "nextSiblings": Page,
    "previousSiblings": Page,
    "descendants": Page,
    "ancestors": Page,
    "images": get_image_model(),
    "documents": get_document_model(),
}
# Root fields whose resolvers validate `order` themselves (it depends on other arguments).
SELF_ORDERING_FIELDS = {"pages"}

_SCALARS = (str, bytes, int, float, bool)
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_TERMS = 20


def allowed_filter(spec):
    return spec in (grapple_settings.ALLOWED_IMAGE_FILTERS or ())


def check_src_set(args):
    sizes = args.get("sizes")
    if not sizes:
        raise GraphQLError("srcSet needs `sizes`, e.g. srcSet(sizes: [320, 640]).")
    suffix = f"|format-{args['format']}" if args.get("format") else ""
    refused = [size for size in sizes if not allowed_filter(f"width-{size}{suffix}")]
    if refused:
        raise GraphQLError(
            f"Image width(s) {refused} are not offered. Allowed widths: "
            f"{settings.API_IMAGE_WIDTHS}; formats: {settings.API_IMAGE_FORMATS}."
        )


def check_rendition(args):
    spec = "|".join(f"{key}-{value}" for key, value in args.items() if key != "preserve_svg")
    if not allowed_filter(spec):
        raise GraphQLError(
            f"Image rendition {spec!r} is not offered. Allowed: "
            f"{', '.join(grapple_settings.ALLOWED_IMAGE_FILTERS)}."
        )


def check_arguments(info, args):
    """Variables bypass grapple's PositiveInt literal check, and a non-numeric ID
    (`id`, `parent`, `ancestor`, `collection`…) would reach the database: both are
    clear errors here instead."""
    limit, offset = args.get("limit"), args.get("offset")
    search_query = args.get("search_query")
    if search_query is not None and (
        len(search_query) > MAX_SEARCH_LENGTH or len(search_query.split()) > MAX_SEARCH_TERMS
    ):
        raise GraphQLError(
            f"`searchQuery` is too long: at most {MAX_SEARCH_LENGTH} characters "
            f"and {MAX_SEARCH_TERMS} words."
        )
    if limit is not None and limit < 1:
        raise GraphQLError("`limit` must be a positive number.")
    if offset is not None and offset < 0:
        raise GraphQLError("`offset` cannot be negative.")
    field = info.parent_type.fields.get(info.field_name)
    if not args or field is None:
        return
    for name, argument in field.args.items():
        value = args.get(argument.out_name or name)
        if value is None or get_named_type(argument.type) is not GraphQLID:
            continue
        value = str(value)
        if not (value.isascii() and value.isdigit()):
            raise GraphQLError(f"`{name}` must be a whole number.")


def stored_value(root):
    """A StreamField block's value as stored: ids for chosen objects, rich text in
    its internal format; never titles or URLs of objects the public may not see."""
    if isinstance(root, StructValue):
        block, value = root.block, root
    elif hasattr(root, "block") and hasattr(root, "value"):
        block, value = root.block, root.value
    else:
        return root
    prepared = block.get_prep_value(value)
    return prepared if isinstance(prepared, str) else json.dumps(prepared, cls=DjangoJSONEncoder)


class ApiPolicyMiddleware:
    def resolve(self, next, root, info, **args):
        field = info.field_name
        check_arguments(info, args)
        root_field = info.parent_type.name == "Query"
        if args.get("order") is not None and not (root_field and field in SELF_ORDERING_FIELDS):
            model = ORDERED_FIELDS.get(field)
            if model is None:
                raise GraphQLError(f"`{field}` cannot be ordered.")
            validated_ordering(args["order"], model)
        if field == "srcSet":
            check_src_set(args)
        elif field == "rendition":
            check_rendition(args)
        elif field == "rawValue":
            return stored_value(root)

        result = next(root, info, **args)
        if result is None or isinstance(result, _SCALARS):
            return result
        return self.guard(result, info)

    def guard(self, result, info):
        public = audience()
        if isinstance(result, Model):
            return result if public.allows(result) else None
        if isinstance(result, BaseManager):
            result = result.all()
        if isinstance(result, QuerySet):
            if not result.query.is_sliced:
                # Filtered before it is cut, so that the cut says nothing of what is hidden.
                result = public.filter(result)[: grapple_settings.MAX_PAGE_SIZE]
        elif not isinstance(result, (list, tuple, StreamValue, ListValue, BaseSearchResults)):
            return result
        kept = []
        for item in result:
            if isinstance(item, Model) and not public.allows(item):
                continue
            kept.append(item)
            if len(kept) == grapple_settings.MAX_PAGE_SIZE:
                break
        return kept
