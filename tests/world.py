"""A site holding every kind of secret the CMS can hold, each beside a public twin.

Every secret carries SECRET in its texts and file names; its public twin carries
TWIN. A public page, a public organization and the council point at both. The
adversarial tests (API and HTML) assert that SECRET never comes back and, through
the very same query or page, that TWIN does: hiding everything passes neither.
"""

import datetime
import json
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from organizations.models import CouncilMember, CouncilTerm, Organization
from pages.models import DeclarationPage, HomePage, NewsIndexPage, NewsPage, StandardPage

SECRET = "xyzzysekret"
TWIN = "jawnyblizniak"
PAST = datetime.timedelta(days=1)


# The pages the public may not see on this site, by kind (other sites aside).
HIDDEN_PAGES = (
    "draft",
    "expired",
    "under_expired",
    "unpublished_parent",
    "under_unpublished",
    "restricted_password",
    "under_restricted_password",
    "restricted_login",
    "under_restricted_login",
    "restricted_groups",
    "under_restricted_groups",
)


def mentions(payload, word):
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return word in text.lower()


def where(payload, word, path=""):
    """Where in a JSON payload a word appears, for assertion messages."""
    if isinstance(payload, dict):
        for key, value in payload.items():
            yield from where(value, word, f"{path}.{key}")
    elif isinstance(payload, list):
        for index, value in enumerate(payload):
            yield from where(value, word, f"{path}[{index}]")
    elif isinstance(payload, str) and word in payload.lower():
        yield path, payload[:160]


def published(page, parent):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def standard(title, parent, **fields):
    return published(StandardPage(title=title, **fields), parent)


def image(title, collection=None):
    filename = f"{title.split()[0]}.png"
    return Image.objects.create(
        title=title,
        file=get_test_image_file(filename=filename, size=(80, 60)),
        collection=collection or Collection.get_first_root_node(),
    )


def document(title, collection=None):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4 test", name=f"{title.split()[0]}.pdf"),
        collection=collection or Collection.get_first_root_node(),
    )


def organization(name, live=True, **fields):
    org = Organization(name=name, live=live, **fields)
    org.full_clean()
    org.save()
    if live:
        org.save_revision().publish()
    return org


@dataclass
class World:
    """What was built: `secret` and `twin` map each kind to its object."""

    secret: dict = field(default_factory=dict)
    twin: dict = field(default_factory=dict)

    def secret_pages(self):
        return [obj for obj in self.secret.values() if isinstance(obj, Page)]


def rich_text_links(pages=(), documents=(), images=()):
    links = " ".join(f'<a linktype="page" id="{page.id}">strona {page.id}</a>' for page in pages)
    links += " ".join(
        f'<a linktype="document" id="{doc.id}">dokument {doc.id}</a>' for doc in documents
    )
    embeds = "".join(
        f'<embed embedtype="image" id="{img.id}" format="fullwidth" alt="obraz {img.id}"/>'
        for img in images
    )
    return f"<p>{links}</p>{embeds}"


def build():
    home = HomePage.objects.get()
    news_index = NewsIndexPage.objects.get()
    world = World()
    s, t = world.secret, world.twin
    now = timezone.now()

    # Pages: drafts, unpublished changes, expiry, hidden parents, restrictions, other sites.
    draft = NewsPage(title=f"{SECRET} szkic", date=datetime.date(2026, 11, 2), live=False)
    news_index.add_child(instance=draft)
    draft.tags.add(f"{SECRET}-tag")
    draft.save_revision()
    s["draft"] = draft
    t["draft"] = published(
        NewsPage(title=f"{TWIN} aktualność", date=datetime.date(2026, 11, 2)), news_index
    )
    t["draft"].tags.add(f"{TWIN}-tag")
    t["draft"].save_revision().publish()

    changed = published(
        NewsPage(title="Aktualność ze szkicem", date=datetime.date(2026, 11, 3)), news_index
    )
    changed.title, changed.intro = f"{SECRET} zmiana robocza", f"{SECRET} robocze"
    changed.save_revision()
    s["unpublished_change"] = changed

    s["expired"] = standard(f"{SECRET} wygasła", home, expire_at=now + PAST)
    s["under_expired"] = standard(f"{SECRET} pod wygasłą", s["expired"])
    Page.objects.filter(pk=s["expired"].pk).update(expire_at=now - PAST)
    s["expired"].refresh_from_db()

    s["unpublished_parent"] = standard(f"{SECRET} wycofana sekcja", home)
    s["under_unpublished"] = standard(f"{SECRET} pod wycofaną", s["unpublished_parent"])
    s["unpublished_parent"].unpublish()

    t["section"] = standard(f"{TWIN} sekcja", home)
    t["under_section"] = standard(f"{TWIN} podstrona", t["section"])

    editors = Group.objects.get(name="Editors")
    for kind, extra in [
        (PageViewRestriction.PASSWORD, {"password": "tajne"}),
        (PageViewRestriction.LOGIN, {}),
        (PageViewRestriction.GROUPS, {}),
    ]:
        restricted = standard(f"{SECRET} prywatna {kind}", home)
        restriction = PageViewRestriction.objects.create(
            page=restricted, restriction_type=kind, **extra
        )
        if kind == PageViewRestriction.GROUPS:
            restriction.groups.add(editors)
        s[f"restricted_{kind}"] = restricted
        s[f"under_restricted_{kind}"] = standard(f"{SECRET} pod {kind}", restricted)

    other_home = HomePage(title=f"{SECRET} inna witryna", slug=f"{SECRET}-inna")
    Page.get_first_root_node().add_child(instance=other_home)
    other_home.save_revision().publish()
    Site.objects.create(hostname="inna.example.org", root_page=other_home)
    s["other_site"] = other_home
    s["under_other_site"] = standard(f"{SECRET} na innej witrynie", other_home)

    # Organizations and the council.
    s["unpublished_org"] = organization(f"{SECRET.upper()} Fundacja Szkic", live=False)
    s["expired_org"] = organization(f"{SECRET.upper()} Fundacja Wygasła")
    Organization.objects.filter(pk=s["expired_org"].pk).update(expire_at=now - PAST)
    t["org"] = organization(f"{TWIN.upper()} Fundacja Jawna", description=f"<p>{TWIN}</p>")
    arche = Organization.objects.get(name="Fundacja ARCHE")
    arche.description = f"<p>{SECRET} nieopublikowany opis</p>"
    arche.save_revision()
    s["draft_description"] = arche

    for key, live, expire in [("unpublished_term", False, None), ("expired_term", True, now)]:
        term = CouncilTerm(start_date=datetime.date(2026, 1, 1), live=live)
        term.members = [CouncilMember(person_name=f"{SECRET} {key}")]
        term.save()
        term.save_revision()
        if expire:
            CouncilTerm.objects.filter(pk=term.pk).update(expire_at=expire - PAST)
        s[key] = term
    council = CouncilTerm.objects.get(live=True, expire_at__isnull=True)
    for org in (s["unpublished_org"], s["expired_org"], t["org"]):
        CouncilMember.objects.create(term=council, person_name="Przedstawiciel", organization=org)

    # Media in a restricted collection and its child, and public twins.
    restricted_collection = Collection.get_first_root_node().add_child(name=f"{SECRET} kolekcja")
    CollectionViewRestriction.objects.create(
        collection=restricted_collection, restriction_type="password", password="tajne"
    )
    child_collection = restricted_collection.add_child(name=f"{SECRET} podkolekcja")
    public_collection = Collection.get_first_root_node().add_child(name=f"{TWIN} kolekcja")
    s["collection"], t["collection"] = restricted_collection, public_collection
    s["image"], t["image"] = image(f"{SECRET} obraz", restricted_collection), image(f"{TWIN} obraz")
    s["child_image"] = image(f"{SECRET}-dziecko obraz", child_collection)
    t["child_image"] = image(f"{TWIN}-dziecko obraz", public_collection)
    s["document"] = document(f"{SECRET} dokument", child_collection)
    t["document"] = document(f"{TWIN} dokument", public_collection)

    # Public content pointing at every secret and every twin.
    arche_public = Organization.objects.get(name="Fundacja ARCHE")
    hidden_pages = [s[key] for key in (*HIDDEN_PAGES, "other_site", "under_other_site")]
    body = [
        (
            "paragraph",
            rich_text_links(
                [*hidden_pages, t["section"], t["under_section"]],
                [s["document"], t["document"]],
                [s["child_image"], t["child_image"]],
            ),
        ),
        ("image", {"image": s["child_image"], "alt_text": "", "caption": "Podpis ukrytego"}),
        ("image", {"image": t["child_image"], "alt_text": "", "caption": "Podpis jawnego"}),
        ("document", {"document": s["document"], "title": "Pobierz ukryty"}),
        ("document", {"document": t["document"], "title": "Pobierz jawny"}),
    ]
    hub = NewsPage(
        title="Wiadomość publiczna",
        date=datetime.date(2026, 11, 4),
        main_image=s["image"],
        body=body,
    )
    news_index.add_child(instance=hub)
    hub.related_organizations.set([s["unpublished_org"], s["expired_org"], t["org"], arche_public])
    hub.save_revision().publish()
    t["hub"] = hub
    twin_hub = published(
        NewsPage(title=f"{TWIN} wiadomość", date=datetime.date(2026, 11, 5), main_image=t["image"]),
        news_index,
    )
    t["twin_hub"] = twin_hub

    declaration = DeclarationPage.objects.get()
    declaration.signatories.add(s["unpublished_org"], s["expired_org"], t["org"])
    declaration.save_revision().publish()
    return world
