"""Run every benchmark under bench/ (each module with a main()) and print its figures."""

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["pages", "feed", "chat", "vacancies"]


def main():
    sys.path.insert(0, str(HERE))
    for name in sys.argv[1:] or BENCHMARKS:
        print(f"\n== bench/{name}.py")
        importlib.import_module(name).main()


if __name__ == "__main__":
    main()
