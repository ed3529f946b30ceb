#include "check/CheckModules.h"
