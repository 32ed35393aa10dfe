"""The `preview` root field: what a preview token opens, as its normal type.

`Preview` is the union of the GraphQL types of every model with
`HeadlessPreviewMixin` (grapple's registry: page types and snippets), so a new
previewable model joins it by itself. The snapshot has the same fields as in
any other query, and everything it leads to (images, pages, organizations)
follows the same public rules; only the object itself is shown unpublished.
The API serves it over POST only and never caches it (api.private_fields).
"""

import inspect
from functools import cache

import graphene
from grapple.helpers import register_graphql_schema
from grapple.registry import registry

from api.arguments import register_check
from api.private_fields import register_private_root_field

from .models import TOKEN_PREFIX, HeadlessPreviewMixin, PreviewToken, is_well_formed


@cache
def preview_type():
    previewable = {
        model: graphene_type
        for model, graphene_type in [*registry.pages.items(), *registry.snippets.items()]
        if inspect.isclass(model) and issubclass(model, HeadlessPreviewMixin)
    }

    class Meta:
        name = "Preview"
        description = (
            "What a preview token opens: a page or an organization as an editor's form "
            "holds it, unsaved changes included, as its own type."
        )
        types = tuple(sorted(previewable.values(), key=lambda each: each._meta.name))

    def resolve_type(cls, instance, info):
        return previewable[type(instance)]

    attributes = {"Meta": Meta, "resolve_type": classmethod(resolve_type)}
    return type("Preview", (graphene.Union,), attributes)


@register_graphql_schema
class PreviewQuery:
    preview = graphene.Field(
        lambda: preview_type(),  # built once grapple has registered every type
        token=graphene.String(
            required=True, description="The token the portal's preview route was given."
        ),
        description="An editor's preview (over POST only, never cached); null when the token "
        "is unknown, expired or revoked. An object never saved has id 0 and no parent, "
        "children or ancestors.",
    )

    def resolve_preview(root, info, token):
        return PreviewToken.objects.snapshot(token)


@register_check("Query", "preview")
def _token_shape(arguments):
    if not is_well_formed(arguments.get("token")):
        return f"`token` is not a preview token ({TOKEN_PREFIX} and 43 characters A-Z a-z 0-9 - _)."
    return None


register_private_root_field("preview")
