"""Descriptions for what grapple and Wagtail put in the public schema without one.
The apps describe their own fields where they declare them (`description=` on
`graphql_fields`) and their types by their docstrings; a page type's field
without its own description takes the page interface's."""

import inspect

from django.db import models
from grapple.registry import registry
from wagtail.blocks import Block

TYPES = {
    "Query": "What the public API offers: only published, public content of the request's site.",
    "PageInterface": "Fields every page type has. Only published, public pages are returned.",
    "SnippetInterface": "Fields every snippet type (organization, council term) has.",
    "StreamFieldInterface": "One block of a StreamField (a page body, a timeline, goals).",
    "ImageObjectType": "An image outside restricted collections, with its renditions.",
    "ImageRenditionObjectType": "A resized copy of an image, as the API offers them.",
    "DocumentObjectType": "A downloadable document outside restricted collections.",
    "CollectionObjectType": "A collection (folder) of images and documents.",
    "TagObjectType": "A tag.",
    "LegalForm": "The legal form of a member organization (Polish labels in `legalForms`).",
    "PublicBenefitArea": "An area of public benefit (Polish labels in `areas`).",
    "RichText": "HTML: links to pages only if public (absolute), to documents on this CMS.",
    "CharBlock": "A line of text inside a block.",
    "TextBlock": "Plain text (with line breaks) inside a block.",
    "RichTextBlock": "A paragraph of rich text (HTML in `value`).",
    "DateBlock": "A date inside a block (ISO 8601 in `value`).",
    "ChoiceBlock": "A choice among fixed values inside a block.",
    "ChoiceOption": "One of a choice block's values with its label.",
    "EmbedBlock": "An embedded video or map, by its URL and the provider's HTML.",
    "ImageChooserBlock": "An image inside a block.",
    "DocumentChooserBlock": "A document inside a block.",
    "PageChooserBlock": "A page inside a block.",
    "BooleanBlock": "A yes/no value inside a block.",
    "URLBlock": "An address (URL) inside a block.",
    "ListBlock": "A list of blocks of one kind: a gallery, attachments, a table of facts.",
    "StreamFieldBlock": "A block of a type the API has no own type for.",
}

FIELDS = {
    # Every object with a database row.
    "id": "The object's identifier (stable; what `id:` arguments take).",
    # Pages (PageInterface).
    "PageInterface.title": "The page's title.",
    "PageInterface.slug": "The last part of the page's path.",
    "PageInterface.contentType": 'The page model, e.g. "pages.NewsPage".',
    "PageInterface.pageType": 'The GraphQL type of the page, e.g. "NewsPage".',
    "PageInterface.live": "Always true (only published pages are returned), except in `preview`.",
    "PageInterface.depth": "Depth in the page tree (the site's home page is 2).",
    "PageInterface.seoTitle": "Title for search engines and the browser tab; null: use `title`.",
    "PageInterface.searchDescription": "Description for search engines and link previews.",
    "PageInterface.showInMenus": "Whether editors want the page in the site's menus.",
    "PageInterface.firstPublishedAt": "When the page was first published; null for pages "
    "created live by a script or import without being published.",
    "PageInterface.lastPublishedAt": "When the page's current version was published; null as "
    "for `firstPublishedAt`.",
    "PageInterface.parent": "The page above this one; null for the site's home page.",
    "PageInterface.searchScore": "Relevance when the page was found by `searchQuery` "
    "(PostgreSQL only); null otherwise.",
    # Snippets.
    "snippetType": 'The snippet model\'s name, e.g. "Organization".',
    "SnippetInterface.contentType": 'The snippet model, e.g. "organizations.Organization".',
    "Organization.contentType": 'The snippet model, "organizations.Organization".',
    "CouncilTerm.contentType": 'The snippet model, "organizations.CouncilTerm".',
    "CouncilTerm.snippetType": 'The snippet model\'s name, "CouncilTerm".',
    # Blocks.
    "StreamFieldInterface.id": "The block's id in its StreamField; null for the parts of a "
    "structured block (they have none in Wagtail).",
    "blockType": 'The Wagtail block class, e.g. "HeadingBlock".',
    "field": 'The block\'s name in its StreamField or structured block, e.g. "heading".',
    "rawValue": "The block's stored value as a string (for debugging; use the typed fields).",
    "blocks": "The parts of a structured block, as blocks.",
    "value": "The block's value as text (HTML for rich text, ISO 8601 for dates).",
    "ChoiceBlock.choices": "The values the block offers, with labels.",
    "ListBlock.items": "The list's blocks, in order (the body's `field` says which list).",
    "ChoiceOption.key": "The stored value.",
    "ChoiceOption.value": "Its label.",
    "EmbedBlock.url": "The URL of the embedded content.",
    "EmbedBlock.embed": "The provider's HTML to embed; null if the provider cannot be reached.",
    "EmbedBlock.rawEmbed": "The provider's oEmbed data as JSON; null as for `embed`.",
    "ImageChooserBlock.image": "The image; null if it is not public.",
    "DocumentChooserBlock.document": "The document; null if it is not public.",
    "PageChooserBlock.page": "The page; null if it is not public.",
    # Media.
    "ImageObjectType.collection": "The collection the image is in.",
    "ImageObjectType.title": "The image's title.",
    "ImageObjectType.description": "A description of the image; null if none was given.",
    "ImageObjectType.width": "Width of the original, in pixels.",
    "ImageObjectType.height": "Height of the original, in pixels.",
    "ImageObjectType.createdAt": "When the image was uploaded.",
    "ImageObjectType.focalPointX": "Focal point's centre, x in pixels; null if not set.",
    "ImageObjectType.focalPointY": "Focal point's centre, y in pixels; null if not set.",
    "ImageObjectType.focalPointWidth": "Focal point's width in pixels; null if not set.",
    "ImageObjectType.focalPointHeight": "Focal point's height in pixels; null if not set.",
    "ImageObjectType.fileSize": "Size of the original in bytes; null if not yet known.",
    "ImageObjectType.url": "The original file's absolute URL.",
    "ImageObjectType.aspectRatio": "Width divided by height.",
    "ImageObjectType.sizes": "An HTML `sizes` value for the image's widths.",
    "ImageObjectType.tags": "The image's tags.",
    "ImageObjectType.isSvg": "Whether the original is an SVG.",
    "ImageRenditionObjectType.filterSpec": 'How it was made, e.g. "width-640".',
    "ImageRenditionObjectType.width": "Width in pixels.",
    "ImageRenditionObjectType.height": "Height in pixels.",
    "ImageRenditionObjectType.image": "The image it was made from.",
    "ImageRenditionObjectType.focalPoint": "The focal point used, if any.",
    "ImageRenditionObjectType.url": "The rendition's absolute URL.",
    "ImageRenditionObjectType.alt": "Alternative text (the image's title).",
    "DocumentObjectType.collection": "The collection the document is in.",
    "DocumentObjectType.title": "The document's title.",
    "DocumentObjectType.createdAt": "When the document was uploaded.",
    "DocumentObjectType.fileSize": "Size in bytes; null if not yet known.",
    "DocumentObjectType.url": "The document's absolute URL (served by this CMS).",
    "DocumentObjectType.tags": "The document's tags.",
    "CollectionObjectType.name": "The collection's name.",
    "CollectionObjectType.ancestors": "Public collections above this one.",
    "CollectionObjectType.descendants": "Public collections below this one.",
    "TagObjectType.name": "The tag's name.",
    "Query.image": "One image by its id; null if there is none or it is not public.",
    "Query.document": "One document by its id; null if there is none or it is not public.",
}

ARGUMENTS = {
    "format": "Also convert to this format (default: the original's).",
    "Query.page.id": "The page's id.",
    "Query.page.slug": "The page's slug.",
    "Query.organization.slug": "The organization's slug.",
    "Query.image.id": "The image's id.",
    "Query.document.id": "The document's id.",
}


def describe_type(name, graphql_type, source_class=None):
    if graphql_type.description:
        return
    graphql_type.description = TYPES.get(name) or own_docstring(source_class)


def describe_field(type_name, field_name, field, interfaces=()):
    if not field.description:
        field.description = (
            FIELDS.get(f"{type_name}.{field_name}")
            or inherited(field_name, interfaces)
            or FIELDS.get(field_name)
        )
    for argument_name, argument in field.args.items():
        if not argument.description:
            argument.description = ARGUMENTS.get(
                f"{type_name}.{field_name}.{argument_name}"
            ) or ARGUMENTS.get(argument_name)


def inherited(field_name, interfaces):
    for interface in interfaces:
        field = interface.fields.get(field_name)
        described = FIELDS.get(f"{interface.name}.{field_name}")
        if described or (field is not None and field.description):
            return described or field.description
    return None


def own_docstring(source_class):
    """The docstring of one of the project's own models or blocks (not Django's
    generated one, nor Wagtail's)."""
    if source_class is None or source_class.__module__.split(".")[0] in ("wagtail", "django"):
        return None
    doc = inspect.getdoc(source_class)
    if not doc or doc.startswith(f"{source_class.__name__}("):
        return None
    return doc


def source_classes():
    """GraphQL type name → the model or block class grapple made it from."""
    found = {}
    for source, graphene_type in registry.models.items():
        if inspect.isclass(source) and issubclass(source, models.Model | Block):
            found.setdefault(graphene_type._meta.name, source)
    return found
