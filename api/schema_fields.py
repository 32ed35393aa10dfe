"""Editorial fields grapple copies from Wagtail's Page model onto every page type,
withheld from the public schema: draft titles, unpublished-change and lock
flags, scheduling, tree internals, aliases and the sites rooted at a page; and
the tree internals of collections."""

import graphene
from grapple.registry import registry
from grapple.types.collections import CollectionObjectType
from grapple.types.images import get_image_type
from grapple.types.interfaces import get_page_interface
from wagtail.models import Collection

EDITORIAL_PAGE_FIELDS = {
    "path",
    "numchild",
    "translation_key",
    "has_unpublished_changes",
    "go_live_at",
    "expire_at",
    "expired",
    "locked_at",
    "draft_title",
    "latest_revision_created_at",
    "alias_of",
    "aliases",
    "sites_rooted_here",
}


# Tree internals of collections: a count of children tells of restricted ones.
COLLECTION_TREE_FIELDS = {"path", "depth", "numchild"}
# Every rendition ever made of an image (admin thumbnails included): the portal
# asks for the renditions it wants (`srcSet`, `rendition`).
IMAGE_INTERNAL_FIELDS = {"renditions"}


def withhold_editorial_page_fields():
    from grapple.types.pages import Page as GenericPage

    interface_fields = set(get_page_interface()._meta.fields)
    for name in list(GenericPage._meta.fields):
        # The generic type also carries one accessor per page model (`newspage`…).
        if name not in interface_fields:
            del GenericPage._meta.fields[name]
    for page_type in registry.pages.values():
        for name in EDITORIAL_PAGE_FIELDS & set(page_type._meta.fields):
            del page_type._meta.fields[name]

    image_type = get_image_type()
    for name in IMAGE_INTERNAL_FIELDS & set(image_type._meta.fields):
        del image_type._meta.fields[name]
    collection_type = registry.collections.get(Collection, CollectionObjectType)
    for name in COLLECTION_TREE_FIELDS & set(collection_type._meta.fields):
        del collection_type._meta.fields[name]


def date_values_without_formats():
    """Date, time and date-time blocks as ISO 8601 strings: their `format`
    argument let one short query multiply its answer; portals format dates."""
    from grapple.types import streamfield

    for block_type in (streamfield.DateBlock, streamfield.DateTimeBlock, streamfield.TimeBlock):
        block_type._meta.fields["value"] = graphene.Field(graphene.NonNull(graphene.String))


def embed_blocks_that_always_answer():
    """grapple's `EmbedBlock.value` always fails (it calls a resolver without its
    arguments): it is the embed's URL, as `url` is. An embed left empty (imported
    content, a block added later) gives an empty URL and no embed instead of an
    error that would null the whole page."""
    from grapple.types import streamfield

    embed_type = streamfield.EmbedBlock
    grapple_embed, grapple_raw_embed = embed_type.resolve_embed, embed_type.resolve_raw_embed

    def embed_url(block, info, **kwargs):
        value = getattr(block, "value", block)  # the stream's child, or the embed itself
        return getattr(value, "url", None) or ""

    def only_if_set(resolve):
        def resolve_if_set(block, info, **kwargs):
            return resolve(block, info, **kwargs) if embed_url(block, info) else None

        return resolve_if_set

    fields = embed_type._meta.fields
    fields["value"] = graphene.Field(graphene.NonNull(graphene.String), resolver=embed_url)
    fields["url"] = graphene.Field(graphene.NonNull(graphene.String), resolver=embed_url)
    fields["embed"] = graphene.Field(graphene.String, resolver=only_if_set(grapple_embed))
    fields["raw_embed"] = graphene.Field(
        graphene.JSONString, resolver=only_if_set(grapple_raw_embed)
    )
