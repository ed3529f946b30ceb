#!/usr/bin/env python3
"""What a change to a kernel's machine code would gain, before changing the
code generator (docs/performance.md, "fourteenth session"): the kernel of
one stream, as `slac compile FILE --emit=asm` prints it and edited by hand
(an instruction dropped, a check removed; the answers may be wrong, only
the time counts), assembled with llvm-mc and put in place of the compiled
kernel in a copy of the kernel cache, whose kernels an engine_benchmark run
links without compiling (runtime/jit/KernelCache.h). The benchmark then
runs with the compiled kernels and with the edited one, alternated, seven
repetitions each, and prints the least and the median of every run.

  kernel-what-if.py BUILD BENCHMARK EDITED.s [--stream N] [--rounds R]
  e.g. slac compile examples/msp-support.sla --emit=asm > msp.s
       (edit msp.s; with several streams, keep the module of the one edited)
       kernel-what-if.py build 'BM_Tickets/tickets:1000000/jit:1' msp.s

Assembling the unedited text gives the compiled kernel byte for byte (the
compiler prints its assembly from the same machine code), so the edit is
the only difference.
"""
import argparse
import json
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import zlib

MAGIC = b'slacks03'  # runtime/jit/KernelCache.cpp: kMagic


def read_cache_file(path):
    """The key and, per stream, [function, interpreted, instructions, object]."""
    data = open(path, 'rb').read()
    if not (data.startswith(MAGIC) and data.endswith(MAGIC)):
        sys.exit(f'{path}: not a kernel cache file of this version')
    content = data[:-(4 + len(MAGIC))]
    offset = len(MAGIC)

    def number():
        nonlocal offset
        value = struct.unpack_from('<Q', content, offset)[0]
        offset += 8
        return value

    def text():
        nonlocal offset
        size = number()
        value = content[offset:offset + size]
        offset += size
        return value

    key = text()
    streams = [[text(), text(), number(), text()] for _ in range(number())]
    return key, streams


def write_cache_file(path, key, streams):
    def text(value):
        return struct.pack('<Q', len(value)) + value
    content = MAGIC + text(key) + struct.pack('<Q', len(streams))
    for function, interpreted, instructions, code in streams:
        content += text(function) + text(interpreted) + struct.pack('<Q', instructions) + text(code)
    with open(path, 'wb') as out:
        out.write(content + struct.pack('<I', zlib.crc32(content)) + MAGIC)


def timed(benchmark, name, cache):
    run = subprocess.run([benchmark, f'--benchmark_filter={name}', '--benchmark_repetitions=7',
                          '--benchmark_format=json'],
                         check=True, capture_output=True, text=True,
                         env=dict(os.environ, SLAC_CACHE_DIR=cache))
    return sorted(entry['real_time'] for entry in json.loads(run.stdout)['benchmarks']
                  if entry.get('run_type') == 'iteration')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('build')
    parser.add_argument('benchmark')
    parser.add_argument('edited')
    parser.add_argument('--stream', type=int, default=0)
    parser.add_argument('--rounds', type=int, default=4)
    options = parser.parse_args()
    benchmark = os.path.join(os.path.abspath(options.build), 'bench', 'engine_benchmark')
    with tempfile.TemporaryDirectory() as work:
        compiled = os.path.join(work, 'compiled')
        edited = os.path.join(work, 'edited')
        # The cache only links files its user alone may write.
        os.mkdir(compiled, 0o700)
        subprocess.run([benchmark, f'--benchmark_filter={options.benchmark}',
                        '--benchmark_min_time=0.0001'], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=dict(os.environ, SLAC_CACHE_DIR=compiled))
        files = os.listdir(compiled)
        if len(files) != 1:
            sys.exit(f'expected one kernel cache file, found {files}')
        shutil.copytree(compiled, edited)
        os.chmod(edited, 0o700)
        path = os.path.join(edited, files[0])
        key, streams = read_cache_file(path)
        if not streams[options.stream][0]:
            sys.exit(f'stream {options.stream} has no compiled kernel')
        code = os.path.join(work, 'edited.o')
        subprocess.run(['llvm-mc-19', '-filetype=obj', '-triple=x86_64-unknown-linux-gnu',
                        options.edited, '-o', code], check=True)
        streams[options.stream][3] = open(code, 'rb').read()
        write_cache_file(path, key, streams)
        medians = {'compiled': [], 'edited': []}
        for _ in range(options.rounds):
            for name, cache in (('compiled', compiled), ('edited', edited)):
                times = timed(benchmark, options.benchmark, cache)
                medians[name].append(statistics.median(times))
                print(f'{name:8} least {times[0]:.2f} median {statistics.median(times):.2f} ms')
        # A kernel that cannot be linked is compiled anew and stored over it.
        if read_cache_file(path)[1][options.stream][3] != open(code, 'rb').read():
            sys.exit('the edited kernel was not linked (compiled anew): see `slac eval --verbose`')
        compiled_median = statistics.median(medians['compiled'])
        edited_median = statistics.median(medians['edited'])
        print(f'median of the medians: compiled {compiled_median:.2f}, edited {edited_median:.2f} '
              f'ms ({edited_median / compiled_median - 1:+.1%})')


if __name__ == '__main__':
    main()
