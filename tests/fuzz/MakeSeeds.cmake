# Writes the seed corpora: seeds/check/ holds every .sla file of the
# repository; seeds/eval/ the first rows of each example stream's data, with
# the two selector bytes of EvalFuzzer.cpp in front (target index, format
# bit, evaluation instant).
file(REMOVE_RECURSE ${SEEDS})
file(MAKE_DIRECTORY ${SEEDS}/check ${SEEDS}/eval)
file(GLOB_RECURSE sla_files ${SOURCE_DIR}/examples/*.sla ${SOURCE_DIR}/tests/*.sla
  ${SOURCE_DIR}/stdlib/*.sla)
set(index 0)
foreach(file ${sla_files})
  configure_file(${file} ${SEEDS}/check/seed-${index}.sla COPYONLY)
  math(EXPR index "${index} + 1")
endforeach()

# Target index (EvalFuzzer.cpp kTargets) and data file.
set(streams
  "0:examples/data/msp-support/tickets-2026-q1.csv"
  "1:examples/data/saas-with-ola/cases-2026-04-05.csv"
  "2:examples/data/distributor/deliveries-2026-q2.csv"
  "3:examples/data/distributor/requests-2026-q2.csv"
  "5:examples/data/cloud-availability/requests-2026-03.csv")
foreach(entry ${streams})
  string(REGEX REPLACE ":.*" "" target "${entry}")
  string(REGEX REPLACE "^[0-9]+:" "" path "${entry}")
  if(NOT EXISTS ${SOURCE_DIR}/${path})
    continue()
  endif()
  file(STRINGS ${SOURCE_DIR}/${path} rows LIMIT_COUNT 40)
  list(JOIN rows "\n" text)
  foreach(instant 0 1 2 3)
    # string(ASCII) cannot write a zero byte: the selectors are taken modulo
    # 6 and 4, so target + 6 and instant + 4 select the same.
    math(EXPR first "${target} + 6")
    math(EXPR second "${instant} + 4")
    string(ASCII ${first} ${second} selector)
    file(WRITE ${SEEDS}/eval/seed-${target}-${instant}.csv "${selector}${text}\n")
  endforeach()
endforeach()
