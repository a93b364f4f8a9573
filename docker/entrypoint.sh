#!/bin/sh
# Entry point of the Sluice container images (see docs/deployment.md). Which process to run comes
# from SLUICE_ROLE (or the first argument), the rest from environment variables and the
# configuration file, so that one image serves every role and an orchestrator only sets variables:
#
#   SLUICE_ROLE         application | taskmanager | jobmanager (a session cluster's JobManager)
#   SLUICE_JOB          application: the job file (.ts/.js) to run
#   SLUICE_JOB_ARGS     application: arguments for the job's definition (split at spaces)
#   SLUICE_PARALLELISM  application: default parallelism (-p)
#   SLUICE_JOBMANAGER   taskmanager: HOST:PORT of the JobManager's RPC endpoint (ignored with HA)
#   SLUICE_SLOTS        taskmanager: number of task slots
#   SLUICE_CONFIG       the configuration file (read by sluice itself)
#   SLUICE_PROPERTIES   configuration lines "key: value", one per line, applied over the file
#   SLUICE_HOST         the address other processes reach this container at (e.g. the pod IP);
#                       becomes jobmanager.rpc.address or taskmanager.host
#   SLUICE_HOME         where sluice is installed (default /opt/sluice)
#
# Further arguments are passed on to sluice (e.g. -D key=value, which wins over SLUICE_PROPERTIES).
# The script execs node, so that the process gets the orchestrator's SIGTERM and shuts down cleanly.
set -eu

SLUICE_HOME="${SLUICE_HOME:-/opt/sluice}"
role="${SLUICE_ROLE:-}"
case "${1:-}" in
  application|taskmanager|jobmanager) role="$1"; shift ;;
esac
if [ -z "$role" ]; then
  echo "sluice-entrypoint: set SLUICE_ROLE to application, taskmanager or jobmanager" >&2
  exit 2
fi

# The command line is assembled in "$@" (the only array POSIX sh has), so that values with spaces
# survive: the arguments given to the container first, then everything derived from the
# environment; the given arguments are moved back to the end at last, where they win.
given=$#

case "$role" in
  application)
    if [ -z "${SLUICE_JOB:-}" ]; then
      echo "sluice-entrypoint: SLUICE_JOB must name the job file of the application" >&2
      exit 2
    fi
    set -- "$@" application "$SLUICE_JOB"
    # Word splitting of the job's arguments is intended here; globbing is not.
    set -f
    # shellcheck disable=SC2086
    [ -n "${SLUICE_JOB_ARGS:-}" ] && set -- "$@" $SLUICE_JOB_ARGS
    set +f
    [ -n "${SLUICE_PARALLELISM:-}" ] && set -- "$@" -p "$SLUICE_PARALLELISM"
    [ -n "${SLUICE_HOST:-}" ] && set -- "$@" -D "jobmanager.rpc.address=$SLUICE_HOST"
    ;;
  jobmanager)
    set -- "$@" jobmanager
    [ -n "${SLUICE_HOST:-}" ] && set -- "$@" -D "jobmanager.rpc.address=$SLUICE_HOST"
    ;;
  taskmanager)
    set -- "$@" taskmanager
    [ -n "${SLUICE_JOBMANAGER:-}" ] && set -- "$@" --jobmanager "$SLUICE_JOBMANAGER"
    [ -n "${SLUICE_SLOTS:-}" ] && set -- "$@" --slots "$SLUICE_SLOTS"
    [ -n "${SLUICE_HOST:-}" ] && set -- "$@" -D "taskmanager.host=$SLUICE_HOST"
    ;;
  *)
    echo "sluice-entrypoint: unknown SLUICE_ROLE \"$role\" (expected application, taskmanager or jobmanager)" >&2
    exit 2
    ;;
esac

# SLUICE_PROPERTIES: one "key: value" per line (Flink's FLINK_PROPERTIES); blank lines and # comments skipped.
if [ -n "${SLUICE_PROPERTIES:-}" ]; then
  old_ifs=$IFS
  IFS='
'
  set -f
  for line in $SLUICE_PROPERTIES; do
    IFS=$old_ifs
    trimmed=$(printf '%s' "$line" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
    case "$trimmed" in
      ''|'#'*) ;;
      *:*)
        key=$(printf '%s' "$trimmed" | sed 's/[[:space:]]*:.*$//')
        value=$(printf '%s' "$trimmed" | sed 's/^[^:]*:[[:space:]]*//')
        set -- "$@" -D "$key=$value"
        ;;
      *)
        echo "sluice-entrypoint: SLUICE_PROPERTIES: expected \"key: value\", got \"$trimmed\"" >&2
        exit 2
        ;;
    esac
  done
  IFS=$old_ifs
  set +f
fi

# Move the container's own arguments behind the derived ones.
i=0
while [ "$i" -lt "$given" ]; do
  arg=$1
  shift
  set -- "$@" "$arg"
  i=$((i + 1))
done

exec node "$SLUICE_HOME/bin/sluice.js" "$@"
