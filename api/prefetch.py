"""Batch-load what the API will read of a list of objects, so a list costs the
same number of queries whatever its length, and loads only what the query asks
for (api.selection).

Each model may declare `api_prefetch(selection)`: the lookups its GraphQL
fields need, given what is selected. Objects of mixed types are grouped by type
and prefetched once per type.
"""

from itertools import groupby

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model


def filter_spec(width=None, fill=None, format=None):
    """Wagtail's filter spec for a rendition the API offers."""
    spec = f"width-{width}" if width else f"fill-{fill}"
    return f"{spec}|format-{getattr(format, 'value', format)}" if format else spec


def prefetch_for_api(instances, selection):
    instances = [instance for instance in instances if instance is not None]
    by_type = sorted(instances, key=lambda instance: type(instance)._meta.label)
    for model, group in groupby(by_type, key=type):
        lookups = getattr(model, "api_prefetch", lambda selection: ())(selection)
        if lookups:
            prefetch_related_objects(list(group), *lookups)
    return instances


def rendition_specs(selection):
    """The rendition filters a selection of an image asks for."""
    specs = []
    for arguments in selection.arguments("srcSet", "ImageObjectType"):
        specs += [
            filter_spec(width, format=arguments.get("format")) for width in arguments["sizes"]
        ]
    for arguments in selection.arguments("rendition", "ImageObjectType"):
        if "width" in arguments or "fill" in arguments:
            specs.append(
                filter_spec(arguments.get("width"), arguments.get("fill"), arguments.get("format"))
            )
    return specs


def image_prefetch(lookup, selection):
    """Lookups loading the image at `lookup` if it is selected, with the
    renditions the selection asks for (and no others)."""
    if not selection:
        return []
    specs = rendition_specs(selection)
    if not specs:
        return [lookup]
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
    return [lookup, Prefetch(f"{lookup}__renditions", queryset=renditions)]
