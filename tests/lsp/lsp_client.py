"""A minimal LSP client for tests and benchmarks: starts `slac lsp` and
speaks Content-Length framed JSON-RPC to it."""

import json
import subprocess


class LspClient:
    def __init__(self, command):
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 1
        self.notifications = []

    def send_raw(self, body: bytes):
        header = f"Content-Length: {len(body)}\r\n\r\n".encode()
        self.process.stdin.write(header + body)
        self.process.stdin.flush()

    def send(self, message):
        self.send_raw(json.dumps(message).encode())

    def read(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params=None):
        request_id = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method,
                   "params": params if params is not None else {}})
        return self.response(request_id)

    def response(self, request_id):
        while True:
            message = self.read()
            if message.get("id") == request_id and "method" not in message:
                return message
            self.notifications.append(message)

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method,
                   "params": params if params is not None else {}})

    def notification(self, method):
        """The next notification of `method` (earlier ones are kept)."""
        for index, message in enumerate(self.notifications):
            if message.get("method") == method:
                return self.notifications.pop(index)
        while True:
            message = self.read()
            if message.get("method") == method:
                return message
            self.notifications.append(message)

    def wait(self, timeout=10):
        return self.process.wait(timeout=timeout)
