# CarrierSim simulator image (ARCHITECTURE §8).
#
# No BuildKit-only syntax: Debian's docker.io (20.10) builds this with its legacy builder,
# which builds every stage up to --target in order. That is why the FIRST stage is the one
# CI builds (`--target prebuilt`) from a self-contained publish output, with no SDK image:
#
#   dotnet publish simulator/CarrierSim.Cli -c Release -r linux-x64 --self-contained -o artifacts/publish
#   docker build --target prebuilt --build-arg RUNTIME_IMAGE=carriersim-base:bookworm -t carriersim:ci .
#
# A plain `docker build -t carriersim .` on a machine with registry access builds from
# source in the SDK stage and runs on the runtime-deps image (final stage).
#
# Run it with an admin token: bound to 0.0.0.0 the simulator refuses to start without one,
# so that the control plane is not open to the network.
#
#   docker run --rm -p 8080:8080 -e CarrierSim__AdminToken=change-me-to-a-long-secret carriersim
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0

# --- prebuilt: packages an existing self-contained publish output (CI, offline) ---
FROM ${RUNTIME_IMAGE} AS prebuilt
WORKDIR /app
# The wildcard lets a legacy-builder `docker build .` (which builds this stage too) pass when
# artifacts/publish does not exist; .dockerignore is listed only so that the source list is
# never empty. BuildKit skips this stage altogether for the final target.
COPY .dockerignore artifacts/publis[h] /app/
# Workstation GC: a simulator in a test container should stay small rather than scale out.
ENV CarrierSim__BindAddress=0.0.0.0 \
    CarrierSim__Port=8080 \
    HOME=/tmp \
    DOTNET_gcServer=0
# 1654 is the non-root "app" user of the .NET images; a numeric id needs no passwd entry,
# so it works on the minimal CI base image too.
USER 1654:1654
EXPOSE 8080
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=3 \
    CMD ["/app/carrier-sim", "health", "--url", "http://127.0.0.1:8080"]
ENTRYPOINT ["/app/carrier-sim"]
CMD ["serve"]

# --- build: compiles the CLI from source ---
FROM ${SDK_IMAGE} AS build
# The CLI's `verify` command binds the Pact engine, which the build restores with npm
# (contracts/native, pinned by its package-lock.json); flock comes with util-linux.
RUN apt-get update \
    && apt-get install -y --no-install-recommends npm util-linux \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY contracts/ contracts/
COPY simulator/ simulator/
RUN dotnet publish simulator/CarrierSim.Cli/CarrierSim.Cli.csproj -c Release -r linux-x64 --self-contained -o /out

# --- runtime: the image a plain `docker build .` produces ---
FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /out/ /app/
ENV CarrierSim__BindAddress=0.0.0.0 \
    CarrierSim__Port=8080 \
    HOME=/tmp \
    DOTNET_gcServer=0
USER 1654:1654
EXPOSE 8080
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=3 \
    CMD ["/app/carrier-sim", "health", "--url", "http://127.0.0.1:8080"]
ENTRYPOINT ["/app/carrier-sim"]
CMD ["serve"]
