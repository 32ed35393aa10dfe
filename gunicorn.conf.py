"""gunicorn for POMOST CMS: `gunicorn cms.wsgi` from the repository's root reads
this file. Every value can be changed from the environment (GUNICORN_*);
docs/deploy.md shows it behind nginx."""

import multiprocessing
import os

wsgi_app = "cms.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Synchronous workers: the app's work per request is bounded (API limits, the
# database's statement timeout), so a request holds a worker briefly. A worker
# that dies or hangs past `timeout` is replaced by the arbiter; requests on the
# other workers go on.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))

# Recycle workers now and then (staggered), so no slow leak lives for ever. A
# new worker spends about a second of CPU loading Django, with requests queued
# behind it: recycling every 2,000 requests stalled the cached API for a second
# several times a minute under load (benchmarks/README.md), so rarely.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50_000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 5_000))

# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/dev/shm")

# Requests are logged by the app itself, one JSON line each (cms/request_log.py);
# gunicorn's own messages go to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# The proxy in front (nginx, a load balancer) is the only client.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
limit_request_fields = 100
