"""One "public content changed" event per fact, after the change is committed,
saying what changed and how."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from core.events import Kind, public_content_changed
from organizations.models import CouncilMember, CouncilTerm, Organization
from pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    received = []

    def receive(sender, change, **kwargs):
        received.append(change)

    public_content_changed.connect(receive)
    yield received
    public_content_changed.disconnect(receive)


def summary(events):
    return [(change.model, change.id, change.kind) for change in events]


def test_publishing_a_page_is_one_event_after_commit(events, pomost, committed):
    page = pomost.root_page.add_child(instance=StandardPage(title="O nas", live=False))
    with committed():
        page.save_revision().publish()
        assert events == []  # not before the commit
    [change] = events
    assert (change.model, change.id, change.kind) == ("pages.StandardPage", page.id, "published")
    assert change.url_path == "/home/o-nas/" and change.descendants is False


def test_a_draft_that_was_never_published_tells_nobody(events, pomost, committed):
    with committed():
        page = pomost.root_page.add_child(instance=StandardPage(title="Szkic", live=False))
        page.title = "Szkic 2"
        page.save_revision()
        page.delete()
        Organization.objects.create(name="Fundacja Szkic", live=False).save_revision()
    assert events == []


def test_saving_a_draft_of_a_live_page_tells_nobody(events, pomost, committed):
    history = pomost.root_page.get_children().get(slug="historia").specific
    history.title = "Roboczy"
    with committed():
        history.save_revision()
    assert events == []


def test_unpublishing_and_deleting_a_section_say_so_and_name_its_subtree(events, pomost, committed):
    with committed():
        section = pomost.root_page.add_child(instance=StandardPage(title="Sekcja"))
        child = section.add_child(instance=StandardPage(title="Strona"))
    section.refresh_from_db()
    events.clear()
    with committed():
        section.unpublish()
    assert summary(events) == [("pages.StandardPage", section.id, Kind.UNPUBLISHED)]
    assert events[0].descendants is True

    events.clear()
    with committed():
        section.delete()
    # The section was no longer live; the page below it was, and is gone.
    assert summary(events) == [("pages.StandardPage", child.id, Kind.DELETED)]


def test_moving_a_page_says_where_from_and_where_to(events, pomost, committed):
    with committed():
        about = pomost.root_page.add_child(instance=StandardPage(title="O nas"))
        contact = pomost.root_page.add_child(instance=StandardPage(title="Kontakt"))
    events.clear()
    with committed():
        contact.move(about, pos="last-child")
    [change] = events
    assert change.kind == Kind.MOVED and change.id == contact.id
    assert (change.old_url_path, change.url_path) == ("/home/kontakt/", "/home/o-nas/kontakt/")
    assert change.descendants is True


def test_a_view_restriction_changes_a_subtree(events, pomost, committed):
    history = pomost.root_page.get_children().get(slug="historia")
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=history, restriction_type=PageViewRestriction.LOGIN
        )
    with committed():
        restriction.delete()
    assert summary(events) == [("pages.HistoryPage", history.id, Kind.RESTRICTION_CHANGED)] * 2
    assert all(change.descendants for change in events)

    with committed():
        collection = Collection.get_first_root_node().add_child(name="Prywatne")
    events.clear()
    with committed():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="password", password="x"
        )
    assert summary(events) == [("wagtailcore.Collection", collection.id, Kind.RESTRICTION_CHANGED)]


def test_an_expiry_processed_by_the_scheduler_is_an_expiry(events, pomost, committed):
    arche = Organization.objects.get(slug="fundacja-arche")
    Organization.objects.filter(pk=arche.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )  # by the clock: no signal
    with committed():
        call_command("publish_scheduled", stdout=io.StringIO())
    assert summary(events) == [("organizations.Organization", arche.id, Kind.EXPIRED)]


def test_publishing_a_snippet_and_editing_public_media_say_so(
    events, committed, make_image, make_organization
):
    with committed():
        org = make_organization("Fundacja Nowa")
    assert summary(events) == [("organizations.Organization", org.id, Kind.PUBLISHED)]

    with committed():
        image = make_image("Logo")
    events.clear()
    with committed():
        Image.objects.get(pk=image.pk).save()  # e.g. a new focal point
    assert summary(events) == [("wagtailimages.Image", image.id, Kind.CHANGED)]


def test_a_live_object_saved_outside_publishing_is_a_change(events, committed):
    arche = Organization.objects.get(slug="fundacja-arche")
    arche.phone = "76 111 22 33"
    with committed():
        arche.save()
    assert summary(events) == [("organizations.Organization", arche.id, Kind.CHANGED)]


def test_an_inline_child_is_a_change_of_its_live_parent(events, committed):
    council = CouncilTerm.objects.get()
    with committed():
        CouncilMember.objects.create(term=council, person_name="Nowa Osoba")
    assert summary(events) == [("organizations.CouncilTerm", council.id, Kind.CHANGED)]


def test_a_rolled_back_change_is_never_announced(events, pomost):
    with transaction.atomic():
        arche = Organization.objects.get(slug="fundacja-arche")
        try:
            with transaction.atomic():
                arche.save_revision().publish()
                raise RuntimeError("the save failed")
        except RuntimeError:
            pass
        assert events == []
    # The outer transaction of the test never commits either: nothing is sent.
    assert events == []
