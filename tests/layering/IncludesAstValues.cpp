#include "ast/Values.h"
