/*
 * The .tcps language: TCP scenarios written the way people talk about TCP.
 *
 *     scenario "handshake" {
 *       client connect
 *       expect client > server SYN seq=isn <mss 65495,sackOK,TS,nop,wscale 7>
 *       expect SYN-ACK ack=isn+1
 *     }
 *
 * This file says what parses. What parses but is still wrong (an unknown field name, a port
 * above 65535, a duration finer than a microsecond) is reported by TreeBuilder, which can word
 * it better than a grammar can. What does not parse is worded by SyntaxMessages.
 *
 * The generated classes stay in package tcps.grammar; ScriptParser is the only door out.
 */
grammar Tcps;

// Every parse-tree node is a TcpsContext: the same as ANTLR's, with room for fewer children.
options { contextSuperClass = TcpsContext; }

// ==== Files ======================================================================================

// A file holds either bare statements (one unnamed scenario) or scenario blocks. Mixing both
// parses, and TreeBuilder reports it, so that the message can say what to do. Profile
// definitions, macro definitions and imports may stand beside either.
script
    : (separator | importLine | macroDef | profileDef | scenario | statementLine)* EOF
    ;

// import "tcp": the macros and profiles of stdlib/tcp.tcps, or of tcp.tcps beside the script
importLine
    : IMPORT name=STRING statementEnd
    ;

// macro handshake(a, b) { a connect; expect a > b SYN; ... }: statements with parameters. The
// body is kept as written; each call puts its arguments in place of the parameters and reads the
// result as statements, so a parameter can stand for an endpoint, a number, a duration or flags.
macroDef
    : MACRO name=IDENT '(' (params+=IDENT (',' params+=IDENT)*)? ')' NEWLINE? body=macroBody
    ;

macroBody
    : '{' (macroBody | ~(LBRACE | RBRACE))* '}'
    ;

// profile lab extends linux { syn_retries 2; time_wait 30s }: a stack made from another by
// changing parameters; the interpreter knows which parameters exist and what values they take.
profileDef
    : PROFILE name=profile (EXTENDS base=profile)? NEWLINE? '{' (separator | setting)* '}'
    ;

setting
    : parameter=IDENT settingValue settingEnd
    ;

settingValue
    : '-'? INT                                             # numberValue    // syn_retries 2, window_scale -1
    | DURATION                                             # timeValue      // time_wait 30s
    | IDENT ('-' (IDENT | INT))*                           # wordValue      // option_layout linux, sack off
    ;

settingEnd
    : NEWLINE
    | ';'
    | {_input.LA(1) == RBRACE}?
    ;

// scenario "echo foobar" { ... }. The name may be missing here only so that TreeBuilder can say
// that it is missing; the brace may sit on the next line.
scenario
    : SCENARIO name=STRING? NEWLINE? '{' (separator | profileDef | statementLine)* '}'
    ;

statementLine
    : statement statementEnd
    ;

// A statement ends at a new line, a `;`, the end of the file, or just before the `}` that closes
// its scenario, so that `scenario "x" { client connect }` fits on one line.
statementEnd
    : NEWLINE
    | ';'
    | EOF
    | {_input.LA(1) == RBRACE}?
    ;

separator
    : NEWLINE
    | ';'
    ;

// ==== Statements =================================================================================

statement
    // ---- setup ----------------------------------------------------------------------------------
    : UNMATCHED SEGMENTS FAIL                              # unmatchedFail  // every segment no expect matched is a failure
    | endpoint? STACK profile                              # stack          // stack linux, client stack macos
    | HOST name=IDENT AT address (PORT port)?              # host           // host attacker at 10.0.0.66
    | endpoint SCRIPTED                                    # scripted       // client scripted: a puppet the script drives
    | NUMBERS (ABSOLUTE | RELATIVE)                        # numbers        // numbers absolute: raw 32-bit seq/ack
    | endpoint (AT address (PORT port)? | PORT port)       # at             // client at 127.0.0.1 port 47162
    | endpoint ISN expr                                    # isn            // client isn 934227076
    | endpoint TS expr                                     # ts             // client ts 2756153644: timestamp clock at time zero
    | LINK (DELAY | RTT) duration                          # link           // link delay 50ms (one way), link rtt 100ms
    | LOSS percent=(INT | DOTTED) '%'                      # loss           // loss 5%: from the run's seed
    // ---- socket calls on stack endpoints --------------------------------------------------------
    | endpoint (BIND | ACCEPT | CONNECT | CLOSE | ABORT)   # call         // server bind, server accept, client close
    | endpoint LISTEN (BACKLOG backlog=expr)?              # listen         // server listen, server listen backlog 1
    | endpoint SHUTDOWN (READ | WRITE | how=IDENT)?        # shutdown       // client shutdown, shutdown read|write|both
    | endpoint SETSOCKOPT optionName=IDENT sockoptValue       # setsockopt     // client setsockopt TCP_NODELAY on
    | endpoint WRITE (count=expr | data=STRING)            # write          // client write 13, client write "foobar\n"
    | endpoint READ count=expr?                            # read           // server read, server read 10
    | endpoint STOPS READING                               # stopsReading   // server stops reading: the window fills
    // ---- raw segments from scripted endpoints: flags first, then fields that override -----------
    | endpoint SEND flags (field | spoof)*                 # send           // client send [P.] "hello"
    // ---- network faults and time ----------------------------------------------------------------
    | kind=(DROP | DUPLICATE | CORRUPT | REORDER) (NEXT count=expr? | ordinal=DURATION) direction? flags?
                                                           # fault          // drop next 2 client > server SYN, drop 2nd SYN
    | DELAY NEXT duration direction? flags?                # delayNext      // delay next 200ms
    | WAIT (duration | UNTIL endpoint STATE stateName)     # wait           // wait 60s, wait until client state CLOSED
    | LET name=IDENT '=' expr                              # let            // let guess = probe.seq + 64000
    // ---- expectations ---------------------------------------------------------------------------
    | EXPECT (NEXT | EVENTUALLY)? (direction segment? | segment) timing? (AS binding=IDENT)?
                                                           # expectSegment  // expect SYN after 1s as retry
    | EXPECT endpoint STATE stateName                      # expectState    // expect client state TIME-WAIT
    | EXPECT endpoint '.' STATE ('==' | '=') stateName     # expectStateIs  // expect client.state == TIME-WAIT
    // (a value check starts with a name and a dot, client.snd_una, or a number: never like a direction)
    | {_input.LA(3) == DOT || _input.LA(2) == INT || _input.LA(2) == DURATION || _input.LA(2) == LPAREN}?
      EXPECT left=expr compare right=expr                  # expectValue    // expect client.snd_una == client.isn + 14
    | EXPECT endpoint ERROR errorName=IDENT                # expectError    // expect client error ETIMEDOUT
    | EXPECT endpoint READ (count=expr | data=STRING | ERROR errorName=IDENT)
                                                           # expectRead     // expect server read 100, read 0 (EOF)
    | EXPECT endpoint READABLE count=expr                  # expectReadable // expect server readable 100
    | EXPECT NOTHING (FOR duration | MORE_)                # expectNothing  // expect nothing for 10s
    // ---- blocks ---------------------------------------------------------------------------------
    | REPEAT count=expr block                              # repeat         // repeat 3 { client write 100 }
    | REPEAT (AT MOST limit=expr)? UNTIL condition block   # repeatUntil    // repeat until client.snd_wnd == 0 { ... }
    | name=IDENT '(' (macroArgument (',' macroArgument)*)? ')'
                                                           # macroCall      // handshake(client, server)
    ;

// The statements of a repeat, in braces
block
    : NEWLINE? '{' (separator | statementLine)* '}'
    ;

// What `repeat until` waits for: a state, or a comparison of values (TCB variables, bound segments)
condition
    : endpoint STATE stateName                             # stateCondition // client state ESTABLISHED
    | left=expr compare right=expr                         # valueCondition // client.snd_wnd == 0
    ;

compare
    : '==' | '=' | '!=' | '<' | '<=' | '>' | '>='
    ;

// One argument of a macro call, as written: an endpoint, a number, a duration, flags
macroArgument
    : ~(COMMA | LPAREN | RPAREN | NEWLINE | SEMI | LBRACE | RBRACE)+
    ;

// ==== Exercises (docs/teaching.md) ================================================================

// An exercise is a file of its own: `tcps handout` and `tcps grade` read it, `tcps run` does not.
// Its statements are a scenario's; around them it says what the student may change (answer
// blocks and ? blanks), what is checked and for how many points, and what each student draws.
exerciseFile
    : separator* exercise separator* EOF
    ;

exercise
    : EXERCISE name=STRING NEWLINE? '{' (separator | exerciseItem | profileDef | statementLine)* '}'
    ;

exerciseItem
    : DRAW name=IDENT FROM (low=INT TO high=INT | '{' drawValue (',' drawValue)* '}') statementEnd  # draw   // draw isn from 1000 to 99999
    | (FORBID | ALLOW) anyWord (',' anyWord)* statementEnd          # permission   // forbid profile, send, drop
    | BLIND endpoint statementEnd                                   # blind        // blind attacker: off the path
    | CHECK name=STRING checkOption* NEWLINE? '{' (separator | goal statementEnd | statementLine)* '}'
                                                                    # check        // check "handshake" points 3 { ... }
    | ANSWER NEWLINE? '{' (separator | statementLine)* '}'          # answer       // answer { what the student writes }
    ;

drawValue
    : INT | DURATION | IDENT
    ;

// points 3, hidden, visible, after due, feedback "..."
checkOption
    : word=IDENT (INT | STRING)?
    | AFTER IDENT
    ;

// Questions about the whole run, asked when it is over; they consume no segment.
goal
    : GOAL (count=(INT | HOLE))? word=(IDENT | SEGMENTS) (direction segment? | segment)
                                                                                 # goalSegments  // goal exists server > client RST
    | GOAL endpoint FROM peer=endpoint STATE stateName AT duration               # goalStateAt   // goal server from client state CLOSE-WAIT at 5m
    | GOAL endpoint FROM peer=endpoint word=(IDENT | IN) stateName (FOR duration | (',' stateName)*)
                                                                                 # goalStates    // goal server from client in CLOSE-WAIT for 5m
    | GOAL ANSWERS anyWord+                                                      # goalAnswers   // goal answers hold
    ;

// ==== Parts of statements ========================================================================

// A socket option's value: a number (SO_RCVBUF 4096), a time (TCP_USER_TIMEOUT 3s), or a word
// (TCP_NODELAY on, SO_LINGER off); TreeBuilder and the checker say which option takes which.
sockoptValue
    : INT
    | DURATION
    | IDENT
    ;

// client, server: any identifier; the interpreter knows which endpoints exist
endpoint
    : IDENT
    ;

// linux, macos, rfc9293, bsd-1990
profile
    : IDENT ('-' (IDENT | INT))*
    ;

// ESTABLISHED, TIME-WAIT, FIN-WAIT-1, as the RFC spells them; the interpreter checks the name.
// Any word is taken so that a lowercase time-wait (where `wait` is a keyword) reaches it too.
stateName
    : anyWord ('-' anyWord)*
    | HOLE
    ;

anyWord
    : IDENT | INT
    | SCENARIO | STACK | SCRIPTED | NUMBERS | ABSOLUTE | RELATIVE | AT | PORT | ISN | TS | LINK
    | DELAY | LISTEN | CONNECT | WRITE | READ | CLOSE | SHUTDOWN | ABORT | SEND | DROP | NEXT
    | WAIT | EXPECT | STATE | LENGTH | PROFILE | EXTENDS | RTT | LOSS | DUPLICATE | REORDER | CORRUPT
    | UNTIL | LET | AFTER | AS | ERROR | NOTHING | FOR | MORE_ | STOPS | READING | HOST | FROM | TO
    | BIND | ACCEPT | BACKLOG | SETSOCKOPT | READABLE
    | IMPORT | MACRO | REPEAT | MOST | EVENTUALLY | WITHIN | SINCE | IN | UNMATCHED | SEGMENTS | FAIL
    | EXERCISE | DRAW | CHECK | ANSWER | GOAL | FORBID | ALLOW | BLIND | ANSWERS
    ;

// 127.0.0.1; an IPv6 address parses only to be told that it is not supported yet
address
    : DOTTED
    | IPV6
    ;

port
    : INT
    ;

// 10us, 200ms, 1.5s, 2m, 1h
duration
    : DURATION
    | HOLE
    ;

// A forged segment: from whose address, to whom (attacker send SYN from client to server)
spoof
    : FROM from=endpoint (TO to=endpoint)?
    | TO to=endpoint
    ;

// When a segment is sent: `after 1s` since the previous matched segment in the same direction (or
// `since NAME`, a segment bound with `as`), `at +1s` since the start, `within 200ms` at most that
// long after; `± 5ms` (or `+- 5ms`) allows that much either way.
timing
    : AFTER duration tolerance? (SINCE since=IDENT)?
    | AT '+'? duration tolerance?
    | WITHIN duration (SINCE since=IDENT)?
    ;

tolerance
    : (PLUSMINUS | '+' '-') duration
    ;

// tcpdump's arrow: sender > receiver
direction
    : from=endpoint '>' to=endpoint
    ;

// A segment pattern: flags and fields, either one optional but not both
segment
    : flags field*
    | field+
    ;

// SYN, SYN-ACK, FIN+ACK, or tcpdump's [S.], [.], [P.]; the interpreter resolves them
flags
    : BRACKET_FLAGS
    | IDENT (('-' | '+') IDENT)*
    | HOLE                                                 // a blank of an exercise (docs/teaching.md)
    ;

field
    : name=IDENT '=' value=expr (':' end=expr)?            # namedField     // seq=1:8, ack=isn+1, win=0, urg=0, len=7
    | name=IDENT op=('==' | '!=' | '<' | '<=' | '>' | '>=') value=expr
                                                           # comparedField  // win>0, len>=1, seq<isn+100
    | name=IDENT IN low=expr '..' high=expr                # rangeField     // ack in isn+1..isn+14
    | LENGTH expr                                          # lengthField    // length 7, as tcpdump prints it
    | STRING                                               # payloadField   // "GET /\r\n"
    | '<' (option (',' option)*)? '>'                      # optionsField   // <mss 1460,sackOK,TS val 5 ecr 0,nop,wscale 7>
    ;

// One TCP option in tcpdump's spelling: a name and its arguments (mss 1460, TS val 5 ecr 0);
// TreeBuilder checks the name and the arguments it takes.
option
    : name=IDENT optionArgument*
    ;

optionArgument
    : IDENT
    | value=expr
    | '{' left=expr ':' right=expr '}'                     // a SACK block, tcpdump's {left:right}
    ;

// ==== Expressions ================================================================================

// Integers for seq, ack and friends; the interpreter takes seq/ack values modulo 2^32.
// Alternatives are listed from the tightest binding to the loosest.
expr
    : '-' expr                                             # negate
    | expr '*' expr                                        # multiply
    | expr op=('+' | '-') expr                             # addOrSubtract
    | INT                                                  # number
    | DURATION                                             # time           // 200ms: microseconds, to compare with client.rto
    | ISN                                                  # ownIsn         // the ISN of the field's own sequence space
    | endpoint '.' ISN                                     # endpointIsn    // client.isn
    | name=IDENT '.' part=IDENT                            # bindingField   // probe.seq, of a segment bound with `as`
    | name=IDENT                                           # variable       // guess, named with `let`
    | '(' expr ')'                                         # parenthesized
    | HOLE                                                 # hole           // ?, a blank of an exercise
    ;

// ==== Words ======================================================================================

// Keywords are lowercase and reserved. Field names (seq, ack, win, ...), flag names (SYN, ACK)
// and option names (mss, sackOK, TS) are plain identifiers.
SCENARIO : 'scenario' ;
STACK    : 'stack' ;
SCRIPTED : 'scripted' ;
NUMBERS  : 'numbers' ;
ABSOLUTE : 'absolute' ;
RELATIVE : 'relative' ;
AT       : 'at' ;
PORT     : 'port' ;
ISN      : 'isn' ;
TS       : 'ts' ;
LINK     : 'link' ;
DELAY    : 'delay' ;
LISTEN   : 'listen' ;
CONNECT  : 'connect' ;
WRITE    : 'write' ;
READ     : 'read' ;
CLOSE    : 'close' ;
SHUTDOWN : 'shutdown' ;
ABORT    : 'abort' ;
SEND     : 'send' ;
DROP     : 'drop' ;
NEXT     : 'next' ;
WAIT     : 'wait' ;
EXPECT   : 'expect' ;
STATE    : 'state' ;
LENGTH   : 'length' ;   // `length 7` reads as tcpdump prints it, so the word is reserved
PROFILE  : 'profile' ;
EXTENDS  : 'extends' ;
RTT      : 'rtt' ;
LOSS     : 'loss' ;
DUPLICATE : 'duplicate' ;
REORDER  : 'reorder' ;
CORRUPT  : 'corrupt' ;
UNTIL    : 'until' ;
LET      : 'let' ;
AFTER    : 'after' ;
AS       : 'as' ;
ERROR    : 'error' ;
NOTHING  : 'nothing' ;
FOR      : 'for' ;
MORE_    : 'more' ;
STOPS    : 'stops' ;
READING  : 'reading' ;
HOST     : 'host' ;
FROM     : 'from' ;
TO       : 'to' ;
BIND     : 'bind' ;
ACCEPT   : 'accept' ;
BACKLOG  : 'backlog' ;
SETSOCKOPT : 'setsockopt' ;
READABLE : 'readable' ;
IMPORT   : 'import' ;
MACRO    : 'macro' ;
REPEAT   : 'repeat' ;
MOST     : 'most' ;
EVENTUALLY : 'eventually' ;
WITHIN   : 'within' ;
SINCE    : 'since' ;
IN       : 'in' ;
UNMATCHED : 'unmatched' ;
SEGMENTS : 'segments' ;
FAIL     : 'fail' ;
EXERCISE : 'exercise' ;
DRAW     : 'draw' ;
CHECK    : 'check' ;
ANSWER   : 'answer' ;
ANSWERS  : 'answers' ;
GOAL     : 'goal' ;
FORBID   : 'forbid' ;
ALLOW    : 'allow' ;
BLIND    : 'blind' ;
HOLE     : '?' ;

LBRACE : '{' ;
RBRACE : '}' ;
SEMI   : ';' ;
EQEQ   : '==' ;
NOTEQ  : '!=' ;
LE     : '<=' ;
GE     : '>=' ;
DOTDOT : '..' ;
PLUSMINUS : '\u00B1' ;   // ±
EQUALS : '=' ;
COLON  : ':' ;
COMMA  : ',' ;
LT     : '<' ;
GT     : '>' ;
LPAREN : '(' ;
RPAREN : ')' ;
PLUS   : '+' ;
MINUS  : '-' ;
STAR   : '*' ;
DOT    : '.' ;
PERCENT : '%' ;

// A number glued to a word is a duration: 200ms, 1.5s. TreeBuilder checks the unit, so that
// `5sec` is told which units exist rather than that `ec` is unexpected.
DURATION : DIGIT+ ('.' DIGIT+)? LETTER (LETTER | DIGIT)* ;

// 127.0.0.1, and also 1.5 (which only ever appears as a duration that lost its unit)
DOTTED : DIGIT+ ('.' DIGIT+)+ ;

INT : DIGIT+ ;

// Anything with two colons looks like IPv6 (::1, fe80::1); taken whole to be reported whole
IPV6 : HEX* ':' HEX* ':' (HEX | ':' | '.')* ;

IDENT : LETTER (LETTER | DIGIT)* ;

// tcpdump's flags, [S.] [P.] [.] [none], one token; the interpreter reads what is inside
BRACKET_FLAGS : '[' ~[\]\r\n]* ']' ;

// Double quotes; escapes \n \r \t \\ \" \0 \xHH are decoded (and checked) by TreeBuilder
STRING : '"' (ESCAPE | ~["\\\r\n])* '"' ;

// Text that cannot be right, kept as tokens so that the error points where the trouble starts
// (the opening quote, the opening bracket) and is worded by us.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* '\\'? ;
UNCLOSED_BRACKET    : '[' ~[\]\r\n]* ;

COMMENT    : ('#' | '//') ~[\r\n]* -> skip ;
NEWLINE    : '\r'? '\n' ;
WHITESPACE : [ \t\f\uFEFF]+ -> skip ;   // U+FEFF: a byte-order mark some editors write

// Any other character; the parser reports it as unexpected rather than the lexer failing
STRAY : . ;

fragment DIGIT  : [0-9] ;
fragment HEX    : [0-9a-fA-F] ;
fragment LETTER : [A-Za-z_] ;
fragment ESCAPE : '\\' ~[\r\n] ;
