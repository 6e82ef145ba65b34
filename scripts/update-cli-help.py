#!/usr/bin/env python3
"""Rewrites every `--help` block of docs/cli.md with what the built executable prints today
(CliDocTests fails when they differ). Build first: dotnet build src/Api -c Release."""
import pathlib, re, subprocess, sys

root = pathlib.Path(__file__).resolve().parent.parent
doc = root / "docs/cli.md"
dll = root / "src/Api/bin/Release/net10.0/ResNetService.dll"
prefix = "$ dotnet run --project src/Api -c Release -- "
block = re.compile(r"```text\n" + re.escape(prefix) + r"(?P<args>[^\n]*--help)\n(?P<output>(?:(?!```).)*?)\n```", re.S)

def current(match):
    args = match.group("args").split()
    output = subprocess.run(["dotnet", str(dll), *args], capture_output=True, text=True, check=True).stdout
    lines = "\n".join(line.rstrip() for line in output.strip("\n").split("\n"))
    return f"```text\n{prefix}{match.group('args')}\n{lines}\n```"

text = doc.read_text()
updated = block.sub(current, text)
doc.write_text(updated)
print("docs/cli.md help blocks " + ("updated" if updated != text else "already current"), file=sys.stderr)
