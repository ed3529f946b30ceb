// Tokenizes .sla files with editors/vscode/syntaxes/sla.tmLanguage.json the
// way VS Code does (vscode-textmate on Oniguruma) and fails when a file ends
// inside a region (an unclosed comment or string) or when a non-blank
// character gets no scope of its own; then checks the scopes of a few
// literals. Usage: node grammar_test.js SOURCE_DIR
"use strict";
const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const sourceDir = path.resolve(process.argv[2]);
const grammarPath = path.join(sourceDir, "editors/vscode/syntaxes/sla.tmLanguage.json");

function slaFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...slaFiles(full));
    else if (entry.name.endsWith(".sla")) found.push(full);
  }
  return found.sort();
}

// Files that parse: the examples, the standard library, and test inputs
// that are meant to be valid.
const inputs = [
  "examples",
  "stdlib",
  "tests/parse/golden",
  "tests/eval/inputs",
  "tests/lsp/workspace",
].flatMap((dir) => slaFiles(path.join(sourceDir, dir)));

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === "source.sla"
        ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath)
        : null,
  });
  return registry.loadGrammar("source.sla");
}

// Every token of a text: [{ text, scopes, line }].
function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  const tokens = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens)
      tokens.push({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes,
                    line: index + 1 });
    stack = result.ruleStack;
  });
  return { tokens, stack };
}

const failures = [];
function fail(message) {
  failures.push(message);
  console.log("FAIL " + message);
}

function checkFile(grammar, file) {
  const { tokens, stack } = tokenize(grammar, fs.readFileSync(file, "utf8"));
  const relative = path.relative(sourceDir, file);
  if (stack.depth !== 1)
    fail(`${relative}: ends inside a region (${stack.depth - 1} open)`);
  for (const token of tokens) {
    if (token.scopes.length === 1 && token.text.trim() !== "")
      fail(`${relative}:${token.line}: \`${token.text}\` has no scope`);
  }
}

// The scopes the grammar gives `needle` (its first token) in `text`.
function scopesOf(grammar, text, needle) {
  const token = tokenize(grammar, text).tokens.find((t) => t.text === needle);
  return token ? token.scopes[token.scopes.length - 1] : "(no token)";
}

const expectations = [
  ["  objective uptime: portal.availability >= 99.5% during office", "99.5%",
   "constant.numeric.percent.sla"],
  ["  objective uptime: portal.availability >= 99.5% during office", "uptime", "entity.name.sla"],
  ["  fee 2400.00 EUR per month", "2400.00 EUR", "constant.numeric.money.sla"],
  ["  effective 2026-01-01 to 2026-12-31", "2026-01-01", "constant.other.date.sla"],
  ["  at 2026-04-01T00:00:00+02:00", "2026-04-01T00:00:00+02:00", "constant.other.datetime.sla"],
  ["  P1 => deadline(opened, 1h30m, office),", "1h30m", "constant.numeric.duration.sla"],
  ["  mon-fri 08:00-12:00", "08:00", "constant.other.time.sla"],
  ["  mon-fri 08:00-12:00", "mon", "constant.language.weekday.sla"],
  ["  expect a.b in 2026-Q1 == met", "2026-Q1", "constant.other.period.sla"],
  ["calendar office \"Office\" { // hours", "// hours", "comment.line.double-slash.sla"],
  ["/* a */ service desk {", "service", "storage.type.sla"],
  ["  zone \"Europe/Berlin\"", "Europe/Berlin", "string.quoted.double.sla"],
  ["  let late = not in(opened, office)", "opened", "variable.other.sla"],
  ["    responded: time?", "responded", "variable.other.field.sla"],
];

// The test itself must be able to fail: an unclosed comment is caught.
function checkSelfTest(grammar) {
  const { stack } = tokenize(grammar, "service a { /* never closed\n}\n");
  if (stack.depth === 1) fail("self-test: an unclosed block comment went unnoticed");
}

loadGrammar()
  .then((grammar) => {
    for (const file of inputs) checkFile(grammar, file);
    for (const [text, needle, scope] of expectations) {
      const actual = scopesOf(grammar, text, needle);
      if (actual !== scope) fail(`\`${needle}\` in \`${text}\`: ${actual}, expected ${scope}`);
    }
    checkSelfTest(grammar);
    console.log(`${inputs.length} files tokenized, ${expectations.length} scopes checked`);
    process.exit(failures.length === 0 ? 0 : 1);
  })
  .catch((error) => {
    console.log("FAIL " + (error.stack || error));
    process.exit(1);
  });
