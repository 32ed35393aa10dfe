"""Image and document root fields that only list public media.

grapple's own check skips images in a child collection of a restricted one, and
its filter cannot be combined with `searchQuery` on the database search backend.
"""

from grapple.types.documents import DocumentsQuery as GrappleDocumentsQuery
from grapple.types.images import ImagesQuery as GrappleImagesQuery
from grapple.utils import resolve_queryset
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .visibility import public_collection_members


def ImagesQuery():
    class Mixin(GrappleImagesQuery()):
        def resolve_image(parent, info, id=None, **kwargs):
            if id is None:
                return None
            images = public_collection_members(get_image_model()).prefetch_renditions()
            return images.filter(pk=id).first()

        def resolve_images(parent, info, **kwargs):
            images = public_collection_members(get_image_model()).prefetch_renditions()
            return resolve_queryset(images, info, **kwargs)

    return Mixin


def DocumentsQuery():
    class Mixin(GrappleDocumentsQuery()):
        def resolve_document(parent, info, id=None, **kwargs):
            if id is None:
                return None
            return public_collection_members(get_document_model()).filter(pk=id).first()

        def resolve_documents(parent, info, **kwargs):
            documents = public_collection_members(get_document_model())
            return resolve_queryset(documents, info, **kwargs)

    return Mixin
