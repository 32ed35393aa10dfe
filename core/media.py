"""Where image files live, by who may see them.

The web server (or a CDN, or a bucket's public URLs) may hand out the files of
public images directly: their originals under ``original_images/`` and their
renditions under ``images/``. The files of an image in a restricted collection
(an organization's logo before approval, anything an editor puts behind a
collection's privacy setting) live under ``private/`` instead, where nothing
but the app answers (`core.views.private_media`), and only to whom the
collection's restriction lets in, as Wagtail does for documents. Documents'
files (``documents/``) are never served directly: Wagtail's document view
checks their collection first.

Which side a file is on is carried by its name, so renditions follow their
original without a database look-up: a private original's file name starts
with `MARKER`, Wagtail names renditions after the original, and the storage
puts any such name under ``private/``. When an image changes collection or a
collection's privacy changes, `settle_image_files` moves its original to the
other side under a new name (a URL handed out while it was public stops
working) and deletes its renditions, made again on the right side on demand.
``manage.py settle_media`` checks every image (after a restore, say).
"""

import logging
import posixpath
from itertools import chain

from django.conf import settings
from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.encoding import filepath_to_uri

logger = logging.getLogger(__name__)

PRIVATE_DIR = "private/"
MARKER = "private-"
# What a web server in front of the app may serve from MEDIA_ROOT itself
# (docs/deploy.md): public images' originals and renditions, nothing else.
PUBLIC_DIRS = ("original_images/", "images/")


def is_private(name):
    return name.startswith(PRIVATE_DIR)


def _routed(name):
    """A name the storage is asked to store: under ``private/`` if its file
    name says so."""
    if posixpath.basename(name).startswith(MARKER) and not is_private(name):
        return PRIVATE_DIR + name
    return name


def private_name(name):
    """``original_images/rynek.png`` → ``private/original_images/private-rynek.png``."""
    folder, base = posixpath.split(public_name(name))
    return PRIVATE_DIR + posixpath.join(folder, MARKER + base)


def public_name(name):
    """The inverse of `private_name`."""
    if is_private(name):
        name = name[len(PRIVATE_DIR) :]
    folder, base = posixpath.split(name)
    while base.startswith(MARKER):
        base = base[len(MARKER) :]
    return posixpath.join(folder, base or "image")


class PrivacyRouting:
    """Storage mixin: names marked private are stored under ``private/`` and
    their URL is the app's own, which checks who asks."""

    def generate_filename(self, filename):
        return super().generate_filename(_routed(str(filename).replace("\\", "/")))

    def url(self, name, *args, **kwargs):
        if name and is_private(name):
            return settings.MEDIA_URL + filepath_to_uri(name)
        return super().url(name, *args, **kwargs)

    def direct_url(self, name):
        """The storage's own URL, for the app to send an admitted user on."""
        return super().url(name)


class FileSystemStorage(PrivacyRouting, DjangoFileSystemStorage):
    """Media on local disk (MEDIA_ROOT)."""


try:
    from storages.backends.s3 import S3Storage as _S3Storage
except ImportError:  # pragma: no cover - django-storages is a dependency
    _S3Storage = None
else:

    class S3Storage(PrivacyRouting, _S3Storage):
        """Media in an S3-compatible bucket (private, signed URLs)."""


# Which side an image belongs on


def collection_is_restricted(collection_id):
    from wagtail.models import Collection, CollectionViewRestriction

    if collection_id is None:
        return False
    collection = Collection.objects.filter(pk=collection_id).only("path", "depth").first()
    if collection is None:
        return False
    return CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).exists()


def restrictions_of(image):
    from wagtail.models import CollectionViewRestriction

    return list(
        CollectionViewRestriction.objects.filter(
            collection__in=image.collection.get_ancestors(inclusive=True)
        )
    )


def upload_on_the_right_side(sender, instance, **kwargs):
    """pre_save of images: a new or replaced file of an image in a restricted
    collection is stored private from its first byte, whatever path it came by
    (the admin's uploaders, a script, the content loader)."""
    file = instance.file
    if not file or getattr(file, "_committed", True):
        return
    base = posixpath.basename(file.name)
    if collection_is_restricted(instance.collection_id):
        file.name = MARKER + posixpath.basename(public_name(base))
    else:
        file.name = posixpath.basename(public_name(base))


def settle_image_files(image):
    """Move `image`'s original to the side its collection is on now, and drop
    renditions made on the other side. Returns whether anything moved."""
    from wagtail.images import get_image_model

    images = get_image_model().objects.filter(pk=image.pk)
    # As stored now: an image saved twice in one request settles once.
    name, collection_id = images.values_list("file", "collection_id").first() or ("", None)
    if not name:
        return False
    private = collection_is_restricted(collection_id)
    if is_private(name) == private:
        image.file.name = name
        return False
    target = private_name(name) if private else public_name(name)
    storage = image.file.storage
    max_length = image._meta.get_field("file").max_length
    with storage.open(name, "rb") as source:
        moved = storage.save(target, source, max_length=max_length)
    if not images.filter(file=name).update(file=moved):  # changed meanwhile
        storage.delete(moved)
        return False
    image.file.name = moved
    # Each rendition's file goes now and its cache entry with its row
    # (Wagtail's signal handlers); the next request makes them again here.
    for rendition in image.renditions.all():
        storage.delete(rendition.file.name)  # now: Wagtail leaves it to the worker
        rendition.delete()
    storage.delete(name)
    logger.info("image files moved", extra={"image_id": image.pk, "private": private})
    return True


def settle_images_in(collection):
    from wagtail.images import get_image_model

    images = get_image_model().objects.filter(collection__path__startswith=collection.path)
    return sum(settle_image_files(image) for image in images.select_related("collection"))


def settle_all():
    from wagtail.images import get_image_model

    images = get_image_model().objects.select_related("collection")
    return sum(settle_image_files(image) for image in images)


def settle_misplaced():
    """Settle the images on the wrong side, found in two queries: for changes
    made past the signals (Wagtail's bulk "add to collection" and collection
    moves update rows in SQL), run by the worker every minute."""
    from wagtail.images import get_image_model

    from .visibility import restricted_collections

    restricted = restricted_collections()
    images = get_image_model().objects.select_related("collection")
    public_named = images.filter(collection_id__in=restricted).exclude(file__startswith=PRIVATE_DIR)
    private_named = images.exclude(collection_id__in=restricted).filter(
        file__startswith=PRIVATE_DIR
    )
    return sum(settle_image_files(image) for image in chain(public_named, private_named))


def _after_image_saved(sender, instance, **kwargs):
    transaction.on_commit(lambda: settle_image_files(instance))


def settle_after_commit(images):
    """For code that changes images' collections without saving each (bulk
    actions): settle them once the change is committed."""
    images = list(images)
    transaction.on_commit(lambda: [settle_image_files(image) for image in images])


def _after_collection_saved(sender, instance, **kwargs):
    # A collection moved under (or out of) a restricted one takes its subtree
    # along; treebeard moves rows in SQL after the save, so look after commit.
    def settle():
        from wagtail.models import Collection

        collection = Collection.objects.filter(pk=instance.pk).first()
        if collection is not None:
            settle_images_in(collection)

    transaction.on_commit(settle)


def _after_restriction_changed(sender, instance, **kwargs):
    from wagtail.models import Collection

    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:  # not a restriction deleted with its collection
        transaction.on_commit(lambda: settle_images_in(collection))


def connect():
    from wagtail.images import get_image_model
    from wagtail.models import Collection, CollectionViewRestriction

    image_model = get_image_model()
    post_save.connect(_after_collection_saved, sender=Collection, dispatch_uid="media_collection")
    pre_save.connect(upload_on_the_right_side, sender=image_model, dispatch_uid="media_upload")
    post_save.connect(_after_image_saved, sender=image_model, dispatch_uid="media_settle")
    for signal in (post_save, post_delete):
        signal.connect(
            _after_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"media_restriction_{signal is post_save}",
        )
