// Syntax of the slac SLA language (docs/language.md).
//
// Newlines are not significant; every item starts with a keyword, so items
// need no separators. Words that are keywords in one place (`customer`,
// `count`, `day`, ...) stay usable as names everywhere else: see `ident`.
// Semantic restrictions (which names exist, types, units, ranges) are the
// checker's; this grammar only fixes shape.
parser grammar SlaParser;

options { tokenVocab = SlaLexer; }

file: declaration* EOF;

declaration
  : importDecl
  | calendarDecl
  | holidaysDecl
  | serviceDecl
  | agreementDecl
  | testDecl
  ;

importDecl: IMPORT (qualifiedName | STRING) (AS ident)?;

qualifiedName: ident (DOT ident)*;

title: STRING;

// ---------------------------------------------------------------- calendars

calendarDecl: CALENDAR ident title? LBRACE calendarItem* RBRACE;

calendarItem
  : ZONE STRING                                          # zoneItem
  | ALWAYS                                               # alwaysItem
  | weekdays timeInterval (COMMA timeInterval)*          # weeklyHoursItem
  | CLOSED closedEntry (COMMA closedEntry)*              # closedItem
  | OPEN DATE timeInterval (COMMA timeInterval)*         # openDateItem
  | WINDOW DATETIME TO DATETIME                          # windowItem
  | (WINDOW | CLOSED) FROM STRING                        # calendarFileItem
  | BUSINESS DAY ASSIGN DURATION                         # businessDayItem
  ;

weekdays: weekdayRange (COMMA weekdayRange)*;
weekdayRange: weekday (MINUS weekday)?;
weekday: MON | TUE | WED | THU | FRI | SAT | SUN;
timeInterval: TIME_OF_DAY MINUS TIME_OF_DAY;
closedEntry
  : DATE (TO DATE)?                                      # closedDates
  | qualifiedName                                        # closedHolidays
  ;

holidaysDecl: HOLIDAYS ident title? LBRACE holiday* RBRACE;
holiday: DATE STRING?;

// ---------------------------------------------------------------- services

serviceDecl: SERVICE ident title? LBRACE serviceItem* RBRACE;

serviceItem
  : enumDecl
  | streamDecl
  | letDecl
  | metricDecl
  ;

// `enum Priority ignoring case { urgent = "Urgent" | "P1 - Urgent", low }`:
// a case may list the spellings that stand for it in the data.
enumDecl: ENUM ident (IGNORING CASE)? LBRACE enumCase (COMMA enumCase)* COMMA? RBRACE;
enumCase: ident (ASSIGN STRING (PIPE STRING)*)?;

// The zone of local times is in the header: as a body item after a field it
// would read as that field's own `local in`. `at T` makes an event stream
// (a record is an instant), `from S to E` an interval stream (a record
// covers the time from S to E, E unset while it lasts).
streamDecl: STREAM ident (AT ident | FROM ident TO ident) localZone? LBRACE streamItem* RBRACE;

streamItem
  : fieldDecl
  | letDecl
  | csvDialect
  ;

// `csv separator ";" decimal ","`: how the stream's CSV files are written.
csvDialect: CSV (SEPARATOR STRING)? (DECIMAL_MARK STRING)?;

// `local in "Europe/Berlin"`: the zone of times written without an offset.
localZone: LOCAL IN STRING;

// `opened: time from "Created" format "%d/%b/%y %I:%M %p" local in "Europe/Berlin"`:
// options in any order, each at most once (the AST builder says so).
// `refund: money EUR?`: a money field names its currency after the type,
// the `?` after both; `money? EUR` is parsed to be refused with a fix-it.
// The code is a bare IDENT (three capitals, the checker says), never a
// keyword, so that `from` after a type stays an option.
fieldDecl: ident COLON ident early=QUESTION? currency=IDENT? late=QUESTION? fieldOption* (COMMA | SEMI)?;

fieldOption
  : FROM STRING                                          # columnOption
  | CURRENCY STRING                                      # currencyColumnOption
  | AS ident                                             # asOption
  | FORMAT STRING                                        # timeFormatOption
  | localZone                                            # localZoneOption
  ;

letDecl: LET ident ASSIGN expr;

metricDecl: METRIC ident title? ASSIGN expr;

// ---------------------------------------------------------------- expressions

// Alternatives are listed from the tightest binding to the loosest.
expr
  : primary                                              # primaryExpr
  | expr DOT ident                                       # memberExpr
  | MINUS expr                                           # negateExpr
  | expr op=(STAR | SLASH) expr                          # multiplicativeExpr
  | expr op=(PLUS | MINUS) expr                          # additiveExpr
  | expr op=(LT | LE | GT | GE | EQ | NE) expr           # comparisonExpr
  | expr IS NOT? SET                                     # isSetExpr
  | NOT expr                                             # notExpr
  | expr AND expr                                        # andExpr
  | expr OR expr                                         # orExpr
  ;

primary
  : literal                                              # literalPrimary
  | aggregateFunction APPROX? LPAREN aggregateSource (COMMA expr)* RPAREN  # aggregatePrimary
  | SLICES LPAREN expr RPAREN (MISSING (GOOD | BAD))?    # slicesPrimary
  | callee LPAREN (callArgument (COMMA callArgument)*)? RPAREN  # callPrimary
  | MATCH expr LBRACE matchArm (COMMA matchArm)* COMMA? RBRACE  # matchPrimary
  | ident                                                # namePrimary
  | LPAREN expr RPAREN                                   # parenPrimary
  ;

aggregateFunction: COUNT | RATIO | SUM | MEAN | MIN | MAX | PERCENTILE | DOWNTIME | UPTIME;
aggregateSource: expr (WHERE expr)?;
// Not the soft keywords of `ident`: `ratio(probe where ok` must read as an
// aggregate alone, never as a call whose argument is clock pauses.
callee: IN | IDENT;

// `status_change where status == waiting on ticket == key`: the clock
// pauses of `elapsed`, read from another stream (the checker says where it
// may stand).
callArgument
  : ident WHERE expr ON expr                             # pausesArgument
  | expr                                                 # plainArgument
  ;
matchArm: ident (PIPE ident)* ARROW expr;

literal
  : INT BUSINESS (DAY | DAYS)                            # businessDaysLiteral
  | INT                                                  # intLiteral
  | DECIMAL                                              # decimalLiteral
  | PERCENT                                              # percentLiteral
  | DURATION                                             # durationLiteral
  | MONEY                                                # moneyLiteral
  | DATE                                                 # dateLiteral
  | DATETIME                                             # dateTimeLiteral
  | STRING                                               # stringLiteral
  | (TRUE | FALSE)                                       # boolLiteral
  ;

// ---------------------------------------------------------------- agreements

agreementDecl: AGREEMENT ident title? (SUPPORTS qualifiedName)? LBRACE agreementItem* RBRACE;

agreementItem
  : PROVIDER STRING                                      # providerItem
  | CUSTOMER STRING                                      # customerItem
  | EFFECTIVE DATE TO DATE                               # effectiveItem
  | ZONE STRING                                          # agreementZoneItem
  | FEE feeAmount PER INT? periodUnit                    # feeItem
  | REVIEW EVERY INT periodUnit                          # reviewItem
  | WHEN NO DATA noDataPolicy                            # noDataItem
  | objectiveDecl                                        # objectiveItem
  | remedyDecl                                           # remedyItem
  | capDecl                                              # capItem
  | terminateDecl                                        # terminateItem
  | acknowledgement                                      # allowItem
  | revisionDecl                                         # revisionItem
  ;

// `revision amendment_1 "Amendment 1" from 2026-07-01 { ... }`: the terms in
// force from a date. Its body takes the agreement's items; the checker says
// which of them a revision may restate.
revisionDecl: REVISION ident title? FROM DATE LBRACE agreementItem* RBRACE;

// `allow E0508 "as signed: 2019 terms"`: the parties accept a finding of
// the checker about the agreement, objective or remedy that holds it.
acknowledgement: ALLOW ident STRING;

objectiveDecl: OBJECTIVE ident title? COLON expr objectiveClause*;

objectiveClause
  : DURING qualifiedName                                 # duringClause
  | OUTSIDE qualifiedName                                # outsideClause
  | EXCLUDING qualifiedName                              # excludingClause
  | OVER period                                          # overClause
  | PER ident (COMMA ident)*                             # perClause
  | WHEN NO DATA noDataPolicy                            # noDataClause
  | acknowledgement                                      # allowClause
  ;

// `fee 12000.00 EUR`, or a fee per customer class:
// `fee match tier { gold => 5000.00 EUR, silver => 2000.00 EUR }`.
feeAmount
  : MONEY                                                # fixedFee
  | MATCH ident LBRACE matchArm (COMMA matchArm)* COMMA? RBRACE  # feeByClass
  ;

noDataPolicy: MET | BREACHED;

period
  : periodUnit                                           # calendarPeriod
  | ROLLING DURATION                                     # rollingPeriod
  ;

periodUnit: DAY | DAYS | WEEK | WEEKS | MONTH | MONTHS | QUARTER | QUARTERS | YEAR | YEARS;

remedyDecl: REMEDY ident title? ON ident LBRACE remedyRule* RBRACE;

remedyRule
  : tierBound expr (AND tierBound expr)? payout expr     # tierRule
  | PER BREACH payout expr                               # perBreachRule
  | CAP expr                                             # remedyCapRule
  | acknowledgement                                      # allowRule
  ;

tierBound
  : BELOW                                                # belowBound
  | AT OR BELOW                                          # atOrBelowBound
  | ABOVE                                                # aboveBound
  | AT OR ABOVE                                          # atOrAboveBound
  ;

payout: CREDIT | BONUS;

capDecl: CAP CREDITS expr (PER periodUnit)?;

terminateDecl: TERMINATE WHEN ident BREACHED INT CONSECUTIVE periodUnit;

// ---------------------------------------------------------------- tests

testDecl: TEST STRING LBRACE testItem* RBRACE;

testItem
  : DATA qualifiedName FROM STRING                       # dataItem
  | AT DATETIME                                          # atItem
  | EXPECT qualifiedName (FOR STRING)? (IN periodLiteral)? comparison=(EQ | NE | LT | LE | GT | GE) expr  # expectItem
  ;

// `2026-03-15`, `2026-03`, `2026-Q1`, `2026`. Months and quarters are read
// here rather than by the lexer, so that `1000-10` stays a subtraction.
periodLiteral: DATE | INT (MINUS (INT | ident))?;

// Keywords that may still be used as names. Operators and the words that
// start an expression form (`match`, `slices`, `not`, `true`, ...) are not.
ident
  : IDENT
  | AS | ZONE | ALWAYS | CLOSED | OPEN | WINDOW | BUSINESS
  | MON | TUE | WED | THU | FRI | SAT | SUN
  | ENUM | STREAM | AT | LET | METRIC
  | FORMAT | LOCAL | CSV | SEPARATOR | DECIMAL_MARK | IGNORING | CASE | CURRENCY
  | MISSING | GOOD | BAD | APPROX | COUNT | RATIO | SUM | MEAN | MIN | MAX | PERCENTILE | SET
  | DOWNTIME | UPTIME
  | PROVIDER | CUSTOMER | EFFECTIVE | TO | FEE | PER | REVIEW | REVISION | EVERY | SUPPORTS | OBJECTIVE
  | DURING | OUTSIDE | EXCLUDING | OVER | ROLLING | WHEN | NO | DATA | MET | BREACHED
  | REMEDY | ON | BELOW | ABOVE | CREDIT | BONUS | BREACH | CAP | CREDITS | TERMINATE | CONSECUTIVE
  | ALLOW
  | DAY | DAYS | WEEK | WEEKS | MONTH | MONTHS | QUARTER | QUARTERS | YEAR | YEARS
  | EXPECT | FROM | FOR
  | IMPORT | CALENDAR | HOLIDAYS | SERVICE | AGREEMENT | TEST
  ;
