"""gunicorn's settings for `make serve-prod`, with Wagtail's task worker beside it.

The production settings queue Wagtail's background work (search index,
reference index, file clean-up) in the database; ``manage.py db_worker`` runs
it. The arbiter starts one worker when it is ready and stops it when it
stops, so one command runs the whole app server. Where a process manager
runs the worker on its own (several app servers, one worker), set
``TASK_WORKER=false``.
"""

import os
import subprocess
import sys
from pathlib import Path

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WORKERS", "3"))
accesslog = "-"
# gunicorn trusts X-Forwarded-* from these addresses only: the proxy on this host.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# A slow upload or a stuck query must not hold a worker for ever.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))

PROJECT = Path(__file__).resolve().parent.parent


def when_ready(server):
    if os.environ.get("TASK_WORKER", "true").lower() != "true":
        return
    server.task_worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload"],
        cwd=PROJECT,
    )
    server.log.info("Started the task worker (pid %s)", server.task_worker.pid)


def on_exit(server):
    worker = getattr(server, "task_worker", None)
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
