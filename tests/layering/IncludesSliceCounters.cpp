#include "eval/SliceCounters.h"
