"""The API policy, applied to every field the GraphQL executor resolves.

Resolvers already ask the database for public objects only (core.visibility);
this middleware is the net under them, for every path grapple resolves by
itself (chooser blocks inside StreamFields, image and document relations,
collections): whatever the public may not see becomes null or drops out of its
list, and a list not yet cut is filtered in SQL before it is. It also caps every
list, serves StreamField `rawValue` as stored data (ids), never as expanded
objects, and counts each field against the request's budget (api.budget). The
one object a private root field returns (a preview, api.private_fields) is its
resolver's decision; what that object leads to passes the net like the rest.
Arguments were checked before the query ran (api.arguments).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, QuerySet
from django.db.models.manager import BaseManager
from grapple.settings import grapple_settings
from wagtail.blocks import ChooserBlock, StreamValue, StructValue, URLBlock
from wagtail.blocks.list_block import ListValue
from wagtail.search.backends.base import BaseSearchResults

from core.safe_html import clean_raw
from core.visibility import audience

from . import budget
from .private_fields import is_private_root

_SCALARS = (str, bytes, int, float, bool)


def stored_value(root):
    """A StreamField block's value as stored: ids for chosen objects, rich text in
    its internal format; never titles or URLs of objects the public may not see."""
    if isinstance(root, StructValue):
        block, value = root.block, root
    elif hasattr(root, "block") and hasattr(root, "value"):
        block, value = root.block, root.value
    else:
        return root
    prepared = clean_raw(block, block.get_prep_value(value))
    return prepared if isinstance(prepared, str) else json.dumps(prepared, cls=DjangoJSONEncoder)


# The object fields of chooser blocks' types (grapple's resolve `.specific` of an
# empty page chooser and fail).
_CHOSEN_OBJECT_FIELDS = {"page", "image", "document", "snippet"}


def _stored_form_served(root, info):
    """Fields answered from the stored value, cleaned: `rawValue`, and the value
    of a URL block (an address is as safe as its scheme)."""
    if info.field_name == "rawValue":
        return True
    return info.field_name == "value" and isinstance(getattr(root, "block", None), URLBlock)


class ApiPolicyMiddleware:
    def resolve(self, next, root, info, **args):
        if (
            info.field_name in _CHOSEN_OBJECT_FIELDS
            and isinstance(getattr(root, "block", None), ChooserBlock)
            and root.value is None
        ):
            return None  # a chooser left empty
        raw = _stored_form_served(root, info)
        result = stored_value(root) if raw else next(root, info, **args)
        budget.current().spend(result)
        if result is None or isinstance(result, _SCALARS) or is_private_root(info):
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
