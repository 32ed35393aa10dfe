from wagtail import hooks

from pages.schema import PagesQuery

from .rich_text import PublicDocumentLinkHandler, PublicImageEmbedHandler, PublicPageLinkHandler
from .schema import DocumentsQuery, ImagesQuery

# grapple root fields the public API does not offer: they list unpublished
# snippets (`snippets`, `search`), tags of drafts (`tags`), restricted collections
# (`collections`), redirects to unpublished pages (`redirects`) and every site's
# pages (`sites`). Pages, organizations and the council have safe fields of their own.
WITHHELD_ROOT_FIELDS = (
    "snippets",
    "search",
    "tags",
    "collections",
    "redirects",
    "sites",
    "settings",
)

# grapple root fields replaced by ours, which return only public objects.
REPLACEMENTS = {"pages": PagesQuery, "images": ImagesQuery(), "documents": DocumentsQuery()}


def _grapple_field(mixin):
    """The root field a grapple query mixin defines, or None for any other mixin."""
    if not getattr(mixin, "__module__", "").startswith("grapple."):
        return None
    for name in (*WITHHELD_ROOT_FIELDS, *REPLACEMENTS):
        if hasattr(mixin, name):
            return name
    return None


@hooks.register("register_schema_query", order=100)
def offer_only_safe_root_fields(query_mixins):
    safe = []
    for mixin in query_mixins:
        field = _grapple_field(mixin)
        if field in WITHHELD_ROOT_FIELDS:
            continue
        safe.append(REPLACEMENTS.get(field, mixin))
    query_mixins[:] = safe


@hooks.register("register_rich_text_features")
def render_only_public_rich_text_targets(features):
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)
