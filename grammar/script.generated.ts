// @ts-nocheck
// Generated from grammar/script.ne by scripts/build-grammar.mjs. Do not edit.
// Generated automatically by nearley, version 2.20.1
// http://github.com/Hardmath123/nearley
// Bypasses TS6133. Allow declared but unused functions.
// @ts-ignore
function id(d: any[]): any { return d[0]; }
declare var snippetKw: any;
declare var snippet: any;
declare var upper: any;
declare var version: any;
declare var number: any;
declare var path: any;
declare var ident: any;
declare var string: any;
declare var tstring: any;

import { lexer } from './script-lexer.js';
import * as b from '../src/parse/builders.js';

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
    {"name": "file", "symbols": ["header", "actions"], "postprocess": b.file},
    {"name": "file", "symbols": ["header", "actions", "studio"], "postprocess": b.fileWithStudio},
    {"name": "actions", "symbols": [], "postprocess": b.emptyList},
    {"name": "actions", "symbols": ["actions", "action"], "postprocess": b.append},
    {"name": "header", "symbols": [{"literal":"script"}, "name"], "postprocess": b.header},
    {"name": "header", "symbols": [{"literal":"script"}, "name", {"literal":"type"}, "name"], "postprocess": b.headerWithType},
    {"name": "action", "symbols": ["label", {"literal":":"}, "typeWords", "version", "caption", "props", "branches"], "postprocess": b.action},
    {"name": "action", "symbols": ["label", {"literal":":"}, (lexer.has("snippetKw") ? {type: "snippetKw"} : snippetKw), "caption", "propList", (lexer.has("snippet") ? {type: "snippet"} : snippet), "branches"], "postprocess": b.snippetAction},
    {"name": "typeWords", "symbols": [(lexer.has("upper") ? {type: "upper"} : upper)], "postprocess": b.firstItem},
    {"name": "typeWords", "symbols": ["typeWords", (lexer.has("upper") ? {type: "upper"} : upper)], "postprocess": b.append},
    {"name": "version", "symbols": [], "postprocess": b.nothing},
    {"name": "version", "symbols": [(lexer.has("version") ? {type: "version"} : version)], "postprocess": b.version},
    {"name": "caption", "symbols": [], "postprocess": b.nothing},
    {"name": "caption", "symbols": ["string"], "postprocess": b.first},
    {"name": "props", "symbols": [], "postprocess": b.nothing},
    {"name": "props", "symbols": [{"literal":"{"}, "propSeq", {"literal":"}"}], "postprocess": b.body},
    {"name": "propSeq", "symbols": [], "postprocess": b.emptyList},
    {"name": "propSeq", "symbols": ["propSeq", "prop"], "postprocess": b.append},
    {"name": "propList", "symbols": [], "postprocess": b.emptyList},
    {"name": "propList", "symbols": [{"literal":"("}, "propCommas", {"literal":")"}], "postprocess": b.second},
    {"name": "propCommas", "symbols": ["prop"], "postprocess": b.firstItem},
    {"name": "propCommas", "symbols": ["propCommas", {"literal":","}, "prop"], "postprocess": b.appendThird},
    {"name": "prop", "symbols": ["name", {"literal":"="}, "value"], "postprocess": b.prop},
    {"name": "value", "symbols": ["string"], "postprocess": b.first},
    {"name": "value", "symbols": [(lexer.has("number") ? {type: "number"} : number)], "postprocess": b.number},
    {"name": "value", "symbols": ["word"], "postprocess": b.wordValue},
    {"name": "value", "symbols": [(lexer.has("path") ? {type: "path"} : path)], "postprocess": b.path},
    {"name": "value", "symbols": [{"literal":"["}, {"literal":"]"}], "postprocess": b.emptyValueList},
    {"name": "value", "symbols": [{"literal":"["}, "items", {"literal":"]"}], "postprocess": b.valueList},
    {"name": "items", "symbols": ["value"], "postprocess": b.firstItem},
    {"name": "items", "symbols": ["items", {"literal":","}, "value"], "postprocess": b.appendThird},
    {"name": "branches", "symbols": [], "postprocess": b.emptyList},
    {"name": "branches", "symbols": ["branches", "branch"], "postprocess": b.append},
    {"name": "branch", "symbols": [{"literal":"->"}, "label"], "postprocess": b.defaultBranch},
    {"name": "branch", "symbols": ["branchName", {"literal":"->"}, "label"], "postprocess": b.namedBranch},
    {"name": "branch", "symbols": ["string", {"literal":"->"}, "label"], "postprocess": b.valueBranch},
    {"name": "branch", "symbols": [(lexer.has("number") ? {type: "number"} : number), {"literal":"->"}, "label"], "postprocess": b.valueBranch},
    {"name": "branchName", "symbols": [(lexer.has("ident") ? {type: "ident"} : ident)], "postprocess": b.word},
    {"name": "branchName", "symbols": [(lexer.has("upper") ? {type: "upper"} : upper)], "postprocess": b.word},
    {"name": "studio", "symbols": [{"literal":"studio"}, {"literal":"{"}, "studioItems", {"literal":"}"}], "postprocess": b.studio},
    {"name": "studioItems", "symbols": [], "postprocess": b.emptyList},
    {"name": "studioItems", "symbols": ["studioItems", "studioItem"], "postprocess": b.append},
    {"name": "studioItem", "symbols": ["prop"], "postprocess": b.first},
    {"name": "studioItem", "symbols": ["label", {"literal":"{"}, "propSeq", {"literal":"}"}], "postprocess": b.studioEntry},
    {"name": "string", "symbols": [(lexer.has("string") ? {type: "string"} : string)], "postprocess": b.string},
    {"name": "string", "symbols": [(lexer.has("tstring") ? {type: "tstring"} : tstring)], "postprocess": b.tripleString},
    {"name": "label", "symbols": ["word"], "postprocess": b.first},
    {"name": "label", "symbols": [(lexer.has("number") ? {type: "number"} : number)], "postprocess": b.word},
    {"name": "name", "symbols": ["word"], "postprocess": b.first},
    {"name": "word", "symbols": [(lexer.has("ident") ? {type: "ident"} : ident)], "postprocess": b.word},
    {"name": "word", "symbols": [(lexer.has("upper") ? {type: "upper"} : upper)], "postprocess": b.word},
    {"name": "word", "symbols": [(lexer.has("version") ? {type: "version"} : version)], "postprocess": b.word}
  ],
  ParserStart: "file",
};

export default grammar;
