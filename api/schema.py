"""Image and document root fields that only list public media (core.visibility),
filtered before grapple's search, order and limit.

grapple's own check skips images in a child collection of a restricted one, and
its filter cannot be combined with `searchQuery` on the database search backend.
Registered after grapple's own, these replace them (see api.wagtail_hooks).
"""

from grapple.helpers import register_graphql_schema
from grapple.types.documents import DocumentsQuery as GrappleDocumentsQuery
from grapple.types.images import ImagesQuery as GrappleImagesQuery
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core.visibility import public

from .listing import public_list


@register_graphql_schema
class ImagesQuery(GrappleImagesQuery()):
    def resolve_image(parent, info, id=None, **kwargs):
        if id is None:
            return None
        images = public(get_image_model().objects.prefetch_renditions())
        return images.filter(pk=id).first()

    def resolve_images(parent, info, **kwargs):
        return public_list(get_image_model().objects.prefetch_renditions(), info, **kwargs)


@register_graphql_schema
class DocumentsQuery(GrappleDocumentsQuery()):
    def resolve_document(parent, info, id=None, **kwargs):
        if id is None:
            return None
        return public(get_document_model().objects.all()).filter(pk=id).first()

    def resolve_documents(parent, info, **kwargs):
        return public_list(get_document_model().objects.all(), info, **kwargs)
