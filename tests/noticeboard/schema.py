import graphene
from grapple.helpers import register_graphql_schema
from grapple.registry import registry

from api.pagination import list_arguments, paginate

from .models import Notice


@register_graphql_schema
class NoticesQuery:
    notices = graphene.List(
        graphene.NonNull(lambda: registry.snippets[Notice]),
        required=True,
        description="Published notices.",
        **list_arguments(),
    )

    def resolve_notices(root, info, limit=None, offset=None):
        return paginate(Notice.objects.published().order_by("pk"), limit, offset)


@register_graphql_schema
class CarelessNoticesQuery:
    """A root field written without the public rule: the API's net must still
    filter it, before its limit."""

    notices_as_stored = graphene.List(
        graphene.NonNull(lambda: registry.snippets[Notice]),
        required=True,
        description="Every notice, as stored.",
    )

    def resolve_notices_as_stored(root, info):
        return Notice.objects.order_by("pk")
