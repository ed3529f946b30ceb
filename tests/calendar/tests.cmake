slac_test(calendar_tests
  SOURCES
    calendar/CalendarTestSupport.cpp
    calendar/BruteForceCalendar.cpp
    calendar/FormatInstantTest.cpp
    calendar/NamedCasesTest.cpp
    calendar/PropertyTest.cpp
  # date's own zones are the brute force's, apart from the engine's.
  DEPS slac_calendar slac_parse date::date-tz)

slac_test(calendar_cli_tests
  SOURCES calendar/CliPropertyTest.cpp calendar/BruteForceCalendar.cpp
  DEPS slac_lower slac_calendar date::date-tz)
add_dependencies(calendar_cli_tests slac)
