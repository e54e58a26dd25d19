// Starts the tcps language server (`tcps lsp`) for .tcps files. Colours come from the TextMate
// grammar and need nothing; the server needs the vscode-languageclient package, which
// `npm install` in this folder fetches (docs/editors.md). Without it, colours still work and a
// message says how to get the rest.
'use strict';
const path = require('path');
const vscode = require('vscode');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('tcps');
  if (!config.get('server.enabled', true)) {
    return;
  }
  let languageClient;
  try {
    languageClient = require('vscode-languageclient/node');
  } catch (e) {
    vscode.window.showInformationMessage(
      'tcps: colours are on. For errors as you type, completion and hover, run `npm install` in ' +
      context.extensionPath + ' and reload (see docs/editors.md in tcps).');
    return;
  }
  const command = resolveCommand(config.get('server.command', 'tcps'));
  const args = config.get('server.args', ['lsp']);
  const serverOptions = { command, args }; // an executable speaking LSP on stdin/stdout
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'tcps' },
      { scheme: 'untitled', language: 'tcps' },
    ],
  };
  client = new languageClient.LanguageClient('tcps', 'tcps language server', serverOptions, clientOptions);
  client.start().catch((e) => {
    vscode.window.showErrorMessage('tcps: could not start `' + command + ' ' + args.join(' ') + '`: ' + e.message +
      '. Set tcps.server.command to the tcps launcher (for example ./tcps in a clone of tcps).');
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

// `./tcps` and other relative paths are taken from the first workspace folder; a bare name is
// looked up on PATH by the operating system.
function resolveCommand(command) {
  if (!command.includes('/') && !command.includes('\\')) {
    return command;
  }
  if (path.isAbsolute(command)) {
    return command;
  }
  const folders = vscode.workspace.workspaceFolders;
  return folders && folders.length > 0 ? path.join(folders[0].uri.fsPath, command) : command;
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
