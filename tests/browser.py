"""What the end-to-end browser tests share: Debian's headless Chromium through
Debian's chromedriver (never a downloaded browser or driver), the app served on
loopback with production settings from a PostgreSQL database of its own
(tests/servers.py), and the steps every admin user takes (log in, the editor's
footer, Wagtail's autosave).

Run once, on PostgreSQL: `pip install -e ".[browser]"`,
`apt-get install chromium chromium-driver`, `pytest -m browser`.
"""

import json
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

# The `browser` extra: without it, modules importing this one are skipped.
pytest.importorskip("selenium", reason='needs Selenium: pip install -e ".[browser]"')

from django.db import connection
from selenium import webdriver
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    ElementNotInteractableException,
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as shown
from selenium.webdriver.support.ui import WebDriverWait

from .organization_roles import PASSWORD
from .servers import ROOT

# For every browser test module: the marker, and the app's own PostgreSQL.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the served app needs its own PostgreSQL"
    ),
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
VIEWPORT = (1280, 900)

# Production serves /static/ from STATIC_ROOT, and public media from MEDIA_ROOT,
# with the web server in front of the app (ManifestStaticFilesStorage names hashed
# copies that only `collectstatic` makes, and runserver serves neither without
# DEBUG): the same here, in the app's process.
SERVE_WITH_STATIC_FILES = """
import sys
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import run
from django.core.wsgi import get_wsgi_application
from django.views.static import serve
from core.media import PUBLIC_DIRS

class CollectedStaticFiles(StaticFilesHandler):
    def serve(self, request):
        return serve(request, self.file_path(request.path), document_root=settings.STATIC_ROOT)

# What docs/deploy.md lets the web server serve from MEDIA_ROOT; the rest of
# /media/ goes to the app.
class AndMedia(CollectedStaticFiles):

    def get_base_url(self):
        return settings.MEDIA_URL

    def _should_handle(self, path):
        return any(path.startswith(settings.MEDIA_URL + folder) for folder in PUBLIC_DIRS)

    def serve(self, request):
        return serve(request, self.file_path(request.path), document_root=settings.MEDIA_ROOT)

app = CollectedStaticFiles(AndMedia(get_wsgi_application()))
run("127.0.0.1", int(sys.argv[1]), app, threading=True)
"""


@contextmanager
def serving(env, port, log):
    """The app with its collected static files on `port`; what it prints goes to
    `log`, shown by pytest only when a test fails."""
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-c", SERVE_WITH_STATIC_FILES, str(port)],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base_url, server, log)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)
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


@contextmanager
def chromium():
    """A headless Chromium that reaches nothing but loopback."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("needs Debian's browser: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
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
        # The production Content-Security-Policy let every page do its work.
        refused = [
            entry["message"]
            for entry in driver.get_log("browser")
            if "Content Security Policy" in entry["message"]
        ]
        assert not refused, refused
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


def click(element):
    """A click once the element can take it (for `wait(...).until`): a new block
    slides open, a picker draws its list again, a smooth scroll is under way."""
    try:
        element.parent.execute_script(
            'arguments[0].scrollIntoView({block: "center", behavior: "instant"})', element
        )
        element.click()
    except (
        ElementClickInterceptedException,
        ElementNotInteractableException,
        NoSuchElementException,
        StaleElementReferenceException,
    ):
        return False
    return True


def log_in(browser, site, username):
    browser.delete_all_cookies()
    browser.get(f"{site}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.XPATH, '//button[normalize-space()="Zaloguj się"]').click()
    wait(browser).until(shown.url_to_be(f"{site}/admin/"), "not on the dashboard after login")


def fonts_loaded(browser):
    """Before a screenshot: the page and its fonts are all there."""
    wait(browser).until(
        lambda browser: browser.execute_script(
            'return document.readyState === "complete" && document.fonts.status === "loaded"'
        )
    )


def open_more_actions(browser):
    """The arrow beside the main button of the editor's footer."""
    browser.find_element(
        By.XPATH, '//footer//button[.//*[normalize-space()="Więcej akcji"]]'
    ).click()


def wait_for_success(browser, page_left, names):
    """The form was sent and Wagtail confirms it, naming `names`."""
    wait(browser).until(shown.staleness_of(page_left), "the form was not sent")
    message = wait(browser).until(
        shown.visibility_of_element_located((By.CSS_SELECTOR, ".messages .success")),
        "no confirmation after sending the form",
    )
    assert names in message.text, message.text
    return message.text


def settle_autosave(browser):
    """Wagtail saves the form on its own once it sees an edit: the form is sent
    only after that autosave has come back, so that the two requests never race."""
    wait(browser).until(
        lambda browser: browser.execute_script(
            """
            const form = document.querySelector("[data-edit-form]");
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
        const form = document.querySelector("[data-edit-form]");
        const watch = window.wagtail.app.getControllerForElementAndIdentifier(form, "w-unsaved");
        return Boolean(watch && watch.initialFormData);
        """
    )


def graphql(site, query, variables=None):
    """The portal's POST: the payload's data, failing on any error."""
    request = urllib.request.Request(
        f"{site}/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        payload = json.loads(response.read())
    assert "errors" not in payload, payload
    return payload["data"]
