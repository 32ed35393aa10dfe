"""An organization's change to its profile, end to end in a real browser: its
editor (made by `invite_org_editor`) edits the description in the Wagtail admin
and sends it for moderation, a partnership editor approves it, and only then
does the API serve it. On the way it saves the screenshot of the organization
editor's dashboard for the README (docs/organization-dashboard.png).

Debian's headless Chromium through Debian's chromedriver, never a downloaded
browser or driver; the app served on loopback with production settings and a
PostgreSQL database of its own (tests/servers.py). Run once, on PostgreSQL:
`pip install -e ".[browser]"`, `apt-get install chromium chromium-driver`,
`pytest -m browser`.
"""

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from organizations.accounts import PARTNERSHIP_GROUP

from .organization_roles import PASSWORD
from .servers import ROOT, _free_port, manage, site_environment

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as shown
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # the `browser` extra; the default run deselects this test
    webdriver = None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the served app needs its own PostgreSQL"
    ),
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REDIS_URL = "redis://127.0.0.1:6379/11"
VIEWPORT = (1280, 900)
SCREENSHOT = ROOT / "docs" / "organization-dashboard.png"

ORGANIZATION_SLUG = "fundacja-arche"
ORGANIZATION_NAME = "Fundacja ARCHE"
EDITOR_EMAIL = "ewa@arche.example"
PARTNERSHIP_EDITOR = "redakcja"
NEW_DESCRIPTION = "Prowadzimy świetlicę „Pod Dębem” dla dzieci z Legnicy."

# Production serves /static/ from STATIC_ROOT with the web server in front of the
# app (ManifestStaticFilesStorage names hashed copies that only `collectstatic`
# makes, and runserver serves static files only under DEBUG): the same here, in
# the app's process.
SERVE_WITH_STATIC_FILES = """
import sys
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import run
from django.core.wsgi import get_wsgi_application
from django.views.static import serve

class CollectedStaticFiles(StaticFilesHandler):
    def serve(self, request):
        return serve(request, self.file_path(request.path), document_root=settings.STATIC_ROOT)

run("127.0.0.1", int(sys.argv[1]), CollectedStaticFiles(get_wsgi_application()), threading=True)
"""

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
    base_url = f"http://127.0.0.1:{port}"
    work = tmp_path_factory.mktemp("browser")
    with site_environment(
        "pomost_browser",
        REDIS_URL,
        STATIC_ROOT=str(work / "static"),
        WAGTAILADMIN_BASE_URL=base_url,
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

        log = work / "server.log"
        with log.open("w") as output:
            server = subprocess.Popen(
                [sys.executable, "-c", SERVE_WITH_STATIC_FILES, str(port)],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_serving(base_url, server, log)
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=10)
            # Shown by pytest only when the test fails: the requests and any traceback.
            print(log.read_text()[-6000:])


def _wait_until_serving(base_url, server, log):
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/admin/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or not answering 200
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the app did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)


@pytest.fixture
def browser(site):
    if webdriver is None:
        pytest.skip('needs Selenium: pip install -e ".[browser]"')
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("needs Debian's browser: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # as root in a container Chromium refuses to start with it
        "--disable-dev-shm-usage",  # containers have a small /dev/shm
        f"--window-size={VIEWPORT[0]},{VIEWPORT[1]}",
        "--lang=pl-PL",
        # Nothing but the app: no Gravatar, no update checks, same result offline.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ):
        options.add_argument(argument)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")  # Selenium Manager never downloads a thing
        driver = webdriver.Chrome(
            service=Service(executable_path=str(CHROMEDRIVER)), options=options
        )
    try:
        _set_viewport(driver, *VIEWPORT)
        yield driver
    finally:
        driver.quit()


def _set_viewport(driver, width, height):
    """The window's size includes the browser's own frame: the page gets
    width×height."""
    inner_width, inner_height = driver.execute_script(
        "return [window.innerWidth, window.innerHeight]"
    )
    size = driver.get_window_size()
    driver.set_window_size(
        size["width"] + width - inner_width, size["height"] + height - inner_height
    )


def wait(browser, seconds=15):
    return WebDriverWait(browser, seconds)


def log_in(browser, site, username):
    browser.delete_all_cookies()
    browser.get(f"{site}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.XPATH, '//button[normalize-space()="Zaloguj się"]').click()
    wait(browser).until(shown.url_to_be(f"{site}/admin/"), "not on the dashboard after login")


def dashboard_panel(browser, locator):
    return wait(browser).until(
        shown.visibility_of_element_located(locator), f"no panel {locator} on the dashboard"
    )


def open_more_actions(browser):
    """The arrow beside the main button of the editor's footer."""
    browser.find_element(
        By.XPATH, '//footer//button[.//*[normalize-space()="Więcej akcji"]]'
    ).click()


def wait_for_success(browser, page_left):
    wait(browser).until(shown.staleness_of(page_left), "the form was not sent")
    message = wait(browser).until(
        shown.visibility_of_element_located((By.CSS_SELECTOR, ".messages .success")),
        "no confirmation after sending the form",
    )
    assert ORGANIZATION_NAME in message.text, message.text


def settle_autosave(browser):
    """Wagtail saves the form on its own once it sees an edit: the form is sent
    only after that autosave has come back, so that the two requests never race."""
    wait(browser).until(
        lambda browser: browser.execute_script(
            """
            const form = document.getElementById("w-editor-form");
            const indicator = document.getElementById("w-autosave-indicator");
            return !indicator || (
                indicator.dataset.wAutosaveStateValue === "saved"
                && form.dataset.wUnsavedHasEditsValue === "false"
            );
            """
        ),
        "the autosave of the edit did not finish",
    )


def edits_are_watched(browser):
    """Wagtail takes the form's first state 2 s after it loads; a person types later."""
    return browser.execute_script(
        """
        const form = document.getElementById("w-editor-form");
        const watch = window.wagtail.app.getControllerForElementAndIdentifier(form, "w-unsaved");
        return Boolean(watch && watch.initialFormData);
        """
    )


def public_description(site, query=PROFILE):
    request = urllib.request.Request(
        f"{site}/graphql/",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        payload = json.loads(response.read())
    assert "errors" not in payload, payload
    return payload["data"]["organization"]["description"] or ""


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
    wait(browser).until(
        lambda browser: browser.execute_script(
            'return document.readyState === "complete" && document.fonts.status === "loaded"'
        )
    )
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
    form = browser.find_element(By.ID, "w-editor-form")
    submit.click()
    wait_for_success(browser, form)

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
    form = browser.find_element(By.ID, "w-editor-form")
    approve.click()
    wait_for_success(browser, form)

    # Public once approved, within the documented bound (API_VERSION_CHECK_SECONDS).
    wait(browser, seconds=5).until(
        lambda _: NEW_DESCRIPTION in public_description(site),
        "the approved description is not served",
    )
