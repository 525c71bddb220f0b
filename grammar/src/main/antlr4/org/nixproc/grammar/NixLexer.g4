/*
 * Tokens of the Nix language, as Nix 2.8's flex lexer (src/libexpr/lexer.l) defines them.
 * Lexer modes stand for flex's start conditions: "..." strings, ''...'' strings and paths
 * with interpolation. Every '{' and '${' pushes the default mode and every '}' pops it, so
 * an interpolation returns to the string or path it interrupted.
 * The only code lives in NixLexerBase (path ends, a '}' without a '{').
 */
lexer grammar NixLexer;

options { superClass = NixLexerBase; }

/* Emitted by NixLexerBase where a path with interpolation ends. */
tokens { PATH_END }

IF       : 'if';
THEN     : 'then';
ELSE     : 'else';
ASSERT   : 'assert';
WITH     : 'with';
LET      : 'let';
IN       : 'in';
REC      : 'rec';
INHERIT  : 'inherit';
OR_KW    : 'or';
ELLIPSIS : '...';

EQ     : '==';
NEQ    : '!=';
LEQ    : '<=';
GEQ    : '>=';
LT     : '<';
GT     : '>';
AND    : '&&';
OR     : '||';
IMPL   : '->';
UPDATE : '//';
CONCAT : '++';
NOT    : '!';
PLUS   : '+';
MINUS  : '-';
STAR   : '*';
SLASH  : '/';
DOT    : '.';
QUESTION : '?';
AT     : '@';
COLON  : ':';
SEMI   : ';';
COMMA  : ',';
ASSIGN : '=';
LPAREN : '(';
RPAREN : ')';
LBRACK : '[';
RBRACK : ']';
LBRACE : '{' -> pushMode(DEFAULT_MODE);
RBRACE : '}' -> popMode;
DOLLAR_CURLY : '${' -> pushMode(DEFAULT_MODE);

ID    : [a-zA-Z_] [a-zA-Z0-9_'\-]*;
INT   : [0-9]+;
FLOAT : ( [1-9] [0-9]* '.' [0-9]* | '0'? '.' [0-9]+ ) ( [Ee] [+\-]? [0-9]+ )?;

/* A path directly followed by '${' goes on after the interpolation (mode INPATH). */
PATH_INTERP_START : ( PATH_BODY | PATH_SEG | HPATH_BODY | '~/' ) '${' -> pushMode(INPATH), pushMode(DEFAULT_MODE);
PATH  : PATH_BODY;
HPATH : HPATH_BODY;
SPATH : '<' PATH_CHAR+ ( '/' PATH_CHAR+ )* '>';
URI   : [a-zA-Z] [a-zA-Z0-9+\-.]* ':' [a-zA-Z0-9%/?:@&=+$,\-_.!~*']+;

STRING_OPEN     : '"' -> pushMode(STRING);
IND_STRING_OPEN : '\'\'' ( ' '* '\n' )? -> pushMode(IND_STRING);

WS            : [ \t\r\n]+ -> channel(HIDDEN);
LINE_COMMENT  : '#' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'+ '/' -> channel(HIDDEN);

/* Anything else is handed to the parser, which reports it with its position. */
UNKNOWN : .;

fragment PATH_CHAR  : [a-zA-Z0-9._\-+];
fragment PATH_BODY  : PATH_CHAR* ( '/' PATH_CHAR+ )+ '/'?;
fragment PATH_SEG   : PATH_CHAR* '/';
fragment HPATH_BODY : '~' ( '/' PATH_CHAR+ )+ '/'?;

mode STRING;
STR_END    : '"' -> popMode;
STR_INTERP : '${' -> pushMode(DEFAULT_MODE);
STR_TEXT   : ( ~[$"\\] | '$' ~[{"\\] | '\\' . | '$\\' . )+;
/* A '$' or '\' that only the closing quote (or the end of input) follows. */
STR_LONE   : '$' | '\\' | '$\\';

mode IND_STRING;
IND_END         : '\'\'' -> popMode;
IND_INTERP      : '${' -> pushMode(DEFAULT_MODE);
IND_TEXT        : ( ~[$'] | '$' ~[{'] | '\'' ~['$] )+;
IND_ESC_DOLLAR  : '\'\'$';
IND_ESC_QUOTES  : '\'\'\'';
IND_ESC_CHAR    : '\'\'\\' .;
IND_DOLLAR      : '$';
IND_QUOTE       : '\'';

mode INPATH;
INPATH_INTERP : '${' -> pushMode(DEFAULT_MODE);
INPATH_TEXT   : ( PATH_CHAR | '/' )+;
