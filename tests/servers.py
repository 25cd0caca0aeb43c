"""Starting and stopping the real servers some tests talk to, on free ports of 127.0.0.1."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

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


def wait_until_up(process, port, log_path, seconds):
    """Wait for ``port`` to answer; fail with the end of the log if the process stops or lags."""
    deadline = time.monotonic() + seconds
    while not reachable(port):
        if process.poll() is not None:
            pytest.fail(f"{process.args} stopped:\n{log_path.read_text()[-4000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"{process.args} did not answer in time:\n{log_path.read_text()[-4000:]}")
        time.sleep(0.5)


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
