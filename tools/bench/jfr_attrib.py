"""Shares of a JFR recording's training-thread samples ("main"), by the two innermost zoo4j/DL4J frames and the top
frame (the native call where time is spent, e.g. dnnl_primitive_execute or an ND4J op). Input: `jfr print --events
jdk.ExecutionSample,jdk.NativeMethodSample --stack-depth 40 FILE`. Usage: jfr_attrib.py SAMPLES.txt [DEPTH] [TOP]"""
import collections
import re
import sys


def main():
    text = open(sys.argv[1]).read()
    depth = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    top_n = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    combos = collections.Counter()
    total = 0
    for event in re.split(r'\njdk\.(?:Execution|NativeMethod)Sample', text):
        if 'sampledThread = "main"' not in event:
            continue
        frames = re.findall(r'^\s+([\w.$]+)\(', event.split('stackTrace = [', 1)[-1], re.M)
        if not frames:
            continue
        total += 1
        owners = [f for f in frames if re.match(r'org\.(zoo4j|deeplearning4j)\.', f)][:depth]
        short = lambda f: '.'.join(f.rsplit('.', 2)[-2:])  # noqa: E731
        combos[(' < '.join(map(short, owners)), short(frames[0]))] += 1
    print(f"{total} samples of the training thread")
    for (owner, top), n in combos.most_common(top_n):
        print(f"{100.0 * n / total:5.1f}%  {owner:80s} {top}")


if __name__ == "__main__":
    main()
