// Tokens of the slac SLA language (docs/language.md).
//
// The lexer never fails: every malformed spelling (an unterminated string or
// comment, a number with an unknown unit, a stray character) becomes a token
// of its own, which the parser front end turns into a diagnostic in the
// language's own words. Comments, blanks and newlines are kept on hidden
// channels so that a formatter can be written over the same token stream.
lexer grammar SlaLexer;

channels { COMMENTS, WHITESPACE }

// Keywords are lexed as names, then told apart by their spelling
// (parse::keywordOrName): as rules next to the others they made the
// lexer's DFA, which ANTLR builds afresh in each process, large enough to
// be a fifth of checking a file. Their rules are at the end, in a mode the
// lexer never enters, for their spellings; this list gives them their
// token types first, in the order of those rules, as when they came first
// (the diagnostics list expected tokens in that order).
tokens {
  IMPORT, AS, CALENDAR, HOLIDAYS, SERVICE, AGREEMENT, TEST, ZONE, ALWAYS,
  CLOSED, OPEN, WINDOW, BUSINESS, MON, TUE, WED, THU, FRI, SAT, SUN, ENUM,
  STREAM, AT, LET, METRIC, FORMAT, LOCAL, CSV, SEPARATOR, DECIMAL_MARK,
  IGNORING, CASE, CURRENCY, WHERE, MATCH, SLICES, MISSING, GOOD, BAD,
  APPROX, COUNT, RATIO, SUM, MEAN, MIN, MAX, PERCENTILE, DOWNTIME, UPTIME,
  TRUE, FALSE, AND, OR, NOT, IS, SET, IN, PROVIDER, CUSTOMER, EFFECTIVE, TO,
  FEE, PER, REVIEW, REVISION, EVERY, SUPPORTS, OBJECTIVE, DURING, OUTSIDE,
  EXCLUDING, OVER, ROLLING, WHEN, NO, DATA, MET, BREACHED, REMEDY, ON,
  BELOW, ABOVE, CREDIT, BONUS, BREACH, CAP, CREDITS, TERMINATE, CONSECUTIVE,
  ALLOW, DAY, DAYS, WEEK, WEEKS, MONTH, MONTHS, QUARTER, QUARTERS, YEAR,
  YEARS, EXPECT, FROM, FOR
}

// Literals. Order matters where two rules match the same length: a duration
// (`15m`) wins over the catch-all for numbers with an unknown unit (`5min`).
DATETIME: DATE_PART 'T' TWO_DIGITS ':' TWO_DIGITS (':' TWO_DIGITS ('.' DIGITS)?)? ('Z' | [+-] TWO_DIGITS ':' TWO_DIGITS);
DATE: DATE_PART;
TIME_OF_DAY: [0-9] [0-9]? ':' TWO_DIGITS;
MONEY: DIGITS ('.' DIGITS)? [ \t]+ [A-Z] [A-Z] [A-Z];
PERCENT: DIGITS ('.' DIGITS)? '%';
DURATION: (DIGITS ('.' DIGITS)? DURATION_UNIT)+;
DECIMAL: DIGITS '.' DIGITS;
INT: DIGITS;
NUMBER_WITH_UNKNOWN_UNIT: DIGITS ('.' DIGITS)? [a-zA-Z_] [a-zA-Z_0-9]*;

STRING: '"' (STRING_ESCAPE | ~["\\\r\n])* '"';
UNTERMINATED_STRING: '"' (STRING_ESCAPE | ~["\\\r\n])* '\\'?;

IDENT: [a-zA-Z_] [a-zA-Z_0-9]*;

// Punctuation.
LBRACE: '{';
RBRACE: '}';
LPAREN: '(';
RPAREN: ')';
COMMA: ',';
SEMI: ';';
COLON: ':';
DOT: '.';
ARROW: '=>';
EQ: '==';
NE: '!=';
LE: '<=';
GE: '>=';
LT: '<';
GT: '>';
ASSIGN: '=';
PLUS: '+';
MINUS: '-';
STAR: '*';
SLASH: '/';
QUESTION: '?';
PIPE: '|';

// Trivia.
LINE_COMMENT: '//' ~[\r\n]* -> channel(COMMENTS);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(COMMENTS);
UNTERMINATED_BLOCK_COMMENT: '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;
NEWLINE: ('\r'? '\n' | '\r') -> channel(WHITESPACE);
SPACE: [ \t\f]+ -> channel(WHITESPACE);

// Anything else is one stray character (or byte, outside ASCII).
STRAY_CHARACTER: .;

fragment DIGITS: [0-9]+;
fragment TWO_DIGITS: [0-9] [0-9];
fragment FOUR_DIGITS: [0-9] [0-9] [0-9] [0-9];
fragment DATE_PART: FOUR_DIGITS '-' TWO_DIGITS '-' TWO_DIGITS;
fragment DURATION_UNIT: 'us' | 'ms' | 's' | 'm' | 'h' | 'd' | 'w';
fragment STRING_ESCAPE: '\\' ~[\r\n];

// The keywords' token types and spellings (see above).
mode KEYWORDS;

// Declarations.
IMPORT: 'import';
AS: 'as';
CALENDAR: 'calendar';
HOLIDAYS: 'holidays';
SERVICE: 'service';
AGREEMENT: 'agreement';
TEST: 'test';

// Calendars.
ZONE: 'zone';
ALWAYS: 'always';
CLOSED: 'closed';
OPEN: 'open';
WINDOW: 'window';
BUSINESS: 'business';
MON: 'mon';
TUE: 'tue';
WED: 'wed';
THU: 'thu';
FRI: 'fri';
SAT: 'sat';
SUN: 'sun';

// Services.
ENUM: 'enum';
STREAM: 'stream';
AT: 'at';
LET: 'let';
METRIC: 'metric';
// How a stream's data is written (docs/data.md).
FORMAT: 'format';
LOCAL: 'local';
CSV: 'csv';
SEPARATOR: 'separator';
DECIMAL_MARK: 'decimal';
IGNORING: 'ignoring';
CASE: 'case';
CURRENCY: 'currency';

// Expressions.
WHERE: 'where';
MATCH: 'match';
SLICES: 'slices';
MISSING: 'missing';
GOOD: 'good';
BAD: 'bad';
APPROX: 'approx';
COUNT: 'count';
RATIO: 'ratio';
SUM: 'sum';
MEAN: 'mean';
MIN: 'min';
MAX: 'max';
PERCENTILE: 'percentile';
DOWNTIME: 'downtime';
UPTIME: 'uptime';
TRUE: 'true';
FALSE: 'false';
AND: 'and';
OR: 'or';
NOT: 'not';
IS: 'is';
SET: 'set';
IN: 'in';

// Agreements.
PROVIDER: 'provider';
CUSTOMER: 'customer';
EFFECTIVE: 'effective';
TO: 'to';
FEE: 'fee';
PER: 'per';
REVIEW: 'review';
REVISION: 'revision';
EVERY: 'every';
SUPPORTS: 'supports';
OBJECTIVE: 'objective';
DURING: 'during';
OUTSIDE: 'outside';
EXCLUDING: 'excluding';
OVER: 'over';
ROLLING: 'rolling';
WHEN: 'when';
NO: 'no';
DATA: 'data';
MET: 'met';
BREACHED: 'breached';
REMEDY: 'remedy';
ON: 'on';
BELOW: 'below';
ABOVE: 'above';
CREDIT: 'credit';
BONUS: 'bonus';
BREACH: 'breach';
CAP: 'cap';
CREDITS: 'credits';
TERMINATE: 'terminate';
CONSECUTIVE: 'consecutive';
ALLOW: 'allow';
DAY: 'day';
DAYS: 'days';
WEEK: 'week';
WEEKS: 'weeks';
MONTH: 'month';
MONTHS: 'months';
QUARTER: 'quarter';
QUARTERS: 'quarters';
YEAR: 'year';
YEARS: 'years';

// Tests.
EXPECT: 'expect';
FROM: 'from';
FOR: 'for';
