"""The suite's settings: the project's test settings plus a test-only app with a
second draft-state snippet (tests/noticeboard). `make schema` and CI's schema
check use cms.settings.test, so the committed schema does not show it."""

from cms.settings.test import *  # noqa: F403
from cms.settings.test import API_ROOT_FIELDS, GRAPPLE, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.noticeboard"]
GRAPPLE = {**GRAPPLE, "APPS": [*GRAPPLE["APPS"], "noticeboard"]}
API_ROOT_FIELDS = [*API_ROOT_FIELDS, "notices", "noticesAsStored"]
