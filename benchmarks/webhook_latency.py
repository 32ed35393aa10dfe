"""Webhook delivery latency: from a publish to its signed POST at a receiver.

    .venv/bin/python -m benchmarks.webhook_latency [--publishes 20]

Never in CI. Makes its own database (`pomost_webhook_bench` on the local
PostgreSQL) and uses Redis database 8, runs the app's production settings, one
task worker (`manage.py db_worker`, as docs/deploy.md runs it) and a receiver
on loopback that verifies every signature with the `standardwebhooks` package.
A third process publishes a public page every second; the latency of each is
the receiver's clock at arrival minus the event's `timestamp` (taken inside the
publishing transaction). Prints the median, p95 and maximum.
"""

import argparse
import base64
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psycopg
from standardwebhooks import Webhook

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "pomost_webhook_bench"
SECRET = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()

REGISTER = """
from webhooks.models import WebhookEndpoint
WebhookEndpoint.objects.all().delete()
WebhookEndpoint.objects.create(name="bench", url={url!r}, secret={secret!r}, events=["published"])
"""

# As the admin publishes: one request, one transaction (ATOMIC_REQUESTS).
PUBLISH = """
import time
from django.db import transaction
from pages.models import HistoryPage
page = HistoryPage.objects.get()
for _ in range({count}):
    with transaction.atomic():
        page.save_revision().publish()
    time.sleep(1)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--publishes", type=int, default=20)
    options = parser.parse_args()

    arrivals, bad, told = [], [], []
    verifier = Webhook(SECRET)

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            arrived = time.time()
            body = self.rfile.read(int(self.headers["Content-Length"]))
            try:
                payload = verifier.verify(body, dict(self.headers))
            except Exception as error:  # noqa: BLE001 - counted and reported
                bad.append(str(error))
            else:
                sent = datetime.fromisoformat(payload["timestamp"]).timestamp()
                arrivals.append(arrived - sent)
                told.append((payload["type"], payload["data"]["model"], payload["data"]["id"]))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{receiver.server_address[1]}/hooks"

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": "redis://127.0.0.1:6379/8",
        "WEBHOOK_ALLOW_PRIVATE_NETWORKS": "true",  # the receiver is on loopback
        "LOG_LEVEL": "WARNING",
    }

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "--no-input", "-v0")
    manage("load_pomost", "-v0")
    manage("shell", "-c", REGISTER.format(url=url, secret=SECRET))
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload"], cwd=ROOT, env=env
    )
    try:
        time.sleep(3)  # the worker's start
        manage("shell", "-c", PUBLISH.format(count=options.publishes))
        deadline = time.monotonic() + 30
        while len(arrivals) + len(bad) < options.publishes and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        receiver.shutdown()
        with psycopg.connect(
            "postgres://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")

    latencies = sorted(arrivals)
    print(
        json.dumps(
            {
                "publishes": options.publishes,
                "delivered_and_verified": len(latencies),
                "bad_signatures": len(bad),
                "events": {" ".join(map(str, k)): n for k, n in Counter(told).items()},
                "median_s": round(statistics.median(latencies), 3) if latencies else None,
                "p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 3)
                if latencies
                else None,
                "max_s": round(latencies[-1], 3) if latencies else None,
            }
        )
    )


if __name__ == "__main__":
    main()
