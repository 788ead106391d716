# The `.script` grammar (spec/script-format.md). Meaning lives elsewhere:
# every postprocessor is a one-line call into src/parse/builders.ts. The lexer
# (script-lexer.ts) has already dropped whitespace and comments and turned each
# SNIPPET body into one %snippet token. Lists are left-recursive (nearley's
# :* lists are quadratic). `action`, `header` and `studio` are also used as
# start rules when the loader parses a file piece by piece.
@preprocessor typescript
@{%
import { lexer } from './script-lexer.js';
import * as b from '../src/parse/builders.js';
%}
@lexer lexer

file        -> header actions                                      {% b.file %}
             | header actions studio                               {% b.fileWithStudio %}
actions     -> null                                                {% b.emptyList %}
             | actions action                                      {% b.append %}

header      -> "script" name                                       {% b.header %}
             | "script" name "type" name                           {% b.headerWithType %}

action      -> label ":" typeWords version caption props branches  {% b.action %}
             | label ":" %snippetKw caption propList %snippet branches {% b.snippetAction %}

typeWords   -> %upper                                              {% b.firstItem %}
             | typeWords %upper                                    {% b.append %}
version     -> null                                                {% b.nothing %}
             | %version                                            {% b.version %}
caption     -> null                                                {% b.nothing %}
             | string                                              {% b.first %}

props       -> null                                                {% b.nothing %}
             | "{" propSeq "}"                                     {% b.body %}
propSeq     -> null                                                {% b.emptyList %}
             | propSeq prop                                        {% b.append %}
propList    -> null                                                {% b.emptyList %}
             | "(" propCommas ")"                                  {% b.second %}
propCommas  -> prop                                                {% b.firstItem %}
             | propCommas "," prop                                 {% b.appendThird %}
prop        -> name "=" value                                      {% b.prop %}

value       -> string                                              {% b.first %}
             | %number                                             {% b.number %}
             | word                                                {% b.wordValue %}
             | %path                                               {% b.path %}
             | "[" "]"                                             {% b.emptyValueList %}
             | "[" items "]"                                       {% b.valueList %}
items       -> value                                               {% b.firstItem %}
             | items "," value                                     {% b.appendThird %}

branches    -> null                                                {% b.emptyList %}
             | branches branch                                     {% b.append %}
branch      -> "->" label                                          {% b.defaultBranch %}
             | branchName "->" label                               {% b.namedBranch %}
             | string "->" label                                   {% b.valueBranch %}
             | %number "->" label                                  {% b.valueBranch %}
branchName  -> %ident                                              {% b.word %}
             | %upper                                              {% b.word %}

studio      -> "studio" "{" studioItems "}"                       {% b.studio %}
studioItems -> null                                                {% b.emptyList %}
             | studioItems studioItem                              {% b.append %}
studioItem  -> prop                                                {% b.first %}
             | label "{" propSeq "}"                               {% b.studioEntry %}

string      -> %string                                             {% b.string %}
             | %tstring                                            {% b.tripleString %}
label       -> word                                                {% b.first %}
             | %number                                             {% b.word %}
name        -> word                                                {% b.first %}
word        -> %ident                                              {% b.word %}
             | %upper                                              {% b.word %}
             | %version                                            {% b.word %}
