#include "compile/Compile.h"
