#!/usr/bin/env python3
"""Scripted LSP session against `slac lsp`: every answer is compared with
a hand-checked expectation (positions are 0-based lines and UTF-16 columns).
Usage: lsp_test.py path/to/slac"""

import json
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from lsp_client import LspClient  # noqa: E402

SLAC = sys.argv[1]
WORKSPACE = pathlib.Path(__file__).parent.resolve() / "workspace"
MAIN = (WORKSPACE / "main.sla").as_uri()
COMMON = (WORKSPACE / "common.sla").as_uri()
MAIN_TEXT = (WORKSPACE / "main.sla").read_text()
failures = []


def check(what, actual, expected):
    if actual != expected:
        failures.append(what)
        print(f"FAIL {what}\n  expected: {json.dumps(expected)}\n  actual:   {json.dumps(actual)}")
    else:
        print(f"ok   {what}")


def span(line, start, end, uri=MAIN):
    return {"uri": uri, "range": {"start": {"line": line, "character": start},
                                  "end": {"line": line, "character": end}}}


def at(line, character, uri=MAIN):
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


client = LspClient([SLAC, "lsp"])
init = client.request("initialize", {"processId": None, "rootUri": WORKSPACE.as_uri(),
                                     "capabilities": {}})
capabilities = init["result"]["capabilities"]
check("initialize: full sync", capabilities["textDocumentSync"], {"openClose": True, "change": 1})
check("initialize: providers",
      sorted(key for key, value in capabilities.items() if value is True),
      ["definitionProvider", "documentFormattingProvider", "documentSymbolProvider",
       "hoverProvider", "referencesProvider", "renameProvider"])
client.notify("initialized")

client.notify("textDocument/didOpen", {"textDocument": {
    "uri": MAIN, "languageId": "sla", "version": 1, "text": MAIN_TEXT}})
check("didOpen: a clean file has no diagnostics",
      client.notification("textDocument/publishDiagnostics")["params"],
      {"uri": MAIN, "version": 1, "diagnostics": []})

# Line 21: `  objective uptime: portal.availability >= 99.5% during common.office over month`
check("hover: a metric's title, type and definition",
      client.request("textDocument/hover", at(21, 30))["result"],
      {"contents": {"kind": "markdown", "value":
                    "**metric** `availability` in service `portal`\n\nProbes that succeeded\n\n"
                    "Type: a percent\n\n```sla\nmetric availability \"Probes that succeeded\" = "
                    "ratio(probe where ok)\n```"}})
check("hover: a calendar of an import, with zone, hours and business day",
      client.request("textDocument/hover", at(21, 64))["result"]["contents"]["value"],
      "**calendar** `office`\n\nOffice hours\n\n```sla\ncalendar office \"Office hours\" {\n"
      "  zone \"Europe/Berlin\"\n  mon-fri 09:00-17:00\n  business day = 8h\n}\n```")
check("hover: a field's type",
      client.request("textDocument/hover", at(8, 4))["result"]["contents"]["value"],
      "**field** `kind` in stream `probe`\n\nType: a `Kind`\n\n```sla\nkind: Kind\n```")
check("hover: nothing on a keyword", client.request("textDocument/hover", at(21, 4))["result"],
      None)

check("definition: across an import",
      client.request("textDocument/definition", at(21, 64))["result"], span(1, 9, 15, COMMON))
check("definition: an enum used as a field type",
      client.request("textDocument/definition", at(8, 11))["result"], span(3, 7, 11))
check("definition: the event-time field of a stream",
      client.request("textDocument/definition", at(5, 19))["result"], span(6, 4, 8))

check("references: a metric, declaration and objective",
      client.request("textDocument/references",
                     {**at(11, 12), "context": {"includeDeclaration": True}})["result"],
      [span(11, 9, 21), span(21, 27, 39)])
check("references: a field without its declaration",
      client.request("textDocument/references",
                     {**at(7, 4), "context": {"includeDeclaration": False}})["result"],
      [span(11, 66, 68)])

symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": MAIN}})["result"]


def outline(entries):
    return [[entry["name"], entry["kind"], outline(entry.get("children", []))] for entry in entries]


check("documentSymbol: the tree", outline(symbols),
      [["portal", 5, [["Kind", 10, [["page", 22, []], ["api", 22, []]]],
                      ["probe", 23, [["time", 8, []], ["ok", 8, []], ["kind", 8, []]]],
                      ["availability", 12, []]]],
       ["hosting", 3, [["uptime", 7, []], ["uptime_credit", 6, []]]]])
check("documentSymbol: ranges of an agreement",
      {key: symbols[1][key] for key in ("range", "selectionRange", "detail") if key in symbols[1]},
      {"range": {"start": {"line": 14, "character": 0}, "end": {"line": 25, "character": 1}},
       "selectionRange": {"start": {"line": 14, "character": 10},
                          "end": {"line": 14, "character": 17}}})


def labels(result):
    return sorted(item["label"] for item in result["items"])


check("completion: members of a service after `portal.`",
      labels(client.request("textDocument/completion", at(21, 27))["result"]),
      ["Kind", "availability", "probe"])
zones = labels(client.request("textDocument/completion", at(18, 8))["result"])
check("completion: IANA zones inside `zone \"`",
      ["Europe/Berlin" in zones, "America/New_York" in zones, "objective" in zones],
      [True, True, False])
LOCAL = (WORKSPACE / "local-zone.sla").as_uri()
client.notify("textDocument/didOpen", {"textDocument": {
    "uri": LOCAL, "languageId": "sla", "version": 1,
    "text": "service s {\n  stream e at t local in \"Am"}})
client.notification("textDocument/publishDiagnostics")
zones = labels(client.request("textDocument/completion", at(1, 28, LOCAL))["result"])
check("completion: IANA zones inside `local in \"`",
      ["America/Chicago" in zones, "Europe/Berlin" in zones, "objective" in zones],
      [True, True, False])
scope = labels(client.request("textDocument/completion", at(11, 66))["result"])
check("completion: names in scope and keywords in a metric",
      [name in scope for name in ("ok", "probe", "page", "availability", "common", "where",
                                  "uptime_credit")],
      [True, True, True, True, True, True, False])
# Every keyword of the lexer is offered (`'word'` tokens of grammar/SlaLexer.g4).
LEXER = pathlib.Path(__file__).resolve().parents[2] / "grammar" / "SlaLexer.g4"
lexed = re.findall(r"^[A-Z_]+: '([a-z]+)';", LEXER.read_text(), re.MULTILINE)
check("completion: every keyword of the lexer",
      [word for word in lexed if word not in scope], [])
aggregate = next(item for item in client.request("textDocument/completion", at(11, 66))
                 ["result"]["items"] if item["label"] == "downtime")
check("completion: an aggregate opens its parenthesis",
      [aggregate["kind"], aggregate["insertText"]], [3, "downtime("])

# An interval stream: its header names its start and end fields.
INCIDENTS = (WORKSPACE / "incidents.sla").as_uri()
INCIDENTS_TEXT = ("service shop {\n"
                  "  stream incident from started to resolved {\n"
                  "    started: time\n"
                  "    resolved: time?\n"
                  "    noted: time\n"
                  "    severe: bool\n"
                  "  }\n"
                  "  metric outages = downtime(incident where severe)\n"
                  "}\n")
client.notify("textDocument/didOpen", {"textDocument": {
    "uri": INCIDENTS, "languageId": "sla", "version": 1, "text": INCIDENTS_TEXT}})
check("didOpen: an interval stream checks clean",
      client.notification("textDocument/publishDiagnostics")["params"]["diagnostics"], [])
check("definition: the start field of an interval stream",
      client.request("textDocument/definition", at(1, 24, INCIDENTS))["result"],
      span(2, 4, 11, INCIDENTS))
check("definition: the end field of an interval stream",
      client.request("textDocument/definition", at(1, 36, INCIDENTS))["result"],
      span(3, 4, 12, INCIDENTS))
check("definition: the stream of a `downtime`",
      client.request("textDocument/definition", at(7, 29, INCIDENTS))["result"],
      span(1, 9, 17, INCIDENTS))
check("definition: a field in a `downtime` condition",
      client.request("textDocument/definition", at(7, 44, INCIDENTS))["result"],
      span(5, 4, 10, INCIDENTS))
# Clock pauses read from a stream of status changes: the condition and the
# left of `on` read the changes, the right of `on` the paused record.
PAUSES = (WORKSPACE / "pauses.sla").as_uri()
PAUSES_TEXT = ('calendar hours { zone "UTC" mon-fri 09:00-17:00 }\n'
               "service desk {\n"
               "  stream change at changed {\n"
               "    changed: time\n"
               "    ticket: string\n"
               "    waiting: bool\n"
               "  }\n"
               "  stream ticket at opened {\n"
               "    key: string\n"
               "    opened: time\n"
               "    resolved: time?\n"
               "    let took = elapsed(opened, resolved, hours, change where waiting on ticket == key)\n"
               "  }\n"
               "}\n")
client.notify("textDocument/didOpen", {"textDocument": {
    "uri": PAUSES, "languageId": "sla", "version": 1, "text": PAUSES_TEXT}})
check("didOpen: clock pauses from a status stream check clean",
      client.notification("textDocument/publishDiagnostics")["params"]["diagnostics"], [])
check("definition: the stream of clock pauses",
      client.request("textDocument/definition", at(11, 49, PAUSES))["result"],
      span(2, 9, 15, PAUSES))
check("definition: a field in the condition of clock pauses",
      client.request("textDocument/definition", at(11, 62, PAUSES))["result"],
      span(5, 4, 11, PAUSES))
check("definition: the status stream's key, left of `on`",
      client.request("textDocument/definition", at(11, 73, PAUSES))["result"],
      span(4, 4, 10, PAUSES))
check("definition: the record's key, right of `on`",
      client.request("textDocument/definition", at(11, 83, PAUSES))["result"],
      span(8, 4, 7, PAUSES))
check("completion: the time fields after `from` (an end may be unset, a start not)",
      labels(client.request("textDocument/completion", at(1, 25, INCIDENTS))["result"]),
      ["noted", "started"])
check("completion: the time fields after `to`",
      labels(client.request("textDocument/completion", at(1, 35, INCIDENTS))["result"]),
      ["noted", "resolved", "started"])
in_metric = labels(client.request("textDocument/completion", at(7, 19, INCIDENTS))["result"])
check("completion: `downtime` and `uptime` where aggregates are offered",
      [name in in_metric for name in ("downtime", "uptime", "ratio", "incident")],
      [True, True, True, True])
client.notify("textDocument/didClose", {"textDocument": {"uri": INCIDENTS}})
client.notification("textDocument/publishDiagnostics")

check("rename: an objective and its remedy",
      client.request("textDocument/rename", {**at(22, 27), "newName": "availability_target"})
      ["result"],
      {"changes": {MAIN: [
          {"range": span(21, 12, 18)["range"], "newText": "availability_target"},
          {"range": span(22, 26, 32)["range"], "newText": "availability_target"}]}})
check("rename: across files",
      sorted(client.request("textDocument/rename", {**at(21, 64), "newName": "desk"})
             ["result"]["changes"].keys()), sorted([MAIN, COMMON]))
check("rename: not to a non-name",
      client.request("textDocument/rename", {**at(22, 27), "newName": "two words"})
      ["error"]["code"], -32602)

# A misspelt field: a diagnostic with a note, a fix-it and docs.
misspelt = MAIN_TEXT.replace("ratio(probe where ok)", "ratio(probe where okk)")
client.notify("textDocument/didChange", {"textDocument": {"uri": MAIN, "version": 2},
                                         "contentChanges": [{"text": misspelt}]})
diagnostic = {"range": span(11, 66, 69)["range"], "severity": 1, "code": "E0401",
              "source": "slac", "message": "no value named `okk` in stream `probe`"}
check("didChange: diagnostics of the new text",
      client.notification("textDocument/publishDiagnostics")["params"],
      {"uri": MAIN, "version": 2, "diagnostics": [{
          **diagnostic,
          "relatedInformation": [{"location": span(11, 66, 69), "message": "did you mean `ok`?"}]}]})
check("codeAction: the fix-it as a quick fix",
      client.request("textDocument/codeAction", {
          "textDocument": {"uri": MAIN}, "range": span(11, 67, 67)["range"],
          "context": {"diagnostics": []}})["result"],
      [{"title": "Replace with `ok`", "kind": "quickfix", "isPreferred": True,
        "diagnostics": [diagnostic],
        "edit": {"changes": {MAIN: [{"range": span(11, 66, 69)["range"], "newText": "ok"}]}}}])
check("codeAction: none elsewhere",
      client.request("textDocument/codeAction", {
          "textDocument": {"uri": MAIN}, "range": span(3, 0, 0)["range"],
          "context": {"diagnostics": []}})["result"], [])
check("hover: a diagnostic's docs entry",
      client.request("textDocument/hover", at(11, 67))["result"]["contents"]["value"]
      .split("\n")[:3],
      ["**E0401** no value named `okk` in stream `probe`", "", "### E0401 — undefined name"])

# Columns are UTF-16 code units: 𝄞 counts two, é one.
wide = misspelt.replace("\"Probes that succeeded\"", "\"𝄞é\"")
client.notify("textDocument/didChange", {"textDocument": {"uri": MAIN, "version": 3},
                                         "contentChanges": [{"text": wide}]})
check("didChange: UTF-16 columns after non-ASCII text",
      client.notification("textDocument/publishDiagnostics")["params"]["diagnostics"][0]["range"],
      span(11, 48, 51)["range"])

# Incremental changes work too: put `ok` back in place of `okk`.
client.notify("textDocument/didChange", {"textDocument": {"uri": MAIN, "version": 4},
                                         "contentChanges": [{"range": span(11, 48, 51)["range"],
                                                             "text": "ok"}]})
check("didChange: an incremental edit",
      client.notification("textDocument/publishDiagnostics")["params"]["diagnostics"], [])

# A syntax error still gets diagnostics, and completion keeps the last names.
broken = MAIN_TEXT.replace("agreement hosting {", "agreement hosting")
client.notify("textDocument/didChange", {"textDocument": {"uri": MAIN, "version": 5},
                                         "contentChanges": [{"text": broken}]})
codes = [d["code"] for d in client.notification("textDocument/publishDiagnostics")
         ["params"]["diagnostics"]]
check("didChange: a syntax error is reported", [code.startswith("E01") for code in codes][:1],
      [True])
check("completion: still knows `portal.` in a file that does not parse",
      labels(client.request("textDocument/completion", at(21, 27))["result"]),
      ["Kind", "availability", "probe"])
check("definition: nothing in a file that does not parse",
      client.request("textDocument/definition", at(21, 30))["result"], None)

# Bad input gets JSON-RPC errors and the server goes on.
client.send_raw(b"{not json")
check("robustness: malformed JSON", client.read(),
      {"jsonrpc": "2.0", "id": None,
       "error": {"code": -32700, "message": "the message is not JSON"}})
check("robustness: unknown method",
      client.request("textDocument/unknown", {})["error"]["code"], -32601)
check("robustness: a document that is not open",
      client.request("textDocument/hover", at(0, 0, "file:///nowhere.sla"))["error"]["code"],
      -32602)
check("robustness: params of the wrong type",
      client.request("textDocument/hover", {"textDocument": 42})["error"]["code"], -32602)
client.send({"jsonrpc": "2.0", "id": 99, "method": 7})
check("robustness: a method that is not a string", client.response(99)["error"]["code"], -32600)
check("robustness: still serving",
      client.request("textDocument/definition", at(21, 30))["result"], None)

# An open import is read from its buffer, not from the disk.
client.notify("textDocument/didOpen", {"textDocument": {
    "uri": COMMON, "languageId": "sla", "version": 1,
    "text": (WORKSPACE / "common.sla").read_text().replace("calendar office", "calendar hours")}})
check("didOpen: the import's own diagnostics",
      client.notification("textDocument/publishDiagnostics")["params"],
      {"uri": COMMON, "version": 1, "diagnostics": []})
client.notify("textDocument/didChange", {"textDocument": {"uri": MAIN, "version": 6},
                                         "contentChanges": [{"text": MAIN_TEXT}]})
check("didChange: an open import's unsaved text counts",
      [(d["code"], d["range"]) for d in
       client.notification("textDocument/publishDiagnostics")["params"]["diagnostics"]],
      [("E0401", span(21, 56, 69)["range"])])  # the whole `common.office`
client.notify("textDocument/didClose", {"textDocument": {"uri": COMMON}})
client.notification("textDocument/publishDiagnostics")

# Formatting is `slac fmt` on the buffer: one edit over the whole text.
formatting = {"textDocument": {"uri": MAIN}, "options": {"tabSize": 4, "insertSpaces": True}}
check("formatting: a formatted document needs no edit",
      client.request("textDocument/formatting", formatting)["result"], [])
messy = (MAIN_TEXT.replace("  enum Kind { page, api }", "enum   Kind {page,api}")
         .replace("  fee 1000.00 EUR per month\n", "      fee 1000.00 EUR per month\n\n\n")
         .replace("  remedy uptime_credit on uptime {", "  remedy uptime_credit on uptime{"))
client.notify("textDocument/didChange", {"textDocument": {"uri": MAIN, "version": 7},
                                         "contentChanges": [{"text": messy}]})
client.notification("textDocument/publishDiagnostics")
# The messy text has 28 lines and ends with a line break: its end is line 28,
# column 0.
check("formatting: the canonical layout replaces the whole text",
      client.request("textDocument/formatting", formatting)["result"],
      [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 28, "character": 0}},
        "newText": MAIN_TEXT}])
client.notify("textDocument/didChange", {"textDocument": {"uri": MAIN, "version": 8},
                                         "contentChanges": [{"text": broken}]})
client.notification("textDocument/publishDiagnostics")
check("formatting: refused while the document does not parse",
      client.request("textDocument/formatting", formatting)["error"],
      {"code": -32803,
       "message": "the document does not parse: fix its syntax errors before formatting it"})

client.notify("textDocument/didClose", {"textDocument": {"uri": MAIN}})
check("didClose: clears the diagnostics",
      client.notification("textDocument/publishDiagnostics")["params"],
      {"uri": MAIN, "diagnostics": []})
check("shutdown", client.request("shutdown"), {"jsonrpc": "2.0", "id": client.next_id - 1,
                                              "result": None})
check("after shutdown: requests are refused",
      client.request("textDocument/hover", at(0, 0))["error"]["code"], -32600)
client.notify("exit")
check("exit after shutdown: status 0", client.wait(), 0)

# A second session: requests before initialize, exit without shutdown.
early = LspClient([SLAC, "lsp"])
check("before initialize: refused", early.request("shutdown")["error"]["code"], -32002)
early.notify("exit")
check("exit without shutdown: status 1", early.wait(), 1)

# A third session: malformed frames and messages, odd positions.
odd = LspClient([SLAC, "lsp"])
odd.request("initialize", {"capabilities": {}})
odd.process.stdin.write(b"X-Header: 1\r\n\r\n")
odd.process.stdin.flush()
check("robustness: a frame without Content-Length", odd.read()["error"]["code"], -32700)
odd.send([1, 2])
check("robustness: a batch is not a request", odd.read()["error"]["code"], -32600)
odd.send({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"})
check("robustness: an id that is an object", odd.read()["error"]["code"], -32600)
odd.notify("textDocument/didOpen", {"textDocument": {"uri": MAIN}})  # no text: dropped
check("robustness: a bad didOpen opens nothing",
      odd.request("textDocument/hover", at(0, 0))["error"]["code"], -32602)
odd.notify("textDocument/didOpen", {"textDocument": {
    "uri": MAIN, "languageId": "sla", "version": 1, "text": "calendar c {\n  zone \"UTC\"\n"}})
check("robustness: an unfinished file gets a syntax error",
      [d["code"][:3] for d in odd.notification("textDocument/publishDiagnostics")
       ["params"]["diagnostics"]][:1], ["E01"])
odd.notify("textDocument/didChange", {"textDocument": {"uri": MAIN, "version": 2},
                                      "contentChanges": [{"range": span(99, 5, 99, 9)["range"],
                                                          "text": "}\n"}]})
check("robustness: an edit past the end appends",
      odd.notification("textDocument/publishDiagnostics")["params"]["diagnostics"], [])
check("robustness: hover past the end of the file",
      odd.request("textDocument/hover", at(500, 500))["result"], None)
check("robustness: completion past the end of the file",
      "calendar" in labels(odd.request("textDocument/completion", at(500, 0))["result"]), True)
odd.request("shutdown")
odd.notify("exit")
check("robustness: exit 0 after all that", odd.wait(), 0)

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")
