#!/usr/bin/env python3
"""The containers of docker-compose.yml as `docker run` arguments, for machines without Docker Compose v2.

scripts/container-smoke.sh starts the stack with `docker compose up` when Compose v2 is there, and else with the
arguments this prints, so both ways read the same file and cannot drift. It reads what compose reads: the compose files
in order (later ones merged over earlier ones; `!reset` drops a key; other tags are refused), variables from an env file with ${VAR},
${VAR:-default} and ${VAR:?message} interpolated, and YAML merge keys. A service key it does not know stops it, so a
new setting in docker-compose.yml cannot be silently left out of the smoke test.

    compose-docker-run.py --project P --env-file .env -f docker-compose.yml [-f more.yml] run SERVICE
        docker run's arguments for SERVICE (what follows `docker run`), each ended by a NUL byte
    compose-docker-run.py ... volumes SERVICE...
        the named volumes the services mount, as docker names them (P_name), one per line
    compose-docker-run.py ... network
        the project's network (P_default)

Containers, volumes and the network carry Compose's labels (com.docker.compose.project, .service), so the same
cleanup finds them whichever way they were started. Needs python3-yaml (Debian) or PyYAML.
"""
import argparse
import os
import re
import shlex
import sys

import yaml

INTERPOLATION = re.compile(
    r"\$\$|\$\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)")

# The service keys this translation carries over; 'build' and 'depends_on' are the caller's (it builds the image and
# starts services in dependency order).
KNOWN_KEYS = {"image", "build", "command", "environment", "ports", "volumes", "depends_on", "healthcheck", "deploy",
              "stop_grace_period", "restart", "profiles"}


class Reset:
    """A `!reset` node: the key is dropped from the merged service."""


class Loader(yaml.SafeLoader):
    pass


Loader.add_constructor("!reset", lambda loader, node: Reset())


def read_env_file(path):
    values = {}
    with open(path, encoding="utf-8") as env:
        for raw in env:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, _, value = line.removeprefix("export ").partition("=")
            value = value.strip()
            if len(value) >= 2 and value[0] in "'\"" and value[-1] == value[0]:
                value = value[1:-1]
            elif " #" in value:
                value = value[:value.index(" #")].rstrip()
            values[key.strip()] = value
    return values


def interpolate(node, variables):
    if isinstance(node, dict):
        return {key: interpolate(value, variables) for key, value in node.items()}
    if isinstance(node, list):
        return [interpolate(value, variables) for value in node]
    if not isinstance(node, str):
        return node

    def replace(match):
        if match.group(0) == "$$":
            return "$"
        name = match.group("braced") or match.group("bare")
        op, argument = match.group("op") or "", match.group("arg") or ""
        present = name in variables
        value = variables.get(name, "")
        if op == ":-":
            return value if value else argument
        if op == "-":
            return value if present else argument
        if op in (":?", "?") and (not value if op == ":?" else not present):
            sys.exit(f"compose-docker-run: {name}: {argument or 'required'}")
        return value

    return INTERPOLATION.sub(replace, node)


def merge(base, override):
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Reset):
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load(files, variables):
    model = {}
    for path in files:
        with open(path, encoding="utf-8") as compose:
            model = merge(model, yaml.load(compose, Loader=Loader) or {})
    return interpolate(model, variables)


def text(value):
    return str(value).lower() if isinstance(value, bool) else str(value)


def environment(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, os.environ.get(item, "")) for item in env)
    return {key: "" if value is None else text(value) for key, value in env.items()}


def seconds(duration):
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", str(duration))
    if not match or not any(match.groups()):
        sys.exit(f"compose-docker-run: unreadable duration {duration}")
    hours, minutes, secs = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + secs


def volume_name(project, name):
    return f"{project}_{name}"


def mounts(model, service_name, project, base_dir):
    """(docker -v argument, named volume or None) per volume entry of the service."""
    declared = model.get("volumes") or {}
    for entry in model["services"][service_name].get("volumes") or []:
        if not isinstance(entry, str):
            sys.exit(f"compose-docker-run: service {service_name}: only short volume syntax is translated ({entry})")
        source, _, rest = entry.partition(":")
        if source in declared:
            yield f"{volume_name(project, source)}:{rest}", source
        elif source.startswith((".", "/", "~")):
            host = os.path.normpath(os.path.join(base_dir, os.path.expanduser(source)))
            yield f"{host}:{rest}", None
        else:
            sys.exit(f"compose-docker-run: service {service_name}: volume {source} is not declared")


def run_arguments(model, name, project, base_dir):
    service = model["services"][name]
    unknown = set(service) - KNOWN_KEYS
    if unknown:
        sys.exit(f"compose-docker-run: service {name} uses {', '.join(sorted(unknown))}, which this translation does "
                 "not carry over; teach scripts/compose-docker-run.py what docker run does with it")
    args = ["--detach", "--name", f"{project}-{name}-1",
            "--network", f"{project}_default", "--network-alias", name,
            "--label", f"com.docker.compose.project={project}", "--label", f"com.docker.compose.service={name}"]
    for key, value in environment(service).items():
        args += ["--env", f"{key}={value}"]
    for port in service.get("ports") or []:
        args += ["--publish", str(port)]
    for volume, _ in mounts(model, name, project, base_dir):
        args += ["--volume", volume]
    if health := service.get("healthcheck"):
        test = health["test"]
        command = test[1] if test[0] == "CMD-SHELL" else shlex.join(test[1:]) if test[0] == "CMD" else test
        args += ["--health-cmd", command]
        for key, flag in (("interval", "--health-interval"), ("timeout", "--health-timeout"),
                          ("retries", "--health-retries"), ("start_period", "--health-start-period")):
            if key in health:
                args += [flag, str(health[key])]
    for device in (((service.get("deploy") or {}).get("resources") or {}).get("reservations") or {}).get("devices") or []:
        if device.get("driver") == "nvidia" and "gpu" in device.get("capabilities", []):
            args += ["--gpus", str(device.get("count", "all"))]
    if "stop_grace_period" in service:
        args += ["--stop-timeout", str(seconds(service["stop_grace_period"]))]
    if "restart" in service:
        args += ["--restart", service["restart"]]
    args.append(service["image"])
    command = service.get("command") or []
    args += shlex.split(command) if isinstance(command, str) else [text(part) for part in command]
    return args


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", required=True)
    parser.add_argument("--env-file", required=True)
    parser.add_argument("-f", "--file", dest="files", action="append", required=True)
    parser.add_argument("what", choices=["run", "volumes", "network"])
    parser.add_argument("services", nargs="*")
    options = parser.parse_args()

    variables = {**read_env_file(options.env_file), **os.environ}
    model = load(options.files, variables)
    base_dir = os.path.dirname(os.path.abspath(options.files[0]))
    if options.what == "network":
        print(f"{options.project}_default")
    elif options.what == "volumes":
        names = {named for service in options.services
                 for _, named in mounts(model, service, options.project, base_dir) if named}
        print("\n".join(volume_name(options.project, name) for name in sorted(names)))
    else:
        [service] = options.services
        sys.stdout.write("\0".join(run_arguments(model, service, options.project, base_dir)) + "\0")


if __name__ == "__main__":
    main()
