"""Image renditions as the API offers them: only the widths, crops and formats
in the settings (`API_IMAGE_WIDTHS`, `API_IMAGE_FILLS`, `API_IMAGE_FORMATS`) and
the placeholder (`API_IMAGE_PLACEHOLDER`), refused before a query runs otherwise
(api.arguments), and made by a request only within its budget (api.budget); the
task worker makes the rest.
"""

import base64
import mimetypes
from functools import lru_cache

import graphene
from django.conf import settings
from django.core.cache import cache, caches
from grapple.types.images import get_image_type, get_rendition_type
from grapple.utils import get_media_item_url
from wagtail.images.models import Filter

from .arguments import ImageFill, ImageFormat, ImageWidth, register_check
from .budget import current as current_budget
from .prefetch import filter_spec
from .tasks import make_renditions

# Long enough for the worker to make a rendition; after it, a request still
# finding none queues it again (the worker may have lost it).
QUEUED_SECONDS = 300


def not_queued_yet(image_id, spec):
    """Whether no request queued this rendition lately: many requests asking for
    the same missing renditions queue them once (across processes)."""
    try:
        return cache.add(f"api:rendition-queued:{image_id}:{spec}", True, timeout=QUEUED_SECONDS)
    except Exception:  # the shared cache is an optimisation, never a dependency
        return True


@lru_cache(maxsize=256)
def offered_filter(spec):
    """One Filter per offered spec for the process: parsing its operations costs
    more than finding the rendition it names."""
    return Filter(spec)


def renditions(image, specs):
    """The renditions of `image` for `specs` (in order) that exist or that this
    request may still make; the others are queued for the task worker."""
    filters = [offered_filter(spec) for spec in dict.fromkeys(specs)]
    found = {f.spec: rendition for f, rendition in image.find_existing_renditions(*filters).items()}
    missing = [f.spec for f in filters if f.spec not in found]
    budget = current_budget()
    to_make = [spec for spec in missing if budget.take_rendition(image)]
    later = [spec for spec in missing if spec not in to_make]
    if to_make:
        found.update(image.get_renditions(*to_make))
    queue = [spec for spec in later if not_queued_yet(image.pk, spec)]
    if queue:
        make_renditions.enqueue(image.pk, queue)
    return [found[f.spec] for f in filters if f.spec in found]


def resolve_src_set(image, info, sizes, format=None):
    """The renditions at the requested widths as HTML's srcset wants them
    ("URL 320w, URL 640w"), each width once; a width still being made is left out."""
    made = resolve_sources(image, info, sizes, format)
    return ", ".join(f"{get_media_item_url(rendition)} {rendition.width}w" for rendition in made)


def distinct_widths(image, sizes):
    """The widths of `sizes` that give `image` different renditions, narrowest
    first: Wagtail never enlarges, so every width from the original's up gives
    the original's width, and only the narrowest of those is kept."""
    widths = sorted(set(sizes))
    narrower = [width for width in widths if width < image.width]
    return narrower + [width for width in widths if width >= image.width][:1]


def resolve_sources(image, info, sizes, format=None):
    """The renditions at the requested widths, narrowest first; a width still
    being made is left out."""
    return renditions(
        image, [filter_spec(width, format=format) for width in distinct_widths(image, sizes)]
    )


class ImageSource(graphene.ObjectType):
    """One rendition of an image: a candidate for an HTML srcset or an image
    component's list of sources."""

    url = graphene.String(required=True, description="Absolute URL of the rendition's file.")
    width = graphene.Int(required=True, description="Width of the rendition, in pixels.")
    height = graphene.Int(required=True, description="Height of the rendition, in pixels.")

    def resolve_url(rendition, info):
        return get_media_item_url(rendition)


def resolve_placeholder(image, info):
    """The placeholder as a data URI, or null while the task worker is still
    making it."""
    made = renditions(image, [settings.API_IMAGE_PLACEHOLDER])
    return data_uri(made[0]) if made else None


def data_uri(rendition):
    """A rendition's file inline (null past API_IMAGE_PLACEHOLDER_MAX_BYTES), read
    from storage once per process: a rendition never changes, and a list of images
    would otherwise read a file for each. Keyed by file name too, since SQLite may
    give a deleted rendition's id again."""
    key = f"api:data-uri:{rendition.pk}:{rendition.file.name}"
    store = caches["renditions"]
    uri = store.get(key)
    if uri is None:
        limit = settings.API_IMAGE_PLACEHOLDER_MAX_BYTES
        try:
            with rendition.file.open("rb") as file:
                content = file.read(limit + 1)
        except OSError:  # the file is gone from storage: no placeholder, not an error
            return None
        mime_type, _ = mimetypes.guess_type(rendition.file.name)
        inline = mime_type is not None and len(content) <= limit
        uri = f"data:{mime_type};base64,{base64.b64encode(content).decode()}" if inline else ""
        store.set(key, uri, timeout=None)
    return uri or None


def resolve_rendition(image, info, width=None, fill=None, format=None):
    """The rendition, or null while the task worker is still making it."""
    made = renditions(image, [filter_spec(width, fill, format)])
    return made[0] if made else None


@register_check("ImageObjectType", "rendition")
def one_size_for_a_rendition(arguments):
    if ("width" in arguments) == ("fill" in arguments):
        return "`rendition` takes either `width` or `fill`."
    return None


def offer_only_listed_renditions():
    fields = get_image_type()._meta.fields
    fields["src_set"] = graphene.Field(
        graphene.String,
        sizes=graphene.Argument(
            graphene.NonNull(graphene.List(graphene.NonNull(ImageWidth))),
            description="Widths to offer, e.g. [320, 640, 1280].",
        ),
        format=graphene.Argument(ImageFormat),
        resolver=resolve_src_set,
        description="Renditions of the image at the given widths, as an HTML srcset.",
    )
    fields["sources"] = graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(ImageSource))),
        sizes=graphene.Argument(
            graphene.NonNull(graphene.List(graphene.NonNull(ImageWidth))),
            description="Widths to offer, e.g. [320, 640, 1280].",
        ),
        format=graphene.Argument(ImageFormat),
        resolver=resolve_sources,
        description=(
            "Renditions of the image at the given widths, narrowest first. The image is "
            "never enlarged: widths from the original's up give one rendition at the "
            "original's width. A rendition still being made is left out until it is ready."
        ),
    )
    fields["placeholder"] = graphene.Field(
        graphene.String,
        resolver=resolve_placeholder,
        description=(
            "A tiny preview of the image (at most 16 px a side, WebP) as a data: URI, to "
            "show blurred while the image loads (e.g. next/image's blurDataURL); null while "
            "it is still being made."
        ),
    )
    fields["rendition"] = graphene.Field(
        get_rendition_type,
        width=graphene.Argument(ImageWidth, description="Scale to this width."),
        fill=graphene.Argument(ImageFill, description="Crop to one of the offered sizes."),
        format=graphene.Argument(ImageFormat),
        resolver=resolve_rendition,
        description="One rendition: a width or a crop, optionally in another format.",
    )
