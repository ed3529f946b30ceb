#!/bin/sh
# Usage: generate.sh [DIRECTORY]
# Writes the cloud-availability fixture into DIRECTORY (default: next to this
# script, where the example's test block reads it; see README.md):
#   probes-2026-q1.csv    three locations probing every minute of Q1 2026
#                         (Berlin time), all fine except a 40-minute outage
#                         on Tuesday 10 March 14:05-14:45 CET;
#   requests-2026-03.csv  a request every 30 s from Tuesday 24 March until
#                         1 April 00:00 CEST, with three server errors.
# Deterministic; POSIX sh and awk only (mawk or gawk).
set -eu
out=${1:-$(dirname "$0")}
mkdir -p "$out"

awk 'BEGIN {
  start = 1767222000                 # 2026-01-01T00:00:00+01:00
  end = 1774994400                   # 2026-04-01T00:00:00+02:00
  outage_from = 1773148200           # 2026-03-10T14:05:00+01:00
  outage_to = 1773150600             # 2026-03-10T14:45:00+01:00
  split("fra ams par", location, " ")
  print "t,location,ok,rtt"
  for (minute = start; minute < end; minute += 60)
    for (i = 1; i <= 3; i++) {
      t = minute + (i - 1) * 20
      down = t >= outage_from && t < outage_to
      printf "%d,%s,%s,%d\n", t, location[i], down ? "false" : "true",
        down ? 10000 : 18 + (t / 20) % 37
    }
}' > "$out/probes-2026-q1.csv"

awk '
# Howard Hinnant: days since 1970-01-01 -> civil date.
function civil(days,    z, era, doe, yoe, doy, mp) {
  z = days + 719468
  era = int((z >= 0 ? z : z - 146096) / 146097)
  doe = z - era * 146097
  yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
  year = yoe + era * 400
  doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
  mp = int((5 * doy + 2) / 153)
  day = doy - int((153 * mp + 2) / 5) + 1
  month = mp < 10 ? mp + 3 : mp - 9
  if (month <= 2) year++
}
function rfc3339(t,    days, rest) {
  days = int(t / 86400); rest = t - days * 86400
  civil(days)
  return sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
                 int(rest / 3600), int(rest % 3600 / 60), rest % 60)
}
BEGIN {
  start = 1774306800                 # 2026-03-24T00:00:00+01:00
  end = 1774994400                   # 2026-04-01T00:00:00+02:00
  split("/ /login /account /search /orders", paths, " ")
  print "t,path,status,timed_out,latency"
  n = 0
  for (t = start; t < end; t += 30) {
    n++
    status = 200
    if (n == 1001 || n == 9001 || n == 17001) status = 503
    # 1 request in 100 is slow (850 ms); the rest take 60-245 ms.
    latency = n % 100 == 0 ? 850 : 60 + (n * 37) % 186
    printf "%s,%s,%d,false,%d\n", rfc3339(t), paths[n % 5 + 1], status, latency
  }
}' > "$out/requests-2026-03.csv"
