"""Load POMOST's initial content: the site's pages, the member organizations and
the Partnership Council.

Safe to run again: whatever already exists (found by slug, name or type) is left
exactly as editors have it, and only what is missing is created and published.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from wagtail.models import Page, Site

from core.media import settle_all
from organizations import initial_content as org_content
from organizations.accounts import ensure_groups_and_workflow
from organizations.models import CouncilMember, CouncilTerm, Organization
from pages import initial_content as content
from pages.models import (
    DeclarationPage,
    EventIndexPage,
    HistoryPage,
    HomePage,
    NewsIndexPage,
)

WAGTAIL_WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"


class Command(BaseCommand):
    help = "Creates POMOST's initial pages, organizations and council; never overwrites."

    def handle(self, *args, **options):
        self.created, self.kept = [], []
        with transaction.atomic():
            ensure_groups_and_workflow()
            organizations = self.load_organizations()
            self.load_council(organizations)
            home = self.load_home_page()
            self.load_child_page(home, HistoryPage, content.HISTORY, self.build_history)
            self.load_child_page(
                home,
                DeclarationPage,
                content.DECLARATION,
                lambda data: self.build_declaration(data, organizations),
            )
            self.load_child_page(home, NewsIndexPage, content.NEWS_INDEX)
            self.load_child_page(home, EventIndexPage, content.EVENT_INDEX)

        # Files of images in restricted collections where no web server serves
        # them (core.media), including those uploaded before that rule.
        if moved := settle_all():
            self.stdout.write(f"image files moved to the side their collection is on: {moved}")

        for line in self.created:
            self.stdout.write(f"created: {line}")
        for line in self.kept:
            self.stdout.write(f"left alone: {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"POMOST content: {len(self.created)} created, {len(self.kept)} left alone."
            )
        )

    # Organizations and council

    def load_organizations(self):
        """Returns the member organizations, existing or new, in the source's order."""
        organizations = []
        for name, short_name, legal_form in org_content.MEMBER_ORGANIZATIONS:
            organization = Organization(
                name=name,
                short_name=short_name,
                legal_form=legal_form,
                city="Legnica",
                member_since=org_content.JOINED_ON,
            )
            organization.clean()  # derives the slug
            existing = Organization.objects.filter(Q(name=name) | Q(slug=organization.slug)).first()
            if existing:
                self.kept.append(f"organization {existing.name}")
                organizations.append(existing)
                continue
            organization.full_clean()
            organization.save()
            organization.save_revision(log_action=True).publish(log_action=True)
            self.created.append(f"organization {name}")
            organizations.append(organization)
        return organizations

    def load_council(self, organizations):
        if CouncilTerm.objects.exists():
            self.kept.append("Partnership Council (a term already exists)")
            return
        by_name = {organization.name: organization for organization in organizations}
        term = CouncilTerm(start_date=org_content.COUNCIL_TERM_START)
        term.members = [
            CouncilMember(person_name=person, organization=by_name.get(organization_name))
            for person, organization_name in org_content.COUNCIL_MEMBERS
        ]
        term.full_clean()
        term.save()
        term.save_revision(log_action=True).publish(log_action=True)
        self.created.append(f"Partnership Council term with {len(term.members.all())} members")

    # Pages

    def load_home_page(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site and isinstance(site.root_page.specific, HomePage):
            self.kept.append(f"home page {site.root_page.title}")
            return site.root_page.specific

        root = Page.get_first_root_node()
        self.remove_wagtail_welcome_page(root)
        home = HomePage(**content.HOME)
        root.add_child(instance=home)
        home.save_revision(log_action=True).publish(log_action=True)
        if site:
            site.root_page = home
            site.site_name = "POMOST"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="POMOST",
            )
        self.created.append(f"home page {home.title}")
        return home

    def remove_wagtail_welcome_page(self, root):
        """Wagtail's first migration leaves a placeholder page as the site root;
        it is replaced, but only while it is untouched and has nothing under it."""
        for page in root.get_children().exact_type(Page):
            if page.title == WAGTAIL_WELCOME_PAGE_TITLE and page.is_leaf():
                page.delete()

    def load_child_page(self, home, page_class, data, build=None):
        existing = home.get_children().type(page_class).first()
        if existing:
            self.kept.append(f"{page_class._meta.verbose_name} {existing.title}")
            return
        page = build(data) if build else page_class(**data)
        home.add_child(instance=page)
        page.save_revision(log_action=True).publish(log_action=True)
        self.created.append(f"{page_class._meta.verbose_name} {page.url_path}")

    @staticmethod
    def build_history(data):
        return HistoryPage(**data)

    @staticmethod
    def build_declaration(data, organizations):
        goals = [
            {"type": "goal", "value": {"title": title, "description": description}}
            for title, description in data["goals"]
        ]
        page = DeclarationPage(**{**data, "goals": goals})
        page.signatories.set(organizations)
        return page
