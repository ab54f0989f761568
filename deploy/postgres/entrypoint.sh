#!/bin/sh
# Starts PostgreSQL in the foreground on 0.0.0.0:5432. On the first start (an empty PGDATA) it
# creates the cluster with POSTGRES_USER (default postgres) as superuser, whose password is
# POSTGRES_PASSWORD (required), and the database POSTGRES_DB (default: the user's name).
# Arguments that start with '-' are passed to the server, as with the official image.
set -eu

user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
data=${PGDATA:-/var/lib/postgresql/data}

if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
    set -- postgres "$@"
fi

if [ "$1" != postgres ]; then
    exec "$@"
fi
shift

if [ ! -s "$data/PG_VERSION" ]; then
    if [ -z "${POSTGRES_PASSWORD:-}" ]; then
        echo "carriersim-postgres: set POSTGRES_PASSWORD (network clients log in with it), e.g. -e POSTGRES_PASSWORD=change-me." >&2
        exit 1
    fi

    case "$user$database" in
        *[!A-Za-z0-9_]*)
            echo "carriersim-postgres: POSTGRES_USER and POSTGRES_DB may hold only letters, digits and '_' (got '$user', '$database')." >&2
            exit 1
            ;;
    esac

    mkdir -p "$data"
    password_file=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" > "$password_file"
    initdb --pgdata="$data" --username="$user" --pwfile="$password_file" --encoding=UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
    rm -f "$password_file"
    # initdb allows only loopback hosts; the simulator connects from other containers.
    printf 'host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' >> "$data/pg_hba.conf"

    if [ "$database" != postgres ]; then
        echo "CREATE DATABASE $database;" | postgres --single -j -D "$data" postgres >/dev/null
    fi

    echo "carriersim-postgres: created the cluster in $data (user $user, database $database)."
fi

exec postgres -D "$data" -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql "$@"
