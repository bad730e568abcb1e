import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import require_service

MOTO_PORT = int(os.environ.get("TUSON_TEST_S3_PORT", "8144"))


def _listening(port):
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3-compatible server on 127.0.0.1: moto's server (moto[server], installed from
    requirements-dev.txt by scripts/bootstrap.sh --test), started for these tests."""
    binary = Path(sys.executable).with_name("moto_server")
    require_service("moto_server (S3-compatible server)", binary.exists(), str(binary))
    if _listening(MOTO_PORT):
        pytest.fail(f"port {MOTO_PORT} is taken; set TUSON_TEST_S3_PORT")
    process = subprocess.Popen([str(binary), "-H", "127.0.0.1", "-p", str(MOTO_PORT)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not _listening(MOTO_PORT):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("moto_server did not start")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{MOTO_PORT}"
    finally:
        process.terminate()
        process.wait(timeout=10)
