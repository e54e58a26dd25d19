" Vim syntax file
" Language:    tcps (TCP scenarios), *.tcps
" Maintainer:  the tcps project (editors/vim/ in its repository; docs/editors.md)
"
" The keywords are those of grammar/src/main/antlr4/tcps/grammar/Tcps.g4. The test
" VimSyntaxTest fails when one is missing here, and (where vim is installed) runs this file on
" every script of the project and compares it with the ANTLR lexer.

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" Keywords are lowercase and case-sensitive; `-` is not part of them (time-wait reads as
" time, -, wait, as the lexer reads it).
syn iskeyword @,48-57,_
syn case match

syn keyword tcpsDeclaration scenario profile host let macro exercise
syn keyword tcpsModifier    extends
syn keyword tcpsControl     expect wait until after as for nothing more import repeat eventually within since fail check goal answer answers
syn keyword tcpsFault       drop duplicate corrupt reorder delay next loss link rtt
syn keyword tcpsCall        listen connect write read close shutdown abort send stops reading bind accept backlog setsockopt readable
syn keyword tcpsSetup       stack scripted numbers absolute relative at port isn ts state length error from to most in unmatched segments draw forbid allow blind

" Words that are identifiers to the lexer and mean something to a reader.
syn keyword tcpsEndpoint    client server
syn keyword tcpsOption      mss wscale sackOK sack TS val ecr nop eol
syn match   tcpsField       /\<\(seq\|ack\|win\|urg\|len\)\ze\s*\([=<>!]\|in\>\)/
syn match   tcpsErrno       /\<E[A-Z]\{3,}\>/
syn match   tcpsFlags       /\<\(SYN\|ACK\|FIN\|RST\|PSH\|URG\|ECE\|CWR\)\([-+]\(SYN\|ACK\|FIN\|RST\|PSH\|URG\|ECE\|CWR\)\)*\>/
syn match   tcpsFlags       /\[[^\]]*\]/
" The eleven states of RFC 9293 3.3.2 (after the flags, so that SYN-SENT is a state)
syn match   tcpsState       /\<\(CLOSED\|LISTEN\|SYN-SENT\|SYN-RECEIVED\|ESTABLISHED\|FIN-WAIT-[12]\|CLOSE-WAIT\|CLOSING\|LAST-ACK\|TIME-WAIT\)\>-\@!/

" Numbers: 7, 200ms, 1.5s, 2nd, 127.0.0.1
syn match   tcpsNumber      /\<\d\+\>/
syn match   tcpsAddress     /\<\d\+\(\.\d\+\)\+\>/
syn match   tcpsDuration    /\<\d\+\(\.\d\+\)\=[A-Za-z_][A-Za-z_0-9]*/

" Macros: macro handshake(a, b) { ... }, and calls: handshake(client, server)
syn match   tcpsMacroName   /\(\<macro\s\+\)\@40<=[A-Za-z_][A-Za-z_0-9]*/
syn match   tcpsMacroCall   /\<[A-Za-z_][A-Za-z_0-9]*\ze(/

" Names after the words that introduce them: stack linux, profile lab extends bsd-1990
syn match   tcpsProfileName /\(\<\(stack\|profile\|extends\)\s\+\)\@40<=[A-Za-z_][A-Za-z_0-9]*\(-[A-Za-z_0-9]\+\)*/

" A profile block, from `profile` to its `}`: the first word of each setting is a parameter.
syn region  tcpsProfile matchgroup=tcpsDeclaration start=/\<profile\>/ matchgroup=tcpsDelimiter end=/}/ contains=tcpsModifier,tcpsProfileName,tcpsParameter,tcpsBoolean,tcpsNumber,tcpsAddress,tcpsDuration,tcpsComment,tcpsOperator
syn match   tcpsParameter   /\(^\|[;{]\)\@1<=\s*\zs[A-Za-z_][A-Za-z_0-9]*/ contained
syn keyword tcpsBoolean     true false on off yes no contained

syn match   tcpsEscape      /\\\([nrt0\\"]\|x\x\x\)/ contained
syn match   tcpsBadEscape   /\\[^nrt0\\"x]/ contained
syn region  tcpsString      start=/"/ skip=/\\./ end=/"\|$/ contains=tcpsEscape,tcpsBadEscape oneline

syn match   tcpsComment     /#.*$/ contains=@Spell
syn match   tcpsComment     +//.*$+ contains=@Spell

syn match   tcpsOperator    /[-+*=<>]/

hi def link tcpsDeclaration Structure
hi def link tcpsModifier    StorageClass
hi def link tcpsControl     Conditional
hi def link tcpsFault       Exception
hi def link tcpsCall        Function
hi def link tcpsSetup       Keyword
hi def link tcpsEndpoint    Identifier
hi def link tcpsOption      Type
hi def link tcpsField       Identifier
hi def link tcpsErrno       Constant
hi def link tcpsFlags       Special
hi def link tcpsState       Constant
hi def link tcpsNumber      Number
hi def link tcpsAddress     Number
hi def link tcpsDuration    Number
hi def link tcpsProfileName Type
hi def link tcpsMacroName   Function
hi def link tcpsMacroCall   Function
hi def link tcpsParameter   Identifier
hi def link tcpsBoolean     Boolean
hi def link tcpsDelimiter   Delimiter
hi def link tcpsEscape      SpecialChar
hi def link tcpsBadEscape   Error
hi def link tcpsString      String
hi def link tcpsComment     Comment
hi def link tcpsOperator    Operator

let b:current_syntax = 'tcps'

let &cpo = s:cpo_save
unlet s:cpo_save
