"""`order` arguments accept only listed fields: ordering by an arbitrary lookup
would let anyone sort by (and so probe) data the API does not show. The input
rules (api.arguments) refuse anything else before a query runs."""

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page

PAGE_ORDERINGS = ("title", "first_published_at", "last_published_at", "path")
MEDIA_ORDERINGS = ("title", "created_at")


def allowed_orderings(model):
    if issubclass(model, Page):
        return PAGE_ORDERINGS + tuple(getattr(model, "api_orderings", ()))
    if issubclass(model, (AbstractImage, AbstractDocument)):
        return MEDIA_ORDERINGS
    return ()
