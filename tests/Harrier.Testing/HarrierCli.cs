namespace Harrier.Testing;

/// <summary>
/// The command line that starts the CLI under test as a child process: <c>dotnet harrier.dll</c> (the build beside
/// the test assembly), or, when HARRIER_EXE names an executable, that executable. `.ci/run` runs the CLI tests a
/// second time with HARRIER_EXE set to the launcher's build (<c>.build/cli/harrier</c>, the native one where clang is
/// installed), so what users run is what the tests check.
/// </summary>
public static class HarrierCli
{
    /// <summary>The program and the arguments before the CLI's own.</summary>
    public static IReadOnlyList<string> Command { get; } = Find();

    /// <summary>Which build the tests run: the HARRIER_EXE path, or "harrier.dll".</summary>
    public static string Describe => string.Join(' ', Command);

    static string[] Find()
    {
        if (Environment.GetEnvironmentVariable("HARRIER_EXE") is { Length: > 0 } exe)
            return File.Exists(exe) ? [Path.GetFullPath(exe)] : throw new InvalidOperationException($"HARRIER_EXE={exe}: no such file");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p : "dotnet";
        return [dotnet, Path.Combine(AppContext.BaseDirectory, "harrier.dll")];
    }
}
