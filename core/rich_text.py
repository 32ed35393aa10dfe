"""Rich text as the public sees it: links to pages that are not public (of
another site included), and links to documents or embedded images in restricted
collections, render without their target (the text stays, the URL and file name
do not). Links are absolute, by the one rule for URLs (core.portal): pages on
the portal (or this CMS's site), documents and images on the CMS that serves
them. The same handlers serve the API and the HTML pages."""

from django.utils.html import escape
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler

from .portal import media_url, page_path, public_url
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

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        request = audience().request
        return [
            f'<a href="{escape(public_url(page_path(page, request), request))}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]


class PublicDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        return _public_only(attrs_list, audience().filter(cls.get_model().objects.all()))

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(media_url(document.url))}">' if document else "<a>"
            for document in cls.get_many(attrs_list)
        ]


class PublicImageEmbedHandler(ImageEmbedHandler):
    @classmethod
    def get_many(cls, attrs_list):
        return _public_only(attrs_list, audience().filter(cls.get_model().objects.all()))

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        absolute = 'src="' + media_url("/")
        return [
            tag.replace('src="/', absolute, 1)
            for tag in super().expand_db_attributes_many(attrs_list)
        ]
