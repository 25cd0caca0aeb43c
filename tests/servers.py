"""Starting and stopping the real servers some tests talk to, on free ports of 127.0.0.1."""

import email
import http.client
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
from aiosmtpd.controller import Controller

PROJECT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reachable(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def start(command, env, log_path):
    """``command`` in the project, in a process group of its own; the process and its log."""
    log = log_path.open("a")  # after whatever a build step wrote there
    process = subprocess.Popen(  # noqa: S603 - our own Makefile, manage.py or gunicorn
        command, cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    return process, log


def wait_until_up(process, port, log_path, seconds, *, http=True):
    """Wait for ``port`` to answer (an HTTP request, unless ``http`` is false); fail
    with the end of the log if the process stops or lags.

    For a web server an open port is not enough: gunicorn's master listens
    before its workers have loaded the site, and on a loaded CI machine the
    first request then waited past a test's own 10-second timeout.
    """
    deadline = time.monotonic() + seconds
    while not (reachable(port) and (not http or _answers(port, deadline))):
        if process.poll() is not None:
            pytest.fail(f"{process.args} stopped:\n{log_path.read_text()[-4000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"{process.args} did not answer in time:\n{log_path.read_text()[-4000:]}")
        time.sleep(0.5)


def _answers(port, deadline):
    """Whether the server on ``port`` answers ``GET /robots.txt`` with any status."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=max(deadline - time.monotonic(), 1)
    )
    try:
        connection.request("GET", "/robots.txt", headers={"X-Forwarded-Proto": "https"})
        connection.getresponse().read()
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()
    return True


def stop(process, log=None):
    """Stop the whole process group (make, gunicorn, its workers and task worker)."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    if log is not None:
        log.close()


class RedisServer:
    """A Redis of a test's own on a free port, which the test stops and starts again.

    It keeps its data in ``directory`` when stopped (``SHUTDOWN SAVE``) and
    reads it back on start, as a Redis with persistence does after a restart.
    """

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.log = None

    def start(self):
        log_path = self.directory / "redis.log"
        command = [
            "redis-server",
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--dir", str(self.directory),
            "--dbfilename", "dump.rdb",
            "--save", "",
            "--appendonly", "no",
        ]  # fmt: skip
        self.process, self.log = start(command, dict(os.environ), log_path)
        wait_until_up(self.process, self.port, log_path, seconds=20, http=False)

    def stop(self):
        """Save the data and stop; the port refuses connections afterwards."""
        redis.Redis(host="127.0.0.1", port=self.port).shutdown(save=True)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            stop(self.process)
        self.log.close()
        self.process = None

    def close(self):
        if self.process is not None:
            stop(self.process, self.log)
            self.process = None


class SmtpServer:
    """A real SMTP server (aiosmtpd) on a free port of 127.0.0.1, keeping what it receives.

    ``messages`` holds each message as ``email.message.Message``, with the
    envelope's sender and recipients in ``envelopes``; use it as a context
    manager, or ``start()`` and ``stop()``.
    """

    def __init__(self):
        self.port = free_port()
        self.messages = []
        self.envelopes = []
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it so
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def start(self):
        self._controller.start()
        return self

    def stop(self):
        self._controller.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def wait_for(self, count, seconds):
        """Wait until ``count`` messages have arrived (or ``seconds`` passed); the messages."""
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return self.messages
