"""Rich text as the public sees it: links to pages that are not public, and links
to documents or embedded images in restricted collections, render without their
target (the text stays, the URL and file name do not)."""

from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler

from .visibility import public_collection_members, public_pages


def _public_only(handler, attrs_list, public):
    instances = super(handler, handler).get_many(attrs_list)
    public_ids = set(
        public.filter(pk__in=[i.pk for i in instances if i is not None]).values_list(
            "pk", flat=True
        )
    )
    return [i if i is not None and i.pk in public_ids else None for i in instances]


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        return _public_only(PublicPageLinkHandler, attrs_list, public_pages())


class PublicDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        return _public_only(
            PublicDocumentLinkHandler, attrs_list, public_collection_members(cls.get_model())
        )


class PublicImageEmbedHandler(ImageEmbedHandler):
    @classmethod
    def get_many(cls, attrs_list):
        return _public_only(
            PublicImageEmbedHandler, attrs_list, public_collection_members(cls.get_model())
        )
