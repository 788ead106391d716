# The snippet language (spec/snippet-language.md): statements, expressions and
# property templates. Postprocessors only call the typed builder in
# src/snippet/ast-builder.ts; newlines reach this grammar already normalised by
# the token stream (see snippet-lexer.ts), so a newline here ends a statement.
@preprocessor typescript
@{%
import { SnippetTokenStream, anyKeyword } from './snippet-lexer.js';
import * as b from '../src/snippet/ast-builder.js';
const lexer = new SnippetTokenStream();
%}
@lexer lexer

program -> null {% () => b.program(b.none()) %}
  | seq {% (d) => b.program(d[0]) %}

# Alternative start symbols, chosen by src/snippet/parse.ts.
expression -> expr {% (d) => d[0] %}
template -> tparts {% (d) => b.template(d[0]) %}

tparts -> null {% () => b.none() %}
  | tparts tpart {% (d) => b.push(d[0], d[1]) %}
tpart -> %text {% (d) => b.textPart(d[0]) %}
  | %escape {% (d) => b.templateEscape(d[0]) %}
  | %interpOpen expr %interpClose {% (d) => d[1] %}

# Statement sequences: a newline separates statements, except that one may
# follow a closing brace directly (seqB ends with a block statement).
seq -> seqS {% (d) => d[0] %}
  | seqB {% (d) => d[0] %}
seqS -> sstmt {% (d) => b.one(d[0]) %}
  | seq %nl sstmt {% (d) => b.push(d[0], d[2]) %}
  | seqB sstmt {% (d) => b.push(d[0], d[1]) %}
seqB -> bstmt {% (d) => b.one(d[0]) %}
  | seq %nl bstmt {% (d) => b.push(d[0], d[2]) %}
  | seqB bstmt {% (d) => b.push(d[0], d[1]) %}

block -> %lbrace %rbrace {% () => b.none() %}
  | %lbrace seq %rbrace {% (d) => d[1] %}

# Statements that end with a block.
bstmt -> %kw_if expr block {% (d) => b.ifStmt(d[0], d[1], d[2]) %}
  | %kw_if expr block %kw_else block {% (d) => b.ifStmt(d[0], d[1], d[2], d[4]) %}
  | %kw_function %ident %lparen params %rparen block {% (d) => b.functionStmt(d[0], d[1], d[3], d[5]) %}
  | %kw_switch expr %lbrace switchCases %rbrace {% (d) => b.switchStmt(d[0], d[1], d[3]) %}
  | %kw_switch expr %lbrace switchCases %kw_default block %rbrace {% (d) => b.switchStmt(d[0], d[1], d[3], d[5]) %}
  | %kw_select %lbrace selectCases %rbrace {% (d) => b.selectStmt(d[0], d[2]) %}
  | %kw_select %lbrace selectCases %kw_default block %rbrace {% (d) => b.selectStmt(d[0], d[2], d[4]) %}
  | %kw_for %ident %eq expr %kw_to expr block {% (d) => b.forStmt(d[0], d[1], d[3], d[5], d[6]) %}
  | %kw_foreach %ident %kw_in lvalue block {% (d) => b.foreachStmt(d[0], d[1], d[3], d[4]) %}
  | %kw_repeat expr block {% (d) => b.repeatStmt(d[0], d[1], d[2]) %}
  | %kw_while expr block {% (d) => b.whileStmt(d[0], d[1], d[2]) %}

# Several CASE lines may share one block (stacked labels, as production code writes them).
switchCases -> null {% () => b.none() %}
  | switchCases caseLabels block {% (d) => b.push(d[0], b.switchCase(d[1], d[2])) %}
caseLabels -> %kw_case caseLabel {% (d) => b.one(d[1]) %}
  | caseLabels %nl %kw_case caseLabel {% (d) => b.push(d[0], d[3]) %}
caseLabel -> %number {% (d) => b.number(d[0]) %}
  | %addOp %number {% (d) => b.unary(d[0], b.number(d[1])) %}
  | string {% (d) => d[0] %}
  | %kw_true {% (d) => b.bool(d[0]) %}
  | %kw_false {% (d) => b.bool(d[0]) %}
selectCases -> null {% () => b.none() %}
  | selectCases selectConds block {% (d) => b.push(d[0], b.selectCase(d[1], d[2])) %}
selectConds -> %kw_case expr {% (d) => b.one(d[1]) %}
  | selectConds %nl %kw_case expr {% (d) => b.push(d[0], d[3]) %}

params -> null {% () => b.none() %}
  | paramList {% (d) => d[0] %}
paramList -> %ident {% (d) => b.one(d[0]) %}
  | paramList %comma %ident {% (d) => b.push(d[0], d[2]) %}

# Statements that end at the end of the line.
sstmt -> %kw_assign lvalue %eq expr {% (d) => b.assign(d[1], d[3], d[0]) %}
  | lvalue %eq expr {% (d) => b.assign(d[0], d[2]) %}
  | %kw_dynamic %ident {% (d) => b.dynamic(d[0], d[1]) %}
  | %kw_dynamic %ident %eq expr {% (d) => b.dynamic(d[0], d[1], d[3]) %}
  | %kw_return {% (d) => b.returnStmt(d[0]) %}
  | %kw_return expr {% (d) => b.returnStmt(d[0], d[1]) %}
  | %kw_break {% (d) => b.breakStmt(d[0]) %}
  | %kw_trace expr {% (d) => b.traceStmt(d[0], d[1]) %}
  | %kw_uses expr {% (d) => b.usesStmt(d[0], d[1]) %}
  | call {% (d) => b.callStmt(d[0]) %}

lvalue -> %ident {% (d) => b.variable(d[0]) %}
  | %globalIdent {% (d) => b.globalVariable(d[0]) %}
  | lvalue %dot memberName {% (d) => b.member(d[0], d[2]) %}
  | lvalue %lbracket expr %rbracket {% (d) => b.index(d[0], d[1], d[2]) %}

# Expressions, lowest precedence first. Operator tokens are typed by level.
expr -> expr %logicOp compare {% (d) => b.binary(d[0], d[1], d[2]) %}
  | compare {% (d) => d[0] %}

compare -> compare %cmpOp sum {% (d) => b.binary(d[0], d[1], d[2]) %}
  | compare %eq sum {% (d) => b.binary(d[0], d[1], d[2]) %}
  | sum {% (d) => d[0] %}

sum -> sum %addOp product {% (d) => b.binary(d[0], d[1], d[2]) %}
  | product {% (d) => d[0] %}

product -> product %mulOp unary {% (d) => b.binary(d[0], d[1], d[2]) %}
  | unary {% (d) => d[0] %}

unary -> %addOp unary {% (d) => b.unary(d[0], d[1]) %}
  | power {% (d) => d[0] %}

# `^` is right-associative and binds tighter than unary minus on its left. The
# chain is collected left-recursively (right recursion is quadratic for Earley)
# and folded from the right by the builder; a signed operand ends the chain.
power -> powerChain {% (d) => b.power(d[0]) %}
  | powerChain %powOp %addOp unary {% (d) => b.power(b.push(b.push(d[0], d[1]), b.unary(d[2], d[3]))) %}
powerChain -> postfix {% (d) => b.one(d[0]) %}
  | powerChain %powOp postfix {% (d) => b.push(b.push(d[0], d[1]), d[2]) %}

postfix -> primary {% (d) => d[0] %}
  | call {% (d) => d[0] %}
  | postfix %dot memberName {% (d) => b.member(d[0], d[2]) %}
  | postfix %lbracket expr %rbracket {% (d) => b.index(d[0], d[1], d[2]) %}

call -> %ident %lparen args %rparen {% (d) => b.call(d[0], d[2]) %}
  | postfix %dot memberName %lparen args %rparen {% (d) => b.methodCall(d[0], d[2], d[4]) %}

args -> null {% () => b.none() %}
  | argList {% (d) => d[0] %}
argList -> expr {% (d) => b.one(d[0]) %}
  | argList %comma expr {% (d) => b.push(d[0], d[2]) %}

primary -> %number {% (d) => b.number(d[0]) %}
  | string {% (d) => d[0] %}
  | %kw_true {% (d) => b.bool(d[0]) %}
  | %kw_false {% (d) => b.bool(d[0]) %}
  | %ident {% (d) => b.variable(d[0]) %}
  | %globalIdent {% (d) => b.globalVariable(d[0]) %}
  | %lparen expr %rparen {% (d) => d[1] %}

# Member names may be any word, keywords included (`d.default`, `x.$value`).
memberName -> %ident {% (d) => d[0] %}
  | %dollarIdent {% (d) => d[0] %}
  | %anyKeyword {% (d) => d[0] %}

string -> %strOpen stringParts %strClose {% (d) => b.string(d[0], d[1], d[2]) %}
  | %estrOpen escapeParts %strClose {% (d) => b.string(d[0], d[1], d[2]) %}
  | %dateOpen stringParts %strClose {% (d) => b.string(d[0], d[1], d[2]) %}
stringParts -> null {% () => b.none() %}
  | stringParts stringPart {% (d) => b.push(d[0], d[1]) %}
escapeParts -> null {% () => b.none() %}
  | escapeParts stringPart {% (d) => b.push(d[0], d[1]) %}
  | escapeParts %escape {% (d) => b.push(d[0], b.escapePart(d[1])) %}
stringPart -> %text {% (d) => b.textPart(d[0]) %}
  | %interpOpen expr %interpClose {% (d) => d[1] %}
