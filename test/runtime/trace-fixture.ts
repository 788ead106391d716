// A run that gives every kind of trace event: a subscript, a spawned run, a
// snippet error, a DDO, a bad date, secrets by name (`pin`, with redact) and
// by form (a URL password). Shared by the tests of the kept trace, the events
// and the trace writers.
export const TRACED_MAIN = `script Main
start: BEGIN { Parameters = [who] } -> greet
greet: ASSIGN "Greet" { Variable = greeting  Value = "hi {who}"  SaveToDB = true } -> secret
secret: ASSIGN { Variable = pin  Value = "4711" } -> url
url: ASSIGN { Variable = link  Value = "https://ada:pw@example.com/x?token=abc" } -> call
call: RUNSUB { ScriptName = "Sub"  Parameters = ["{greeting}"]  ReturnVariable = answer }
  -> spawn
  OnError -> done
spawn: SPAWN { ScriptName = "Child" } -> fail
fail: SNIPPET {
  TRACE "about to fail {pin}"
  DYNAMIC d
  d.list[1] = "a"
  d.list[2] = 2
  x = 1 / 0
}
  Error -> date
  Default -> date
date: ASSIGN { Variable = when  Value = "not a date"  Type = Datetime } -> again
again: ASSIGN { Variable = greeting  Value = "hi {who}"  SaveToDB = true } -> done
done: END
`;
export const TRACED_SUB = `script Sub
start: BEGIN { Parameters = [text] } -> back
back: RETURN { ReturnValue = "{text}!" }
`;
export const TRACED_CHILD = `script Child
start: BEGIN -> done
done: END
`;
