// @ts-nocheck
// Generated from grammar/snippet.ne by scripts/build-grammar.mjs. Do not edit.
// Generated automatically by nearley, version 2.20.1
// http://github.com/Hardmath123/nearley
// Bypasses TS6133. Allow declared but unused functions.
// @ts-ignore
function id(d: any[]): any { return d[0]; }
declare var text: any;
declare var escape: any;
declare var interpOpen: any;
declare var interpClose: any;
declare var nl: any;
declare var lbrace: any;
declare var rbrace: any;
declare var kw_if: any;
declare var kw_else: any;
declare var kw_function: any;
declare var ident: any;
declare var lparen: any;
declare var rparen: any;
declare var kw_switch: any;
declare var kw_default: any;
declare var kw_select: any;
declare var kw_for: any;
declare var eq: any;
declare var kw_to: any;
declare var kw_foreach: any;
declare var kw_in: any;
declare var kw_repeat: any;
declare var kw_while: any;
declare var kw_case: any;
declare var number: any;
declare var addOp: any;
declare var kw_true: any;
declare var kw_false: any;
declare var comma: any;
declare var kw_assign: any;
declare var kw_dynamic: any;
declare var kw_return: any;
declare var kw_break: any;
declare var kw_trace: any;
declare var kw_uses: any;
declare var globalIdent: any;
declare var dot: any;
declare var lbracket: any;
declare var rbracket: any;
declare var logicOp: any;
declare var cmpOp: any;
declare var mulOp: any;
declare var powOp: any;
declare var dollarIdent: any;
declare var anyKeyword: any;
declare var strOpen: any;
declare var strClose: any;
declare var estrOpen: any;
declare var dateOpen: any;

import { SnippetTokenStream, anyKeyword } from './snippet-lexer.js';
import * as b from '../src/snippet/ast-builder.js';
const lexer = new SnippetTokenStream();

interface NearleyToken {
  value: any;
  [key: string]: any;
};

interface NearleyLexer {
  reset: (chunk: string, info: any) => void;
  next: () => NearleyToken | undefined;
  save: () => any;
  formatError: (token: never) => string;
  has: (tokenType: string) => boolean;
};

interface NearleyRule {
  name: string;
  symbols: NearleySymbol[];
  postprocess?: (d: any[], loc?: number, reject?: {}) => any;
};

type NearleySymbol = string | { literal: any } | { test: (token: any) => boolean };

interface Grammar {
  Lexer: NearleyLexer | undefined;
  ParserRules: NearleyRule[];
  ParserStart: string;
};

const grammar: Grammar = {
  Lexer: lexer,
  ParserRules: [
    {"name": "program", "symbols": [], "postprocess": () => b.program(b.none())},
    {"name": "program", "symbols": ["seq"], "postprocess": (d) => b.program(d[0])},
    {"name": "expression", "symbols": ["expr"], "postprocess": (d) => d[0]},
    {"name": "template", "symbols": ["tparts"], "postprocess": (d) => b.template(d[0])},
    {"name": "tparts", "symbols": [], "postprocess": () => b.none()},
    {"name": "tparts", "symbols": ["tparts", "tpart"], "postprocess": (d) => b.push(d[0], d[1])},
    {"name": "tpart", "symbols": [(lexer.has("text") ? {type: "text"} : text)], "postprocess": (d) => b.textPart(d[0])},
    {"name": "tpart", "symbols": [(lexer.has("escape") ? {type: "escape"} : escape)], "postprocess": (d) => b.templateEscape(d[0])},
    {"name": "tpart", "symbols": [(lexer.has("interpOpen") ? {type: "interpOpen"} : interpOpen), "expr", (lexer.has("interpClose") ? {type: "interpClose"} : interpClose)], "postprocess": (d) => d[1]},
    {"name": "seq", "symbols": ["seqS"], "postprocess": (d) => d[0]},
    {"name": "seq", "symbols": ["seqB"], "postprocess": (d) => d[0]},
    {"name": "seqS", "symbols": ["sstmt"], "postprocess": (d) => b.one(d[0])},
    {"name": "seqS", "symbols": ["seq", (lexer.has("nl") ? {type: "nl"} : nl), "sstmt"], "postprocess": (d) => b.push(d[0], d[2])},
    {"name": "seqS", "symbols": ["seqB", "sstmt"], "postprocess": (d) => b.push(d[0], d[1])},
    {"name": "seqB", "symbols": ["bstmt"], "postprocess": (d) => b.one(d[0])},
    {"name": "seqB", "symbols": ["seq", (lexer.has("nl") ? {type: "nl"} : nl), "bstmt"], "postprocess": (d) => b.push(d[0], d[2])},
    {"name": "seqB", "symbols": ["seqB", "bstmt"], "postprocess": (d) => b.push(d[0], d[1])},
    {"name": "block", "symbols": [(lexer.has("lbrace") ? {type: "lbrace"} : lbrace), (lexer.has("rbrace") ? {type: "rbrace"} : rbrace)], "postprocess": () => b.none()},
    {"name": "block", "symbols": [(lexer.has("lbrace") ? {type: "lbrace"} : lbrace), "seq", (lexer.has("rbrace") ? {type: "rbrace"} : rbrace)], "postprocess": (d) => d[1]},
    {"name": "bstmt", "symbols": [(lexer.has("kw_if") ? {type: "kw_if"} : kw_if), "expr", "block"], "postprocess": (d) => b.ifStmt(d[0], d[1], d[2])},
    {"name": "bstmt", "symbols": [(lexer.has("kw_if") ? {type: "kw_if"} : kw_if), "expr", "block", (lexer.has("kw_else") ? {type: "kw_else"} : kw_else), "block"], "postprocess": (d) => b.ifStmt(d[0], d[1], d[2], d[4])},
    {"name": "bstmt", "symbols": [(lexer.has("kw_function") ? {type: "kw_function"} : kw_function), (lexer.has("ident") ? {type: "ident"} : ident), (lexer.has("lparen") ? {type: "lparen"} : lparen), "params", (lexer.has("rparen") ? {type: "rparen"} : rparen), "block"], "postprocess": (d) => b.functionStmt(d[0], d[1], d[3], d[5])},
    {"name": "bstmt", "symbols": [(lexer.has("kw_switch") ? {type: "kw_switch"} : kw_switch), "expr", (lexer.has("lbrace") ? {type: "lbrace"} : lbrace), "switchCases", (lexer.has("rbrace") ? {type: "rbrace"} : rbrace)], "postprocess": (d) => b.switchStmt(d[0], d[1], d[3])},
    {"name": "bstmt", "symbols": [(lexer.has("kw_switch") ? {type: "kw_switch"} : kw_switch), "expr", (lexer.has("lbrace") ? {type: "lbrace"} : lbrace), "switchCases", (lexer.has("kw_default") ? {type: "kw_default"} : kw_default), "block", (lexer.has("rbrace") ? {type: "rbrace"} : rbrace)], "postprocess": (d) => b.switchStmt(d[0], d[1], d[3], d[5])},
    {"name": "bstmt", "symbols": [(lexer.has("kw_select") ? {type: "kw_select"} : kw_select), (lexer.has("lbrace") ? {type: "lbrace"} : lbrace), "selectCases", (lexer.has("rbrace") ? {type: "rbrace"} : rbrace)], "postprocess": (d) => b.selectStmt(d[0], d[2])},
    {"name": "bstmt", "symbols": [(lexer.has("kw_select") ? {type: "kw_select"} : kw_select), (lexer.has("lbrace") ? {type: "lbrace"} : lbrace), "selectCases", (lexer.has("kw_default") ? {type: "kw_default"} : kw_default), "block", (lexer.has("rbrace") ? {type: "rbrace"} : rbrace)], "postprocess": (d) => b.selectStmt(d[0], d[2], d[4])},
    {"name": "bstmt", "symbols": [(lexer.has("kw_for") ? {type: "kw_for"} : kw_for), (lexer.has("ident") ? {type: "ident"} : ident), (lexer.has("eq") ? {type: "eq"} : eq), "expr", (lexer.has("kw_to") ? {type: "kw_to"} : kw_to), "expr", "block"], "postprocess": (d) => b.forStmt(d[0], d[1], d[3], d[5], d[6])},
    {"name": "bstmt", "symbols": [(lexer.has("kw_foreach") ? {type: "kw_foreach"} : kw_foreach), (lexer.has("ident") ? {type: "ident"} : ident), (lexer.has("kw_in") ? {type: "kw_in"} : kw_in), "lvalue", "block"], "postprocess": (d) => b.foreachStmt(d[0], d[1], d[3], d[4])},
    {"name": "bstmt", "symbols": [(lexer.has("kw_repeat") ? {type: "kw_repeat"} : kw_repeat), "expr", "block"], "postprocess": (d) => b.repeatStmt(d[0], d[1], d[2])},
    {"name": "bstmt", "symbols": [(lexer.has("kw_while") ? {type: "kw_while"} : kw_while), "expr", "block"], "postprocess": (d) => b.whileStmt(d[0], d[1], d[2])},
    {"name": "switchCases", "symbols": [], "postprocess": () => b.none()},
    {"name": "switchCases", "symbols": ["switchCases", "caseLabels", "block"], "postprocess": (d) => b.push(d[0], b.switchCase(d[1], d[2]))},
    {"name": "caseLabels", "symbols": [(lexer.has("kw_case") ? {type: "kw_case"} : kw_case), "caseLabel"], "postprocess": (d) => b.one(d[1])},
    {"name": "caseLabels", "symbols": ["caseLabels", (lexer.has("nl") ? {type: "nl"} : nl), (lexer.has("kw_case") ? {type: "kw_case"} : kw_case), "caseLabel"], "postprocess": (d) => b.push(d[0], d[3])},
    {"name": "caseLabel", "symbols": [(lexer.has("number") ? {type: "number"} : number)], "postprocess": (d) => b.number(d[0])},
    {"name": "caseLabel", "symbols": [(lexer.has("addOp") ? {type: "addOp"} : addOp), (lexer.has("number") ? {type: "number"} : number)], "postprocess": (d) => b.unary(d[0], b.number(d[1]))},
    {"name": "caseLabel", "symbols": ["string"], "postprocess": (d) => d[0]},
    {"name": "caseLabel", "symbols": [(lexer.has("kw_true") ? {type: "kw_true"} : kw_true)], "postprocess": (d) => b.bool(d[0])},
    {"name": "caseLabel", "symbols": [(lexer.has("kw_false") ? {type: "kw_false"} : kw_false)], "postprocess": (d) => b.bool(d[0])},
    {"name": "selectCases", "symbols": [], "postprocess": () => b.none()},
    {"name": "selectCases", "symbols": ["selectCases", "selectConds", "block"], "postprocess": (d) => b.push(d[0], b.selectCase(d[1], d[2]))},
    {"name": "selectConds", "symbols": [(lexer.has("kw_case") ? {type: "kw_case"} : kw_case), "expr"], "postprocess": (d) => b.one(d[1])},
    {"name": "selectConds", "symbols": ["selectConds", (lexer.has("nl") ? {type: "nl"} : nl), (lexer.has("kw_case") ? {type: "kw_case"} : kw_case), "expr"], "postprocess": (d) => b.push(d[0], d[3])},
    {"name": "params", "symbols": [], "postprocess": () => b.none()},
    {"name": "params", "symbols": ["paramList"], "postprocess": (d) => d[0]},
    {"name": "paramList", "symbols": [(lexer.has("ident") ? {type: "ident"} : ident)], "postprocess": (d) => b.one(d[0])},
    {"name": "paramList", "symbols": ["paramList", (lexer.has("comma") ? {type: "comma"} : comma), (lexer.has("ident") ? {type: "ident"} : ident)], "postprocess": (d) => b.push(d[0], d[2])},
    {"name": "sstmt", "symbols": [(lexer.has("kw_assign") ? {type: "kw_assign"} : kw_assign), "lvalue", (lexer.has("eq") ? {type: "eq"} : eq), "expr"], "postprocess": (d) => b.assign(d[1], d[3], d[0])},
    {"name": "sstmt", "symbols": ["lvalue", (lexer.has("eq") ? {type: "eq"} : eq), "expr"], "postprocess": (d) => b.assign(d[0], d[2])},
    {"name": "sstmt", "symbols": [(lexer.has("kw_dynamic") ? {type: "kw_dynamic"} : kw_dynamic), (lexer.has("ident") ? {type: "ident"} : ident)], "postprocess": (d) => b.dynamic(d[0], d[1])},
    {"name": "sstmt", "symbols": [(lexer.has("kw_dynamic") ? {type: "kw_dynamic"} : kw_dynamic), (lexer.has("ident") ? {type: "ident"} : ident), (lexer.has("eq") ? {type: "eq"} : eq), "expr"], "postprocess": (d) => b.dynamic(d[0], d[1], d[3])},
    {"name": "sstmt", "symbols": [(lexer.has("kw_return") ? {type: "kw_return"} : kw_return)], "postprocess": (d) => b.returnStmt(d[0])},
    {"name": "sstmt", "symbols": [(lexer.has("kw_return") ? {type: "kw_return"} : kw_return), "expr"], "postprocess": (d) => b.returnStmt(d[0], d[1])},
    {"name": "sstmt", "symbols": [(lexer.has("kw_break") ? {type: "kw_break"} : kw_break)], "postprocess": (d) => b.breakStmt(d[0])},
    {"name": "sstmt", "symbols": [(lexer.has("kw_trace") ? {type: "kw_trace"} : kw_trace), "expr"], "postprocess": (d) => b.traceStmt(d[0], d[1])},
    {"name": "sstmt", "symbols": [(lexer.has("kw_uses") ? {type: "kw_uses"} : kw_uses), "expr"], "postprocess": (d) => b.usesStmt(d[0], d[1])},
    {"name": "sstmt", "symbols": ["call"], "postprocess": (d) => b.callStmt(d[0])},
    {"name": "lvalue", "symbols": [(lexer.has("ident") ? {type: "ident"} : ident)], "postprocess": (d) => b.variable(d[0])},
    {"name": "lvalue", "symbols": [(lexer.has("globalIdent") ? {type: "globalIdent"} : globalIdent)], "postprocess": (d) => b.globalVariable(d[0])},
    {"name": "lvalue", "symbols": ["lvalue", (lexer.has("dot") ? {type: "dot"} : dot), "memberName"], "postprocess": (d) => b.member(d[0], d[2])},
    {"name": "lvalue", "symbols": ["lvalue", (lexer.has("lbracket") ? {type: "lbracket"} : lbracket), "expr", (lexer.has("rbracket") ? {type: "rbracket"} : rbracket)], "postprocess": (d) => b.index(d[0], d[1], d[2])},
    {"name": "expr", "symbols": ["expr", (lexer.has("logicOp") ? {type: "logicOp"} : logicOp), "compare"], "postprocess": (d) => b.binary(d[0], d[1], d[2])},
    {"name": "expr", "symbols": ["compare"], "postprocess": (d) => d[0]},
    {"name": "compare", "symbols": ["compare", (lexer.has("cmpOp") ? {type: "cmpOp"} : cmpOp), "sum"], "postprocess": (d) => b.binary(d[0], d[1], d[2])},
    {"name": "compare", "symbols": ["compare", (lexer.has("eq") ? {type: "eq"} : eq), "sum"], "postprocess": (d) => b.binary(d[0], d[1], d[2])},
    {"name": "compare", "symbols": ["sum"], "postprocess": (d) => d[0]},
    {"name": "sum", "symbols": ["sum", (lexer.has("addOp") ? {type: "addOp"} : addOp), "product"], "postprocess": (d) => b.binary(d[0], d[1], d[2])},
    {"name": "sum", "symbols": ["product"], "postprocess": (d) => d[0]},
    {"name": "product", "symbols": ["product", (lexer.has("mulOp") ? {type: "mulOp"} : mulOp), "unary"], "postprocess": (d) => b.binary(d[0], d[1], d[2])},
    {"name": "product", "symbols": ["unary"], "postprocess": (d) => d[0]},
    {"name": "unary", "symbols": [(lexer.has("addOp") ? {type: "addOp"} : addOp), "unary"], "postprocess": (d) => b.unary(d[0], d[1])},
    {"name": "unary", "symbols": ["power"], "postprocess": (d) => d[0]},
    {"name": "power", "symbols": ["powerChain"], "postprocess": (d) => b.power(d[0])},
    {"name": "power", "symbols": ["powerChain", (lexer.has("powOp") ? {type: "powOp"} : powOp), (lexer.has("addOp") ? {type: "addOp"} : addOp), "unary"], "postprocess": (d) => b.power(b.push(b.push(d[0], d[1]), b.unary(d[2], d[3])))},
    {"name": "powerChain", "symbols": ["postfix"], "postprocess": (d) => b.one(d[0])},
    {"name": "powerChain", "symbols": ["powerChain", (lexer.has("powOp") ? {type: "powOp"} : powOp), "postfix"], "postprocess": (d) => b.push(b.push(d[0], d[1]), d[2])},
    {"name": "postfix", "symbols": ["primary"], "postprocess": (d) => d[0]},
    {"name": "postfix", "symbols": ["call"], "postprocess": (d) => d[0]},
    {"name": "postfix", "symbols": ["postfix", (lexer.has("dot") ? {type: "dot"} : dot), "memberName"], "postprocess": (d) => b.member(d[0], d[2])},
    {"name": "postfix", "symbols": ["postfix", (lexer.has("lbracket") ? {type: "lbracket"} : lbracket), "expr", (lexer.has("rbracket") ? {type: "rbracket"} : rbracket)], "postprocess": (d) => b.index(d[0], d[1], d[2])},
    {"name": "call", "symbols": [(lexer.has("ident") ? {type: "ident"} : ident), (lexer.has("lparen") ? {type: "lparen"} : lparen), "args", (lexer.has("rparen") ? {type: "rparen"} : rparen)], "postprocess": (d) => b.call(d[0], d[2])},
    {"name": "call", "symbols": ["postfix", (lexer.has("dot") ? {type: "dot"} : dot), "memberName", (lexer.has("lparen") ? {type: "lparen"} : lparen), "args", (lexer.has("rparen") ? {type: "rparen"} : rparen)], "postprocess": (d) => b.methodCall(d[0], d[2], d[4])},
    {"name": "args", "symbols": [], "postprocess": () => b.none()},
    {"name": "args", "symbols": ["argList"], "postprocess": (d) => d[0]},
    {"name": "argList", "symbols": ["expr"], "postprocess": (d) => b.one(d[0])},
    {"name": "argList", "symbols": ["argList", (lexer.has("comma") ? {type: "comma"} : comma), "expr"], "postprocess": (d) => b.push(d[0], d[2])},
    {"name": "primary", "symbols": [(lexer.has("number") ? {type: "number"} : number)], "postprocess": (d) => b.number(d[0])},
    {"name": "primary", "symbols": ["string"], "postprocess": (d) => d[0]},
    {"name": "primary", "symbols": [(lexer.has("kw_true") ? {type: "kw_true"} : kw_true)], "postprocess": (d) => b.bool(d[0])},
    {"name": "primary", "symbols": [(lexer.has("kw_false") ? {type: "kw_false"} : kw_false)], "postprocess": (d) => b.bool(d[0])},
    {"name": "primary", "symbols": [(lexer.has("ident") ? {type: "ident"} : ident)], "postprocess": (d) => b.variable(d[0])},
    {"name": "primary", "symbols": [(lexer.has("globalIdent") ? {type: "globalIdent"} : globalIdent)], "postprocess": (d) => b.globalVariable(d[0])},
    {"name": "primary", "symbols": [(lexer.has("lparen") ? {type: "lparen"} : lparen), "expr", (lexer.has("rparen") ? {type: "rparen"} : rparen)], "postprocess": (d) => d[1]},
    {"name": "memberName", "symbols": [(lexer.has("ident") ? {type: "ident"} : ident)], "postprocess": (d) => d[0]},
    {"name": "memberName", "symbols": [(lexer.has("dollarIdent") ? {type: "dollarIdent"} : dollarIdent)], "postprocess": (d) => d[0]},
    {"name": "memberName", "symbols": [(lexer.has("anyKeyword") ? {type: "anyKeyword"} : anyKeyword)], "postprocess": (d) => d[0]},
    {"name": "string", "symbols": [(lexer.has("strOpen") ? {type: "strOpen"} : strOpen), "stringParts", (lexer.has("strClose") ? {type: "strClose"} : strClose)], "postprocess": (d) => b.string(d[0], d[1], d[2])},
    {"name": "string", "symbols": [(lexer.has("estrOpen") ? {type: "estrOpen"} : estrOpen), "escapeParts", (lexer.has("strClose") ? {type: "strClose"} : strClose)], "postprocess": (d) => b.string(d[0], d[1], d[2])},
    {"name": "string", "symbols": [(lexer.has("dateOpen") ? {type: "dateOpen"} : dateOpen), "stringParts", (lexer.has("strClose") ? {type: "strClose"} : strClose)], "postprocess": (d) => b.string(d[0], d[1], d[2])},
    {"name": "stringParts", "symbols": [], "postprocess": () => b.none()},
    {"name": "stringParts", "symbols": ["stringParts", "stringPart"], "postprocess": (d) => b.push(d[0], d[1])},
    {"name": "escapeParts", "symbols": [], "postprocess": () => b.none()},
    {"name": "escapeParts", "symbols": ["escapeParts", "stringPart"], "postprocess": (d) => b.push(d[0], d[1])},
    {"name": "escapeParts", "symbols": ["escapeParts", (lexer.has("escape") ? {type: "escape"} : escape)], "postprocess": (d) => b.push(d[0], b.escapePart(d[1]))},
    {"name": "stringPart", "symbols": [(lexer.has("text") ? {type: "text"} : text)], "postprocess": (d) => b.textPart(d[0])},
    {"name": "stringPart", "symbols": [(lexer.has("interpOpen") ? {type: "interpOpen"} : interpOpen), "expr", (lexer.has("interpClose") ? {type: "interpClose"} : interpClose)], "postprocess": (d) => d[1]}
  ],
  ParserStart: "program",
};

export default grammar;
