#include "jit/JitLoader.h"
