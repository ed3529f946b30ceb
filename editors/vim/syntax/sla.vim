" Vim syntax file
" Language: SLA (Service Level Agreements, slac)
" The same categories as editors/vscode/syntaxes/sla.tmLanguage.json.
if exists('b:current_syntax')
  finish
endif

syn keyword slaInclude import as
syn keyword slaDeclaration calendar holidays service agreement test enum stream let metric
      \ objective remedy nextgroup=slaDeclName skipwhite
syn match slaDeclName '\<[A-Za-z_][A-Za-z0-9_]*\>' contained
syn keyword slaOperatorWord and or not is set in
syn keyword slaFunction count ratio sum mean min max percentile downtime uptime approx slices elapsed deadline
syn keyword slaKeyword zone always closed open window business at where match missing good bad
      \ provider customer effective to fee per review revision every supports during outside excluding
      \ over rolling when no data on below above credit bonus breach cap credits terminate
      \ consecutive day days week weeks month months quarter quarters year years expect from for
      \ format local csv separator decimal ignoring case currency
syn keyword slaType bool int number percent duration time date money string
syn keyword slaBoolean true false
syn keyword slaStatus met breached
syn keyword slaWeekday mon tue wed thu fri sat sun

" Literals, longest first: a date-time before a date before a number.
syn match slaNumber '\<\d\+\(\.\d\+\)\=\>'
syn match slaDuration '\<\(\d\+\(\.\d\+\)\=\(us\|ms\|s\|m\|h\|d\|w\)\)\+\>'
syn match slaPercent '\<\d\+\(\.\d\+\)\=%'
syn match slaMoney '\<\d\+\(\.\d\+\)\=[ \t]\+[A-Z]\{3}\>'
syn match slaTime '\<\d\{1,2}:\d\d\>'
syn match slaPeriod '\<\d\{4}-\(Q[1-4]\|\d\d\)\>'
syn match slaDate '\<\d\{4}-\d\d-\d\d\>'
syn match slaDateTime '\<\d\{4}-\d\d-\d\dT\d\d:\d\d\(:\d\d\(\.\d\+\)\=\)\=\(Z\|[+-]\d\d:\d\d\)'

syn match slaEscape '\\.' contained
syn region slaString start='"' skip='\\.' end='"\|$' contains=slaEscape oneline
syn keyword slaTodo TODO FIXME XXX contained
syn match slaLineComment '//.*$' contains=slaTodo
syn region slaBlockComment start='/\*' end='\*/' contains=slaTodo

hi def link slaInclude Include
hi def link slaDeclaration Structure
hi def link slaDeclName Identifier
hi def link slaOperatorWord Operator
hi def link slaFunction Function
hi def link slaKeyword Keyword
hi def link slaType Type
hi def link slaBoolean Boolean
hi def link slaStatus Constant
hi def link slaWeekday Constant
hi def link slaNumber Number
hi def link slaDuration Number
hi def link slaPercent Number
hi def link slaMoney Number
hi def link slaTime Constant
hi def link slaPeriod Constant
hi def link slaDate Constant
hi def link slaDateTime Constant
hi def link slaEscape SpecialChar
hi def link slaString String
hi def link slaTodo Todo
hi def link slaLineComment Comment
hi def link slaBlockComment Comment

let b:current_syntax = 'sla'
