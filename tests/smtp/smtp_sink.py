#!/usr/bin/python3
"""A real SMTP server on loopback for tests (Debian's python3-aiosmtpd).

usage: smtp_sink.py OUTDIR [PORT]

Prints "PORT n" once listening, then "MAIL <rcpts> <Message-ID>" for every
message accepted, and writes each message to OUTDIR/NNNNN.eml before
replying 250 (so a client that got 250 will find the file). Runs until
killed.
"""
import email
import os
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            path = os.path.join(self.outdir, f"{self.count:05d}.eml")
        with open(path, "wb") as f:
            f.write(envelope.content)
        msg = email.message_from_bytes(envelope.content)
        print(f"MAIL {','.join(envelope.rcpt_tos)} {msg['Message-ID']}",
              flush=True)
        return "250 OK"


def free_port():
    # aiosmtpd 1.4 cannot listen on port 0 (it connects to its own port to
    # check it started), so pick a free one first.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    outdir = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else free_port()
    controller = Controller(Handler(outdir), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"PORT {port}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
