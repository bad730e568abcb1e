"""A mail server that accepts connections and never answers: the hang a real SMTP server
shows when it is overloaded or half-dead. It closes each connection after `hold_seconds`,
so a client without a timeout returns (with SMTPServerDisconnected) instead of hanging the
test run forever."""

import socket
import threading
from contextlib import contextmanager


@contextmanager
def silent_smtp_server(hold_seconds=6.0):
    """Yields (host, port) of a server that never sends the SMTP greeting."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()

    def hold(conn):
        stop.wait(hold_seconds)
        conn.close()

    def serve():
        while not stop.is_set():
            try:
                conn, _address = listener.accept()
            except OSError:
                continue
            threading.Thread(target=hold, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()


def use_smtp_server(settings, address):
    """Point Django's real SMTP backend at `address`."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = address
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
