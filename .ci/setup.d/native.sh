# The launcher's native (ahead-of-time compiled) build of the CLI: .NET's native compiler links with clang and zlib.
pkgs+=(clang zlib1g-dev)
