"""The site's URLs plus what the benchmark compares GraphQL with: Wagtail's REST
API v2 serving the same news fields, and a floor view returning fixed bytes."""

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.urls import path
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

from cms.urls import urlpatterns as site_urlpatterns
from pages.models import NewsPage


class OrganizationSummary(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class PublicOrganizations(serializers.Field):
    """A news item's related organizations, public ones only, as the API serves them."""

    def to_representation(self, page):
        return OrganizationSummary(page.public_related("related_organizations"), many=True).data


# The REST API reads `api_fields`; they are declared here so that only the
# benchmark server exposes the REST API at all.
NewsPage.api_fields = [
    APIField("date"),
    APIField("intro"),
    APIField("main_image_320", serializer=ImageRenditionField("width-320", source="main_image")),
    APIField("main_image_640", serializer=ImageRenditionField("width-640", source="main_image")),
    APIField("tags"),
    APIField("related_organizations", serializer=PublicOrganizations(source="*")),
]

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)


def floor(request):
    """The GraphQL response's bytes with no work at all behind them."""
    body = Path(settings.BENCH_FLOOR_FILE).read_bytes() if settings.BENCH_FLOOR_FILE else b"{}"
    return HttpResponse(body, content_type="application/json")


urlpatterns = [
    path("api/v2/", api_router.urls),
    path("bench/floor/", floor),
    *site_urlpatterns,
]
