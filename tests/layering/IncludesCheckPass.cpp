#include "check/NameResolution.h"
