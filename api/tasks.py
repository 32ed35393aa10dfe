"""Background work of the API, done by the task worker."""

import logging

from django_tasks import task
from wagtail.images import get_image_model

from core.tasks import retry_later

logger = logging.getLogger(__name__)


@task()
def make_renditions(image_id, specs, retry=0):
    """Make renditions a request left for later (see api.budget)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return  # deleted meanwhile
    try:
        image.get_renditions(*specs)
    except Exception:
        if not retry_later(make_renditions, retry, image_id=image_id, specs=specs):
            raise
        logger.warning("Renditions of image %s failed; retrying", image_id, exc_info=True)
