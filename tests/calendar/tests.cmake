slac_test(calendar_tests
  SOURCES
    calendar/CalendarTestSupport.cpp
    calendar/BruteForceCalendar.cpp
    calendar/FormatInstantTest.cpp
    calendar/NamedCasesTest.cpp
    calendar/PropertyTest.cpp
  DEPS slac_calendar slac_parse)

slac_test(calendar_cli_tests
  SOURCES calendar/CliPropertyTest.cpp calendar/BruteForceCalendar.cpp
  DEPS slac_lower slac_calendar)
add_dependencies(calendar_cli_tests slac)
