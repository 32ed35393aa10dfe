"""Batch-load what the API will read of a list of objects, so a list costs the
same number of queries whatever its length, and loads only what the query asks
for (api.selection).

Each model may declare `api_prefetch(selection)`: the lookups its GraphQL
fields need, given what is selected. Objects of mixed types are grouped by type
and prefetched once per type.
"""

from itertools import groupby

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Page


def filter_spec(width=None, fill=None, format=None):
    """Wagtail's filter spec for a rendition the API offers."""
    spec = f"width-{width}" if width else f"fill-{fill}"
    return f"{spec}|format-{getattr(format, 'value', format)}" if format else spec


def prefetch_for_api(instances, selection):
    instances = [instance for instance in instances if instance is not None]
    by_type = sorted(instances, key=lambda instance: type(instance)._meta.label)
    for model, group in groupby(by_type, key=type):
        group = list(group)
        lookups = list(getattr(model, "api_prefetch", lambda selection: ())(selection))
        if issubclass(model, AbstractImage):
            lookups += image_prefetch("", selection)
        elif issubclass(model, AbstractDocument):
            lookups += media_prefetch("", selection)
        if issubclass(model, Page) and "parent" in selection:
            load_parents(group)
        if lookups:
            prefetch_related_objects(group, *lookups)
        if group and selection:
            from .reverse import prefetch_reverse_lists

            prefetch_reverse_lists(model, group, selection)
    return instances


def load_parents(pages):
    """Each page's parent, for a whole list in one query (`api_parent`)."""
    steplen = Page.steplen
    parents = Page.objects.filter(path__in={page.path[:-steplen] for page in pages}).specific()
    by_path = {parent.path: parent for parent in parents}
    for page in pages:
        page.api_parent = by_path.get(page.path[:-steplen])


def rendition_specs(selection):
    """The rendition filters a selection of an image asks for."""
    specs = []
    for field in ("srcSet", "sources"):
        for arguments in selection.arguments(field, "ImageObjectType"):
            specs += [
                filter_spec(width, format=arguments.get("format")) for width in arguments["sizes"]
            ]
    for arguments in selection.arguments("rendition", "ImageObjectType"):
        if "width" in arguments or "fill" in arguments:
            specs.append(
                filter_spec(arguments.get("width"), arguments.get("fill"), arguments.get("format"))
            )
    if "placeholder" in selection:
        specs.append(settings.API_IMAGE_PLACEHOLDER)
    return specs


def image_prefetch(lookup, selection):
    """Lookups loading the image (or images) at `lookup` ("" for a list of
    images itself) with what `selection` reads of them: the renditions it asks
    for and no others, tags, collection."""
    if not selection:
        return []
    prefix = f"{lookup}__" if lookup else ""
    lookups = [lookup] if lookup else []
    specs = rendition_specs(selection)
    if specs:
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
        # Wagtail looks renditions up in `prefetched_renditions` when it is set.
        lookups.append(
            Prefetch(f"{prefix}renditions", queryset=renditions, to_attr="prefetched_renditions")
        )
    return lookups + media_prefetch(lookup, selection)


def media_prefetch(lookup, selection):
    """An image's or document's tags and collection, when selected."""
    prefix = f"{lookup}__" if lookup else ""
    lookups = []
    if "tags" in selection:
        lookups.append(f"{prefix}tags")
    if "collection" in selection:
        lookups.append(f"{prefix}collection")
    return lookups
