#include "calendar/Calendar.h"
