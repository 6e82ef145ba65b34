# ResNetService: one image for every role (api, worker, or all in one process).
#
#   docker build -t resnetservice:cpu .                                  # libtorch for CPU (~0.6 GB of natives)
#   docker build -t resnetservice:cuda --build-arg TORCH_BACKEND=cuda .  # libtorch 2.10 + CUDA 12.8 (several GB)
#
#   docker run -p 8080:8080 -v resnet-data:/data resnetservice:cpu                 # API and worker in one process
#   docker run ... resnetservice:cuda --role worker    (or -e Role=worker)         # only the training worker
#
# The base images are arguments, for a registry mirror or an air-gapped site (deploy/README.md, "Base images"):
#   docker build --build-arg SDK_IMAGE=mirror.example.com/dotnet/sdk:10.0-noble \
#                --build-arg RUNTIME_IMAGE=mirror.example.com/dotnet/aspnet:10.0-noble -t resnetservice:cpu .
# Plain Dockerfile syntax: it builds with BuildKit and with the legacy builder (DOCKER_BUILDKIT=0) alike.
#
# The cuda variant needs nothing in the image beyond the TorchSharp-cuda-linux packages: they carry libtorch with the
# CUDA runtime libraries it was built with (cudart, cuBLAS, cuDNN, ...). The host needs an NVIDIA driver that supports
# CUDA 12.8 and the NVIDIA Container Toolkit, which mounts the driver (libcuda) into the container at run time.
# See deploy/README.md. scripts/container-smoke.sh builds and runs it (with local stand-ins for the base images where no
# registry is reachable).

ARG DOTNET_VERSION=10.0
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-noble
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble

# ---------------------------------------------------------------------------------------------------------------------
FROM ${SDK_IMAGE} AS build
# cpu: libtorch-cpu-linux-x64; cuda: TorchSharp-cuda-linux (libtorch 2.10, CUDA 12.8). Checked by src/Model.
ARG TORCH_BACKEND=cpu
WORKDIR /src

# Restore from the project files alone, so a code change does not download libtorch again: the restore's layer stays
# cached until a project file or Directory.*.props changes.
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY src/Directory.Build.props src/
COPY build/ build/
COPY src/Model/ResNetService.Model.csproj src/Model/
COPY src/Training/ResNetService.Training.csproj src/Training/
COPY src/Api/ResNetService.Api.csproj src/Api/
RUN dotnet restore src/Api/ResNetService.Api.csproj -p:TorchBackend=${TORCH_BACKEND}

COPY src/ src/
# The publish also marks libLibTorchSharp.so's GLIBCXX_3.4.32 requirement weak (build/LibTorchSharpGlibcxxFix.targets);
# harmless here, since Ubuntu 24.04's libstdc++ has that version anyway.
RUN dotnet publish src/Api/ResNetService.Api.csproj -c Release --no-restore \
        -p:TorchBackend=${TORCH_BACKEND} -p:UseAppHost=false -o /app

# ---------------------------------------------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE} AS runtime
ARG TORCH_BACKEND=cpu
LABEL org.opencontainers.image.title="ResNetService" \
      org.opencontainers.image.description="Trains pre-activation ResNets on your images and serves them" \
      io.resnetservice.torch-backend="${TORCH_BACKEND}"

# ASPNETCORE_HTTP_PORTS is already 8080 in the base image; set again so the port is stated where it is exposed.
# NVIDIA_DRIVER_CAPABILITIES: what the NVIDIA Container Toolkit mounts when the container gets a GPU (ignored otherwise).
# ASPNETCORE_TEMP: ASP.NET buffers large multipart uploads to disk before the endpoint reads them; on the data volume
# (the app's own tmp/ folder there), not in the container's writable layer.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_TEMP=/data/tmp \
    Storage__DataRoot=/data \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility

# The data root belongs to the image's non-root user 'app' ($APP_UID, 1654); a new named volume mounted on /data takes
# this owner. A bind mount or NFS export must be writable by that UID.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data

WORKDIR /app
COPY --from=build /app ./

USER $APP_UID
VOLUME ["/data"]
EXPOSE 8080

# The runtime image has no curl or wget: bash's /dev/tcp sends a plain HTTP request, so nothing is installed for it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "port=${ASPNETCORE_HTTP_PORTS:-8080}; port=${port%%[;,]*}; exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# The role comes from the environment (Role=api|worker|all) or the command line (--role api|worker|all); unset: all.
ENTRYPOINT ["dotnet", "ResNetService.dll"]
