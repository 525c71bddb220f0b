/*
 * The syntax of the Nix language, following Nix 2.8's bison grammar (src/libexpr/parser.y).
 * Operator precedence is the order of the alternatives of exprOp, highest first, as in
 * parser.y's %left/%right/%nonassoc lines read bottom-up. Non-associative operators
 * (==, <, ?, ...) are parsed left-associatively here and rejected when chained by AstBuilder.
 */
parser grammar NixParser;

options { tokenVocab = NixLexer; superClass = NixParserBase; }

file : expr EOF;

expr : exprFunction;

exprFunction
  : ID COLON exprFunction                                         # lambdaSimple
  | LBRACE formals RBRACE COLON exprFunction                      # lambdaFormals
  | LBRACE formals RBRACE AT ID COLON exprFunction                # lambdaFormalsAtRight
  | ID AT LBRACE formals RBRACE COLON exprFunction                # lambdaFormalsAtLeft
  | ASSERT expr SEMI exprFunction                                 # assertExpr
  | WITH expr SEMI exprFunction                                   # withExpr
  | LET binds IN exprFunction                                     # letExpr
  | exprIf                                                        # plainIf
  ;

exprIf
  : IF expr THEN expr ELSE expr                                   # ifExpr
  | exprOp                                                        # plainOp
  ;

exprOp
  : MINUS exprOp                                                  # negate
  | exprOp QUESTION attrpath                                      # hasAttr
  | <assoc=right> exprOp CONCAT exprOp                            # concat
  | exprOp op=(STAR | SLASH) exprOp                               # mulDiv
  | exprOp op=(PLUS | MINUS) exprOp                               # addSub
  | NOT exprOp                                                    # not
  | <assoc=right> exprOp UPDATE exprOp                            # update
  | exprOp op=(LT | GT | LEQ | GEQ) exprOp                        # compare
  | exprOp op=(EQ | NEQ) exprOp                                   # equality
  | exprOp AND exprOp                                             # and
  | exprOp OR exprOp                                              # or
  | <assoc=right> exprOp IMPL exprOp                              # impl
  | exprApp                                                       # plainApp
  ;

exprApp
  : exprApp exprSelect                                            # apply
  | exprSelect                                                    # plainSelect
  ;

/*
 * parser.y's four alternatives (a.b, a.b or c, a applied to `or`, a), factored after the
 * exprSimple they share: as alternatives, choosing one had to read the whole exprSimple ahead,
 * at every level of nesting, which made deep nesting quadratic.
 */
exprSelect
  : exprSimple (DOT attrpath (OR_KW exprSelect)? | applyToOr=OR_KW)?
  ;

exprSimple
  : ID                                                            # var
  | INT                                                           # int
  | FLOAT                                                         # float
  | STRING_OPEN stringPart* STR_END                               # string
  | IND_STRING_OPEN indStringPart* IND_END                        # indString
  | PATH_INTERP_START expr RBRACE pathPart* PATH_END              # interpolatedPath
  | PATH                                                          # path
  | HPATH                                                         # homePath
  | SPATH                                                         # searchPath
  | URI                                                           # uri
  | LPAREN expr RPAREN                                            # parens
  | LET LBRACE binds RBRACE                                       # legacyLet
  | REC LBRACE binds RBRACE                                       # recAttrs
  | LBRACE binds RBRACE                                           # attrs
  | LBRACK exprSelect* RBRACK                                     # list
  ;

stringPart
  : STR_TEXT                                                      # strText
  | STR_LONE                                                      # strLone
  | STR_INTERP expr RBRACE                                        # strInterp
  ;

indStringPart
  : IND_TEXT                                                      # indText
  | IND_ESC_DOLLAR                                                # indEscDollar
  | IND_ESC_QUOTES                                                # indEscQuotes
  | IND_ESC_CHAR                                                  # indEscChar
  | IND_DOLLAR                                                    # indDollar
  | IND_QUOTE                                                     # indQuote
  | IND_INTERP expr RBRACE                                        # indInterp
  ;

pathPart
  : INPATH_TEXT                                                   # pathText
  | INPATH_INTERP expr RBRACE                                     # pathInterp
  ;

binds : bind*;

bind
  : attrpath ASSIGN expr SEMI                                     # binding
  | INHERIT (LPAREN expr RPAREN)? inheritAttr* SEMI               # inherit
  ;

inheritAttr
  : attr                                                          # inheritName
  | stringAttr                                                    # inheritString
  ;

attrpath : attrpathElem (DOT attrpathElem)*;

attrpathElem
  : attr                                                          # staticAttr
  | stringAttr                                                    # dynamicAttr
  ;

attr : ID | OR_KW;

stringAttr
  : STRING_OPEN stringPart* STR_END                               # quotedAttr
  | DOLLAR_CURLY expr RBRACE                                      # interpolatedAttr
  ;

/* parser.y: formals : formal ',' formals | formal | %empty | ELLIPSIS; so a trailing comma is allowed. */
formals : (formal COMMA)* (formal | ELLIPSIS)?;

formal : ID (QUESTION expr)?;
