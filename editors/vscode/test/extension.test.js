// Tests of extension.js with a stand-in for VS Code's API (the `vscode` module exists only inside
// VS Code). Run with `node --test editors/vscode/test/`; the Java test ExtensionScriptTest runs
// it in the suite when node is installed.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const Module = require('module');
const path = require('path');

// ---- a stand-in for the parts of the vscode API that extension.js uses ----------------------
function fakeVscode(settings, folders) {
  const api = {
    registered: {},
    messages: [],
    terminals: [],
    activeTextEditor: undefined,
    workspace: {
      workspaceFolders: folders.map((f) => ({ uri: { fsPath: f } })),
      getConfiguration: () => ({ get: (key, dflt) => (key in settings ? settings[key] : dflt) }),
    },
    commands: { registerCommand: (id, fn) => { api.registered[id] = fn; return { dispose() {} }; } },
    window: {
      showInformationMessage: (m) => api.messages.push(['info', m]),
      showErrorMessage: (m) => api.messages.push(['error', m]),
      get activeTextEditor() { return api.activeTextEditor; },
      get terminals() { return api.terminals; },
      createTerminal: (name) => {
        const t = { name, sent: [], shown: false, show() { this.shown = true; }, sendText(s) { this.sent.push(s); } };
        api.terminals.push(t);
        return t;
      },
    },
  };
  return api;
}

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    FakeLanguageClient.last = this;
    Object.assign(this, { id, name, serverOptions, clientOptions, started: false });
  }
  start() { this.started = true; return Promise.resolve(); }
  stop() { return Promise.resolve(); }
}

// extension.js requires `vscode` when loaded and the language client when activated: both
// resolve to the stand-ins of the test that loaded it last.
const standIns = { vscode: null, languageClient: null };
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return 'fake:vscode';
  if (request === 'vscode-languageclient/node') {
    if (!standIns.languageClient) { const e = new Error('Cannot find module'); e.code = 'MODULE_NOT_FOUND'; throw e; }
    return 'fake:languageclient';
  }
  return resolve.call(this, request, ...rest);
};

function load(vscode, languageClient) {
  standIns.vscode = vscode;
  standIns.languageClient = languageClient;
  require.cache['fake:vscode'] = { id: 'fake:vscode', filename: 'fake:vscode', loaded: true, exports: vscode };
  require.cache['fake:languageclient'] = { id: 'fake:languageclient', filename: 'fake:languageclient', loaded: true,
    exports: languageClient };
  const file = path.join(__dirname, '..', 'extension.js');
  delete require.cache[file];
  return require(file);
}

function context() {
  return { subscriptions: [], extensionPath: '/ext/tcps' };
}

// ---- the tests ------------------------------------------------------------------------------
test('without vscode-languageclient, the commands work and a message says how to get the server', () => {
  const vscode = fakeVscode({}, ['/work/tcps']);
  load(vscode, null).activate(context());
  assert.deepStrictEqual(Object.keys(vscode.registered).sort(), ['tcps.checkFile', 'tcps.runFile']);
  assert.strictEqual(vscode.messages.length, 1);
  assert.match(vscode.messages[0][1], /npm install/);
  assert.match(vscode.messages[0][1], /\/ext\/tcps/);
});

test('with it, the server is `tcps lsp` for tcps documents', () => {
  const vscode = fakeVscode({}, ['/work/tcps']);
  load(vscode, { LanguageClient: FakeLanguageClient }).activate(context());
  const c = FakeLanguageClient.last;
  assert.deepStrictEqual(c.serverOptions, { command: 'tcps', args: ['lsp'] });
  assert.ok(c.clientOptions.documentSelector.some((s) => s.language === 'tcps' && s.scheme === 'file'));
  assert.ok(c.started);
  assert.deepStrictEqual(vscode.messages, []);
});

test('a relative launcher is found in the workspace folder', () => {
  const vscode = fakeVscode({ 'server.command': './tcps', 'server.args': ['lsp', '--stdio'] }, ['/home/me/tcps']);
  load(vscode, { LanguageClient: FakeLanguageClient }).activate(context());
  assert.deepStrictEqual(FakeLanguageClient.last.serverOptions, { command: '/home/me/tcps/tcps', args: ['lsp', '--stdio'] });
});

test('server.enabled false starts no server', () => {
  FakeLanguageClient.last = undefined;
  const vscode = fakeVscode({ 'server.enabled': false }, []);
  load(vscode, { LanguageClient: FakeLanguageClient }).activate(context());
  assert.strictEqual(FakeLanguageClient.last, undefined);
  assert.ok(vscode.registered['tcps.runFile'], 'the commands are still there');
});

test('Run this file saves it and runs tcps run in a terminal, the path quoted', async () => {
  const vscode = fakeVscode({}, []);
  let saved = false;
  vscode.activeTextEditor = { document: { languageId: 'tcps', isUntitled: false,
    uri: { fsPath: "/tmp/lab 1/it's.tcps" }, save: async () => { saved = true; return true; } } };
  load(vscode, null).activate(context());
  await vscode.registered['tcps.runFile']();
  assert.ok(saved);
  assert.strictEqual(vscode.terminals.length, 1);
  assert.deepStrictEqual(vscode.terminals[0].sent, ["tcps run '/tmp/lab 1/it'\\''s.tcps'"]);
  await vscode.registered['tcps.checkFile']();
  assert.strictEqual(vscode.terminals.length, 1, 'the same terminal again');
  assert.strictEqual(vscode.terminals[0].sent[1], "tcps check '/tmp/lab 1/it'\\''s.tcps'");
});

test('Run this file on something else says what it needs', async () => {
  const vscode = fakeVscode({}, []);
  vscode.activeTextEditor = { document: { languageId: 'python', isUntitled: false, uri: { fsPath: '/a.py' } } };
  load(vscode, null).activate(context());
  vscode.messages.length = 0;
  await vscode.registered['tcps.runFile']();
  assert.strictEqual(vscode.terminals.length, 0);
  assert.match(vscode.messages[0][1], /open a saved \.tcps file/);
});
