" .tcps files are TCP scenarios (tcps: docs/editors.md)
autocmd BufRead,BufNewFile *.tcps setfiletype tcps
