"""A news item, end to end in a real browser, as an editor of the partnership
writes it: log into the Polish admin, write a heading, a paragraph and an image
(uploaded from the block's chooser), preview it on the portal (headless preview:
the portal gets a token and asks the API for the draft), schedule it to go live
shortly and publish. The task worker, running beside the app as in production,
makes it public at its go-live; the test measures how long after the go-live the
API first serves it. On the way it saves docs/newsroom-editor.png for the
editors' guide in the README.

How the browser and the app are run: tests/browser.py.
"""

import datetime
import http.server
import subprocess
import sys
import threading
import urllib.parse
import zoneinfo

import pytest
from PIL import Image, ImageDraw

from organizations.accounts import PARTNERSHIP_GROUP

from .browser import (
    BROWSER_TESTS,
    By,
    chromium,
    click,
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

REDIS_URL = "redis://127.0.0.1:6379/14"
SCREENSHOT = ROOT / "docs" / "newsroom-editor.png"
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")

EDITOR = "redakcja"
TITLE = "Festiwal organizacji pozarządowych na Rynku"
INTRO = "Trzydzieści dwie organizacje pokażą, czym zajmują się na co dzień."
HEADING = "Program festiwalu"
PARAGRAPH = "Od południa stoiska, o 17:00 koncert zespołów z legnickich świetlic."
ALT_TEXT = "Stoiska organizacji na legnickim Rynku"
IMAGE_TITLE = "Stoiska na Rynku"
SLUG = "festiwal-organizacji-pozarzadowych-na-rynku"

ACCOUNT = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
editor = get_user_model().objects.create_user(
    {name!r}, email="redakcja@pomost.example", password={password!r}
)
editor.groups.add(Group.objects.get(name={group!r}))
"""

NEWS_ITEM = f"""
query NewsItem {{
  page(urlPath: "/aktualnosci/{SLUG}/") {{
    title
    ... on NewsPage {{ body {{ blockType ... on HeadingBlock {{ text }} }} }}
  }}
}}
"""

PREVIEW = """
query Preview($token: String!) {
  preview(token: $token) {
    ... on NewsPage {
      title
      body {
        blockType
        ... on HeadingBlock { text level }
        ... on RichTextBlock { value }
        ... on CaptionedImageBlock { altText image { id } }
      }
    }
  }
}
"""


class Portal(http.server.BaseHTTPRequestHandler):
    """The portal's preview route, as far as the test needs it: it takes the
    token the CMS sends and keeps it; the test then asks the API as the portal would."""

    tokens = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        self.tokens.extend(query.get("token", []))
        body = "<!doctype html><title>Portal</title><p>Podgląd portalu</p>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def portal():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def site(tmp_path_factory, portal):
    """The app on a loopback port with the task worker beside it: production
    settings, its own PostgreSQL and Redis databases, previews sent to the
    portal; a partnership editor in it. Yields the app's base URL."""
    port = _free_port()
    work = tmp_path_factory.mktemp("newsroom")
    with site_environment(
        "pomost_newsroom",
        REDIS_URL,
        STATIC_ROOT=str(work / "static"),
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        PORTAL_PREVIEW_URL=f"{portal}/podglad?token={{token}}",
    ) as env:
        manage(env, "collectstatic", "--no-input", "-v0")
        account = ACCOUNT.format(name=EDITOR, password=PASSWORD, group=PARTNERSHIP_GROUP)
        manage(env, "shell", "-v0", "-c", account)
        with (work / "worker.log").open("w") as output:
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--no-reload"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            with serving(env, port, work / "server.log") as base_url:
                yield base_url
        finally:
            worker.terminate()
            worker.wait(timeout=10)
            print((work / "worker.log").read_text()[-3000:])


@pytest.fixture
def browser(site):
    with chromium() as driver:
        yield driver


@pytest.fixture
def photo(tmp_path):
    """A picture an editor might upload: market stalls under a sky."""
    picture = Image.new("RGB", (1200, 800), "#9cc9e8")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 520, 1200, 800), fill="#b9a38a")
    for left, colour in zip(
        range(60, 1120, 280), ("#d9534f", "#f0ad4e", "#5cb85c", "#337ab7"), strict=True
    ):
        draw.polygon([(left, 420), (left + 110, 340), (left + 220, 420)], fill=colour)
        draw.rectangle((left + 10, 420, left + 210, 600), fill="#f5f0e6")
    path = tmp_path / "rynek.png"
    picture.save(path)
    return path


def insert_block(browser, label):
    """The body's last "+", then the block of that label in the picker (the "+"
    again if the picker did not open: the block above may still be sliding open)."""
    option = f'//*[@role="option"][.//*[normalize-space()="{label}"]]'

    def pick(browser):
        options = browser.find_elements(By.XPATH, option)
        if options:
            return click(options[0])
        add = browser.find_elements(By.CSS_SELECTOR, ".c-sf-add-button")[-1]
        if add.get_attribute("aria-expanded") != "true":
            click(add)
        return False

    wait(browser).until(pick, f"no {label!r} to click in the block picker")


def choose_new_image(browser, photo):
    """The image block's chooser, its "Prześlij" tab, the file: chosen."""
    block = wait(browser).until(
        lambda _: browser.find_elements(By.CSS_SELECTOR, '[data-contentpath="image"]')
    )[-1]
    choose = block.find_element(By.XPATH, './/button[normalize-space()="Wybierz obraz"]')
    wait(browser).until(lambda _: click(choose), "the block's image chooser takes no click")
    modal = wait(browser).until(
        shown.visibility_of_element_located((By.CSS_SELECTOR, ".modal-content")),
        "no image chooser",
    )
    wait(browser).until(lambda _: click(modal.find_element(By.LINK_TEXT, "Prześlij")))
    modal.find_element(By.CSS_SELECTOR, 'input[type="file"]').send_keys(str(photo))
    title = modal.find_element(By.CSS_SELECTOR, 'input[name$="title"]')
    wait(browser).until(lambda _: title.get_attribute("value"), "no title from the file's name")
    title.clear()
    title.send_keys(IMAGE_TITLE)
    modal.find_element(By.XPATH, './/button[normalize-space()="Prześlij"]').click()
    wait(browser).until(shown.invisibility_of_element_located((By.CSS_SELECTOR, ".modal-content")))
    wait(browser).until(
        lambda _: block.find_element(By.CSS_SELECTOR, "img").get_attribute("src"),
        "the chosen image is not shown in the block",
    )


def next_go_live():
    """The admin's schedule takes whole minutes: the first one at least 15 s away."""
    soon = datetime.datetime.now(WARSAW) + datetime.timedelta(seconds=15)
    return soon.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)


def test_an_editor_writes_previews_and_schedules_a_news_item_that_goes_live_on_time(
    site, browser, photo
):
    log_in(browser, site, EDITOR)

    # Pages → Aktualności → add a child page: news is the only kind it takes.
    browser.get(f"{site}/admin/aktualnosci/")
    index_id = graphql(site, '{ page(urlPath: "/aktualnosci/") { id } }')["page"]["id"]
    browser.get(f"{site}/admin/pages/{index_id}/")
    browser.find_element(By.CSS_SELECTOR, 'a[aria-label="Dodaj stronę podrzędną"]').click()
    title = wait(browser).until(shown.element_to_be_clickable((By.ID, "id_title")))
    wait(browser).until(edits_are_watched)
    title.send_keys(TITLE)
    browser.find_element(By.ID, "id_intro").send_keys(INTRO)

    insert_block(browser, "Nagłówek")
    wait(browser).until(
        lambda _: browser.find_elements(By.CSS_SELECTOR, 'input[name$="-value-text"]')
    )[-1].send_keys(HEADING)

    insert_block(browser, "Akapit")
    paragraph = wait(browser).until(
        lambda _: browser.find_elements(By.CSS_SELECTOR, '[contenteditable="true"]')
    )[-1]
    wait(browser).until(lambda _: click(paragraph), "the paragraph's editor takes no click")
    paragraph.send_keys(PARAGRAPH)

    insert_block(browser, "Obraz")
    choose_new_image(browser, photo)
    browser.find_elements(By.CSS_SELECTOR, 'input[name$="-value-alt_text"]')[-1].send_keys(ALT_TEXT)
    settle_autosave(browser)
    body = browser.find_element(By.CSS_SELECTOR, '[data-contentpath="body"]')
    browser.execute_script('arguments[0].scrollIntoView({behavior: "instant"})', body)
    fonts_loaded(browser)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.write_bytes(browser.get_screenshot_as_png())

    # Preview: the CMS hands the portal a token; the portal asks the API for the draft.
    Portal.tokens.clear()
    browser.find_element(By.CSS_SELECTOR, 'button[data-side-panel-toggle="preview"]').click()
    wait(browser, 20).until(lambda _: Portal.tokens, "the portal was given no preview token")
    draft = graphql(site, PREVIEW, {"token": Portal.tokens[-1]})["preview"]
    assert draft["title"] == TITLE
    assert [block["blockType"] for block in draft["body"]] == [
        "HeadingBlock",
        "RichTextBlock",
        "CaptionedImageBlock",
    ]
    assert draft["body"][0]["text"] == HEADING
    assert PARAGRAPH in draft["body"][1]["value"]
    assert draft["body"][2]["altText"] == ALT_TEXT
    assert draft["body"][2]["image"]  # the upload, from the public image library
    assert graphql(site, NEWS_ITEM)["page"] is None  # a preview is not a publication

    # Schedule: the status panel's "Ustaw plan", a go-live, then publish.
    browser.find_element(By.CSS_SELECTOR, 'button[data-side-panel-toggle="status"]').click()
    wait(browser).until(
        shown.element_to_be_clickable((By.XPATH, '//button[normalize-space()="Ustaw plan"]'))
    ).click()
    go_live = next_go_live()
    go_live_field = wait(browser).until(shown.element_to_be_clickable((By.ID, "id_go_live_at")))
    # Keys typed while the date picker opens race with its own handling of them
    # (seen: "2026-11-28" became "2026-11-12"): the value goes in as a paste would.
    browser.execute_script(
        """
        arguments[0].value = arguments[1];
        arguments[0].dispatchEvent(new Event("change", {bubbles: true}));
        """,
        go_live_field,
        go_live.strftime("%Y-%m-%d %H:%M"),
    )
    dialog = browser.find_element(By.ID, "schedule-publishing-dialog")
    dialog.find_element(By.TAG_NAME, "h2").click()  # the picker closes
    assert go_live_field.get_attribute("value") == go_live.strftime("%Y-%m-%d %H:%M")
    settle_autosave(browser)
    form = browser.find_element(By.CSS_SELECTOR, "[data-edit-form]")
    save = dialog.find_element(By.XPATH, './/button[normalize-space()="Zapisz plan"]')
    wait(browser).until(lambda _: click(save), "the dialog's save takes no click")
    wait_for_success(browser, form, TITLE)

    open_more_actions(browser)
    publish = wait(browser).until(
        shown.element_to_be_clickable((By.CSS_SELECTOR, 'footer button[name="action-publish"]'))
    )
    form = browser.find_element(By.CSS_SELECTOR, "[data-edit-form]")
    publish.click()
    wait_for_success(browser, form, TITLE)
    assert datetime.datetime.now(WARSAW) < go_live, "the test was too slow to schedule ahead"
    assert graphql(site, NEWS_ITEM)["page"] is None  # scheduled, not yet live

    # The worker publishes it at its go-live; the API serves it within seconds.
    wait(browser, (go_live - datetime.datetime.now(WARSAW)).total_seconds() + 15).until(
        lambda _: graphql(site, NEWS_ITEM)["page"], "the news item did not go live"
    )
    delay = (datetime.datetime.now(WARSAW) - go_live).total_seconds()
    print(f"first served by the API {delay:.1f} s after its go-live")
    assert delay < 10
    news = graphql(site, NEWS_ITEM)["page"]
    assert news["title"] == TITLE
    assert {"blockType": "HeadingBlock", "text": HEADING} in news["body"]
