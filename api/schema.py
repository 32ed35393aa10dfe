"""Image and document root fields that only list public media (core.visibility),
filtered before grapple's search, order and limit.

grapple's own check skips images in a child collection of a restricted one, and
its filter cannot be combined with `searchQuery` on the database search backend.
Registered after grapple's own, these replace them (see api.wagtail_hooks).
"""

import graphene
from grapple.helpers import register_graphql_schema
from grapple.types.documents import DocumentsQuery as GrappleDocumentsQuery
from grapple.types.documents import get_document_type
from grapple.types.images import ImagesQuery as GrappleImagesQuery
from grapple.types.images import get_image_type
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core.visibility import public

from .arguments import MediaOrder
from .listing import public_list
from .pagination import list_arguments
from .prefetch import prefetch_for_api
from .selection import Selection


def media_list(item_type, description):
    return graphene.List(
        graphene.NonNull(item_type),
        required=True,
        collection=graphene.Argument(graphene.ID, description="Only items of this collection."),
        description=description,
        **list_arguments(search=True, ordering=MediaOrder),
    )


@register_graphql_schema
class ImagesQuery(GrappleImagesQuery()):
    images = media_list(get_image_type, "Images outside restricted collections.")
    image = graphene.Field(get_image_type, id=graphene.ID(required=True))

    def resolve_image(parent, info, id, **kwargs):
        image = public(get_image_model().objects.all()).filter(pk=id).first()
        return prefetch_for_api([image], Selection.of(info))[0] if image else None

    def resolve_images(parent, info, **kwargs):
        return public_list(get_image_model().objects.all(), info, **kwargs)


@register_graphql_schema
class DocumentsQuery(GrappleDocumentsQuery()):
    documents = media_list(get_document_type, "Documents outside restricted collections.")
    document = graphene.Field(get_document_type, id=graphene.ID(required=True))

    def resolve_document(parent, info, id, **kwargs):
        document = public(get_document_model().objects.all()).filter(pk=id).first()
        return prefetch_for_api([document], Selection.of(info))[0] if document else None

    def resolve_documents(parent, info, **kwargs):
        return public_list(get_document_model().objects.all(), info, **kwargs)
