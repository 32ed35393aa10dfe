"""`order` arguments accept only listed fields: ordering by an arbitrary lookup
would let anyone sort by (and so probe) data the API does not show."""

from graphql import GraphQLError
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


def validated_ordering(order, model):
    """`"-date, title"` to `["-date", "title"]`, or a GraphQLError naming what is allowed."""
    allowed = allowed_orderings(model)
    terms = [term.strip() for term in order.split(",") if term.strip()]
    for term in terms:
        if term.removeprefix("-") not in allowed:
            choices = ", ".join(allowed) or "none"
            raise GraphQLError(
                f"Cannot order by {term!r}. Allowed (prefix - to reverse): {choices}."
            )
    if not terms:
        raise GraphQLError("`order` is empty.")
    return terms
