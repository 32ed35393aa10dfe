"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY", default="django-insecure-local-development-only")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
GRAPPLE = {**GRAPPLE, "EXPOSE_GRAPHIQL": True}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Password of the local `admin` account made by `make run` (generated when unset).
LOCAL_ADMIN_PASSWORD = env("POMOST_ADMIN_PASSWORD", default="")
# A receiver on this machine, for trying webhooks out.
WEBHOOK_ALLOW_PRIVATE_NETWORKS = env.bool("WEBHOOK_ALLOW_PRIVATE_NETWORKS", default=True)
