"""Member organizations keep their own profile current, and only their own,
through moderation by the partnership's editors."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from organizations.accounts import MEMBERS_GROUP, PARTNERSHIP_GROUP, WORKFLOW_NAME
from organizations.models import Organization, OrganizationEditor
from tests.organization_roles import (
    PASSWORD,
    editor_of_nothing,
    organization_editor,
    partnership_editor,
    url,
)
from tests.test_admin_editor import organization_form

pytestmark = pytest.mark.django_db

PROFILE = '{ organization(slug: "fundacja-arche") { description phone } }'


@pytest.fixture
def arche(pomost):
    return Organization.objects.get(name="Fundacja ARCHE")


@pytest.fixture
def monar(pomost):
    return Organization.objects.exclude(name="Fundacja ARCHE").order_by("pk").first()


@pytest.fixture
def arche_editor(arche):
    return organization_editor(arche, "ewa@arche.example")


def arche_form(arche, **changes):
    fields = {
        "name": arche.name,
        "slug": arche.slug,
        "legal_form": arche.legal_form,
        "member_since": str(arche.member_since or ""),
        **changes,
    }
    return organization_form(**fields)


# Accounts


def test_invite_org_editor_creates_the_account_and_mails_a_polish_password_link(client, arche):
    out = io.StringIO()
    call_command("invite_org_editor", "fundacja-arche", "Ewa.Nowak@ARCHE.example", stdout=out)

    assert "Created the account Ewa.Nowak@arche.example" in out.getvalue()
    user = get_user_model().objects.get(email="Ewa.Nowak@arche.example")
    assert user.organization_membership.organization == arche
    assert set(user.groups.values_list("name", flat=True)) >= {MEMBERS_GROUP}
    (message,) = mail.outbox
    assert message.to == ["Ewa.Nowak@arche.example"]
    assert "Fundacja ARCHE" in message.subject and "Dzień dobry" in message.body

    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+/)", message.body)[1]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 302
    assert client.login(username=user.username, password=PASSWORD)


def test_invite_org_editor_reuses_an_account_and_refuses_a_second_organization(arche, monar):
    existing = get_user_model().objects.create_user("ewa", email="ewa@arche.example")
    out = io.StringIO()
    call_command("invite_org_editor", arche.slug, "EWA@arche.example", "--no-email", stdout=out)
    assert "Made the existing account" in out.getvalue()
    assert OrganizationEditor.objects.get(user=existing).organization == arche

    call_command("invite_org_editor", arche.slug, "ewa@arche.example", "--no-email", stdout=out)
    assert "was already an editor" in out.getvalue()
    with pytest.raises(CommandError, match="jest już redaktorem organizacji"):
        call_command("invite_org_editor", monar.slug, "ewa@arche.example", stdout=out)
    assert OrganizationEditor.objects.filter(user=existing).count() == 1


@pytest.mark.parametrize(
    "slug, email, error",
    [
        ("nie-ma-takiej", "ewa@arche.example", "No organization has the slug"),
        ("fundacja-arche", "to nie adres", "nie jest poprawnym adresem e-mail"),
    ],
)
def test_invite_org_editor_explains_bad_input_and_creates_nothing(arche, slug, email, error):
    users = get_user_model().objects.count()
    with pytest.raises(CommandError, match=error):
        call_command("invite_org_editor", slug, email, stdout=io.StringIO())
    assert get_user_model().objects.count() == users and not mail.outbox


def test_adding_an_editor_is_not_a_change_of_the_profile(arche):
    revisions = arche.revisions.count()
    organization_editor(arche, "ewa@arche.example")
    arche.refresh_from_db()
    assert arche.revisions.count() == revisions and not arche.has_unpublished_changes


def test_partnership_editor_adds_and_removes_an_editor_on_the_organization_screen(
    client, arche, committed
):
    client.force_login(partnership_editor())
    edit_page = client.get(url("edit", arche.pk))
    assert url("editors", arche.pk) in edit_page.content.decode()

    with committed():
        response = client.post(url("editors", arche.pk), {"email": "jan@arche.example"})
    assert response.status_code == 302
    membership = OrganizationEditor.objects.get(user__email="jan@arche.example")
    assert membership.organization == arche
    (message,) = mail.outbox
    assert message.to == ["jan@arche.example"] and "/admin/password_reset/confirm/" in message.body
    listing = client.get(url("editors", arche.pk)).content.decode()
    assert "jan@arche.example" in listing

    response = client.post(url("editors", arche.pk), {"email": "zły adres"})
    assert response.status_code == 200 and "poprawny adres" in response.content.decode()

    client.post(url("editors", arche.pk), {"remove": membership.pk})
    assert not OrganizationEditor.objects.filter(pk=membership.pk).exists()
    user = get_user_model().objects.get(email="jan@arche.example")
    assert not user.groups.filter(name=MEMBERS_GROUP).exists()


def test_load_pomost_makes_both_groups_and_the_moderation_workflow(pomost):
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    assert Group.objects.filter(name__in=[PARTNERSHIP_GROUP, MEMBERS_GROUP]).count() == 2
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert workflow.workflow_content_types.filter(content_type__model="organization").exists()
    (task,) = [task.specific for task in workflow.tasks.all()]
    assert list(task.groups.values_list("name", flat=True)) == [PARTNERSHIP_GROUP]
    members = Group.objects.get(name=MEMBERS_GROUP)
    assert sorted(members.permissions.values_list("codename", flat=True)) == [
        "access_admin",
        "change_organization",
    ]
    call_command("load_pomost", stdout=io.StringIO())  # again: nothing doubled
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1


# Scope


def test_an_organization_editor_lists_and_chooses_only_their_own(
    client, arche, monar, arche_editor
):
    client.force_login(arche_editor)
    listing = client.get(url("list")).content.decode()
    assert arche.name in listing and monar.name not in listing
    chooser = client.get(
        reverse("wagtailsnippetchoosers_organizations_organization:choose")
    ).content.decode()
    assert arche.name in chooser and monar.name not in chooser
    search = client.get(url("list_results"), {"q": monar.name.split()[-1]}).content.decode()
    assert monar.name not in search


def test_an_organization_editor_cannot_save_another_organization(
    client, arche, monar, arche_editor
):
    client.force_login(arche_editor)
    revisions = monar.revisions.count()
    assert client.get(url("edit", monar.pk)).status_code == 302
    response = client.post(
        url("edit", monar.pk),
        {**arche_form(monar, name="Przejęta"), "action-submit": "1"},
    )
    assert response.status_code == 302
    monar.refresh_from_db()
    assert monar.name != "Przejęta" and monar.revisions.count() == revisions
    assert not WorkflowState.objects.filter(object_id=str(monar.pk)).exists()


def test_an_organization_editor_cannot_change_the_partnerships_fields(client, arche, arche_editor):
    arche.krs = "0000123456"
    arche.save()
    client.force_login(arche_editor)
    form = arche_form(
        arche,
        slug="przejety-adres",
        member_since="1999-01-01",
        legal_form="foundation" if arche.legal_form != "foundation" else "association",
        krs="0000654321",
        phone="76 111 22 33",
    )
    assert client.post(url("edit", arche.pk), form).status_code == 302
    draft = arche.revisions.order_by("-pk").first().as_object()
    assert draft.phone == "76 111 22 33"  # theirs
    assert (draft.slug, draft.member_since, draft.legal_form, draft.krs) == (
        arche.slug,
        arche.member_since,
        arche.legal_form,
        "0000123456",
    )


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/workflows/list/",
        "/admin/users/",
        "/admin/snippets/",
        "/admin/snippets/organizations/councilterm/",
        "/admin/redirects/",
        "/admin/collections/",
        "/admin/pages/search/?q=a",
    ],
)
def test_an_organization_editor_sees_nothing_of_the_admin_beyond_their_own(
    client, arche_editor, path
):
    client.force_login(arche_editor)
    response = client.get(path)
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 200  # the dashboard, not a loop


def test_an_organization_editor_has_their_own_collection_of_images(client, arche_editor, monar):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from organizations.accounts import organization_collection

    theirs = Image.objects.create(
        title="Logo ARCHE",
        file=get_test_image_file(),
        collection=organization_collection(arche_editor.organization_membership.organization),
    )
    other = Image.objects.create(
        title="Logo obce", file=get_test_image_file(), collection=organization_collection(monar)
    )
    client.force_login(arche_editor)
    listing = client.get("/admin/images/").content.decode()
    assert theirs.title in listing and other.title not in listing
    assert client.get(f"/admin/images/{other.pk}/").status_code in (302, 403)


def test_an_editor_of_no_organization_reaches_no_profile(client, arche):
    client.force_login(editor_of_nothing())
    listing = client.get(url("list")).content.decode()
    assert arche.name not in listing
    assert client.get(url("edit", arche.pk)).status_code == 302


# Moderation


def submit(client, arche, **changes):
    return client.post(
        url("edit", arche.pk), {**arche_form(arche, **changes), "action-submit": "1"}
    )


def task_state_of(arche):
    return TaskState.objects.get(
        workflow_state__object_id=str(arche.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def decide(client, arche, action, comment=""):
    task_state = task_state_of(arche)
    return client.post(
        url("workflow_action", arche.pk, action, task_state.pk), {"comment": comment}
    )


def test_moderation_round_trip_changes_the_api_only_on_approval(
    client, arche, arche_editor, graphql, committed
):
    before = graphql(PROFILE)["organization"]
    client.force_login(arche_editor)
    assert (
        client.post(url("edit", arche.pk), arche_form(arche, phone="76 111 22 33")).status_code
        == 302
    )
    assert graphql(PROFILE)["organization"] == before  # a draft

    with committed():
        assert submit(client, arche, phone="76 111 22 33").status_code == 302
    assert arche.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert graphql(PROFILE)["organization"] == before  # in moderation

    mail.outbox.clear()
    client.force_login(partnership_editor())
    with committed():
        response = decide(client, arche, "approve")
    assert response.status_code in (200, 302), response.content[:500]
    assert graphql(PROFILE)["organization"]["phone"] == "76 111 22 33"
    assert [message.to for message in mail.outbox] == [["ewa@arche.example"]]
    assert "zatwierdzone" in mail.outbox[0].subject


def test_a_rejection_reaches_the_organization_with_its_comment(
    client, arche, arche_editor, graphql, committed
):
    before = graphql(PROFILE)["organization"]
    second = organization_editor(arche, "piotr@arche.example")
    client.force_login(arche_editor)
    with committed():
        submit(client, arche, phone="76 999 99 99")

    mail.outbox.clear()
    client.force_login(partnership_editor())
    with committed():
        response = decide(client, arche, "reject", "Numer telefonu jest niepełny.")
    assert response.status_code in (200, 302)
    assert graphql(PROFILE)["organization"] == before
    assert sorted(to for message in mail.outbox for to in message.to) == sorted(
        ["ewa@arche.example", second.email]
    )
    assert "Numer telefonu jest niepełny." in mail.outbox[0].body

    client.force_login(arche_editor)
    dashboard = client.get("/admin/").content.decode()
    assert 'data-profile-state="rejected"' in dashboard
    assert "Numer telefonu jest niepełny." in dashboard


def test_partnership_editors_publish_directly_and_can_revert(client, arche, graphql):
    client.force_login(partnership_editor())
    response = client.post(
        url("edit", arche.pk), {**arche_form(arche, phone="76 222 33 44"), "action-publish": "1"}
    )
    assert response.status_code == 302
    assert graphql(PROFILE)["organization"]["phone"] == "76 222 33 44"
    first = arche.revisions.order_by("pk").first()
    compare = client.get(url("revisions_compare", arche.pk, first.pk, "latest").replace("%3A", ":"))
    assert compare.status_code == 200
    history = client.get(url("history", arche.pk)).content.decode()
    assert "redakcja" in history


def test_the_dashboard_shows_an_organization_editor_their_profile(client, arche, arche_editor):
    client.force_login(arche_editor)
    page = client.get("/admin/").content.decode()
    assert "Profil organizacji: Fundacja ARCHE" in page
    assert 'data-profile-state="live"' in page
    assert url("edit", arche.pk) in page
    client.post(url("edit", arche.pk), arche_form(arche, phone="76 111 22 33"))
    assert 'data-profile-state="draft"' in client.get("/admin/").content.decode()


def test_an_organization_editor_can_neither_publish_nor_approve_their_own_change(
    client, arche, arche_editor, graphql, committed
):
    before = graphql(PROFILE)["organization"]
    client.force_login(arche_editor)
    form = arche_form(arche, phone="76 555 55 55")
    client.post(url("edit", arche.pk), {**form, "action-publish": "action-publish"})
    with committed():
        submit(client, arche, phone="76 555 55 55")
    task_state = task_state_of(arche)
    client.post(
        url("edit", arche.pk),
        {**form, "action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    decide(client, arche, "approve")
    arche.refresh_from_db()
    assert graphql(PROFILE)["organization"] == before
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_an_organizations_uploads_stay_private_until_its_profile_is_approved(
    client, arche, arche_editor, graphql, committed
):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from organizations.accounts import organization_collection

    logo = Image.objects.create(
        title="Nowe logo ARCHE",
        file=get_test_image_file(),
        collection=organization_collection(arche),
        uploaded_by_user=arche_editor,
    )
    listed = "{ images(limit: 100) { title } }"
    assert "Nowe logo ARCHE" not in str(graphql(listed))
    assert graphql(f"{{ image(id: {logo.pk}) {{ title }} }}")["image"] is None

    client.force_login(arche_editor)
    with committed():
        submit(client, arche, logo=logo.pk)
    assert (
        graphql('{ organization(slug: "fundacja-arche") { logo { title } } }')["organization"][
            "logo"
        ]
        is None
    )

    client.force_login(partnership_editor())
    with committed():
        decide(client, arche, "approve")
    logo.refresh_from_db()
    assert graphql('{ organization(slug: "fundacja-arche") { logo { title } } }')["organization"][
        "logo"
    ] == {"title": "Nowe logo ARCHE"}
    # The approved logo is out of the organization's hands: changing it is moderated.
    client.force_login(arche_editor)
    assert client.get(f"/admin/images/{logo.pk}/").status_code in (302, 403)


def test_an_organization_editors_dashboard_counts_nothing_of_the_sites_content(
    client, arche_editor
):
    client.force_login(arche_editor)
    page = client.get("/admin/").content.decode()
    assert "Profil organizacji: Fundacja ARCHE" in page
    assert "w-summary__list" not in page  # no counts of the site's images, documents, pages


def test_an_organization_editor_cannot_choose_another_organizations_image(
    client, arche, monar, arche_editor
):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from organizations.accounts import organization_collection

    private = Image.objects.create(
        title="Cudze logo", file=get_test_image_file(), collection=organization_collection(monar)
    )
    client.force_login(arche_editor)
    # With another field wrong the form comes back: it must not show the image either.
    response = client.post(
        url("edit", arche.pk), arche_form(arche, logo=private.pk, postal_code="zły")
    )
    assert response.status_code == 200 and "Cudze logo" not in response.content.decode()
    client.post(url("edit", arche.pk), {**arche_form(arche, logo=private.pk), "action-submit": "1"})
    arche.refresh_from_db()
    assert arche.revisions.count() == 1 and arche.logo_id is None


def test_an_organization_editor_learns_nothing_of_draft_pages_from_links(
    client, arche, arche_editor, news_index
):
    from wagtail.test.utils.form_data import rich_text

    from pages.models import NewsPage

    draft = news_index.add_child(
        instance=NewsPage(title="Tajny szkic", slug="tajny-szkic", live=False, date="2026-11-01")
    )
    description = rich_text(f'<p><a linktype="page" id="{draft.pk}">tu</a></p>')
    client.force_login(arche_editor)
    response = client.post(
        url("edit", arche.pk), arche_form(arche, description=description, postal_code="zły")
    )
    assert response.status_code == 200 and "tajny-szkic" not in response.content.decode()
    response = client.post(url("edit", arche.pk), arche_form(arche, description=description))
    assert response.status_code == 200  # refused with a message, nothing saved
    assert "nie ma w serwisie publicznym" in response.content.decode()
    assert arche.revisions.count() == 1


def test_removing_an_editor_ends_their_preview_links(client, arche, arche_editor):
    from organizations.accounts import remove_editor
    from previews.models import PreviewToken

    PreviewToken.objects.issue(arche, arche_editor)
    remove_editor(arche_editor.organization_membership)
    assert not PreviewToken.objects.filter(user=arche_editor).exists()


def test_accounts_cannot_change_their_own_e_mail_address(client, arche_editor):
    client.force_login(arche_editor)
    page = client.get("/admin/account/").content.decode()
    assert 'name="name_email-email"' not in page


def test_an_organization_editors_link_chooser_offers_urls_and_tells_nothing_of_pages(
    client, arche_editor, home
):
    client.force_login(arche_editor)
    response = client.get("/admin/choose-page/", {"allow_external_link": "true"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/admin/choose-external-link/")
    history = home.get_children().get(slug="historia").specific
    history.title = "Historia – szkic tytułu"
    history.save_revision()
    response = client.post(
        "/admin/choose-external-link/",
        {"external-link-chooser-url": "http://localhost/historia/"},
    )
    assert response.status_code == 200
    answer = response.content.decode()
    assert "szkic tytułu" not in answer and '"internal"' not in answer


def test_an_organization_editor_cannot_swap_the_file_of_an_uploaded_image(
    client, arche, arche_editor
):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from organizations.accounts import organization_collection

    image = Image.objects.create(
        title="Logo",
        file=get_test_image_file(filename="pierwsze.png"),
        collection=organization_collection(arche),
        uploaded_by_user=arche_editor,
    )
    client.force_login(arche_editor)
    response = client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": "Logo po zmianie",
            "collection": image.collection_id,
            "file": get_test_image_file(filename="podmienione.png"),
            "tags": "",
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Logo po zmianie" and "pierwsze" in image.file.name
