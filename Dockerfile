# API and CPU worker image (TorchSharp-cpu). The same image runs either: the entrypoint picks the project.
FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev patchelf binutils nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish Prebias.Api -c Release -o /app/api && dotnet publish Prebias.Workers -c Release -o /app/workers

FROM mcr.microsoft.com/dotnet/aspnet:10.0-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends sentencepiece && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
WORKDIR /app
