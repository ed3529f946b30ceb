slac_test(calendar_tests
  SOURCES
    calendar/CalendarTestSupport.cpp
    calendar/BruteForceCalendar.cpp
    calendar/NamedCasesTest.cpp
    calendar/PropertyTest.cpp
  DEPS slac_calendar slac_parse)
