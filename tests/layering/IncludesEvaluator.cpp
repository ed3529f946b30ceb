#include "eval/Evaluator.h"
