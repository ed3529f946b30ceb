/* Compiled by the system C compiler for KernelObjectTest.cpp: a small
   object whose code needs every kind of section and relocation a kernel
   object holds. */

/* Undefined: R_X86_64_64 (large model) or R_X86_64_PLT32 (small) against
   symbols the test resolves. */
extern long sample_first(long);
extern long sample_second(long, long);

/* Read-only data, reached through the .rodata section symbol. */
static const long kTable[8] = {3, 1, 4, 1, 5, 9, 2, 6};
/* Writable: one zero-filled (.bss, NOBITS), one with a value (.data). */
static long counter;
static long accumulated = 100;

long sample_calls(long x) {
  return sample_first(x) + sample_second(x, 2);
}

/* Cases different enough that the compiler makes a jump table: addresses
   in .rodata relocated against the code's section symbol. */
long sample_switch(int k, long x) {
  switch (k) {
  case 0:
    return x + 11;
  case 1:
    return x * 23;
  case 2:
    return x - 37;
  case 3:
    return x ^ 41;
  case 4:
    return x << 3;
  case 5:
    return x / 67;
  case 6:
    return x % 71;
  case 7:
    return ~x;
  case 8:
    return x | 97;
  case 9:
    return x & 101;
  default:
    return -1;
  }
}

long sample_table(unsigned i) {
  return kTable[i & 7];
}

long sample_count(long by) {
  accumulated += by;
  return ++counter * 1000 + accumulated;
}
