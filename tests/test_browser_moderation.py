"""An organization's change to its profile, end to end in a real browser: its
editor (made by `invite_org_editor`) edits the description in the Wagtail admin
and sends it for moderation, a partnership editor approves it, and only then
does the API serve it. On the way it saves the screenshot of the organization
editor's dashboard for the README (docs/organization-dashboard.png).

How the browser and the app are run: tests/browser.py.
"""

import pytest

from organizations.accounts import PARTNERSHIP_GROUP

from .browser import (
    BROWSER_TESTS,
    By,
    chromium,
    edits_are_watched,
    fonts_loaded,
    graphql,
    log_in,
    open_more_actions,
    serving,
    settle_autosave,
    shown,
    wait,
    wait_for_success,
)
from .organization_roles import PASSWORD
from .servers import ROOT, _free_port, manage, site_environment

pytestmark = BROWSER_TESTS

REDIS_URL = "redis://127.0.0.1:6379/11"
SCREENSHOT = ROOT / "docs" / "organization-dashboard.png"

ORGANIZATION_SLUG = "fundacja-arche"
ORGANIZATION_NAME = "Fundacja ARCHE"
EDITOR_EMAIL = "ewa@arche.example"
PARTNERSHIP_EDITOR = "redakcja"
NEW_DESCRIPTION = "Prowadzimy świetlicę „Pod Dębem” dla dzieci z Legnicy."

# The production environment sends e-mail through SMTP, which nobody runs here:
# the invitation goes without its e-mail and the password is set as an operator
# would, from the shell.
ACCOUNTS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
User = get_user_model()
editor = User.objects.get(email={email!r})
editor.set_password({password!r})
editor.save()
partnership = User.objects.create_user(
    {partner!r}, email="redakcja@pomost.example", password={password!r}
)
partnership.groups.add(Group.objects.get(name={group!r}))
"""

PROFILE = f'{{ organization(slug: "{ORGANIZATION_SLUG}") {{ description }} }}'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The app on a loopback port: production settings, its own PostgreSQL and
    Redis databases, its static files collected; the two editors in it.
    Yields the app's base URL."""
    port = _free_port()
    work = tmp_path_factory.mktemp("browser")
    with site_environment(
        "pomost_browser",
        REDIS_URL,
        STATIC_ROOT=str(work / "static"),
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
    ) as env:
        manage(env, "collectstatic", "--no-input", "-v0")
        manage(env, "invite_org_editor", ORGANIZATION_SLUG, EDITOR_EMAIL, "--no-email")
        accounts = ACCOUNTS.format(
            email=EDITOR_EMAIL,
            password=PASSWORD,
            partner=PARTNERSHIP_EDITOR,
            group=PARTNERSHIP_GROUP,
        )
        manage(env, "shell", "-v0", "-c", accounts)
        with serving(env, port, work / "server.log") as base_url:
            yield base_url


@pytest.fixture
def browser(site):
    with chromium() as driver:
        yield driver


def dashboard_panel(browser, locator):
    return wait(browser).until(
        shown.visibility_of_element_located(locator), f"no panel {locator} on the dashboard"
    )


def public_description(site, query=PROFILE):
    return graphql(site, query)["organization"]["description"] or ""


def test_an_organizations_edit_reaches_the_api_only_once_the_partnership_approves_it(site, browser):
    # Another operation than the PROFILE asked later, whose first answer is then
    # computed afresh: no cached answer can hide a draft that leaks.
    published = public_description(site, f"query Before {PROFILE}")
    assert NEW_DESCRIPTION not in published

    # The organization's editor: dashboard, edit, send for moderation.
    log_in(browser, site, EDITOR_EMAIL)
    panel = dashboard_panel(browser, (By.CSS_SELECTOR, "[data-profile-state]"))
    assert panel.get_attribute("data-profile-state") == "live"
    assert panel.find_element(By.TAG_NAME, "h2").text == f"Profil organizacji: {ORGANIZATION_NAME}"
    fonts_loaded(browser)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.write_bytes(browser.get_screenshot_as_png())

    panel.find_element(By.LINK_TEXT, "Edytuj profil").click()
    description = wait(browser).until(
        shown.element_to_be_clickable(
            (By.CSS_SELECTOR, '[data-contentpath="description"] [contenteditable="true"]')
        ),
        "no rich-text editor for the description",
    )
    wait(browser).until(edits_are_watched)
    description.click()
    description.send_keys(NEW_DESCRIPTION)
    wait(browser).until(
        lambda browser: (
            NEW_DESCRIPTION in browser.find_element(By.ID, "id_description").get_attribute("value")
        ),
        "Draftail did not take the text",
    )
    settle_autosave(browser)
    open_more_actions(browser)
    submit = wait(browser).until(
        shown.element_to_be_clickable((By.CSS_SELECTOR, 'footer button[name="action-submit"]'))
    )
    assert submit.text.startswith("Wyślij do"), submit.text
    form = browser.find_element(By.CSS_SELECTOR, "[data-edit-form]")
    submit.click()
    wait_for_success(browser, form, ORGANIZATION_NAME)

    browser.get(f"{site}/admin/")
    state = dashboard_panel(browser, (By.CSS_SELECTOR, "[data-profile-state]"))
    assert state.get_attribute("data-profile-state") == "in_moderation"
    assert public_description(site) == published  # sent, not approved

    # A partnership editor: "awaiting your review" on the dashboard, the
    # change in the editor, approve.
    log_in(browser, site, PARTNERSHIP_EDITOR)
    awaiting = dashboard_panel(browser, (By.ID, "awaiting-review-section"))
    assert "Oczekujące na Twoją weryfikację" in awaiting.text
    awaiting.find_element(By.LINK_TEXT, ORGANIZATION_NAME).click()
    description = wait(browser).until(
        shown.visibility_of_element_located(
            (By.CSS_SELECTOR, '[data-contentpath="description"] [contenteditable="true"]')
        )
    )
    assert NEW_DESCRIPTION in description.text
    open_more_actions(browser)
    approve = wait(browser).until(
        shown.element_to_be_clickable(
            (
                By.CSS_SELECTOR,
                'footer button[data-workflow-action-name="approve"]'
                ":not([data-workflow-action-modal-url])",
            )
        )
    )
    assert approve.text.startswith("Akceptuj"), approve.text
    form = browser.find_element(By.CSS_SELECTOR, "[data-edit-form]")
    approve.click()
    wait_for_success(browser, form, ORGANIZATION_NAME)

    # Public once approved, within the documented bound (API_VERSION_CHECK_SECONDS).
    wait(browser, seconds=5).until(
        lambda _: NEW_DESCRIPTION in public_description(site),
        "the approved description is not served",
    )
