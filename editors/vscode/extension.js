// Starts `slac lsp` for .sla files. The server does everything; this only
// tells VS Code how to run it (setting `sla.server.path`).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("sla").get("server.path", "slac");
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "sla",
    "SLA language server",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "sla" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
