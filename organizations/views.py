"""An organization's public profile as HTML, at ``ORGANIZATIONS_PATH`` + slug,
for sites without a portal (with one, anonymous visitors are sent there, as for
pages)."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render

from .models import Organization


def organization_profile(request, slug):
    organization = get_object_or_404(Organization.objects.published(), slug=slug)
    if settings.PORTAL_BASE_URL and not request.user.is_authenticated:
        return redirect(organization.public_url(request))
    return render(request, "organizations/organization_profile.html", {"object": organization})
