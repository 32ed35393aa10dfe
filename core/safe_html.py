"""Rich text made safe, whatever path it arrived by (the admin, an import, a
script, a migration): no scripts, event handlers, styles, or `javascript:` and
`data:` URLs, only the tags our editors' features make. Cleaned with nh3 (the
ammonia sanitizer) twice:

- on the way in (`clean_instance`, before every save of any model): the stored
  form, Wagtail's internal format (`<a linktype="page" id="3">`), which the API
  also serves as `rawValue`;
- on the way out (`clean_served`, by the API): the HTML the portal renders, for
  rows stored before this rule or written past the ORM.
"""

import re

import nh3
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

TAGS = {"p", "h2", "h3", "h4", "b", "i", "strong", "em", "a", "ul", "ol", "li", "br", "hr"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Stored: links (to pages and documents by id, or by URL) and embedded images.
STORED_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt"},
}
# Served: links and images by absolute URL.
SERVED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width", "height", "class"}}
# Wagtail reads an embed only as `<embed …/>`; nh3 writes `<embed …>`. Draftail
# marks each block with `data-block-key` (kept: comments are anchored to it).
EMBED = re.compile(r"(<embed\b[^>]*?)\s*/?>")


def _only_images(tag, attribute, value):
    if tag == "embed" and attribute == "embedtype" and value != "image":
        return None
    return value


def clean_stored(html):
    """Rich text in Wagtail's internal format, safe."""
    if not isinstance(html, str) or not html:
        return html
    cleaned = nh3.clean(
        html,
        tags=TAGS | {"embed"},
        attributes=STORED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        attribute_filter=_only_images,
        generic_attribute_prefixes={"data-block-key"},
    )
    return EMBED.sub(_embed, cleaned)


def _embed(match):
    # an embed of any other kind has lost its type: it goes
    return f"{match[1]}/>" if "embedtype=" in match[1] else ""


def clean_served(html):
    """Rich text as the portal renders it (links expanded), safe."""
    if not isinstance(html, str) or not html:
        return html
    return nh3.clean(
        html,
        tags=TAGS | {"img"},
        attributes=SERVED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        generic_attribute_prefixes={"data-block-key"},
    )


# A scheme a link may have, at the very start (browsers skip leading spaces and
# control characters, and tabs or newlines inside a scheme: none are allowed).
SAFE_URL = re.compile(r"^(?:https?://|mailto:|tel:)[^\x00-\x20\x7f]*$", re.IGNORECASE)


def safe_url(url):
    """`url` if a link may lead there (http, https, mailto, tel), else None."""
    return url if isinstance(url, str) and SAFE_URL.match(url) else None


def clean_raw(block, value):
    """A block's stored (raw) value with every rich text and URL inside it cleaned,
    found by the block's definition: paragraphs, struct and list children,
    streams within streams."""
    if isinstance(block, blocks.RichTextBlock):
        return clean_stored(value)
    if isinstance(block, blocks.URLBlock):
        return safe_url(value) or ""
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return {
            name: clean_raw(block.child_blocks[name], child)
            if name in block.child_blocks
            else child
            for name, child in value.items()
        }
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        return [
            {**item, "value": clean_raw(block.child_block, item.get("value"))}
            if isinstance(item, dict) and item.get("type") == "item"
            else clean_raw(block.child_block, item)
            for item in value
        ]
    if isinstance(block, blocks.BaseStreamBlock) and isinstance(value, list):
        return [
            {**item, "value": clean_raw(block.child_blocks[item["type"]], item.get("value"))}
            if isinstance(item, dict) and item.get("type") in block.child_blocks
            else item
            for item in value
        ]
    return value


def clean_instance(instance):
    """Cleans the rich text of `instance`'s fields in place (before a save)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, RichTextField):
            value = getattr(instance, field.attname)
            cleaned = clean_stored(value)
            if cleaned != value:
                setattr(instance, field.attname, cleaned)
        elif isinstance(field, StreamField):
            value = getattr(instance, field.attname)
            raw = field.stream_block.get_prep_value(value)
            cleaned = clean_raw(field.stream_block, raw)
            if cleaned != raw:
                setattr(instance, field.attname, cleaned)


def _before_save(sender, instance, raw=False, **kwargs):
    if not raw:
        clean_instance(instance)


def connect():
    from django.db.models.signals import pre_save

    pre_save.connect(_before_save, dispatch_uid="core-safe-html")
