#!/usr/bin/env python3
"""The instructions a kernel executes per record, instruction by instruction
(docs/performance.md, "thirteenth session"): one iteration of an
engine_benchmark workload under callgrind (`--dump-instr=yes`), the
kernels' code bytes from the jitdump the JIT writes when SLAC_PERF_JITDUMP
names a directory (runtime/jit/PerfJitDump.h; written for kernels linked
from the kernel cache, so the workload runs once first to fill one),
disassembled with objdump
at the address they ran at. callgrind counts exactly (this machine has no
hardware counters) and does not move from run to run.

Prints, per kernel that ran: the instructions, stores and loads it
executed per record (a memory destination is a store, read-modify-writes
included; a memory source a load, by objdump's AT&T operands), then each
instruction executed at least --least times per record, with its count
per record. The kernel's own instructions only: the calls it makes (the
core, the calendars) are not counted in.

With --hand, the same for a function of a hand-written program (the
practical limit, bench/engine/HandWritten*.cpp), run once under
callgrind from the source directory (as the benchmark is, so relative
paths in COMMAND are from there); HAND_RECORDS is per call of FUNCTION.

With --mca, also the cycles per record that llvm-mca's model of this
processor gives the record's common path: the instructions executed at
least --hot times per record, in address order, without the jumps, as
one block repeated (docs/performance.md, "fourteenth session"). A model,
not a measurement, but one that does not move; it ranked the tickets'
kernels and hand-written loop as the benchmark does, not the cloud's.

usage: kernel-instructions.py BUILD_DIR BENCHMARK RECORDS [--least X] [--mca]
           [--hand FUNCTION HAND_RECORDS -- COMMAND...]
  e.g. kernel-instructions.py build 'BM_Tickets/tickets:1000000/jit:1' 1000000 --mca
           --hand evaluate 1000000 -- build/bench/hand_written_tickets
           build/bench-data/tickets-1000000.csv 1775001600
"""
import argparse
import collections
import os
import re
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))

JIT_CODE_LOAD = 0


def kernels_of(jitdump):
    """name -> (address, code bytes), from a jitdump file's code loads."""
    data = open(jitdump, 'rb').read()
    header_size = struct.unpack_from('<III', data, 0)[2]
    kernels = {}
    offset = header_size
    while offset < len(data):
        record, size = struct.unpack_from('<II', data, offset)
        if record == JIT_CODE_LOAD:
            address, code_size = struct.unpack_from('<QQ', data, offset + 32)
            name_start = offset + 56
            name_end = data.index(b'\0', name_start)
            name = data[name_start:name_end].decode()
            kernels[name] = (address, data[name_end + 1:name_end + 1 + code_size])
        offset += size
    return kernels


def executed(callgrind_out, key_of):
    """For the functions key_of names (by callgrind's name -> a key, or
    None): key -> Counter of Ir by instruction address, and key -> calls."""
    keys = {}  # callgrind's function id -> key, for the wanted ones
    counts = collections.defaultdict(collections.Counter)
    calls = collections.Counter()
    function = callee = None
    position = 0
    cost_of_call = False
    for line in open(callgrind_out):
        # A function's name is given once, where its id first appears
        # (compressed names), as the function or as a callee.
        if line.startswith(('fn=', 'cfn=')):
            match = re.match(r'c?fn=\((\d+)\)(?: (.+))?', line.rstrip('\n'))
            key = key_of(match.group(2)) if match.group(2) is not None else None
            if key is not None:
                keys[match.group(1)] = key
            if line.startswith('fn='):
                function = keys.get(match.group(1))
            else:
                callee = keys.get(match.group(1))
            continue
        if line.startswith('calls='):
            if callee is not None:
                calls[callee] += int(line.split('=')[1].split()[0])
            cost_of_call = True
            continue
        if not line[:1] or line[0] not in '0123456789+-*':
            continue
        fields = line.split()
        step = fields[0]
        if step.startswith('0x'):
            position = int(step, 16)
        elif step[0] in '+-':
            position += int(step)
        if cost_of_call:  # the callee's cost, not the function's own
            cost_of_call = False
            continue
        if function is not None and len(fields) >= 3:
            counts[function][position] += int(fields[2])  # positions: instr line
    return counts, calls


def disassembled(code, address, work):
    path = os.path.join(work, 'code.bin')
    open(path, 'wb').write(code)
    text = subprocess.run(['objdump', '-D', '-b', 'binary', '-m', 'i386:x86-64',
                           f'--adjust-vma={address:#x}', '--no-show-raw-insn', path],
                          check=True, capture_output=True, text=True).stdout
    for line in text.splitlines():
        match = re.match(r'\s+([0-9a-f]+):\s+(.*)', line)
        if match:
            yield int(match.group(1), 16), match.group(2).strip()


def memory_operands(instruction):
    """(loads, stores) of one AT&T instruction, by its memory operands."""
    parts = instruction.split(None, 1)
    mnemonic, operands = parts[0], parts[1] if len(parts) > 1 else ''
    if mnemonic.startswith(('lea', 'nop', 'j', 'call', 'ret')):
        return 0, 0
    operands = re.split(r',(?![^(]*\))', operands)
    memory = ['(' in operand for operand in operands]
    if not any(memory):
        return 0, 0
    # Compared or tested in place: read only (bt, not bts, btr or btc).
    if mnemonic.startswith(('cmp', 'test')) or mnemonic in ('bt', 'btq', 'btl', 'btw'):
        return 1, 0
    if memory[-1]:
        # A store; read-modify-write when the instruction also reads its
        # destination (all but mov and the set conditions).
        reads = 0 if mnemonic.startswith(('mov', 'set')) else 1
        return reads, 1
    return 1, 0


def modeled_cycles(rows, per_record, hot, work):
    """llvm-mca's cycles for one pass over the common path (--mca)."""
    path = os.path.join(work, 'hot.s')
    with open(path, 'w') as out:
        for at, instruction in rows:
            if per_record.get(at, 0) >= hot and not instruction.startswith('j'):
                out.write(instruction + '\n')
    iterations = 200
    text = subprocess.run(['llvm-mca-19', '-mcpu=native', f'-iterations={iterations}', path],
                          check=True, capture_output=True, text=True).stdout
    return int(re.search(r'Total Cycles:\s+(\d+)', text).group(1)) / iterations


def report(name, rows, counted, records, options, work):
    """Prints what one function executed per record; returns its modeled cycles."""
    per_record = {at: count / records for at, count in counted.items()}
    total = loads = stores = 0.0
    for at, instruction in rows:
        count = per_record.get(at, 0)
        read, written = memory_operands(instruction)
        total += count
        loads += read * count
        stores += written * count
    line = f'{name}: {total:.1f} instructions, {stores:.1f} stores, {loads:.1f} loads per record'
    cycles = None
    if options.mca:
        cycles = modeled_cycles(rows, per_record, options.hot, work)
        line += f'; llvm-mca: {cycles:.1f} cycles per record on the common path'
    print(line)
    first = min(at for at, _ in rows)
    for at, instruction in rows:
        count = per_record.get(at, 0)
        if count >= options.least:
            print(f'  {at - first:5x} {count:6.3f}  {instruction}')
    return cycles


def hand_written(options, work):
    """Runs the hand-written program once under callgrind; reports --hand's function."""
    out = os.path.join(work, 'hand.out')
    subprocess.run(['valgrind', '--tool=callgrind', '--dump-instr=yes',
                    f'--callgrind-out-file={out}'] + options.command,
                   check=True, cwd=SOURCE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wanted = options.hand[0] + '('
    counts, calls = executed(out, lambda name: name if wanted in name else None)
    if not counts:
        sys.exit(f'{options.hand[0]} did not run in {options.command[0]}')
    name, counted = max(counts.items(), key=lambda item: sum(item[1].values()))
    binary = os.path.join(SOURCE, options.command[0])  # as callgrind ran it
    text = subprocess.run(['objdump', '-d', '--no-show-raw-insn', binary],
                          check=True, capture_output=True, text=True).stdout
    rows = []
    for line in text.splitlines():
        match = re.match(r'\s+([0-9a-f]+):\s+(.*)', line)
        if match and int(match.group(1), 16) in counted:
            rows.append((int(match.group(1), 16), match.group(2).strip()))
    return report(f'{options.hand[0]} ({calls[name]} calls)', rows, counted,
                  int(options.hand[1]) * max(calls[name], 1), options, work)


def main():
    arguments = sys.argv[1:]
    command = []
    if '--' in arguments:
        command = arguments[arguments.index('--') + 1:]
        arguments = arguments[:arguments.index('--')]
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('build')
    parser.add_argument('benchmark')
    parser.add_argument('records', type=int)
    parser.add_argument('--least', type=float, default=0.05,
                        help='list instructions executed at least this many times per record')
    parser.add_argument('--mca', action='store_true',
                        help="llvm-mca's cycles per record of the common path")
    parser.add_argument('--hot', type=float, default=0.5,
                        help='the common path: instructions executed at least this many times '
                        'per record')
    parser.add_argument('--hand', nargs=2, metavar=('FUNCTION', 'RECORDS'),
                        help='also the function of the hand-written program after --, with '
                        'RECORDS per call')
    options = parser.parse_args(arguments)
    options.command = command
    if options.hand and not command:
        parser.error('--hand needs the hand-written program after --')
    benchmark = os.path.join(os.path.abspath(options.build), 'bench', 'engine_benchmark')
    with tempfile.TemporaryDirectory() as work:
        environment = dict(os.environ, SLAC_PERF_JITDUMP=work,
                           SLAC_CACHE_DIR=os.path.join(work, 'cache'))
        out = os.path.join(work, 'callgrind.out')
        run = [benchmark, f'--benchmark_filter={options.benchmark}', '--benchmark_min_time=0.0001']
        # Once to fill the kernel cache: kernels linked from it are the ones
        # written to the jitdump. Under callgrind too, whose processor is
        # neither the host's nor valgrind's other tools' (the cache's key
        # names the processor).
        subprocess.run(['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null'] + run,
                       check=True, cwd=SOURCE, env=environment, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        subprocess.run(['valgrind', '--tool=callgrind', '--dump-instr=yes',
                        f'--callgrind-out-file={out}'] + run,
                       check=True, cwd=SOURCE, env=environment, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        dumps = [name for name in os.listdir(work) if name.startswith('jit-')]
        if not dumps:
            sys.exit('no jitdump written: did the benchmark compile a kernel?')
        kernels = kernels_of(os.path.join(work, dumps[0]))
        addresses = {f'0x{address:016x}': address for address, _ in kernels.values()}
        counts, _ = executed(out, addresses.get)
        kernel_cycles = None
        for name, (address, code) in sorted(kernels.items()):
            if address in counts:
                rows = list(disassembled(code, address, work))
                cycles = report(name, rows, counts[address], options.records, options, work)
                kernel_cycles = (kernel_cycles or 0) + (cycles or 0)
        if options.hand:
            hand_cycles = hand_written(options, work)
            if options.mca and hand_cycles:
                print(f'llvm-mca: kernels / hand-written = {kernel_cycles / hand_cycles:.2f}')


if __name__ == '__main__':
    main()
