#include "jit/JitCompiler.h"
