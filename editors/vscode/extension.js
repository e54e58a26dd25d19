// The tcps extension: colours come from the TextMate grammar and need nothing from here. This
// file adds two commands (run or check the current file in a terminal) and starts the tcps
// language server (`tcps lsp`). The server needs the vscode-languageclient package, which
// `npm install` in this folder fetches (docs/editors.md); without it, colours and the commands
// still work and a message says how to get the rest.
'use strict';
const path = require('path');
const vscode = require('vscode');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('tcps');
  context.subscriptions.push(
    vscode.commands.registerCommand('tcps.runFile', () => inTerminal('run')),
    vscode.commands.registerCommand('tcps.checkFile', () => inTerminal('check')));
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

// `tcps run FILE` (or check) for the file in the editor, saved first, in a terminal of its own.
async function inTerminal(verb) {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'tcps' || editor.document.isUntitled) {
    vscode.window.showInformationMessage('tcps: open a saved .tcps file first');
    return;
  }
  await editor.document.save();
  const command = resolveCommand(vscode.workspace.getConfiguration('tcps').get('server.command', 'tcps'));
  let terminal = vscode.window.terminals.find((t) => t.name === 'tcps');
  if (!terminal) {
    terminal = vscode.window.createTerminal('tcps');
  }
  terminal.show(true);
  terminal.sendText(quote(command) + ' ' + verb + ' ' + quote(editor.document.uri.fsPath));
}

// A word for a POSIX shell: as it is when it is plain, else in single quotes.
function quote(word) {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : "'" + word.replace(/'/g, "'\\''") + "'";
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

module.exports = { activate, deactivate, resolveCommand, quote };
