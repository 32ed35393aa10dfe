"""Rich text as the public sees it: links to pages that are not public (of
another site included), and links to documents or embedded images in restricted
collections, render without their target (the text stays, the URL and file name
do not). The same handlers serve the API and the HTML pages."""

from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler

from .visibility import audience


def _public_only(attrs_list, public_queryset):
    """The linked objects, in order, None where missing or not public: one query."""
    ids = [str(attrs.get("id")) for attrs in attrs_list]
    found = public_queryset.in_bulk([int(i) for i in ids if i.isascii() and i.isdigit()])
    return [found.get(int(i)) if i.isascii() and i.isdigit() else None for i in ids]


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        return _public_only(attrs_list, audience().pages())


class PublicDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        return _public_only(attrs_list, audience().filter(cls.get_model().objects.all()))


class PublicImageEmbedHandler(ImageEmbedHandler):
    @classmethod
    def get_many(cls, attrs_list):
        return _public_only(attrs_list, audience().filter(cls.get_model().objects.all()))
