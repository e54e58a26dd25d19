" tcps: comments, and the language server's word boundaries (TIME-WAIT, bsd-1990 are one word)
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1
setlocal commentstring=#\ %s
setlocal comments=:#,://
setlocal iskeyword+=-
let b:undo_ftplugin = 'setlocal commentstring< comments< iskeyword<'
